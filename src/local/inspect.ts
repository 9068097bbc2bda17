/**
 * Read-only views of the emulated workbook for the local tools (dump, edit, playground): sheets
 * found by key and columns by their header notes, exactly as the add-on finds them.
 */
import { mapHeader } from '../core/schema';
import { dayNumberOf, dayNumberToIso, zonedTimeToInstant, dayNumberToCivil } from '../core/shared';
import { isSheetKey, SHEET_IDS_PROPERTY, SheetKey, SHEETS } from '../core/schema';
import { CATALOGS, LOCALES } from '../i18n';
import { isDate } from './emulator/context';
import { UsageError } from './cli-args';
import type { Runtime } from './runtime';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function requireSheetKey(key: string): SheetKey {
  if (!isSheetKey(key))
    throw new UsageError(`unknown sheet key "${key}"; one of: ${Object.keys(SHEETS).join(', ')}`);
  return key;
}

/** The sheet of a key, as the add-on would find it, or null before setup. */
export function sheetOf(rt: Runtime, key: SheetKey): Sheet | null {
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  const raw = rt.services.globals().PropertiesService.getDocumentProperties().getProperty(SHEET_IDS_PROPERTY);
  const ids = raw ? (JSON.parse(raw) as Record<string, number>) : {};
  const sheets = ss.getSheets();
  const byId = sheets.find((s) => s.getSheetId() === ids[key]);
  if (byId) return byId;
  const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${key}`]);
  return sheets.find((s) => labels.includes(s.getName())) ?? null;
}

export interface TableView {
  sheetName: string;
  /** column keys in sheet order ('' for the user's own columns) */
  keys: string[];
  header: string[];
  /** display values of the data rows (row 2 onward, blank rows kept) */
  display: string[][];
  /** JSON-ready records keyed by column key, one per non-blank row, with `_row` */
  records: Array<Record<string, unknown>>;
}

/** A cell as JSON: dates at local midnight as YYYY-MM-DD, other instants as ISO, the rest as is. */
export function jsonValue(v: unknown, timeZone: string): unknown {
  if (!isDate(v)) return v;
  const day = dayNumberOf(v, timeZone);
  const midnight = zonedTimeToInstant(dayNumberToCivil(day), 0, 0, timeZone);
  return v.getTime() === midnight ? dayNumberToIso(day) : v.toISOString();
}

export function readTable(rt: Runtime, key: SheetKey): TableView {
  const sheet = sheetOf(rt, key);
  if (!sheet) throw new Error(`The workbook has no ${key} sheet: run "crm setup" first.`);
  const timeZone = rt.spreadsheet.app.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(1, 1, Math.max(lastRow, 1), width);
  const values = range.getValues();
  const display = range.getDisplayValues();
  const notes = sheet.getRange(1, 1, 1, width).getNotes()[0];
  const header = mapHeader(SHEETS[key], values[0], notes);
  const keys = new Array<string>(width).fill('');
  for (const [k, i] of Object.entries(header.byKey)) keys[i] = k;
  const records: Array<Record<string, unknown>> = [];
  for (let r = 1; r < values.length; r++) {
    if (!values[r].some((v) => v !== '')) continue;
    const rec: Record<string, unknown> = { _row: r + 1 };
    keys.forEach((k, i) => {
      if (k) rec[k] = jsonValue(values[r][i], timeZone);
    });
    records.push(rec);
  }
  return { sheetName: sheet.getName(), keys, header: display[0], display: display.slice(1), records };
}

export function columnIndexOf(view: TableView, columnKey: string): number {
  const i = view.keys.indexOf(columnKey);
  if (i < 0)
    throw new UsageError(
      `unknown column key "${columnKey}"; one of: ${view.keys.filter(Boolean).join(', ')}`,
    );
  return i + 1;
}
