/**
 * The one definition of what a valid cell is. `columnRule` derives a rule from the schema; from it
 * come both the data-validation rules Sheets enforces on user edits (`sheetValidationRules`) and
 * the checks the add-on runs itself (`validateRecord`: the form, import, audit), because script
 * writes bypass Sheets validation.
 *
 * Parsing is explicit, never locale-guessed: numbers are digits with an optional '.' decimal
 * point and optional ',' thousands separators ("1,234.50"; "1.234,50" is refused); dates are
 * Date cells or YYYY-MM-DD text; booleans are TRUE/FALSE, yes/no, 是/否, 1/0. Full-width digits and
 * letters are folded before parsing in every structured column (never in free text).
 */
import { Locale, MessageKey, t, tDynamic } from '../../i18n';
import {
  dayNumberToCivil,
  dayNumberToDate,
  parseIsoDay,
  zonedTimeToInstant,
  cellText,
  foldWidth,
} from '../shared';
import { normalizeEmail, RoleEntry } from '../roles';
import {
  CellValue,
  ColumnDef,
  CUSTOMER_ID_PATTERN,
  SheetKey,
  SHEETS,
  listSetting,
  SettingsMap,
  withDefaults,
} from '../schema';

/** The most characters a Google Sheets cell holds. */
export const MAX_CELL_CHARS = 50000;

/**
 * Phone numbers: an optional leading +, then 6 to 20 digits separated by spaces, dashes or
 * parentheses. RE2 (REGEXMATCH) and JavaScript read this source the same way.
 */
export const PHONE_PATTERN = '^\\+?[ ()\\-]*([0-9][ ()\\-]*){6,20}$';
const PHONE_RE = new RegExp(PHONE_PATTERN);
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?$/;
const DATETIME_RE =
  /^(\d{4}-\d{1,2}-\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export type RuleKind =
  | 'text'
  | 'id'
  | 'reference'
  | 'email'
  | 'activeEmail'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'nonNegative'
  | 'rating'
  | 'percent'
  | 'boolean'
  | 'list';

export interface ColumnRule {
  sheetKey: SheetKey;
  columnKey: string;
  kind: RuleKind;
  required: boolean;
  /** for 'list': the settings key holding the allowed values */
  listSetting?: string;
}

/** Columns whose e-mail must be an active user of the roles sheet. */
const ACTIVE_EMAIL_COLUMNS: Partial<Record<SheetKey, string[]>> = { customers: ['owner'] };

/** Columns the add-on fills for a new record, so the form and import may leave them blank. */
const ASSIGNED_ON_CREATE: Partial<Record<SheetKey, string[]>> = {
  customers: ['id', 'createdAt', 'updatedAt'],
};

export function isAssignedOnCreate(sheetKey: SheetKey, columnKey: string): boolean {
  return !!ASSIGNED_ON_CREATE[sheetKey]?.includes(columnKey);
}

export function columnRule(sheetKey: SheetKey, col: ColumnDef): ColumnRule {
  const base = { sheetKey, columnKey: col.key, required: !!col.required };
  switch (col.type) {
    case 'id':
      return { ...base, kind: col.references ? 'reference' : 'id' };
    case 'email':
      return { ...base, kind: ACTIVE_EMAIL_COLUMNS[sheetKey]?.includes(col.key) ? 'activeEmail' : 'email' };
    case 'number':
    case 'money':
      return { ...base, kind: 'nonNegative' };
    case 'list':
      return { ...base, kind: 'list', listSetting: col.listSetting };
    default:
      return { ...base, kind: col.type };
  }
}

export function columnRules(sheetKey: SheetKey): ColumnRule[] {
  return SHEETS[sheetKey].columns.map((c) => columnRule(sheetKey, c));
}

// ---------------------------------------------------------------------------------------------
// Checks run by the add-on

export interface ValidationContext {
  locale: Locale;
  timeZone: string;
  /** settings with defaults applied (dropdown lists) */
  settings: SettingsMap;
  /** normalized e-mails of active roles entries; absent: owners are checked for form only */
  activeEmails?: ReadonlySet<string>;
  /** ids of existing customers; absent: references are checked for form only */
  customerIds?: ReadonlySet<string>;
}

export function validationContext(args: {
  locale: Locale;
  timeZone: string;
  settings: SettingsMap;
  roles?: RoleEntry[];
  customerIds?: Iterable<string>;
}): ValidationContext {
  return {
    locale: args.locale,
    timeZone: args.timeZone,
    settings: withDefaults(args.settings),
    activeEmails: args.roles ? new Set(args.roles.filter((r) => r.active).map((r) => r.email)) : undefined,
    customerIds: args.customerIds
      ? new Set(Array.from(args.customerIds, (id) => id.trim().toUpperCase()))
      : undefined,
  };
}

export type IssueCode =
  | 'required'
  | 'tooLong'
  | 'email'
  | 'owner'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'number'
  | 'nonNegative'
  | 'integer'
  | 'rating'
  | 'percent'
  | 'boolean'
  | 'list'
  | 'id'
  | 'reference';

export interface ValidationIssue {
  columnKey: string;
  code: IssueCode;
  /** localized, names the column by its label */
  message: string;
}

export interface ValidatedRecord {
  /** every column of the sheet: parsed values ready for setValues ('' blank); invalid cells as given */
  values: Record<string, CellValue>;
  issues: ValidationIssue[];
}

type Parsed = { value: CellValue } | { code: IssueCode; params?: Record<string, string> };

const MESSAGE_KEYS = {
  required: 'validation.required',
  tooLong: 'validation.tooLong',
  email: 'validation.email',
  owner: 'validation.owner',
  phone: 'validation.phone',
  date: 'validation.date',
  datetime: 'validation.datetime',
  number: 'validation.number',
  nonNegative: 'validation.nonNegative',
  integer: 'validation.integer',
  rating: 'validation.rating',
  percent: 'validation.percent',
  boolean: 'validation.boolean',
  list: 'validation.list',
  id: 'validation.id',
  reference: 'validation.reference',
} as const satisfies Record<IssueCode, MessageKey>;

export function columnLabel(locale: Locale, sheetKey: SheetKey, columnKey: string): string {
  return tDynamic(locale, `col.${sheetKey}.${columnKey}`);
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Short, one-line form of a value for a message. */
function shown(v: unknown): string {
  const s = cellText(v).replace(/\s+/g, ' ');
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

/** Parses a number explicitly: "1,234.50", "1234.5", "-3", ".5"; never "1.234,50" or "1e5". */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = foldWidth(value).trim();
  const m = NUMBER_RE.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  return Number(text.replace(/,/g, ''));
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '在职', 'active', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '离职', 'inactive']);

export function parseBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  const w = foldWidth(cellText(value)).trim().toLowerCase();
  return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : null;
}

// Parsed list settings per settings object: a list cell is checked per row of a 10,000-row import.
const listCache = new WeakMap<SettingsMap, Map<string, string[]>>();
function listValues(settings: SettingsMap, key: string): string[] {
  let lists = listCache.get(settings);
  if (!lists) listCache.set(settings, (lists = new Map()));
  let values = lists.get(key);
  if (!values) lists.set(key, (values = listSetting(settings, key)));
  return values;
}

const dateCache = new Map<string, number>();

/** YYYY-MM-DD as the Date Sheets stores for that day: midnight in the spreadsheet's time zone. */
function isoDayToDate(day: number, timeZone: string): Date {
  const key = timeZone + '|' + day;
  let ms = dateCache.get(key);
  if (ms === undefined) {
    ms = dayNumberToDate(day, timeZone).getTime();
    if (dateCache.size > 100000) dateCache.clear();
    dateCache.set(key, ms);
  }
  return new Date(ms);
}

function parseDateTime(text: string, timeZone: string): Date | null {
  const m = DATETIME_RE.exec(text);
  if (!m) return null;
  const day = parseIsoDay(m[1]);
  if (day === null) return null;
  if (m[2] === undefined) return isoDayToDate(day, timeZone);
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  if (m[5]) return new Date(Date.parse(text.replace(' ', 'T')));
  return new Date(zonedTimeToInstant(dayNumberToCivil(day), h, min, timeZone) + sec * 1000);
}

function parseByKind(rule: ColumnRule, raw: unknown, ctx: ValidationContext): Parsed {
  const text = typeof raw === 'string' ? foldWidth(raw).trim() : '';
  switch (rule.kind) {
    case 'text':
      return { value: typeof raw === 'string' ? raw.trim() : (raw as CellValue) };
    case 'email':
    case 'activeEmail': {
      if (!EMAIL_RE.test(text)) return { code: 'email' };
      if (rule.kind === 'activeEmail' && ctx.activeEmails && !ctx.activeEmails.has(normalizeEmail(text)))
        return { code: 'owner' };
      return { value: text };
    }
    case 'phone': {
      const p = typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? String(raw) : text;
      return PHONE_RE.test(p) ? { value: p } : { code: 'phone' };
    }
    case 'date': {
      if (isDate(raw)) return Number.isNaN(raw.getTime()) ? { code: 'date' } : { value: raw };
      const day = typeof raw === 'string' ? parseIsoDay(text) : null;
      return day === null ? { code: 'date' } : { value: isoDayToDate(day, ctx.timeZone) };
    }
    case 'datetime': {
      if (isDate(raw)) return Number.isNaN(raw.getTime()) ? { code: 'datetime' } : { value: raw };
      const d = typeof raw === 'string' ? parseDateTime(text, ctx.timeZone) : null;
      return d === null || Number.isNaN(d.getTime()) ? { code: 'datetime' } : { value: d };
    }
    case 'integer':
    case 'nonNegative':
    case 'percent':
    case 'rating': {
      const n = parseNumber(raw);
      if (n === null)
        return { code: rule.kind === 'rating' || rule.kind === 'percent' ? rule.kind : 'number' };
      if (rule.kind === 'percent' && !(Number.isInteger(n) && n >= 0 && n <= 100)) return { code: 'percent' };
      if (rule.kind === 'rating' && !(Number.isInteger(n) && n >= 1 && n <= 5)) return { code: 'rating' };
      if (rule.kind === 'integer' && !Number.isInteger(n)) return { code: 'integer' };
      if (rule.kind === 'nonNegative' && n < 0) return { code: 'nonNegative' };
      return { value: n };
    }
    case 'boolean': {
      const b = parseBoolean(raw);
      return b === null ? { code: 'boolean' } : { value: b };
    }
    case 'list': {
      const allowed = listValues(ctx.settings, rule.listSetting ?? '');
      const v = typeof raw === 'number' ? String(raw) : text;
      const hit = allowed.find((a) => a === v) ?? allowed.find((a) => a.toLowerCase() === v.toLowerCase());
      return hit !== undefined ? { value: hit } : { code: 'list', params: { allowed: allowed.join(', ') } };
    }
    case 'id':
    case 'reference': {
      const id = text.toUpperCase();
      if (!CUSTOMER_ID_PATTERN.test(id)) return { code: 'id' };
      if (rule.kind === 'reference' && ctx.customerIds && !ctx.customerIds.has(id))
        return { code: 'reference' };
      return { value: id };
    }
  }
}

function issue(
  rule: ColumnRule,
  ctx: ValidationContext,
  raw: unknown,
  code: IssueCode,
  params: { allowed?: string } = {},
): ValidationIssue {
  const column = columnLabel(ctx.locale, rule.sheetKey, rule.columnKey);
  const value = shown(raw);
  const length = typeof raw === 'string' ? raw.length : 0;
  return {
    columnKey: rule.columnKey,
    code,
    message: t(ctx.locale, MESSAGE_KEYS[code], {
      column,
      value,
      length,
      max: MAX_CELL_CHARS,
      allowed: params.allowed ?? '',
    }),
  };
}

/** One cell: its parsed value, or an issue. Blank gives '' (and 'required' when the rule says so). */
export function validateCell(
  rule: ColumnRule,
  raw: unknown,
  ctx: ValidationContext,
  options: { newRecord?: boolean } = {},
): { value: CellValue; issue?: ValidationIssue } {
  if (isBlank(raw)) {
    const assigned = options.newRecord && isAssignedOnCreate(rule.sheetKey, rule.columnKey);
    return rule.required && !assigned
      ? { value: '', issue: issue(rule, ctx, raw, 'required') }
      : { value: '' };
  }
  if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS)
    return { value: raw, issue: issue(rule, ctx, raw, 'tooLong') };
  const p = parseByKind(rule, raw, ctx);
  return 'value' in p
    ? { value: p.value }
    : { value: raw as CellValue, issue: issue(rule, ctx, raw, p.code, p.params) };
}

/**
 * Validates one record of a sheet, keyed by column key (missing keys count as blank). `newRecord`
 * lets the columns the add-on assigns (customer id, createdAt, updatedAt) be blank.
 */
export function validateRecord(
  sheetKey: SheetKey,
  values: Record<string, unknown>,
  ctx: ValidationContext,
  options: { newRecord?: boolean } = {},
): ValidatedRecord {
  const out: Record<string, CellValue> = {};
  const issues: ValidationIssue[] = [];
  for (const rule of rulesFor(sheetKey)) {
    const r = validateCell(rule, values[rule.columnKey], ctx, options);
    out[rule.columnKey] = r.value;
    if (r.issue) issues.push(r.issue);
  }
  return { values: out, issues };
}

const ruleCache = new Map<SheetKey, ColumnRule[]>();
function rulesFor(sheetKey: SheetKey): ColumnRule[] {
  let r = ruleCache.get(sheetKey);
  if (!r) ruleCache.set(sheetKey, (r = columnRules(sheetKey)));
  return r;
}

// ---------------------------------------------------------------------------------------------
// Rules Sheets enforces

export interface ColumnRef {
  sheetKey: SheetKey;
  columnKey: string;
}

/**
 * Gives the absolute, open-ended data range of a column in the current layout, e.g.
 * `'Roles'!$A$2:$A` (see `openColumnRange`), so a rule follows the sheet as it grows.
 */
export type RangeResolver = (ref: ColumnRef) => string;

/**
 * What the shell turns into a DataValidationBuilder (always with setAllowInvalid(false) and the
 * help text), applied to the rule's column from the first data row to the sheet's last row:
 * - list: requireValueInList(values, true)
 * - email: requireTextIsEmail()
 * - date: requireDate()
 * - checkbox: requireCheckbox()
 * - numberAtLeast: requireNumberGreaterThanOrEqualTo(min)
 * - formula: requireFormulaSatisfied(formula(column, firstRow, resolve)); `refs` lists the columns
 *   the formula reads, which the shell resolves with `openColumnRange` from their sheets' layouts.
 * Formulas use only REGEXMATCH, TO_TEXT, LEN, AND, OR, NOT, ISBLANK, COUNTIF, COUNTIFS, MATCH, IFERROR
 * and refer to the rule's own first cell relatively (e.g. K2), so Sheets shifts it row by row.
 */
export type RuleCriteria =
  | { kind: 'list'; values: string[] }
  | { kind: 'email' }
  | { kind: 'date' }
  | { kind: 'checkbox' }
  | { kind: 'numberAtLeast'; min: number }
  | {
      kind: 'formula';
      refs: ColumnRef[];
      formula: (column: string, firstRow: number, resolve: RangeResolver) => string;
    };

export interface SheetValidationRule {
  columnKey: string;
  criteria: RuleCriteria;
  /** localized help text shown when an entry is refused */
  helpText: string;
  allowInvalid: false;
}

/** `'Tab name'!$K$2:$K`: a column from firstRow down, open-ended so it follows appended rows. */
export function openColumnRange(tabName: string, column: string, firstRow = 2): string {
  return `'${tabName.replace(/'/g, "''")}'!$${column}$${firstRow}:$${column}`;
}

const regexRule =
  (pattern: string) =>
  (column: string, firstRow: number): string => {
    const cell = `${column}${firstRow}`;
    return `=OR(ISBLANK(${cell}),REGEXMATCH(TO_TEXT(${cell}),"${pattern.replace(/"/g, '""')}"))`;
  };

const ROLES_EMAIL: ColumnRef = { sheetKey: 'roles', columnKey: 'email' };
const ROLES_ACTIVE: ColumnRef = { sheetKey: 'roles', columnKey: 'active' };
const CUSTOMER_ID: ColumnRef = { sheetKey: 'customers', columnKey: 'id' };

function criteriaFor(rule: ColumnRule, settings: SettingsMap): RuleCriteria | null {
  switch (rule.kind) {
    case 'text':
      return null;
    case 'email':
      return { kind: 'email' };
    case 'activeEmail':
      // Blank "active" counts as active (core/roles), hence the second COUNTIFS.
      return {
        kind: 'formula',
        refs: [ROLES_EMAIL, ROLES_ACTIVE],
        formula: (column, firstRow, resolve) => {
          const cell = `${column}${firstRow}`;
          const [e, a] = [resolve(ROLES_EMAIL), resolve(ROLES_ACTIVE)];
          return `=OR(ISBLANK(${cell}),COUNTIFS(${e},${cell},${a},TRUE)+COUNTIFS(${e},${cell},${a},"")>0)`;
        },
      };
    case 'phone':
      return { kind: 'formula', refs: [], formula: regexRule(PHONE_PATTERN) };
    case 'date':
    case 'datetime':
      return { kind: 'date' };
    case 'integer':
      return { kind: 'formula', refs: [], formula: regexRule('^-?[0-9]+(\\.0+)?$') };
    case 'rating':
      // TO_TEXT follows the cell's number format, so "3.00" must pass too.
      return { kind: 'formula', refs: [], formula: regexRule('^[1-5](\\.0+)?$') };
    case 'percent':
      return { kind: 'formula', refs: [], formula: regexRule('^(100|[1-9]?[0-9])(\\.0+)?$') };
    case 'nonNegative':
      return { kind: 'numberAtLeast', min: 0 };
    case 'boolean':
      return { kind: 'checkbox' };
    case 'list': {
      const values = listSetting(settings, rule.listSetting ?? '');
      return values.length ? { kind: 'list', values } : null;
    }
    case 'id': {
      // Customer ids: the pattern, and unique in their column.
      const self: ColumnRef = { sheetKey: rule.sheetKey, columnKey: rule.columnKey };
      return {
        kind: 'formula',
        refs: [self],
        formula: (column, firstRow, resolve) => {
          const cell = `${column}${firstRow}`;
          return `=OR(ISBLANK(${cell}),AND(REGEXMATCH(TO_TEXT(${cell}),"^C[0-9]{6,}$"),COUNTIF(${resolve(self)},${cell})=1))`;
        },
      };
    }
    case 'reference':
      return {
        kind: 'formula',
        refs: [CUSTOMER_ID],
        formula: (column, firstRow, resolve) => {
          const cell = `${column}${firstRow}`;
          return `=OR(ISBLANK(${cell}),COUNTIF(${resolve(CUSTOMER_ID)},${cell})>0)`;
        },
      };
  }
}

const HELP_KEYS = {
  id: 'rule.id',
  reference: 'rule.reference',
  email: 'rule.email',
  activeEmail: 'rule.activeEmail',
  phone: 'rule.phone',
  date: 'rule.date',
  datetime: 'rule.datetime',
  integer: 'rule.integer',
  nonNegative: 'rule.nonNegative',
  rating: 'rule.rating',
  percent: 'rule.percent',
  boolean: 'rule.boolean',
  list: 'rule.list',
} as const satisfies Record<Exclude<RuleKind, 'text'>, MessageKey>;

/**
 * The data-validation rules of a sheet's columns. System-only sheets (logs, history) and the
 * settings sheet get none: only the add-on writes them, or their values have no single type.
 * A list column whose setting is empty gets no rule (Sheets refuses an empty list).
 */
export function sheetValidationRules(
  sheetKey: SheetKey,
  settings: SettingsMap,
  context: { locale: Locale },
): SheetValidationRule[] {
  if (SHEETS[sheetKey].systemOnly || sheetKey === 'settings') return [];
  const full = withDefaults(settings);
  const out: SheetValidationRule[] = [];
  const computed = new Set(SHEETS[sheetKey].columns.filter((c) => c.computed).map((c) => c.key));
  for (const rule of rulesFor(sheetKey)) {
    // Columns the add-on computes are locked and script-written: no dropdown or rule to fight.
    if (computed.has(rule.columnKey)) continue;
    const criteria = criteriaFor(rule, full);
    if (!criteria || rule.kind === 'text') continue;
    const helpText = t(context.locale, HELP_KEYS[rule.kind], {
      column: columnLabel(context.locale, sheetKey, rule.columnKey),
      setting: rule.listSetting ?? '',
    });
    out.push({ columnKey: rule.columnKey, criteria, helpText, allowInvalid: false });
  }
  return out;
}
