/**
 * What a simple trigger may not call. Reference, guides/triggers ("Restrictions" of simple
 * triggers): "They cannot access services that require authorization. For example, a simple
 * trigger cannot send an email because the Gmail service requires authorization"; "They can modify
 * the file they are bound to, but cannot access other files because that would require
 * authorization." Simple triggers run in AuthMode.LIMITED; a call that needs a scope fails with
 * Apps Script's own text, e.g. "You do not have permission to call MailApp.sendEmail. Required
 * permissions: https://www.googleapis.com/auth/script.send_mail".
 *
 * Keys are the emulator's counted class names; a class maps to a scope for all its methods, or to
 * a per-method table.
 */
const SEND_MAIL = 'https://www.googleapis.com/auth/script.send_mail';
const GMAIL = 'https://mail.google.com/';
const DRIVE = 'https://www.googleapis.com/auth/drive';
const EXTERNAL = 'https://www.googleapis.com/auth/script.external_request';
const SCRIPTAPP = 'https://www.googleapis.com/auth/script.scriptapp';
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

const NEEDS_AUTH: Record<string, string | Record<string, string>> = {
  MailApp: SEND_MAIL,
  GmailApp: GMAIL,
  DriveApp: DRIVE,
  File: DRIVE,
  Folder: DRIVE,
  FileIterator: DRIVE,
  FolderIterator: DRIVE,
  UrlFetchApp: EXTERNAL,
  ScriptApp: {
    newTrigger: SCRIPTAPP,
    getProjectTriggers: SCRIPTAPP,
    getUserTriggers: SCRIPTAPP,
    deleteTrigger: SCRIPTAPP,
  },
  SpreadsheetApp: {
    openById: SPREADSHEETS,
    openByUrl: SPREADSHEETS,
    open: SPREADSHEETS,
    create: SPREADSHEETS,
  },
};

/** The scope `Class.method` needs beyond what AuthMode.LIMITED grants, or null. */
export function scopeNeeded(className: string, method: string): string | null {
  const entry = NEEDS_AUTH[className];
  if (entry === undefined) return null;
  if (typeof entry === 'string') return entry;
  return Object.prototype.hasOwnProperty.call(entry, method) ? entry[method] : null;
}

export function permissionMessage(className: string, method: string, scope: string): string {
  return `You do not have permission to call ${className}.${method}. Required permissions: ${scope}`;
}
