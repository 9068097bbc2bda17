/**
 * The edit audit trail: what goes into one auditLog row, and when the log is archived.
 *
 * Shell contract:
 * - The installable edit trigger (installed once by setup, running as its installer) resolves the
 *   edited tab to its sheet key and calls `auditRowForEdit` with e.range.getA1Notation(),
 *   getNumRows(), getNumColumns(), e.oldValue, e.value, e.user's e-mail and the current time. A
 *   null result (a sheet that is not audited) writes nothing.
 * - The add-on's own actions call `auditRowForAction`.
 * - Rows are keyed by auditLog column key, so the shell places them by the header metadata; they
 *   are appended under the document lock and never rewritten.
 *
 * The action column holds a stable English token and a short structured summary
 * (`import rows=120 skipped=2`, `editRange cells=12`), so a filter on "begins with import" finds
 * every import whatever the locale. The sheet column holds the stable sheet key, not the tab name.
 */
import { CellValue, SheetKey } from '../schema';
import { neutralizeFormula } from '../shared';

/** Sheets whose user edits are logged; the add-on's own sheets (logs, dashboard) are not. */
export const AUDITED_SHEETS: readonly SheetKey[] = [
  'customers',
  'interactions',
  'purchases',
  'feedback',
  'opportunities',
  'targets',
  'roles',
  'settings',
];

/**
 * The add-on's logs: only the add-on should write them, yet managers may (Sheets protections let a
 * log's writers edit any cell). A person's edit of one is logged like a data edit, with the action
 * `logEdit`, and reported to the admins, so a log cannot be quietly rewritten.
 */
export const LOG_SHEETS: readonly SheetKey[] = ['auditLog', 'reminderLog'];

/** Longest value kept in a log cell: enough to read, far below the 50,000-character cell limit. */
export const AUDIT_TEXT_MAX = 500;

/** The log is archived once it holds more data rows than this. */
export const AUDIT_ARCHIVE_THRESHOLD = 100000;

export type AuditAction =
  | 'setup'
  | 'import'
  | 'merge'
  | 'tierApply'
  | 'protections'
  | 'handOver'
  | 'backup'
  | 'backupFailed'
  | 'auditArchive'
  | 'reminderArchive'
  | 'customerAdd'
  | 'markContacted'
  | 'snooze'
  /** the edit check undid a person's edit the role matrix forbids (the old value is back) */
  | 'reverted'
  /** a multi-cell edit the role matrix forbids: logged, not undone (Sheets gives no old values) */
  | 'editFlagged'
  | 'logFollowUp'
  | 'recordPurchase'
  | 'recordFeedback'
  | 'addOpportunity'
  | 'moveOpportunity'
  | 'recomputeValues';

/** One auditLog row by column key (core/schema, auditLog columns). */
export interface AuditRecord extends Record<string, CellValue> {
  timestamp: Date;
  user: string;
  sheet: string;
  range: string;
  oldValue: string;
  newValue: string;
  action: string;
}

export interface EditEvent {
  /** the sheet key of the edited tab, or null for a tab that is not the add-on's */
  sheet: SheetKey | null;
  /** A1 notation of the edited range */
  range: string;
  numRows: number;
  numColumns: number;
  /** e.oldValue and e.value: Apps Script gives them for single-cell edits only */
  oldValue?: unknown;
  value?: unknown;
  user: string;
  time: Date | number;
}

/** A value as safe log text: stringified, cut to `max` characters (with an ellipsis), formula-neutral. */
export function auditText(value: unknown, max = AUDIT_TEXT_MAX): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (Object.prototype.toString.call(value) === '[object Date]') {
    const t = (value as Date).getTime();
    s = Number.isNaN(t) ? '' : new Date(t).toISOString();
  } else if (typeof value === 'object')
    s = ''; // Apps Script once sent {oldValue} for cleared cells
  else s = String(value);
  if (s.length > max) s = s.slice(0, max - 1) + '…';
  return neutralizeFormula(s);
}

/**
 * The log row for a user's edit: one row per event, so a multi-cell paste or fill is one row with
 * the range and its cell count (Apps Script does not give the values of a multi-cell edit).
 */
export function auditRowForEdit(e: EditEvent): AuditRecord | null {
  if (e.sheet === null) return null;
  const log = LOG_SHEETS.includes(e.sheet);
  if (!log && !AUDITED_SHEETS.includes(e.sheet)) return null;
  const cells = Math.max(1, e.numRows) * Math.max(1, e.numColumns);
  const single = cells === 1;
  const token = log ? 'logEdit' : 'edit';
  return {
    timestamp: toDate(e.time),
    user: auditText(e.user),
    sheet: e.sheet,
    range: auditText(e.range),
    oldValue: single ? auditText(e.oldValue) : '',
    newValue: single ? auditText(e.value) : '',
    action: single ? token : summary(`${token}Range`, { cells }),
  };
}

export interface ActionEvent {
  action: AuditAction;
  user: string;
  time: Date | number;
  /** the sheet the action changed, if one */
  sheet?: SheetKey | '';
  range?: string;
  /** facts for the summary: counts, ids, file names */
  details?: Record<string, string | number | boolean | null | undefined>;
  /** a value the action replaced and the value it wrote, when there is one (a merge, a hand-over) */
  oldValue?: unknown;
  newValue?: unknown;
}

/** The log row for one of the add-on's own actions (setup, import, merge, tier apply, ...). */
export function auditRowForAction(a: ActionEvent): AuditRecord {
  return {
    timestamp: toDate(a.time),
    user: auditText(a.user),
    sheet: a.sheet ?? '',
    range: auditText(a.range ?? ''),
    oldValue: auditText(a.oldValue),
    newValue: auditText(a.newValue),
    action: auditText(summary(a.action, a.details ?? {})),
  };
}

/** `token key=value ...`; values with spaces, quotes or `=` are quoted; empty details are left out. */
export function summary(
  token: string,
  details: Record<string, string | number | boolean | null | undefined>,
): string {
  const parts = [token];
  for (const [key, value] of Object.entries(details)) {
    if (value === null || value === undefined || value === '') continue;
    const s = String(value);
    parts.push(`${key}=${/[\s"=]/.test(s) ? JSON.stringify(s) : s}`);
  }
  return parts.join(' ');
}

/** One cell a script write changed, for the log: the same facts a user's single-cell edit gives. */
export interface FieldChange {
  /** column key */
  field: string;
  /** A1 notation of the cell */
  range: string;
  oldValue: unknown;
  newValue: unknown;
}

/**
 * The log rows for a customer saved through the form. Script writes do not fire the edit trigger,
 * so the form logs what it wrote itself: one row per changed cell with its old and new value, as if
 * the user had typed each one (`customerEdit id=C000012 field=phone`).
 */
export function auditRowsForFieldChanges(e: {
  user: string;
  time: Date | number;
  sheet: SheetKey;
  id: string;
  changes: FieldChange[];
}): AuditRecord[] {
  return e.changes.map((c) => ({
    timestamp: toDate(e.time),
    user: auditText(e.user),
    sheet: e.sheet,
    range: auditText(c.range),
    oldValue: auditText(c.oldValue),
    newValue: auditText(c.newValue),
    action: auditText(summary('customerEdit', { id: e.id, field: c.field })),
  }));
}

export interface ArchivePlan {
  /** sheet row of the first row to move (row 1 is the header) */
  startRow: number;
  numRows: number;
  /** data rows left in the log afterwards */
  keepRows: number;
}

/**
 * Whether the log must be archived and which rows move: once it holds more than `threshold` data
 * rows, the oldest half (rows are appended, so the top ones) moves in one step. The shell, under the
 * document lock: reads those rows in one getValues, appends them to the archive in one setValues,
 * and only then deletes them with one deleteRows, so a failure leaves a duplicate, never a loss;
 * last it appends an `auditArchive rows=N` row.
 */
export function planAuditArchive(dataRows: number, threshold = AUDIT_ARCHIVE_THRESHOLD): ArchivePlan | null {
  if (!(dataRows > threshold)) return null;
  const numRows = Math.floor(dataRows / 2);
  return { startRow: 2, numRows, keepRows: dataRows - numRows };
}

function toDate(time: Date | number): Date {
  return new Date(typeof time === 'number' ? time : time.getTime());
}
