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
  AuditRecord,
  AUDITED_SHEETS,
  auditRowForAction,
  auditRowForEdit,
  LOG_SHEETS,
  planAuditArchive,
} from '../../core/audit';
import { systemWriterRoles } from '../../core/permissions';
import { resolveRole } from '../../core/roles';
import type { Role, SheetKey } from '../../core/schema';
import {
  archiveThreshold,
  ArchiveSpec,
  DOC_KEYS,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  moveToArchive,
  sheetKeyOf,
  withDocumentLock,
  Workbook,
} from '../document';
import { enforceEdit } from './edit-check';
import { flushPendingAudit, parkAuditRows } from './log';
import {
  beginAsInstaller,
  emailFromUserKey,
  eventEmail,
  notifyAdmins,
  reportLostRole,
  type Execution,
} from '../session';

export const AUDIT_HANDLER = 'onEditAudit';
/** Short enough that a burst of edits queues briefly; a busy lock parks the row instead. */
const LOCK_WAIT_MS = 10_000;
/** The archive is written by the edit trigger's installer only. */
const AUDIT_ARCHIVE: ArchiveSpec = {
  idProperty: DOC_KEYS.auditArchiveSheetId,
  nameKey: 'audit.archiveSheet',
  protectionKey: 'audit.archiveProtection',
  editors: [],
};

/**
 * Setup step: the document's one edit trigger. A second admin running setup leaves the first
 * admin's trigger alone while that admin may still write the log; otherwise takes it over.
 */
export function installEditAuditTrigger(ex: Execution): void {
  installDocumentTrigger(
    AUDIT_HANDLER,
    () => ScriptApp.newTrigger(AUDIT_HANDLER).forSpreadsheet(ex.wb.ss).onEdit().create(),
    (installer) => mayWriteLog(resolveRole(installer, ex.owner, ex.roles).role),
  );
}

const mayWriteLog = (role: Role) => systemWriterRoles().includes(role);

/**
 * The installable edit trigger's handler, running as its installer. Anyone can call a global
 * function through google.script.run, so it acts only on events of the document's recorded
 * trigger. Nothing is lost: a busy lock, or an installer who may no longer write the log, parks
 * the row in document properties for the next writer (the admins are told about the latter).
 */
export function onEditAudit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  if (!isDocumentTriggerEvent(AUDIT_HANDLER, e.triggerUid)) return;
  const wb = new Workbook(e.source ?? undefined);
  const key = sheetKeyOf(e.range.getSheet());
  const editor = editorOf(e);
  // the edit check first: a forbidden edit is undone at once and logged instead of the edit
  const refused =
    key && AUDITED_SHEETS.includes(key)
      ? enforceEdit({ wb, key, range: e.range, user: editor, oldValue: e.oldValue, value: e.value })
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
      user: editor,
      time: new Date(),
    });
  if (!row) return;
  const ex = beginAsInstaller(wb);
  if (key && LOG_SHEETS.includes(key)) reportLogEdit(ex, key, row, editor);
  if (!mayWriteLog(ex.user.role)) {
    parkAuditRows([row]);
    reportLostRole(ex, AUDIT_HANDLER);
    return;
  }
  withDocumentLock(
    ex,
    () => {
      flushPendingAudit(wb); // rows parked earlier happened before this edit
      if (wb.append('auditLog', [row]))
        archiveIfFull(wb, archiveThreshold(DOC_KEYS.auditArchiveThreshold, AUDIT_ARCHIVE_THRESHOLD));
    },
    { waitMs: LOCK_WAIT_MS, onBusy: () => parkAuditRows([row]) },
  );
}

/** The editor: the event's user where Apps Script reveals it, else the address their temporary key maps to, else ''. */
function editorOf(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  return eventEmail(e) || emailFromUserKey();
}

/**
 * An edit of a log: the admins hear of it, once a day per log and editor (a mail per cell would use
 * up the day's mail quota that reminders need); every edit is in the Audit log itself.
 */
function reportLogEdit(ex: Execution, key: SheetKey, row: AuditRecord, editor: string): void {
  notifyAdmins(
    ex,
    'notify.topic.logEdited',
    ex.t('notify.logEdited', {
      user: editor || ex.t('identity.unknown'),
      sheet: ex.t(`sheet.${key}`),
      range: row.range,
      oldValue: row.oldValue,
      newValue: row.newValue,
    }),
    `logEdit:${key}:${editor}`,
  );
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
