/**
 * Archive sheets for the add-on's logs (the audit log, the reminder ledger): when a log passes its
 * threshold, its oldest rows move to a protected archive sheet in one step. The archive is found by
 * the id recorded in a document property (its tab name is a label users may rename), else created
 * with the log's header and notes. Moving writes the archive first and deletes from the log last,
 * so a failure in between leaves a duplicate, never a loss. The caller holds the document lock.
 */
import { columnNote, CellValue } from '../../core/schema';
import { Locale, MessageKey, resolveLocale, t } from '../../i18n';
import { DocKey, readNumber, writeText } from './state';
import { canEditSheet, ensureColumns, ensureRows, Layout, Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ArchiveSpec {
  /** document property holding the archive sheet's id */
  idProperty: DocKey;
  /** catalog keys of the tab name and the protection description */
  nameKey: Extract<MessageKey, `${string}.archiveSheet`>;
  protectionKey: Extract<MessageKey, `${string}.archiveProtection`>;
  /** who besides the account running this may write the archive (those who run the log's job) */
  editors: string[];
}

/**
 * A log's archive threshold: the document property `property` when it holds a whole number >= 2
 * (tests and small workbooks lower it), else `fallback`.
 */
export function archiveThreshold(property: DocKey, fallback: number): number {
  const n = readNumber(property);
  return n !== null && Number.isInteger(n) && n >= 2 ? n : fallback;
}

/**
 * Moves the log's oldest `numRows` (from `startRow`) out: `rows`, those of them that go (in the
 * log's column order), are appended to the archive; then `beforeDelete` runs (the caller appends
 * back the rows it keeps); only then are the `numRows` deleted from the log. A failure at any step
 * leaves rows in two places, never in none.
 */
export function moveToArchive(
  wb: Workbook,
  log: Layout,
  spec: ArchiveSpec,
  block: { startRow: number; numRows: number },
  rows: CellValue[][],
  beforeDelete?: () => void,
): Sheet {
  const archive = archiveSheet(wb, log, spec);
  const width = log.width;
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  if (grid.length) {
    const first = Math.max(archive.getLastRow(), 1) + 1;
    ensureRows(archive, first + grid.length - 1);
    ensureColumns(archive, width);
    // The log's column formats first, so text stays text (a ledger day is not turned into a date)
    // and times read as times: one range-wide setter per column, as setup formats the log.
    const formats = log.sheet.getRange(block.startRow, 1, 1, width).getNumberFormats()[0];
    formats.forEach((format, i) => archive.getRange(first, i + 1, grid.length, 1).setNumberFormat(format));
    archive.getRange(first, 1, grid.length, width).setValues(grid);
  }
  beforeDelete?.();
  log.sheet.deleteRows(block.startRow, block.numRows);
  wb.rowsDeleted(log.key, block.numRows);
  return archive;
}

function archiveSheet(wb: Workbook, log: Layout, spec: ArchiveSpec): Sheet {
  const id = readNumber(spec.idProperty);
  const existing = wb.ss.getSheets().find((s) => s.getSheetId() === id);
  // An archive this account may not write (made before it joined the job) is left as it is: the
  // rows go to a new one, which becomes the archive from now on.
  if (existing && canEditSheet(existing)) return existing;
  const locale: Locale = resolveLocale(wb.ss.getSpreadsheetLocale());
  const taken = new Set(wb.ss.getSheets().map((s) => s.getName()));
  const base = t(locale, spec.nameKey);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} (${i})`;
  const sheet = wb.ss.insertSheet(name);
  const notes = log.headerValues.map((_, i) => {
    const key = Object.keys(log.header.byKey).find((k) => log.header.byKey[k] === i);
    return key ? columnNote(key, t(locale, 'setup.columnNote')) : '';
  });
  const header = sheet.getRange(1, 1, 1, log.headerValues.length);
  header.setValues([log.headerValues]);
  header.setNotes([notes]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  // Only the account running the log's job (and those named) may change the archive.
  const protection = sheet.protect().setDescription(t(locale, spec.protectionKey));
  protection.addEditor(Session.getEffectiveUser());
  protection.removeEditors(protection.getEditors());
  if (spec.editors.length) protection.addEditors(spec.editors);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  writeText(spec.idProperty, String(sheet.getSheetId()));
  return sheet;
}
