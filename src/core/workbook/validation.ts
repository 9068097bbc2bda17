/**
 * The one definition of what a valid cell is. `columnRule` derives a rule from the schema; from it
 * come both the data-validation rules Sheets enforces on user edits (`sheetValidationRules`) and
 * the checks the add-on runs itself (`validateRecord`: the form, import, audit), because script
 * writes bypass Sheets validation.
 *
 * Parsing is explicit, never locale-guessed: numbers are digits with an optional '.' decimal
 * point and optional ',' thousands separators ("1,234.50"; "1.234,50" is refused); amounts also
 * take ¥ ￥ RMB CNY 元 and a trailing 万 (×10,000: "12.8万" is 128,000); dates are Date cells,
 * Sheets date serials, or year-first text 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 (never
 * day-first or month-first, which are ambiguous); booleans are TRUE/FALSE, yes/no, 是/否, 1/0.
 * List cells accept any locale's label or key and are stored as the workbook's own label.
 * Full-width digits and letters are folded before parsing in every structured column (never in
 * free text).
 */
import { Locale, MessageKey, t, tDynamic } from '../../i18n';
import {
  dayNumberToCivil,
  dayNumberToDate,
  parseIsoDay,
  zonedTimeToInstant,
  cellText,
  foldWidth,
  quotedSheetName,
} from '../shared';
import { normalizeEmail, RoleEntry } from '../roles';
import {
  CellValue,
  ColumnDef,
  CUSTOMER_ID_PATTERN,
  isReturn,
  LISTS,
  listKeyOf,
  listLabel,
  listOfSetting,
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
  | 'money'
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
  opportunities: ['id', 'createdAt', 'stageChangedAt'],
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
      return { ...base, kind: 'nonNegative' };
    case 'money':
      return { ...base, kind: 'money' };
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
  | 'money'
  | 'negativeSale'
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
  money: 'validation.money',
  negativeSale: 'validation.negativeSale',
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

const CURRENCY_PREFIX = /^(?:[¥￥]|rmb|cny|人民币)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|块|rmb|cny|人民币)$/i;

/**
 * An amount as people type it: "¥128,000", "￥1,280.50", "RMB 1280", "1280元", "１２８０", "12.8万"
 * (万 = ×10,000), a sign before or after the currency ("-¥50", "¥-50"). Null when unreadable.
 */
export function parseAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  let text = foldWidth(value)
    .replace(/\uffe5/g, '¥')
    .trim();
  let sign = '';
  if (/^[+-]/.test(text)) [sign, text] = [text[0], text.slice(1).trim()];
  text = text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  const wan = /万$/.test(text);
  if (wan) text = text.slice(0, -1).trim();
  text = text.replace(CURRENCY_SUFFIX, '');
  const n = parseNumber(sign + text);
  if (n === null) return null;
  return wan ? Math.round(n * 10000 * 1e6) / 1e6 : n;
}

/** Sheets counts days from 1899-12-30; day number 0 (1970-01-01) is serial 25569. */
const SERIAL_EPOCH = 25569;
const SERIAL_RE = /^\d{1,7}(\.\d+)?$/;
const DAY_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/,
];

/**
 * A calendar day from text or a serial: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, or a Sheets
 * date serial (a number, or digits only: 46086). Day number (days since 1970-01-01), or null.
 */
export function parseDay(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 1 && value < 2958466 ? Math.floor(value) - SERIAL_EPOCH : null;
  if (typeof value !== 'string') return null;
  const text = foldWidth(value).trim();
  if (SERIAL_RE.test(text)) return parseDay(Number(text));
  for (const re of DAY_FORMS) {
    const m = re.exec(text);
    if (m) return parseIsoDay(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
  }
  return null;
}

/** The date part of a date-time in any accepted form, rewritten as YYYY-MM-DD; else unchanged. */
function isoDatePart(text: string): string {
  const m = /^(\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?))(.*)$/.exec(text);
  if (!m) return text;
  const day = parseDay(m[1]);
  return day === null
    ? text
    : dayNumberToIsoText(day) + (m[2].startsWith('T') ? m[2] : m[2].replace(/^\s*/, ' ')).trimEnd();
}

function dayNumberToIsoText(day: number): string {
  const c = dayNumberToCivil(day);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
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

function parseDateTime(given: string, timeZone: string): Date | null {
  const text = isoDatePart(given);
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
      const day = parseDay(raw);
      return day === null ? { code: 'date' } : { value: isoDayToDate(day, ctx.timeZone) };
    }
    case 'datetime': {
      if (isDate(raw)) return Number.isNaN(raw.getTime()) ? { code: 'datetime' } : { value: raw };
      if (typeof raw === 'number') {
        const day = parseDay(raw);
        if (day === null) return { code: 'datetime' };
        // A serial's fraction is the time of day in the spreadsheet's zone.
        const start = isoDayToDate(day, ctx.timeZone).getTime();
        return { value: new Date(start + Math.round((raw - Math.floor(raw)) * 86400) * 1000) };
      }
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
    case 'money': {
      // The sign is checked per record (validateRecord): a return may be negative.
      const n = parseAmount(raw);
      return n === null ? { code: 'money' } : { value: n };
    }
    case 'boolean': {
      const b = parseBoolean(raw);
      return b === null ? { code: 'boolean' } : { value: b };
    }
    case 'list': {
      const allowed = listValues(ctx.settings, rule.listSetting ?? '');
      const v = typeof raw === 'number' ? String(raw) : text;
      const hit =
        allowed.find((a) => a === v) ??
        allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ??
        sameItem(rule.listSetting, v, allowed);
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

/**
 * The workbook's label for a value that names the same item in another locale or by its key
 * ("East" or "east" in a workbook whose list says 华东): the list entry with the same key.
 */
function sameItem(setting: string | undefined, value: string, allowed: string[]): string | undefined {
  const list = listOfSetting(setting);
  const key = list ? listKeyOf(list, value) : null;
  if (!list || key === null) return undefined;
  return allowed.find((a) => listKeyOf(list, a) === key);
}

function issue(
  rule: ColumnRule,
  ctx: ValidationContext,
  raw: unknown,
  code: IssueCode,
  params: { allowed?: string; returnLabel?: string } = {},
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
      returnLabel: params.returnLabel ?? '',
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
  signAmounts(sheetKey, out, issues, ctx);
  return { values: out, issues };
}

/**
 * Money signs. A purchases row of type return stores its amount negative, so sums net it: a
 * positive amount typed on a return (as people type a refund) is made negative. Any other money
 * cell must be 0 or more.
 */
function signAmounts(
  sheetKey: SheetKey,
  out: Record<string, CellValue>,
  issues: ValidationIssue[],
  ctx: ValidationContext,
): void {
  for (const rule of rulesFor(sheetKey)) {
    const v = out[rule.columnKey];
    if (rule.kind !== 'money' || typeof v !== 'number') continue;
    if (sheetKey === 'purchases' && isReturn(out.type)) out[rule.columnKey] = v === 0 ? 0 : -Math.abs(v);
    else if (v < 0) {
      const returnLabel = listLabel('purchaseType', 'return', ctx.locale);
      issues.push(
        issue(rule, ctx, v, sheetKey === 'purchases' ? 'negativeSale' : 'nonNegative', { returnLabel }),
      );
    }
  }
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
      /** sameRow(ref): the column letter of a column of the rule's own sheet, for same-row cells */
      formula: (
        column: string,
        firstRow: number,
        resolve: RangeResolver,
        sameRow: (ref: ColumnRef) => string,
      ) => string;
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
  return `${quotedSheetName(tabName)}!$${column}$${firstRow}:$${column}`;
}

const regexRule =
  (pattern: string) =>
  (column: string, firstRow: number): string => {
    const cell = `${column}${firstRow}`;
    return `=OR(ISBLANK(${cell}),REGEXMATCH(TO_TEXT(${cell}),"${pattern.replace(/"/g, '""')}"))`;
  };

/** Every spelling listKeyOf reads as a return, lower case, for the amount rule's formula. */
const RETURN_SPELLINGS = (() => {
  const r = LISTS.purchaseType.find((i) => i.key === 'return')!;
  return [...new Set([r.key, r.en, r.zh, ...(r.also ?? [])].map((w) => w.toLowerCase()))];
})();

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
    case 'money': {
      if (rule.sheetKey !== 'purchases') return { kind: 'numberAtLeast', min: 0 };
      // A return's amount may be negative: the rule reads the type cell of the same row.
      const type: ColumnRef = { sheetKey: 'purchases', columnKey: 'type' };
      return {
        kind: 'formula',
        refs: [type],
        formula: (column, firstRow, _resolve, sameRow) => {
          const cell = `${column}${firstRow}`;
          const t = `TRIM(LOWER(${sameRow(type)}${firstRow}))`;
          const isReturnCell = `OR(${RETURN_SPELLINGS.map((w) => `${t}="${w}"`).join(',')})`;
          return `=OR(ISBLANK(${cell}),AND(ISNUMBER(${cell}),IF(${isReturnCell},${cell}<=0,${cell}>=0)))`;
        },
      };
    }
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
  money: 'rule.nonNegative',
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
    const helpKey =
      rule.kind === 'money' && sheetKey === 'purchases' ? 'rule.signedAmount' : HELP_KEYS[rule.kind];
    const helpText = t(context.locale, helpKey, {
      column: columnLabel(context.locale, sheetKey, rule.columnKey),
      setting: rule.listSetting ?? '',
    });
    out.push({ columnKey: rule.columnKey, criteria, helpText, allowInvalid: false });
  }
  return out;
}
