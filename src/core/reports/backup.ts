/**
 * Scheduled copies of the spreadsheet: file names, the mark that says "the add-on made
 * this copy", and which old copies to trash.
 *
 * Shell contract (DriveApp only, no advanced services):
 * 1. copy = DriveApp.getFileById(ssId).makeCopy(backupFileName(...), folder named by backup.folder);
 *    then copy.setDescription(backupDescription(ssId)). If marking fails the copy stays unmarked and
 *    is simply never trashed: the safe direction.
 * 2. List the folder's files; isOurs = isOurBackup({name, description}, ssId) for each.
 * 3. Trash `backupsToTrash(files, {keep, newBackupOk, newBackupId})`. When the copy failed, or the
 *    listing does not show the new copy, nothing is trashed and the admins are told.
 * A copy is ours only if both its description carries our mark for this spreadsheet and its name has
 * our shape: a copy of a backup that a user made ("Copy of ...") keeps the description but not the
 * name, so it is never trashed; neither is anything a user renamed.
 */
import { wallClock } from '../shared';
import { numberSetting, SettingsMap } from '../schema';

export const DEFAULT_BACKUP_KEEP = 14;
/** First word of a backup's Drive description. */
export const BACKUP_MARK = 'sheetsCrm.backup/v1';

const NAME_SUFFIX = / backup \d{4}-\d{2}-\d{2} \d{4}$/;

/** "<spreadsheet name> backup 2026-11-23 0830", the time in the spreadsheet's time zone. */
export function backupFileName(spreadsheetName: string, instant: Date | number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  const base = spreadsheetName.trim() || 'Sheets CRM';
  return `${base} backup ${p(w.year, 4)}-${p(w.month)}-${p(w.day)} ${p(w.hour)}${p(w.minute)}`;
}

/**
 * The Drive description that marks a copy as this spreadsheet's backup. With the file name on a
 * second line, only a file still carrying exactly that name is ours: Drive names a user's copy
 * "Copy of <name>" (in their language), which keeps our suffix and our description.
 */
export function backupDescription(spreadsheetId: string, fileName?: string): string {
  const mark = `${BACKUP_MARK} source=${spreadsheetId}`;
  return fileName === undefined ? mark : `${mark}\n${NAME_LINE}${fileName}`;
}

const NAME_LINE = 'name=';

export function isOurBackup(
  file: { name: string; description: string | null },
  spreadsheetId: string,
): boolean {
  const lines = String(file.description ?? '').split('\n');
  if (lines[0].trim() !== backupDescription(spreadsheetId) || !NAME_SUFFIX.test(file.name)) return false;
  const recorded = lines.find((l) => l.startsWith(NAME_LINE));
  return recorded === undefined || recorded.slice(NAME_LINE.length) === file.name;
}

export interface BackupFile {
  id: string;
  name: string;
  created: Date | number;
  isOurs: boolean;
}

export interface RetentionOptions {
  /** how many of our copies to keep, the new one included */
  keep: number;
  /** false when this run's copy failed: then nothing is trashed */
  newBackupOk: boolean;
  /** this run's copy: when given and missing from `files`, nothing is trashed */
  newBackupId?: string;
}

/**
 * Our copies beyond the newest `keep` (newest first by creation time, ties by name). Files that are
 * not ours, and ours with no readable creation time, are never trashed.
 */
export function backupsToTrash(files: BackupFile[], options: RetentionOptions): BackupFile[] {
  if (!options.newBackupOk) return [];
  if (options.newBackupId !== undefined && !files.some((f) => f.id === options.newBackupId)) return [];
  const keep = Number.isInteger(options.keep) && options.keep >= 1 ? options.keep : DEFAULT_BACKUP_KEEP;
  const ours = files
    .filter((f) => f.isOurs && Number.isFinite(time(f.created)))
    .sort((a, b) => time(b.created) - time(a.created) || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return ours.slice(keep);
}

/** backup.keep from settings: a whole number of at least 1, else 14. */
export function backupKeepSetting(settings: SettingsMap): number {
  const n = numberSetting(settings, 'backup.keep');
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_BACKUP_KEEP;
}

export type BackupSchedule = 'off' | 'daily' | 'weekly';

/** backup.schedule from settings (off, daily, weekly; 每天/每周 accepted); anything else is off. */
export function backupScheduleSetting(settings: SettingsMap): BackupSchedule {
  const v = String(settings['backup.schedule'] ?? '')
    .trim()
    .toLowerCase();
  if (v === 'daily' || v === '每天' || v === '每日') return 'daily';
  if (v === 'weekly' || v === '每周') return 'weekly';
  return 'off';
}

function time(t: Date | number): number {
  return typeof t === 'number' ? t : t.getTime();
}
