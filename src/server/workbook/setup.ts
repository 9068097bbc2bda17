/**
 * Setup and its re-runs: creates the add-on's sheets with localized headers, key notes, formats and
 * a frozen header row; adds what is missing to an existing workbook and never deletes, moves or
 * rewrites a user's row or column. Safe to run any number of times.
 */
import { columnLetter } from '../../core/shared';
import {
  columnNote,
  HeaderMap,
  keyFromNote,
  mapHeader,
  ColumnType,
  METADATA_COLUMN_KEY,
  METADATA_SHEET_KEY,
  SHEET_KEYS,
  SheetKey,
  SHEETS,
  SETTING_DEFS,
  listLabel,
  settingDefault,
} from '../../core/schema';
import { normalizeEmail } from '../../core/roles';
import { isLocale, Locale, t, tDynamic } from '../../i18n';
import { LocaleSwitch, switchLocale } from './locale-switch';
import { Execution, readSettings } from '../session';
import { SETUP_STEPS } from './setup-steps';
import { batchUpdate, ensureColumns, ensureRows, Workbook } from '../document';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type NumberFormat = GoogleAppsScript.Sheets.Schema.NumberFormat;

const text: NumberFormat = { type: 'TEXT', pattern: '@' };
const NUMBER_FORMATS: Partial<Record<ColumnType, NumberFormat>> = {
  id: text,
  phone: text,
  text,
  email: text,
  list: text,
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
  datetime: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm' },
  money: { type: 'NUMBER', pattern: '#,##0.00' },
  number: { type: 'NUMBER', pattern: '#,##0.##' },
  integer: { type: 'NUMBER', pattern: '0' },
  rating: { type: 'NUMBER', pattern: '0' },
  percent: { type: 'NUMBER', pattern: '0' },
};

/** A column's number format from row 2 to the end of the sheet (open-ended: rows added later too). */
function formatRequest(sheetId: number, column: number, numberFormat: NumberFormat): Request {
  return {
    repeatCell: {
      range: { sheetId, startRowIndex: 1, startColumnIndex: column - 1, endColumnIndex: column },
      cell: { userEnteredFormat: { numberFormat } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

export interface SetupResult {
  created: SheetKey[];
  checked: SheetKey[];
  columnsAdded: Record<string, string[]>;
  /** sheets whose header row was gone (deleted by a user): a new one was inserted above the data */
  headersRestored: SheetKey[];
  /** set when setup ran in another language than the workbook's: list values relabelled */
  localeSwitch?: LocaleSwitch;
}

export function runSetup(ex: Execution, locale: Locale): SetupResult {
  const { wb } = ex;
  const result: SetupResult = { created: [], checked: [], columnsAdded: {}, headersRestored: [] };
  const previous = wb.sheet('settings') ? readSettingsRaw(wb).locale : undefined;
  // every column's number format, sent as one batchUpdate once the headers are in place
  const formats: Request[] = [];
  for (const key of SHEET_KEYS) {
    let sheet = wb.sheet(key);
    if (sheet) result.checked.push(key);
    else {
      sheet = wb.ss.insertSheet(uniqueName(wb, t(locale, `sheet.${key}`)));
      result.created.push(key);
    }
    wb.remember(key, sheet);
    if (!wb.isMarked(key, sheet)) sheet.addDeveloperMetadata(METADATA_SHEET_KEY, key);
    const { added, restored } = setUpHeader(wb, key, locale, formats);
    if (added.length) result.columnsAdded[key] = added;
    if (restored) result.headersRestored.push(key);
    if (result.created.includes(key)) trimColumns(sheet, SHEETS[key].columns.length);
  }
  wb.saveSheetIds();
  batchUpdate(wb.id(), formats);
  removeDefaultSheet(wb, result);
  if (previous !== undefined && isLocale(previous.trim()) && previous.trim() !== locale)
    result.localeSwitch = switchLocale(ex, previous.trim() as Locale, locale);
  seedSettings(wb, locale);
  // The steps below (dropdowns) read the settings just seeded, in the workbook's language.
  ex.settings = readSettings(wb);
  seedOwner(wb, ex.owner, locale);
  for (const step of SETUP_STEPS) step(ex, locale);
  return result;
}

/**
 * A new sheet comes with 26 columns; a purchases sheet needs 6. Every spare column costs a cell
 * per row against Sheets' 10,000,000-cell limit, so sheets setup creates keep only their own
 * columns (users' sheets are never trimmed; inserting a column later is always possible).
 */
function trimColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, width: number): void {
  const max = sheet.getMaxColumns();
  if (width > 0 && max > width) sheet.deleteColumns(width + 1, max - width);
}

/** A tab name not taken by a user's own sheet. */
function uniqueName(wb: Workbook, name: string): string {
  const taken = new Set(wb.ss.getSheets().map((s) => s.getName()));
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name} (${i})`;
  return candidate;
}

/**
 * Header row: known columns keep their position and the user's header text; missing ones are
 * appended after the last column; every known column gets its key note, number format and width.
 */
function setUpHeader(
  wb: Workbook,
  key: SheetKey,
  locale: Locale,
  formats: Request[],
): { added: string[]; restored: boolean } {
  const def = SHEETS[key];
  const sheet = wb.sheet(key)!;
  if (def.columns.length === 0) return { added: [], restored: false };
  const width = Math.max(sheet.getLastColumn(), 1);
  const headerRange = sheet.getRange(1, 1, 1, width);
  let values = headerRange.getValues()[0];
  let notes = headerRange.getNotes()[0];
  let header = mapHeader(def, values, notes);
  const isBlankSheet = sheet.getLastColumn() === 0;
  const marks = readColumnMarks(sheet);

  // Row 1 names none of the add-on's columns but the sheet has content: the header row was deleted
  // (its data moved up into row 1). Put a header row back above the data, never over it, with the
  // columns where their metadata marks (which travel with moved columns) say they are.
  const restored = !isBlankSheet && Object.keys(header.byKey).length === 0;
  if (restored) {
    if (values.some((v) => String(v ?? '') !== '')) sheet.insertRowBefore(1);
    values = new Array(width).fill('');
    notes = new Array(width).fill('');
    // Marks beyond the last column with content count too: computed columns may still be blank.
    header = restoredHeader(
      def.columns.map((c) => c.key),
      marks,
      Math.max(width, sheet.getMaxColumns()),
    );
  } else preferMarkedColumns(header, notes, marks);

  const missing = def.columns.filter((c) => !(c.key in header.byKey)).map((c) => c.key);
  let next = isBlankSheet ? 0 : width;
  for (const columnKey of missing) header.byKey[columnKey] = next++;
  const newWidth = Math.max(isBlankSheet ? 0 : width, next, ...Object.values(header.byKey).map((i) => i + 1));
  ensureColumns(sheet, newWidth);

  const headerValues: unknown[] = [];
  const headerNotes: string[] = [];
  for (let i = 0; i < newWidth; i++) {
    headerValues.push(i < values.length ? values[i] : '');
    headerNotes.push(i < notes.length ? String(notes[i] ?? '') : '');
  }
  for (const column of def.columns) {
    const i = header.byKey[column.key];
    if (String(headerValues[i] ?? '').trim() === '')
      headerValues[i] = tDynamic(locale, `col.${key}.${column.key}`);
    headerNotes[i] = columnNote(column.key, t(locale, 'setup.columnNote'));
  }
  // A key note copied onto another column (e.g. by inserting a column next to it) is not its key.
  const chosen = new Set(Object.values(header.byKey));
  for (let i = 0; i < newWidth; i++) {
    const noted = keyFromNote(headerNotes[i]);
    if (noted && noted in header.byKey && !chosen.has(i)) headerNotes[i] = '';
  }
  const row = sheet.getRange(1, 1, 1, newWidth);
  row.setValues([headerValues]);
  row.setNotes([headerNotes]);
  row.setFontWeight('bold');
  row.setBackground('#e8eaf6');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);

  ensureRows(sheet, 2);
  const sheetId = sheet.getSheetId();
  for (const column of def.columns) {
    const format = NUMBER_FORMATS[column.type];
    const c = header.byKey[column.key] + 1;
    if (format) formats.push(formatRequest(sheetId, c, format));
    if (missing.includes(column.key) && column.width) sheet.setColumnWidth(c, column.width);
  }
  syncColumnMarks(sheet, header, marks);
  wb.forget(key);
  return { added: missing, restored };
}

interface ColumnMark {
  key: string;
  /** 0-based column index */
  index: number;
  metadata: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
}

/** The add-on's column marks: column-level developer metadata, which moves with its column. */
function readColumnMarks(sheet: GoogleAppsScript.Spreadsheet.Sheet): ColumnMark[] {
  return sheet
    .createDeveloperMetadataFinder()
    .withKey(METADATA_COLUMN_KEY)
    .find()
    .map((metadata) => ({
      key: String(metadata.getValue() ?? ''),
      index: (metadata.getLocation().getColumn()?.getColumn() ?? 0) - 1,
      metadata,
    }));
}

/**
 * Two columns with the same key note (a note copied by inserting a column): the column carrying the
 * key's metadata mark is the add-on's, not simply the first one.
 */
function preferMarkedColumns(header: HeaderMap, notes: unknown[], marks: ColumnMark[]): void {
  for (const m of marks) {
    const current = header.byKey[m.key];
    if (current !== undefined && current !== m.index && keyFromNote(notes[m.index]) === m.key)
      header.byKey[m.key] = m.index;
  }
}

function restoredHeader(keys: string[], marks: ColumnMark[], width: number): HeaderMap {
  const byKey: Record<string, number> = {};
  const taken = new Set<number>();
  for (const m of marks) {
    if (!keys.includes(m.key) || m.key in byKey || taken.has(m.index) || m.index < 0 || m.index >= width)
      continue;
    byKey[m.key] = m.index;
    taken.add(m.index);
  }
  return { byKey, userColumns: [], matchedByLabel: [] };
}

/** One mark per known column, on its current column: stale marks go, missing ones are added. */
function syncColumnMarks(sheet: GoogleAppsScript.Spreadsheet.Sheet, header: HeaderMap, marks: ColumnMark[]) {
  const kept = new Set<string>();
  for (const m of marks) {
    if (m.index >= 0 && header.byKey[m.key] === m.index && !kept.has(m.key)) kept.add(m.key);
    else m.metadata.remove();
  }
  for (const [key, index] of Object.entries(header.byKey)) {
    if (kept.has(key)) continue;
    const letter = columnLetter(index + 1);
    sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(METADATA_COLUMN_KEY, key);
  }
}

/** A new spreadsheet's empty "Sheet1" goes once the add-on's sheets exist; a used one stays. */
function removeDefaultSheet(wb: Workbook, result: SetupResult): void {
  if (result.created.length !== SHEET_KEYS.length) return;
  for (const sheet of wb.ss.getSheets()) {
    if (
      /^(Sheet1|工作表1)$/.test(sheet.getName()) &&
      sheet.getLastRow() === 0 &&
      sheet.getLastColumn() === 0
    ) {
      wb.ss.deleteSheet(sheet);
    }
  }
}

/** Appends the settings the sheet lacks, with their defaults; an admin's values are never touched. */
function seedSettings(wb: Workbook, locale: Locale): void {
  const present = new Set(Object.keys(readSettingsRaw(wb)));
  const rows = SETTING_DEFS.filter((d) => !present.has(d.key)).map((d) => [
    d.key,
    settingDefault(d.key, locale),
  ]);
  wb.append(
    'settings',
    rows.map(([k, v]) => ({ key: k, value: v })),
  );
}

function readSettingsRaw(wb: Workbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of wb.read('settings')?.rows ?? []) out[String(r.values.key)] = String(r.values.value);
  return out;
}

/** The owner is always an admin; the roles sheet says so from the start. */
function seedOwner(wb: Workbook, owner: string, locale: Locale): void {
  if (!owner) return;
  const roles = wb.read('roles')?.rows ?? [];
  if (roles.some((r) => normalizeEmail(r.values.email) === normalizeEmail(owner))) return;
  const role = listLabel('role', 'admin', locale);
  wb.append('roles', [{ email: owner, name: '', role, team: '', managerEmail: '', active: true }]);
}
