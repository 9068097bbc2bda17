/**
 * Backups: a copy of the spreadsheet in the Drive folder named by `backup.folder`
 * (created when missing), named with the date and time; keeps the newest `backup.keep` of the
 * add-on's own copies and trashes only older ones (core/reports/backup.ts decides which). A failed copy
 * trashes nothing and is reported: an alert when someone is looking, e-mail to the admins when a
 * trigger ran it. The schedule (`backup.schedule` off|daily|weekly) is applied by a menu item and
 * at setup: one trigger, replaced when the schedule changes.
 */
import { can, normalizeEmail, resolveRole } from '../../core/roles';
import {
  BackupFile,
  backupDescription,
  backupFileName,
  backupKeepSetting,
  BackupSchedule,
  backupScheduleSetting,
  backupsToTrash,
  isOurBackup,
} from '../../core/reports';
import { UserError } from '../../i18n';
import { messageOf } from '../../core/shared';
import { recordAction } from '../audit';
import {
  begin,
  beginAsInstaller,
  Execution,
  isInteractive,
  reportingFailures,
  requireAction,
  requireInstallerAction,
} from '../session';
import {
  deleteKey,
  DOC_KEYS,
  documentTrigger,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  readText,
  removeDocumentTrigger,
  removeTriggers,
  triggersOf,
  withDocumentLock,
  writeText,
} from '../document';

export const BACKUP_HANDLER = 'backupScheduled';
/** MimeType.GOOGLE_SHEETS, spelled out so the code needs no other global. */
const SHEETS_MIME = 'application/vnd.google-apps.spreadsheet';
const BACKUP_HOUR = 2;

export interface BackupResult {
  ok: boolean;
  /** the new copy (when ok) */
  file?: { id: string; name: string };
  folder: string;
  keep: number;
  /** names of the older copies moved to the trash */
  trashed: string[];
  /** why the copy failed (ok = false) or why old copies could not be listed or trashed */
  error?: string;
  retentionError?: string;
}

export interface BackupListing {
  folder: string;
  keep: number;
  schedule: BackupSchedule;
  files: Array<{ id: string; name: string; created: string; ours: boolean; trashed: boolean }>;
}

/** Menu "Back up now" (managers, admins). */
export function menuBackupNow(): BackupResult {
  const ex = begin();
  requireAction(ex, 'backup');
  const result = runBackup(ex);
  const interactive = isInteractive();
  if (!result.ok && !interactive) notifyBackupFailure(ex, result);
  if (interactive) SpreadsheetApp.getUi().alert(resultMessage(ex, result));
  return result;
}

/**
 * The daily/weekly trigger (runs as its installer, who must still be allowed to back up): only the
 * document's recorded trigger backs up, so a second admin's copy never makes a second backup a day.
 * Failures go to the admins by e-mail.
 */
export function backupScheduled(e?: { triggerUid?: string }): BackupResult | null {
  return reportingFailures(
    BACKUP_HANDLER,
    () => {
      if (e?.triggerUid !== undefined && !isDocumentTriggerEvent(BACKUP_HANDLER, e.triggerUid)) return null;
      const ex = beginAsInstaller();
      requireInstallerAction(ex, 'backup', BACKUP_HANDLER);
      const result = runBackup(ex);
      if (!result.ok) notifyBackupFailure(ex, result);
      return result;
    },
    e,
  );
}

/** The add-on's backups in the configured folder, newest first (`crm backup --list`). */
export function listBackups(): BackupListing {
  const ex = begin();
  requireAction(ex, 'backup');
  const folderName = ex.settings['backup.folder'];
  const folders = DriveApp.getFoldersByName(folderName);
  const id = ex.wb.ss.getId();
  const files = folders.hasNext() ? listFolder(folders.next(), id) : [];
  return {
    folder: folderName,
    keep: backupKeepSetting(ex.settings),
    schedule: backupScheduleSetting(ex.settings),
    files: files
      .sort((a, b) => Number(b.created) - Number(a.created))
      .map((f) => ({
        id: f.id,
        name: f.name,
        created: new Date(f.created).toISOString(),
        ours: f.isOurs,
        trashed: false,
      })),
  };
}

/** Menu "Apply backup schedule": makes the trigger follow `backup.schedule`. */
export function menuApplyBackupSchedule(): { schedule: BackupSchedule; changed: boolean } {
  const ex = begin();
  requireAction(ex, 'backup');
  const result = applyBackupSchedule(ex);
  if (isInteractive()) {
    SpreadsheetApp.getUi().alert(
      result.schedule === 'off'
        ? ex.t('backup.scheduleOff')
        : ex.t('backup.scheduleOn', {
            schedule: ex.t(result.schedule === 'daily' ? 'backup.schedule.daily' : 'backup.schedule.weekly'),
            hour: BACKUP_HOUR,
          }),
    );
  }
  return result;
}

/**
 * Setup step and menu: the document's one backup trigger, matching the setting, at BACKUP_HOUR in
 * the spreadsheet's time zone; replaced when it changes. While another admin's trigger is the
 * document's and they may still back up, it is left alone (only its installer can change it).
 */
export function applyBackupSchedule(ex: Execution): {
  schedule: BackupSchedule;
  changed: boolean;
  installer?: string;
} {
  const schedule = backupScheduleSetting(ex.settings);
  const recorded = documentTrigger(BACKUP_HANDLER);
  const me = ex.user.email;
  const othersStillValid = (installer: string) =>
    can(resolveRole(installer, ex.owner, ex.roles).role, 'backup');
  if (recorded && recorded.installer !== me && othersStillValid(recorded.installer)) {
    removeTriggers(BACKUP_HANDLER); // this account's stray copies
    return { schedule, changed: false, installer: recorded.installer };
  }
  const installed = triggersOf(BACKUP_HANDLER).length > 0;
  if (schedule === 'off') {
    const removed = removeDocumentTrigger(BACKUP_HANDLER);
    deleteKey(DOC_KEYS.backupSchedule);
    return { schedule, changed: removed > 0 };
  }
  if (installed && readText(DOC_KEYS.backupSchedule) !== schedule) removeTriggers(BACKUP_HANDLER);
  const { outcome } = installDocumentTrigger(
    BACKUP_HANDLER,
    () => {
      const clock = ScriptApp.newTrigger(BACKUP_HANDLER)
        .timeBased()
        .atHour(BACKUP_HOUR)
        .inTimezone(ex.timeZone);
      return (schedule === 'daily' ? clock.everyDays(1) : clock.onWeekDay(ScriptApp.WeekDay.SUNDAY)).create();
    },
    othersStillValid,
  );
  writeText(DOC_KEYS.backupSchedule, schedule);
  return { schedule, changed: outcome !== 'kept' };
}

/** One backup: copy, mark, then retention. Nothing is trashed unless the new copy is listed. */
export function runBackup(ex: Execution): BackupResult {
  return withDocumentLock(ex, () => {
    const folderName = ex.settings['backup.folder'];
    const keep = backupKeepSetting(ex.settings);
    const ss = ex.wb.ss;
    const id = ss.getId();
    const result: BackupResult = { ok: false, folder: folderName, keep, trashed: [] };
    let folder: GoogleAppsScript.Drive.Folder;
    let copy: GoogleAppsScript.Drive.File;
    try {
      const found = DriveApp.getFoldersByName(folderName);
      folder = found.hasNext() ? found.next() : DriveApp.createFolder(folderName);
      copy = DriveApp.getFileById(id).makeCopy(backupFileName(ss.getName(), new Date(), ex.timeZone), folder);
      result.file = { id: copy.getId(), name: copy.getName() };
    } catch (e) {
      result.error = messageOf(e);
      audit(ex, { action: 'backupFailed', details: { folder: folderName, error: result.error } });
      return result;
    }
    result.ok = true;
    try {
      // An unmarked copy is never trashed later: the safe direction if marking fails.
      copy.setDescription(backupDescription(id, result.file.name));
      const handles = new Map<string, GoogleAppsScript.Drive.File>();
      const files = listFolder(folder, id, handles);
      const doomed = backupsToTrash(files, { keep, newBackupOk: true, newBackupId: result.file.id });
      for (const file of doomed) {
        handles.get(file.id)!.setTrashed(true);
        result.trashed.push(file.name);
      }
    } catch (e) {
      result.retentionError = messageOf(e);
    }
    audit(ex, {
      action: 'backup',
      details: {
        file: result.file.name,
        folder: folderName,
        trashed: result.trashed.length,
        error: result.retentionError,
      },
    });
    return result;
  });
}

/** The folder's spreadsheets that are not in the trash, as core's BackupFile. */
function listFolder(
  folder: GoogleAppsScript.Drive.Folder,
  spreadsheetId: string,
  handles?: Map<string, GoogleAppsScript.Drive.File>,
): BackupFile[] {
  const out: BackupFile[] = [];
  const it = folder.getFilesByType(SHEETS_MIME);
  while (it.hasNext()) {
    const f = it.next();
    if (f.isTrashed()) continue;
    const name = f.getName();
    const fileId = f.getId();
    handles?.set(fileId, f);
    out.push({
      id: fileId,
      name,
      created: f.getDateCreated().getTime(),
      isOurs: isOurBackup({ name, description: f.getDescription() }, spreadsheetId),
    });
  }
  return out;
}

/**
 * The audit row. The backup already happened, so a log that cannot be written (say the auditLog
 * protection leaves out this user) must not turn a good backup into a reported failure.
 */
function audit(ex: Execution, event: Parameters<typeof recordAction>[1]): void {
  try {
    recordAction(ex, event);
  } catch (e) {
    console.warn(`audit row not written: ${messageOf(e)}`);
  }
}

function resultMessage(ex: Execution, r: BackupResult): string {
  if (!r.ok) return ex.t('backup.failed', { folder: r.folder, error: r.error ?? '?' });
  const done = ex.t('backup.done', {
    name: r.file?.name ?? '',
    folder: r.folder,
    trashed: r.trashed.length,
    keep: r.keep,
  });
  return r.retentionError ? `${done}\n${ex.t('backup.retentionFailed', { error: r.retentionError })}` : done;
}

/** Mail to every active admin and the owner; a mail failure must not hide the backup failure. */
function notifyBackupFailure(ex: Execution, r: BackupResult): void {
  const admins = new Set(
    ex.roles.filter((x) => x.role === 'admin' && x.active).map((x) => normalizeEmail(x.email)),
  );
  if (ex.owner) admins.add(normalizeEmail(ex.owner));
  if (admins.size === 0) return;
  try {
    MailApp.sendEmail({
      to: [...admins].join(','),
      subject: ex.t('backup.mailSubject', { name: ex.wb.ss.getName() }),
      body: `${resultMessage(ex, r)}\n\n${ex.wb.ss.getUrl()}`,
    });
  } catch (e) {
    console.error(`backup failure not mailed: ${messageOf(e)}`);
    throw new UserError(ex.locale, 'backup.failed', { folder: r.folder, error: r.error ?? '?' });
  }
}
