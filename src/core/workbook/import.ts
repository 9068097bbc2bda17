/**
 * Plans a CSV import: the shell decodes the file (decodeCsvBytes), reads the target sheet once,
 * calls `planImport`, appends `plan.rows` with one setValues below the last row, saves
 * `plan.highestIdAssigned`, and shows `plan.rejected` / writes `plan.rejectsCsv`.
 *
 * Choices:
 * - Headers are column keys, the en / zh-CN labels or common Chinese spellings (客户名称, 手机),
 *   compared without case, width or spaces.
 *   Unknown headers are reported and their columns ignored; two headers for one column, or a
 *   required column missing, refuse the whole file (nothing is written).
 * - A row with any invalid cell, or with fewer fields than the header (a cut-off last line), is
 *   rejected whole and never written; the others are written.
 * - Customers already in the sheet are skipped, never updated: matched on id, else normalized
 *   e-mail, else normalized phone (earlier rows of the same file count too). Skipping cannot lose
 *   newer data in the sheet to an old file, and importing the same file twice adds nothing.
 * - New customers get ids above `highestIdAssigned` (ids are never reused). A row may bring its own
 *   id when that id was never assigned (e.g. an export of another workbook); an id that was assigned
 *   before and is gone (merged, archived) is refused, since reviving it would reuse it.
 * - Interactions, purchases and feedback have no natural key: a row equal in every column to a row
 *   already in the sheet is skipped, so re-importing them does not double them either.
 * - Opportunities, targets and roles have rules of their own (`SheetImportRules`, given by the
 *   shell from core/sales and ./import-roles): after the cell checks, each valid row is completed
 *   (ids, owners, dates the add-on assigns), checked against what cells alone cannot say (the
 *   importer's rights, uniqueness in the sheet and the file) and rejected or skipped with a reason.
 * - Text is written as text: formula triggers (= + - @ tab CR) and strings Sheets would coerce
 *   (0123, 13800138000, TRUE) get a leading apostrophe. "'=..." in the file (as exported) is "=...".
 */
import { CATALOGS, Locale, MessageKey, t, UserError } from '../../i18n';
import { parseCsv, serializeCsv } from './csv';
import {
  literalText,
  neutralizeCsvCell,
  unescapeCsvCell,
  emailKey,
  foldText,
  foldWidth,
  phoneCell,
  phoneKey,
} from '../shared';
import { CellValue, formatCustomerId, parseCustomerIdNumber, SheetKey, SheetRow, SHEETS } from '../schema';
import { columnLabel, isAssignedOnCreate, validateRecord, ValidationContext } from './validation';

export interface ImportInput {
  sheetKey: SheetKey;
  /** the decoded CSV text */
  text: string;
  /** the sheet's columns in their current order: a column key, or null for a column of the user's */
  layout: Array<string | null>;
  /** the sheet's current data rows: customers for matching, other sheets to skip rows already there */
  existing: SheetRow[];
  /** for other sheets, ctx.customerIds must hold the customers' ids (references are checked) */
  ctx: ValidationContext;
  /** customers: the highest id number ever assigned, kept by the shell (never reused) */
  highestIdAssigned?: number;
  /** createdAt / updatedAt of new customers when the file leaves them blank */
  now: Date;
  /** values for blank cells, e.g. { owner: acting account manager }; validated like the file's */
  defaults?: Record<string, CellValue>;
  /** the sheet's own row rules (opportunities, targets, roles); else rows equal to one there are skipped */
  rules?: SheetImportRules;
}

/** A problem of one row found by a sheet's rules: a column's, or the whole row's (columnKey null). */
export interface RowProblem {
  columnKey: string | null;
  /** localized */
  message: string;
}

/**
 * What a sheet's rules say about a row that passed the cell checks: write it (its values completed
 * in place; `id` when the rules assigned one), skip it (already there) or reject it.
 */
export type RowVerdict = { write: true; id?: string } | { skip: ImportSkip } | { problems: RowProblem[] };

/**
 * Rules of a sheet beyond its cells. `row` is called once per valid row, in file order, and
 * remembers what it accepted so later lines of the file are checked against it too.
 */
export interface SheetImportRules {
  row(values: Record<string, CellValue>, line: number): RowVerdict;
  /** sheets with ids: the highest id number assigned once every row was seen (kept by the shell) */
  highestIdAssigned?(): number;
}

export interface ImportReject {
  /** the CSV line the record starts on */
  line: number;
  /** null for a problem of the whole row (ragged, retired id) */
  columnKey: string | null;
  column: string;
  message: string;
}

/** key: the sheet's natural key (a target's person and period, a role's e-mail) is already there */
export type SkipReason = 'id' | 'email' | 'phone' | 'sameRow' | 'key';

export interface ImportSkip {
  line: number;
  reason: SkipReason;
  /** the sheet row matched, or null when an earlier line of the file was matched */
  matchedRow: number | null;
  matchedLine: number | null;
  matchedId: string | null;
  message: string;
}

export interface ImportPlan {
  sheetKey: SheetKey;
  /** new rows in the layout's column order, ready for one setValues */
  rows: CellValue[][];
  /** the CSV line of each planned row */
  lines: number[];
  /** customers: the id of each planned row */
  ids: string[];
  skipped: ImportSkip[];
  /** every problem of every rejected row (a row may have several) */
  rejected: ImportReject[];
  rejectedLines: number[];
  /** '' when nothing was rejected; else the header, the rejected lines as given, line and reason */
  rejectsCsv: string;
  unknownHeaders: string[];
  /** records whose fields are all blank (",,,"); empty lines are not records at all */
  blankLines: number;
  highestIdAssigned: number;
  /** localized one-line summary */
  summary: string;
}

/** Phone columns are text-formatted ('@'): their numbers are written as typed (phoneCell). */
const PHONE_COLUMNS = new Set(SHEETS.customers.columns.filter((c) => c.type === 'phone').map((c) => c.key));

const squash = (s: string) => foldText(s).replace(/[\s_-]/g, '');

/**
 * Header texts Chinese teams' own sheets use for a column, besides its labels: what a sheet kept
 * before Sheets CRM calls 客户名称 or 手机 should import without renaming columns first.
 */
const HEADER_ALIASES: Partial<Record<SheetKey, Record<string, string[]>>> = {
  customers: {
    name: ['客户名称', '客户姓名', '客户', '联系人', '名称'],
    company: ['公司名称', '单位', '企业名称'],
    phone: ['手机', '手机号', '手机号码', '联系电话', '电话号码', 'mobile'],
    email: ['电子邮箱', '邮件', 'e-mail'],
    region: ['地区', '大区'],
    type: ['类型'],
    status: ['客户状态'],
    contractEnd: ['合同到期日', '合同截止', '到期日'],
    birthday: ['出生日期'],
    notes: ['说明'],
  },
  purchases: {
    orderId: ['订单编号', '单号'],
    date: ['下单日期', '订单日期'],
    amount: ['订单金额', '金额(元)', '金额（元）'],
    type: ['订单类型', '销售类型'],
  },
  interactions: { channel: ['方式', '联系方式'], date: ['联系日期', '跟进日期'] },
  opportunities: {
    title: ['机会名称', '项目名称', '商机名称'],
    amount: ['预计金额', '金额(元)', '金额（元）'],
    expectedClose: ['预计成交', '成交日期'],
    probability: ['赢单概率', '概率'],
    owner: ['客户经理', '销售'],
  },
  targets: {
    owner: ['负责人', '邮箱', '销售', '客户经理'],
    period: ['周期', '月份', '季度'],
    revenueTarget: ['目标', '目标金额', '销售目标', '业绩目标'],
  },
  roles: {
    email: ['电子邮箱', '邮件', 'e-mail'],
    managerEmail: ['上级邮箱', '直属主管'],
    active: ['是否在职'],
  },
};

/**
 * Maps header texts to column keys: key, en label or zh-CN label. Returns the key per header
 * (null when unknown or blank); refuses (UserError) duplicates and missing required columns.
 */
export function mapHeaders(
  sheetKey: SheetKey,
  headers: string[],
  locale: Locale,
): { keys: Array<string | null>; unknown: string[] } {
  const lookup = new Map<string, string>();
  for (const col of SHEETS[sheetKey].columns) {
    lookup.set(squash(col.key), col.key);
    for (const cat of [CATALOGS.en, CATALOGS['zh-CN']]) {
      const label = cat[`col.${sheetKey}.${col.key}`];
      if (label) lookup.set(squash(label), col.key);
    }
  }
  for (const [key, aliases] of Object.entries(HEADER_ALIASES[sheetKey] ?? {}))
    for (const alias of aliases) if (!lookup.has(squash(alias))) lookup.set(squash(alias), key);
  const keys: Array<string | null> = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  for (const h of headers) {
    const key = lookup.get(squash(h)) ?? null;
    keys.push(key);
    if (key === null) {
      if (h.trim() !== '') unknown.push(h);
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) throw new UserError(locale, 'import.duplicateHeader', { first, second: h });
    seen.set(key, h);
  }
  const missing = SHEETS[sheetKey].columns
    .filter((c) => c.required && !seen.has(c.key) && !isAssignedOnCreate(sheetKey, c.key))
    .map((c) => columnLabel(locale, sheetKey, c.key));
  if (missing.length) throw new UserError(locale, 'import.missingColumns', { columns: missing.join(', ') });
  return { keys, unknown };
}

/** Identity of a cell for "same row already there": Dates by instant, text folded and trimmed. */
function cellSig(v: unknown): string {
  if (Object.prototype.toString.call(v) === '[object Date]') return 't' + (v as Date).getTime();
  if (typeof v === 'number') return 'n' + v;
  if (typeof v === 'boolean') return 'b' + v;
  return 's' + foldWidth(String(v ?? '')).trim();
}

function rowSig(sheetKey: SheetKey, values: Record<string, unknown>): string {
  return SHEETS[sheetKey].columns.map((c) => cellSig(values[c.key])).join('\u0000');
}

/** A row already there: in the sheet (row) or earlier in the file (line). */
export interface Known {
  row: number | null;
  line: number | null;
  id: string | null;
}

/** Existing customers (and the file's earlier rows) by id, e-mail key and phone key. */
class CustomerIndex {
  private byId = new Map<string, Known>();
  private byEmail = new Map<string, Known>();
  private byPhone = new Map<string, Known>();

  add(values: Record<string, unknown>, known: Known): void {
    const id = String(values.id ?? '')
      .trim()
      .toUpperCase();
    const e = emailKey(values.email);
    const p = phoneKey(values.phone);
    if (id && !this.byId.has(id)) this.byId.set(id, known);
    if (e && !this.byEmail.has(e)) this.byEmail.set(e, known);
    if (p && !this.byPhone.has(p)) this.byPhone.set(p, known);
  }

  match(values: Record<string, unknown>): { reason: 'id' | 'email' | 'phone'; known: Known } | null {
    const id = String(values.id ?? '').toUpperCase();
    const byId = id ? this.byId.get(id) : undefined;
    if (byId) return { reason: 'id', known: byId };
    const e = emailKey(values.email);
    const byEmail = e ? this.byEmail.get(e) : undefined;
    if (byEmail) return { reason: 'email', known: byEmail };
    const p = phoneKey(values.phone);
    const byPhone = p ? this.byPhone.get(p) : undefined;
    return byPhone ? { reason: 'phone', known: byPhone } : null;
  }
}

const SKIP_KEYS = {
  id: 'import.skipId',
  email: 'import.skipEmail',
  phone: 'import.skipPhone',
  sameRow: 'import.skipSameRow',
} as const satisfies Record<Exclude<SkipReason, 'key'>, MessageKey>;

export function planImport(input: ImportInput): ImportPlan {
  const { sheetKey, ctx } = input;
  const locale = ctx.locale;
  const parsed = parseCsv(input.text, locale);
  if (parsed.records.length === 0) throw new UserError(locale, 'import.empty');
  const [header, ...records] = parsed.records;
  const { keys, unknown } = mapHeaders(sheetKey, header.fields, locale);
  const isCustomers = sheetKey === 'customers';

  const index = new CustomerIndex();
  const sigs = new Set<string>();
  for (const r of input.existing) {
    if (isCustomers) index.add(r.values, { row: r.row, line: null, id: String(r.values.id ?? '') || null });
    else if (!input.rules) sigs.add(rowSig(sheetKey, r.values));
  }

  let highest = input.highestIdAssigned ?? 0;
  const plan: ImportPlan = {
    sheetKey,
    rows: [],
    lines: [],
    ids: [],
    skipped: [],
    rejected: [],
    rejectedLines: [],
    rejectsCsv: '',
    unknownHeaders: unknown,
    blankLines: 0,
    highestIdAssigned: highest,
    summary: '',
  };
  const rejectRecords: string[][] = [];
  const reject = (line: number, fields: string[], problems: ImportReject[]) => {
    plan.rejected.push(...problems);
    plan.rejectedLines.push(line);
    rejectRecords.push([...fields, String(line), problems.map((p) => p.message).join(' ')]);
  };
  const rowProblem = (line: number, message: string): ImportReject => ({
    line,
    columnKey: null,
    column: '',
    message,
  });

  for (const rec of records) {
    const { line, fields } = rec;
    if (fields.every((f) => f.trim() === '')) {
      plan.blankLines++;
      continue;
    }
    // Fewer fields than the header: a truncated last line, never to be imported with blanks.
    if (fields.length < keys.length) {
      const message = t(locale, 'import.short', { line, fields: fields.length, expected: keys.length });
      reject(line, fields, [rowProblem(line, message)]);
      continue;
    }
    if (fields.slice(keys.length).some((f) => f.trim() !== '')) {
      const message = t(locale, 'import.ragged', { line, fields: fields.length, expected: keys.length });
      reject(line, fields, [rowProblem(line, message)]);
      continue;
    }
    const raw: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      if (key !== null) raw[key] = unescapeCsvCell(fields[i] ?? '');
    });
    for (const [k, v] of Object.entries(input.defaults ?? {}))
      if (String(raw[k] ?? '').trim() === '') raw[k] = v;

    const checked = validateRecord(sheetKey, raw, ctx, { newRecord: true });
    if (checked.issues.length) {
      reject(
        line,
        fields,
        checked.issues.map((i) => ({
          line,
          columnKey: i.columnKey,
          column: columnLabel(locale, sheetKey, i.columnKey),
          message: i.message,
        })),
      );
      continue;
    }
    const values = checked.values;

    if (isCustomers) {
      const m = index.match(values);
      if (m) {
        plan.skipped.push(skip(locale, line, m.reason, m.known));
        continue;
      }
      const given = String(values.id);
      if (given) {
        const n = parseCustomerIdNumber(given) ?? 0;
        if (n <= highest) {
          reject(line, fields, [rowProblem(line, t(locale, 'import.idRetired', { id: given }))]);
          continue;
        }
        highest = n;
      } else values.id = formatCustomerId(++highest);
      if (values.createdAt === '') values.createdAt = input.now;
      if (values.updatedAt === '') values.updatedAt = input.now;
      index.add(values, { row: null, line, id: String(values.id) });
      plan.ids.push(String(values.id));
    } else if (input.rules) {
      const verdict = input.rules.row(values, line);
      if ('skip' in verdict) {
        plan.skipped.push(verdict.skip);
        continue;
      }
      if ('problems' in verdict) {
        reject(
          line,
          fields,
          verdict.problems.map((p) => ({
            line,
            columnKey: p.columnKey,
            column: p.columnKey === null ? '' : columnLabel(locale, sheetKey, p.columnKey),
            message: p.message,
          })),
        );
        continue;
      }
      if (verdict.id !== undefined) plan.ids.push(verdict.id);
    } else {
      const sig = rowSig(sheetKey, values);
      if (sigs.has(sig)) {
        plan.skipped.push(skip(locale, line, 'sameRow', { row: null, line: null, id: null }));
        continue;
      }
    }

    plan.rows.push(
      input.layout.map((key) =>
        key === null
          ? ''
          : PHONE_COLUMNS.has(key)
            ? phoneCell(values[key] ?? '')
            : toSheetValue(values[key] ?? ''),
      ),
    );
    plan.lines.push(line);
  }

  plan.highestIdAssigned = input.rules?.highestIdAssigned?.() ?? highest;
  if (rejectRecords.length) {
    const head = [...header.fields, t(locale, 'import.rejectsLine'), t(locale, 'import.rejectsReason')];
    plan.rejectsCsv = serializeCsv(
      [head, ...rejectRecords].map((r) => r.map(neutralizeCsvCell)),
      { bom: true },
    );
  }
  plan.summary = t(locale, 'import.summary', {
    added: plan.rows.length,
    skipped: plan.skipped.length,
    rejected: plan.rejectedLines.length,
  });
  return plan;
}

/** ", row 12" or ", line 3 of this file": where the row a skipped line matched is. */
export function whereText(locale: Locale, known: Known): string {
  return known.row !== null
    ? t(locale, 'import.whereRow', { row: known.row })
    : known.line !== null
      ? t(locale, 'import.whereLine', { line: known.line })
      : '';
}

/** A skipped line with its localized `message` (which names the line and `whereText`). */
export function importSkip(line: number, reason: SkipReason, known: Known, message: string): ImportSkip {
  return { line, reason, matchedRow: known.row, matchedLine: known.line, matchedId: known.id, message };
}

function skip(locale: Locale, line: number, reason: Exclude<SkipReason, 'key'>, known: Known): ImportSkip {
  const where = whereText(locale, known);
  return importSkip(line, reason, known, t(locale, SKIP_KEYS[reason], { line, id: known.id ?? '', where }));
}

/** A parsed value as setValues must receive it: text stays text, everything else as is. */
function toSheetValue(v: CellValue): CellValue {
  return typeof v === 'string' ? literalText(v) : v;
}
