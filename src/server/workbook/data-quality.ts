/**
 * Duplicates and the data-quality audit (menu dialogs, `crm dedupe`, `crm audit`).
 *
 * Dedupe reads the customers once and lists groups of likely duplicates (core dedupe). A merge,
 * under the document lock, finds the groups from the compared columns only, then reads the
 * members' whole rows (one Values.batchGet, one Spreadsheets.get for their formulas): the kept row
 * gets the non-empty values of the others, interactions, purchases and feedback are re-pointed to the
 * kept id (only their customerId column is read), and every changed cell of those sheets and of the
 * kept rows is written in one Values.batchUpdate (RAW: text is never parsed), dates in another
 * (USER_ENTERED ISO text, stored as dates). The merged-away rows are appended to the archive sheet
 * (one write) and only then removed from the customers sheet (one batchUpdate of deleteDimension
 * requests, bottom up, so formats, notes and formulas of the other rows stay with them), and each
 * merge is written to the audit log (one write). Finding and merging duplicates take a constant
 * number of calls, whatever the number of rows or groups.
 *
 * The audit reads each audited sheet once, never changes data, and writes its report sheet. A
 * workbook larger than one execution can read (QUALITY_STAGE_CELLS) is audited in stages planned
 * from the sheets' layouts: each stage's findings are appended to the report, the counts so far
 * kept in a document property, and a one-off trigger runs the next stage until the last rewrites
 * the counts and removes the trigger. A workbook that fits is audited in one execution.
 */
import {
  QUALITY_KINDS,
  QualitySheet,
  QualityKind,
  QualityPart,
  QUALITY_SHEETS,
  planQualityStages,
  StagePart,
  checkDataQuality,
  QualityFinding,
  duplicateReasonLabel,
  DuplicateGroup,
  findDuplicateGroups,
  chooseSurvivors,
  planMerge,
  repointColumn,
  repointRanges,
} from '../../core/workbook';
import { auditRowForAction } from '../../core/audit';
import {
  literalText,
  neutralizeFormula,
  cellText,
  columnLetter,
  serialToDate,
  wallClock,
  quotedSheetName,
} from '../../core/shared';
import { CellValue, CUSTOMER_COLUMNS, SheetKey, SheetRow } from '../../core/schema';
import { MessageKey, messagesFor, tDynamic, UserError } from '../../i18n';
import { saveHighestIdAssigned, highestIdAssigned } from './customer-ids';
import {
  batchUpdate,
  extraSheet,
  withDocumentLock,
  ensureColumns,
  ensureRows,
  sheetsService,
  asRecord,
  deleteKey,
  DOC_KEYS,
  readJson,
  readNumber,
  removeTriggers,
  continueLater,
  toRows,
  writeJson,
  type Layout,
} from '../document';
import { customerRowsWritten } from './hooks';
import { begin, Execution, requireAction, requireTable, runContinuation } from '../session';

export interface DuplicateMemberView {
  row: number;
  id: string;
  name: string;
  company: string;
  email: string;
  phone: string;
  owner: string;
  keep: boolean;
}

export interface DuplicateGroupView {
  /** identifies the group for a merge: its ids, kept first */
  key: string;
  reasons: string;
  members: DuplicateMemberView[];
}

export interface DuplicatesReport {
  groups: DuplicateGroupView[];
  customers: number;
  summary: string;
  messages: Record<(typeof DEDUPE_UI_KEYS)[number], string>;
}

/**
 * Groups merged per execution. The merge's own calls do not grow with groups (the after-write hook's
 * may), its cells do (the members' rows, the changed cells): 200 groups stay well inside Apps
 * Script's 6-minute limit at 100,000 customers (see bench/RESULTS.md); the rest is merged by the
 * next run, which finds the remaining groups again.
 */
export const MERGE_GROUPS_PER_RUN = 200;

export interface MergeResult {
  merged: number;
  /** groups left for the next run (more than MERGE_GROUPS_PER_RUN were asked for) */
  remaining: number;
  archived: number;
  repointed: number;
  /** requested groups that no longer exist as they were listed (data changed meanwhile) */
  stale: number;
  summary: string;
}

const DEDUPE_UI_KEYS = [
  'dedupe.dialogTitle',
  'dedupe.keep',
  'dedupe.merge',
  'dedupe.mergeAll',
  'dedupe.merging',
  'dedupe.none',
  'dedupe.confirm',
  'dedupe.keepChoose',
  'dedupe.col.row',
  'dedupe.col.id',
  'dedupe.col.name',
  'dedupe.col.company',
  'dedupe.col.email',
  'dedupe.col.phone',
  'dedupe.col.owner',
  'dedupe.yes',
  'dedupe.no',
  'dialog.close',
] as const;

export function menuDedupe(): void {
  const ex = begin();
  requireAction(ex, 'dedupe');
  const html = HtmlService.createHtmlOutputFromFile('DedupeDialog').setWidth(720).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(html, ex.t('dedupe.dialogTitle'));
}

function groupKey(g: DuplicateGroup): string {
  return [g.keep, ...g.others].map((m) => m.id || `#${m.row}`).join('+');
}

/** google.script.run and `crm dedupe`: the groups of likely duplicate customers. */
export function findDuplicates(): DuplicatesReport {
  const ex = begin();
  requireAction(ex, 'dedupe');
  const table = requireTable(ex, 'customers');
  const groups = findDuplicateGroups(table.rows);
  const byRow = new Map(table.rows.map((r) => [r.row, r]));
  const view = (m: { row: number; id: string }, keep: boolean): DuplicateMemberView => {
    const v = byRow.get(m.row)?.values ?? {};
    const text = (k: string) => cellText(v[k]);
    return {
      row: m.row,
      id: m.id,
      name: text('name'),
      company: text('company'),
      email: text('email'),
      phone: text('phone'),
      owner: text('owner'),
      keep,
    };
  };
  const messages = messagesFor(ex.locale, DEDUPE_UI_KEYS);
  return {
    groups: groups.map((g) => ({
      key: groupKey(g),
      reasons: g.reasons.map((r) => duplicateReasonLabel(ex.locale, r)).join(', '),
      members: [view(g.keep, true), ...g.others.map((m) => view(m, false))],
    })),
    customers: table.rows.length,
    summary: ex.t('dedupe.found', { groups: groups.length, customers: table.rows.length }),
    messages,
  };
}

/** The customer columns duplicates are compared on (and the ids, for the groups' keys). */
const COMPARED_COLUMNS = ['id', 'name', 'company', 'phone', 'email'] as const;

type ValueRange = GoogleAppsScript.Sheets.Schema.ValueRange;

/**
 * google.script.run and `crm dedupe --apply`: merges the groups whose keys are given (as listed by
 * findDuplicates), or every group when `keys` is null; `options.keep` names the records that
 * survive instead of the oldest (one per group at most).
 */
export function mergeDuplicates(keys?: unknown, options?: unknown): MergeResult {
  const ex = begin();
  requireAction(ex, 'dedupe');
  const wanted = Array.isArray(keys) ? new Set(keys.map(String)) : null;
  const keepOption = (options as { keep?: unknown } | null | undefined)?.keep;
  const keep = Array.isArray(keepOption) ? keepOption.map(String) : [];
  return withDocumentLock(ex, () => {
    const compared = ex.wb.readColumns('customers', COMPARED_COLUMNS);
    if (!compared) throw new UserError(ex.locale, 'error.notSetUp');
    const layout = compared.layout;
    const all = findDuplicateGroups(compared.rows);
    // Groups are named by their default survivor; the person's choice of survivor applies after.
    const chosen = chooseSurvivors(wanted ? all.filter((g) => wanted.has(groupKey(g))) : all, keep);
    if (chosen.unknown.length)
      throw new UserError(ex.locale, 'dedupe.keepUnknown', { id: chosen.unknown[0] });
    if (chosen.twice.length)
      throw new UserError(ex.locale, 'dedupe.keepTwice', { ids: chosen.twice[0].join(', ') });
    const asked = chosen.groups;
    const stale = wanted ? wanted.size - asked.length : 0;
    const groups = asked.slice(0, MERGE_GROUPS_PER_RUN);
    const remaining = asked.length - groups.length;
    if (groups.some((g) => !g.keep.id)) throw new UserError(ex.locale, 'dedupe.keptWithoutId');
    if (groups.length === 0)
      return { merged: 0, remaining: 0, archived: 0, repointed: 0, stale, summary: ex.t('dedupe.none') };
    // Merged-away ids stay retired: remember the highest id before any row leaves the sheet.
    saveHighestIdAssigned(highestIdAssigned(compared.rows));
    const members = readMemberRows(
      ex,
      layout,
      groups.flatMap((g) => [g.keep.row, ...g.others.map((m) => m.row)]),
    );
    const plan = planMerge(members.rows, groups, new Date());

    // Re-pointed references and the kept rows' filled cells: one Values.batchUpdate.
    const data: ValueRange[] = [];
    let repointed = 0;
    for (const key of ['interactions', 'purchases', 'feedback'] as SheetKey[])
      repointed += repointSheet(ex, key, plan.repoint, data);
    const dates: ValueRange[] = [];
    keptRowChanges(ex, layout, members.formulas, plan.merged, data, dates);
    const values = sheetsService().Spreadsheets!.Values!;
    const id = layout.sheet.getParent().getId();
    if (data.length) values.batchUpdate({ valueInputOption: 'RAW', data }, id);
    if (dates.length) values.batchUpdate({ valueInputOption: 'USER_ENTERED', data: dates }, id);
    archiveRows(ex, layout, plan.archive, members.lines, plan.repoint);
    const removed = plan.archive.map((r) => r.row);
    deleteRows(layout, removed);
    ex.wb.rowsDeleted('customers', new Set(removed).size);

    const now = new Date();
    ex.wb.append(
      'auditLog',
      plan.merged.map((m) =>
        auditRowForAction({
          action: 'merge',
          user: ex.user.email,
          time: now,
          sheet: 'customers',
          range: m.keptId,
          oldValue: m.mergedIds.join(', '),
          newValue: m.keptId,
          details: { kept: m.keptId, merged: m.mergedIds.join(','), filled: m.filled.join(',') },
        }),
      ),
    );
    const sortedRemoved = [...removed].sort((a, b) => a - b);
    const shifted = (row: number) => row - sortedRemoved.filter((x) => x < row).length;
    customerRowsWritten(
      ex,
      plan.merged.map((m) => shifted(m.keptRow)),
    );
    const summary = ex.t('dedupe.merged', {
      groups: plan.merged.length,
      archived: plan.archive.length,
      repointed,
    });
    return {
      merged: plan.merged.length,
      remaining,
      archived: plan.archive.length,
      repointed,
      stale,
      summary: remaining > 0 ? `${summary} ${ex.t('dedupe.remaining', { remaining })}` : summary,
    };
  });
}

interface MemberRows {
  /** the members as records by column key (dates as Dates) */
  rows: SheetRow[];
  /** each member's whole line in sheet column order, for the archive's user columns */
  lines: Map<number, CellValue[]>;
  /** each member's formulas by column index ('' where none) */
  formulas: Map<number, string[]>;
}

/**
 * The whole rows of the groups' members only, never the whole sheet: one Values.batchGet of their
 * values (dates as serial numbers, turned back into Dates for the schema's date columns) and one
 * Sheets.Spreadsheets.get of their formulas (userEnteredValue.formulaValue tells a formula from
 * text that only looks like one). Two calls whatever the number of members.
 */
function readMemberRows(ex: Execution, layout: Layout, rows: number[]): MemberRows {
  const wanted = [...new Set(rows)].sort((a, b) => a - b);
  const width = Math.max(layout.width, ...Object.values(layout.header.byKey).map((i) => i + 1));
  const name = quotedSheetName(layout.sheet.getName());
  const last = columnLetter(width);
  const ranges = wanted.map((r) => `${name}!A${r}:${last}${r}`);
  const id = layout.sheet.getParent().getId();
  const api = sheetsService().Spreadsheets!;
  const got = api.Values!.batchGet(id, {
    ranges,
    valueRenderOption: 'UNFORMATTED_VALUE',
    dateTimeRenderOption: 'SERIAL_NUMBER',
  });
  const dateColumns = CUSTOMER_COLUMNS.filter((c) => c.type === 'date' || c.type === 'datetime')
    .map((c) => layout.header.byKey[c.key])
    .filter((i): i is number => i !== undefined);
  const lines = new Map<number, CellValue[]>();
  (got.valueRanges ?? []).forEach((vr, k) => {
    const line: CellValue[] = new Array(width).fill('');
    ((vr.values?.[0] ?? []) as CellValue[]).forEach((v, i) => (line[i] = v ?? ''));
    for (const i of dateColumns)
      if (typeof line[i] === 'number') line[i] = serialToDate(line[i] as number, ex.timeZone);
    lines.set(wanted[k], line);
  });
  const records: SheetRow[] = [];
  for (const [row, line] of lines) {
    const values: Record<string, CellValue> = {};
    for (const [key, index] of Object.entries(layout.header.byKey)) values[key] = line[index] ?? '';
    records.push({ row, values });
  }
  const response = api.get(id, {
    ranges,
    fields:
      'sheets.properties.sheetId,sheets.data.startRow,sheets.data.rowData.values.userEnteredValue.formulaValue',
  });
  const sheetId = layout.sheet.getSheetId();
  const formulas = new Map<number, string[]>();
  for (const grid of response.sheets?.find((s) => s.properties?.sheetId === sheetId)?.data ?? []) {
    const cells = grid.rowData?.[0]?.values ?? [];
    formulas.set(
      (grid.startRow ?? 0) + 1,
      cells.map((c) => c.userEnteredValue?.formulaValue ?? ''),
    );
  }
  return { rows: records, lines, formulas };
}

/**
 * Re-points one sheet's references: reads its customerId column alone and adds only the cells that
 * change to `data` (consecutive rows with the same new id as one range), so cells written grow with
 * the references, never with rows. Returns the references changed.
 */
function repointSheet(
  ex: Execution,
  key: SheetKey,
  repoint: Record<string, string>,
  data: ValueRange[],
): number {
  const column = ex.wb.readColumn(key, 'customerId');
  if (!column || column.values.length === 0) return 0;
  const changes = repointColumn(column.values, repoint);
  if (changes.length === 0) return 0;
  const index = column.layout.header.byKey.customerId;
  const name = quotedSheetName(column.layout.sheet.getName());
  for (const { to, a1 } of repointRanges(changes, index + 1))
    for (const part of a1) {
      const [first, lastCell] = part.split(':');
      const rows = lastCell ? Number(/\d+/.exec(lastCell)![0]) - Number(/\d+/.exec(first)![0]) + 1 : 1;
      // RAW stores the text as-is: an id is never parsed as a formula or a number.
      data.push({ range: `${name}!${part}`, values: Array.from({ length: rows }, () => [to]) });
    }
  ex.wb.forget(key);
  return changes.length;
}

/**
 * The cells a merge changes in each kept row: the columns filled from the others and updatedAt.
 * The kept row's own formulas stay. Values other than dates go to `data` (written RAW: never parsed,
 * so text stays text); dates go to `dates` as ISO wall-clock text in the spreadsheet's time zone, to
 * be written USER_ENTERED, which stores them as dates (RAW would store a number or text).
 */
function keptRowChanges(
  ex: Execution,
  layout: Layout,
  formulas: Map<number, string[]>,
  merged: Array<{ keptRow: number; values: Record<string, CellValue>; filled: string[] }>,
  data: ValueRange[],
  dates: ValueRange[],
): void {
  const name = quotedSheetName(layout.sheet.getName());
  const put = (index: number, row: number, v: CellValue) => {
    const range = `${name}!${columnLetter(index + 1)}${row}`;
    if (v instanceof Date) dates.push({ range, values: [[isoWallClock(v, ex.timeZone)]] });
    else data.push({ range, values: [[v]] });
  };
  for (const m of merged) {
    const own = formulas.get(m.keptRow) ?? [];
    for (const key of m.filled) {
      const index = layout.header.byKey[key];
      if (index !== undefined && !own[index]) put(index, m.keptRow, m.values[key]);
    }
    const updated = layout.header.byKey.updatedAt;
    if (updated !== undefined && m.values.updatedAt instanceof Date)
      put(updated, m.keptRow, m.values.updatedAt);
  }
}

/** "yyyy-mm-dd hh:mm:ss" as the wall clock shows it in a time zone: Sheets parses it as a date in every locale. */
function isoWallClock(d: Date, timeZone: string): string {
  const w = wallClock(d, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}

const ARCHIVE_META_LABELS = [
  'archive.archivedAt',
  'archive.mergedInto',
  'archive.archivedBy',
  'archive.originalRow',
] as const;

function literal(v: CellValue): CellValue {
  return typeof v === 'string' ? literalText(v) : v;
}

/**
 * Appends the merged-away rows to the archive sheet: when, into which id, by whom, the original
 * row, every customer column by key, and the user's own columns as JSON (header: value).
 */
function archiveRows(
  ex: Execution,
  layout: Layout,
  rows: SheetRow[],
  lines: Map<number, CellValue[]>,
  repoint: Record<string, string>,
): void {
  const sheet = extraSheet(ex, 'customerArchive');
  const header = [
    ...ARCHIVE_META_LABELS.map((k) => ex.t(k)),
    ...CUSTOMER_COLUMNS.map((c) => tDynamic(ex.locale, `col.customers.${c.key}`)),
    ex.t('archive.otherColumns'),
  ];
  const width = header.length;
  ensureColumns(sheet, width);
  const lastRow = sheet.getLastRow();
  const now = new Date();
  const out: unknown[][] = rows.map((r) => {
    const id = cellText(r.values.id).trim().toUpperCase();
    const extra: Record<string, CellValue> = {};
    for (const i of layout.header.userColumns) {
      const v = lines.get(r.row)?.[i];
      if (v !== undefined && v !== '') extra[cellText(layout.headerValues[i]) || `#${i + 1}`] = v;
    }
    return [
      now,
      repoint[id] ?? '',
      ex.user.email,
      r.row,
      ...CUSTOMER_COLUMNS.map((c) => literal(r.values[c.key] ?? '')),
      Object.keys(extra).length ? neutralizeFormula(JSON.stringify(extra)) : '',
    ];
  });
  const first = lastRow === 0 ? [header, ...out] : out;
  const start = lastRow === 0 ? 1 : lastRow + 1;
  ensureRows(sheet, start + first.length - 1);
  sheet.getRange(start, 1, first.length, width).setValues(first);
  if (lastRow === 0) sheet.setFrozenRows(1);
}

/**
 * Removes rows with one Sheets.Spreadsheets.batchUpdate: a deleteDimension per contiguous run,
 * bottom up so each request's indexes are those of the sheet as read. Like Sheet.deleteRows, it
 * takes formats, notes and formulas of the removed rows with them and moves the others up.
 */
function deleteRows(layout: Layout, rows: number[]): void {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const sheetId = layout.sheet.getSheetId();
  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] - 1) j++;
    requests.push({
      deleteDimension: {
        range: { sheetId, dimension: 'ROWS', startIndex: sorted[j] - 1, endIndex: sorted[i] },
      },
    });
    i = j + 1;
  }
  if (requests.length) batchUpdate(layout.sheet.getParent().getId(), requests);
}

// ---------------------------------------------------------------------------------------------
// The data-quality audit

const KIND_LABELS = {
  invalid: 'quality.kind.invalid',
  required: 'quality.kind.required',
  orphan: 'quality.kind.orphan',
  duplicateId: 'quality.kind.duplicateId',
  duplicate: 'quality.kind.duplicate',
  blankRow: 'quality.kind.blankRow',
  missingColumn: 'quality.kind.missingColumn',
} as const satisfies Record<QualityKind, MessageKey>;

export interface QualityResult {
  /** counts per kind of every stage run so far (all of them when done) */
  counts: Record<string, number>;
  total: number;
  /** this execution's findings (every finding when the audit ran in one execution) */
  findings: QualityFinding[];
  rowsChecked: Partial<Record<QualitySheet, number>>;
  reportSheet: string;
  summary: string;
  /** false while later stages are left to the continuation trigger */
  done: boolean;
  /** the stage this execution ran (1-based) and the number of stages */
  stage: number;
  stages: number;
}

/**
 * Cells one audit execution reads at most: 4.5M cells is 45 s at 10 µs a cell (the bench's cost
 * model), half of the 90 s an action may take, leaving room for the calls and the report's writes.
 */
export const QUALITY_STAGE_CELLS = 4_500_000;
/** No more stages than fit one document property (9 KB) as a plan. */
const MAX_STAGES = 60;
/** Apps Script's limit on one property value (9 KB). */
const PROPERTY_LIMIT = 9 * 1024;
const CONTINUE_HANDLER = 'continueDataQuality';
/** Report rows above the findings: title, counts header, a line per kind, a blank, the findings header. */
const REPORT_HEADER_ROWS = 2 + QUALITY_KINDS.length + 2;
const REPORT_WIDTH = 6;

interface AuditProgress {
  stages: StagePart[][];
  /** index of the next stage to run */
  next: number;
  counts: Record<QualityKind, number>;
  rowsChecked: Partial<Record<QualitySheet, number>>;
  /** finding rows written to the report so far */
  written: number;
  started: string;
}

const isPart = (v: unknown): v is StagePart => {
  const r = asRecord(v);
  return (
    !!r &&
    (QUALITY_SHEETS as readonly unknown[]).includes(r.sheet) &&
    Number.isInteger(r.from) &&
    Number.isInteger(r.to)
  );
};

function asProgress(value: unknown): AuditProgress | null {
  const r = asRecord(value);
  if (!r || !Array.isArray(r.stages) || !Number.isInteger(r.next) || !Number.isInteger(r.written))
    return null;
  if (!r.stages.every((s) => Array.isArray(s) && s.every(isPart))) return null;
  const counts = asRecord(r.counts);
  const rowsChecked = asRecord(r.rowsChecked);
  if (!counts || !rowsChecked || !QUALITY_KINDS.every((k) => typeof counts[k] === 'number')) return null;
  return r as unknown as AuditProgress;
}

/** Menu "Check data quality": runs the audit (its first stage) and shows its summary. */
export function menuDataQuality(): void {
  const result = runDataQuality();
  SpreadsheetApp.getUi().alert(result.summary);
}

/**
 * google.script.run and `crm audit`: starts an audit (a running one starts over), plans its stages
 * from the sheets' layouts, runs the first and leaves the others to the continuation trigger.
 */
export function runDataQuality(): QualityResult {
  const ex = begin();
  requireAction(ex, 'dataQuality');
  const customers = ex.wb.layout('customers');
  if (!customers) throw new UserError(ex.locale, 'error.notSetUp');
  const lacking = CUSTOMER_COLUMNS.filter((c) => c.required && customers.header.byKey[c.key] === undefined);
  if (lacking.length) requireTable(ex, 'customers'); // refuses with the missing columns named
  const extents = QUALITY_SHEETS.map((key) => ex.wb.layout(key))
    .filter((l): l is Layout => !!l)
    .map((l) => ({ sheet: l.key as QualitySheet, lastRow: l.lastRow, width: l.width }));
  const total = extents.reduce((n, e) => n + Math.max(e.lastRow - 1, 0) * e.width, 0);
  const cap = Math.max(stageCells(), Math.ceil(total / MAX_STAGES));
  // As many stages as the cap needs, evenly filled: no short last stage waiting a minute for little.
  // (plus a row of each sheet: parts end on whole rows, which would leave a sliver for one more)
  const slack = extents.reduce((n, e) => n + e.width, 0);
  const size = total > cap ? Math.ceil(total / Math.ceil(total / cap)) + slack : cap;
  const progress: AuditProgress = {
    stages: planQualityStages(extents, size),
    next: 0,
    counts: Object.fromEntries(QUALITY_KINDS.map((k) => [k, 0])) as Record<QualityKind, number>,
    rowsChecked: {},
    written: 0,
    started: new Date().toISOString(),
  };
  return runStage(ex, progress);
}

/**
 * The continuation trigger's handler (and `crm audit`'s loop): runs the next stage of the audit in
 * progress; null when none is (the trigger then removes itself).
 */
export function continueDataQuality(e?: { triggerUid?: unknown }): QualityResult | null {
  return runContinuation(CONTINUE_HANDLER, 'dataQuality', e, (ex) => {
    const progress = readJson(DOC_KEYS.dataQualityProgress, asProgress);
    if (!progress || progress.next >= progress.stages.length) {
      deleteKey(DOC_KEYS.dataQualityProgress);
      removeTriggers(CONTINUE_HANDLER);
      return null;
    }
    return runStage(ex, progress);
  });
}

function stageCells(): number {
  const n = readNumber(DOC_KEYS.dataQualityStageCells);
  return n !== null && n > 0 ? n : QUALITY_STAGE_CELLS;
}

/** The column keys of a layout by position. */
function layoutKeys(layout: Layout): Array<string | null> {
  const keys: Array<string | null> = new Array(layout.width).fill(null);
  for (const [k, i] of Object.entries(layout.header.byKey)) keys[i] = k;
  return keys;
}

/** Rows [from, to] of a sheet in one getValues, as records with their sheet row numbers. */
function readRows(layout: Layout, from: number, to: number): SheetRow[] {
  const last = Math.min(to, layout.lastRow);
  if (last < from) return [];
  const grid = layout.sheet.getRange(from, 1, last - from + 1, layout.width).getValues() as CellValue[][];
  return toRows(grid, layout.header).map((r) => ({ ...r, row: r.row - 2 + from }));
}

/** Runs stage `progress.next`: reads its sheets (or rows of them), checks them, writes the report. */
function runStage(ex: Execution, progress: AuditProgress): QualityResult {
  const index = progress.next;
  const stage = progress.stages[index] ?? [];
  const later = progress.stages.slice(index + 1);
  const sheets: Partial<Record<QualitySheet, SheetRow[]>> = {};
  const layouts: Partial<Record<QualitySheet, Array<string | null>>> = {};
  const parts: Partial<Record<Exclude<QualitySheet, 'customers'>, QualityPart>> = {};
  for (const p of stage) {
    const layout = ex.wb.layout(p.sheet);
    if (!layout) continue;
    const last = !later.some((s) => s.some((q) => q.sheet === p.sheet));
    const whole = p.from <= 2 && last && (p.sheet === 'customers' || p.to >= layout.lastRow);
    if (whole) {
      const table = ex.wb.read(p.sheet);
      if (!table) continue;
      sheets[p.sheet] = table.rows;
      layouts[p.sheet] = layoutKeys(table);
    } else {
      sheets[p.sheet] = readRows(layout, p.from, p.to);
      layouts[p.sheet] = layoutKeys(layout);
      if (p.sheet !== 'customers') parts[p.sheet] = { from: p.from, to: p.to, last };
    }
  }
  // What the stage's checks need from sheets it does not audit: every customer id, the roles.
  const references = stage.some((p) => p.sheet !== 'customers' && p.sheet !== 'roles');
  const customerIds =
    !sheets.customers && references
      ? (ex.wb.readColumn('customers', 'id')?.values ?? []).map((v) => cellText(v))
      : undefined;
  const roles = sheets.roles ? undefined : ex.wb.read('roles')?.rows;
  const report = checkDataQuality({
    sheets,
    layouts,
    parts,
    context: { customerIds, roles },
    settings: ex.settings,
    locale: ex.locale,
    timeZone: ex.timeZone,
  });

  for (const k of QUALITY_KINDS) progress.counts[k] += report.counts[k];
  for (const [k, n] of Object.entries(report.rowsChecked) as Array<[QualitySheet, number]>)
    progress.rowsChecked[k] = (progress.rowsChecked[k] ?? 0) + n;
  const done = index + 1 >= progress.stages.length;
  const sheet = withDocumentLock(ex, () => {
    const name = writeReport(ex, index === 0, progress.written, report.findings, progress.counts);
    progress.written += report.findings.length;
    progress.next = index + 1;
    if (done) {
      deleteKey(DOC_KEYS.dataQualityProgress);
      removeTriggers(CONTINUE_HANDLER);
    } else {
      // At most MAX_STAGES stages of a few parts each: about 3 KB, within a property's 9 KB.
      if (JSON.stringify(progress).length > PROPERTY_LIMIT)
        throw new Error(`data-quality progress exceeds ${PROPERTY_LIMIT} characters`);
      writeJson(DOC_KEYS.dataQualityProgress, progress);
      continueLater(CONTINUE_HANDLER);
    }
    return name;
  });
  const total = QUALITY_KINDS.reduce((n, k) => n + progress.counts[k], 0);
  const summary = !done
    ? ex.t('quality.continuing', { stage: index + 1, stages: progress.stages.length, total })
    : total === 0
      ? ex.t('quality.clean')
      : ex.t('quality.summary', {
          total,
          counts: QUALITY_KINDS.filter((k) => progress.counts[k] > 0)
            .map((k) => `${ex.t(KIND_LABELS[k])} ${progress.counts[k]}`)
            .join(', '),
        });
  return {
    counts: { ...progress.counts },
    total,
    findings: report.findings,
    rowsChecked: { ...progress.rowsChecked },
    reportSheet: sheet,
    summary,
    done,
    stage: index + 1,
    stages: progress.stages.length,
  };
}

/**
 * The report sheet: the first stage clears it and writes the counts so far, then every finding of
 * the stage, in one block; a later stage appends its findings below those written and rewrites the
 * counts (one block each).
 */
function writeReport(
  ex: Execution,
  first: boolean,
  written: number,
  findings: QualityFinding[],
  counts: Record<string, number>,
): string {
  const sheet = extraSheet(ex, 'dataQuality');
  const width = REPORT_WIDTH;
  const row = (...cells: unknown[]) => [...cells, ...new Array(width - cells.length).fill('')];
  const findingLines = findings.map((f) => [
    ex.t(KIND_LABELS[f.kind]),
    ex.t(`sheet.${f.sheetKey}`),
    f.row ?? '',
    f.column,
    literalText(f.value),
    neutralizeFormula(f.message),
  ]);
  if (first) {
    const lines: unknown[][] = [
      row(ex.t('quality.reportTitle'), new Date()),
      row(ex.t('quality.kindHeader'), ex.t('quality.countHeader')),
      ...QUALITY_KINDS.map((k) => row(ex.t(KIND_LABELS[k]), counts[k])),
      row(),
      [
        ex.t('quality.kindHeader'),
        ex.t('quality.sheetHeader'),
        ex.t('quality.rowHeader'),
        ex.t('quality.columnHeader'),
        ex.t('quality.valueHeader'),
        ex.t('quality.messageHeader'),
      ],
      ...findingLines,
    ];
    // Only the used range: clearing the whole grid is charged per cell (26,000 of a new sheet).
    const used = sheet.getLastRow();
    if (used > 0) sheet.getRange(1, 1, used, Math.max(sheet.getLastColumn(), 1)).clearContent();
    ensureColumns(sheet, width);
    ensureRows(sheet, lines.length);
    sheet.getRange(1, 1, lines.length, width).setValues(lines);
    return sheet.getName();
  }
  sheet.getRange(3, 2, QUALITY_KINDS.length, 1).setValues(QUALITY_KINDS.map((k) => [counts[k]]));
  if (findingLines.length) {
    const start = REPORT_HEADER_ROWS + written + 1;
    ensureRows(sheet, start + findingLines.length - 1);
    sheet.getRange(start, 1, findingLines.length, width).setValues(findingLines);
  }
  return sheet.getName();
}
