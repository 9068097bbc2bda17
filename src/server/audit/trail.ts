/**
 * The edit audit trail: an installable edit trigger, installed once by setup and running
 * as its installer (an admin, so it may write the admin-only log), appends one auditLog row per
 * user edit of a data sheet, after the edit check (edit-check.ts) has undone an edit the role matrix
 * forbids (logged as `reverted` instead); when the log passes the threshold the oldest half moves to an archive
 * sheet in one step. Rows are appended under the document lock and never rewritten.
 *
 * An edit costs a constant number of calls whatever the log's size: Workbook.append reads only
 * the header row and the last row number, never the log itself.
 */
import {
  AUDIT_ARCHIVE_THRESHOLD,
  AUDITED_SHEETS,
  auditRowForAction,
  auditRowForEdit,
  planAuditArchive,
} from '../../core/audit';
import { Locale, resolveLocale } from '../../i18n';
import {
  archiveThreshold,
  ArchiveSpec,
  DOC_KEYS,
  ensureTrigger,
  moveToArchive,
  sheetKeyOf,
  triggersOf,
  withDocumentLock,
  Workbook,
} from '../document';
import { enforceEdit } from './edit-check';
import { flushPendingAudit } from './log';
import type { Execution } from '../session';

export const AUDIT_HANDLER = 'onEditAudit';
const LOCK_WAIT_MS = 30000;
/** The archive is written by the edit trigger's installer only. */
const AUDIT_ARCHIVE: ArchiveSpec = {
  idProperty: DOC_KEYS.auditArchiveSheetId,
  nameKey: 'audit.archiveSheet',
  protectionKey: 'audit.archiveProtection',
  editors: [],
};

/** Setup step: the edit trigger, once per installer (setup runs as an admin). */
export function installEditAuditTrigger(ex: Execution): void {
  ensureTrigger(AUDIT_HANDLER, () =>
    ScriptApp.newTrigger(AUDIT_HANDLER).forSpreadsheet(ex.wb.ss).onEdit().create(),
  );
}

/**
 * The installable edit trigger's handler. Anyone can call a global function through
 * google.script.run, so it writes only when the event comes from this user's own trigger.
 */
export function onEditAudit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range || !e.triggerUid) return;
  if (!triggersOf(AUDIT_HANDLER).some((tr) => tr.getUniqueId() === e.triggerUid)) return;
  const wb = new Workbook(e.source ?? undefined);
  const found = sheetKeyOf(e.range.getSheet());
  const key = found && AUDITED_SHEETS.includes(found) ? found : null;
  const user = editorOf(e);
  // the edit check first: a forbidden edit is undone at once and logged instead of the edit
  const refused = key
    ? enforceEdit({ wb, key, range: e.range, user, oldValue: e.oldValue, value: e.value })
    : null;
  const row =
    refused ??
    auditRowForEdit({
      sheet: key,
      range: e.range.getA1Notation(),
      numRows: e.range.getNumRows(),
      numColumns: e.range.getNumColumns(),
      oldValue: e.oldValue,
      value: e.value,
      user,
      time: new Date(),
    });
  if (!row) return;
  underLock(wb, () => {
    flushPendingAudit(wb); // rows parked by form saves happened before this edit
    if (wb.append('auditLog', [row]))
      archiveIfFull(wb, archiveThreshold(DOC_KEYS.auditArchiveThreshold, AUDIT_ARCHIVE_THRESHOLD));
  });
}

function editorOf(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  const fromEvent = e.user && typeof e.user.getEmail === 'function' ? e.user.getEmail() : '';
  return fromEvent || Session.getActiveUser().getEmail();
}

/** A trigger has no one to ask to retry: a busy lock fails the run, which shows in the installer's executions. */
function underLock(wb: Workbook, fn: () => void): void {
  withDocumentLock({ locale: localeOf(wb) }, fn, { waitMs: LOCK_WAIT_MS });
}

function localeOf(wb: Workbook): Locale {
  return resolveLocale(wb.ss.getSpreadsheetLocale());
}

/**
 * Moves the oldest half of a full log to the archive sheet: read once, append once, and only then
 * delete, so a failure in between leaves a duplicate, never a loss. The caller holds the lock.
 */
export function archiveIfFull(wb: Workbook, threshold: number): number {
  const log = wb.layout('auditLog');
  if (!log) return 0;
  const plan = planAuditArchive(log.lastRow - 1, threshold);
  if (!plan) return 0;
  const rows = log.sheet.getRange(plan.startRow, 1, plan.numRows, log.width).getValues();
  const archive = moveToArchive(wb, log, AUDIT_ARCHIVE, plan, rows);
  wb.append('auditLog', [
    auditRowForAction({
      action: 'auditArchive',
      user: Session.getEffectiveUser().getEmail(),
      time: new Date(),
      sheet: 'auditLog',
      range: `${plan.startRow}:${plan.startRow + plan.numRows - 1}`,
      details: { rows: plan.numRows, to: archive.getName() },
    }),
  ]);
  return plan.numRows;
}
