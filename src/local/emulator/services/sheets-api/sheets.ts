/**
 * addSheet / deleteSheet and the SheetProperties `Spreadsheets.get` and addSheet's reply print.
 *
 * Reference statements followed (Sheets API):
 * - AddSheetRequest: "Adds a new sheet. When a sheet is added at a given index, all subsequent
 *   sheets' indexes are incremented." properties: "All properties are optional. The sheetId field
 *   is optional; if one is not set, an id will be randomly generated. (It is an error to specify
 *   the ID of a sheet that already exists.)"
 * - SheetProperties.sheetId: "The ID of the sheet. Must be non-negative. This field cannot be
 *   changed once set."
 * - DeleteSheetRequest: "Deletes the requested sheet."
 * A sheet is the same SheetModel SpreadsheetApp's insertSheet makes (1000 x 26 unless
 * gridProperties say otherwise) and leaves as Spreadsheet.deleteSheet removes it, so getSheets,
 * getSheetByName and everything else see the change. The API leaves the active sheet alone.
 * Refusal texts not in the reference are the API's answers as recorded by public test fixtures of
 * Sheets API clients ("Sheet with id N already exists.", "Sheet id must be non-negative.", "The
 * sheet name cannot be greater than 100 characters.", "You can't remove all the sheets in a
 * document.", "You can't remove all the visible sheets in a document.").
 */
import type { Env } from '../../spreadsheet/env';
import { CELL_LIMIT_MESSAGE, MAX_CELLS, SheetModel } from '../../spreadsheet/model';
import { SheetImpl } from '../../spreadsheet/sheet';
import { SpreadsheetImpl, sheetNameTaken } from '../../spreadsheet/spreadsheet';
import { assertEditable } from './data-validation';
import { setFrozen } from './formats';
import { colorToHex, compact, hexToColor, reject } from './shared';

type SheetProperties = GoogleAppsScript.Sheets.Schema.SheetProperties;

/** SheetProperties as the API prints them (false and zero counts left out). */
export function sheetProperties(env: Env, sheet: SheetModel): SheetProperties {
  const tab = hexToColor(sheet.tabColor);
  return compact({
    sheetId: sheet.id,
    title: sheet.name,
    index: env.wb.sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: compact({
      rowCount: sheet.maxRows,
      columnCount: sheet.maxColumns,
      frozenRowCount: sheet.frozenRows || undefined,
      frozenColumnCount: sheet.frozenColumns || undefined,
    }),
    hidden: sheet.hidden,
    tabColor: tab,
    tabColorStyle: tab ? { rgbColor: tab } : undefined,
  });
}

const ADD_PROPERTIES = [
  'sheetId',
  'title',
  'index',
  'sheetType',
  'gridProperties',
  'hidden',
  'tabColor',
  'tabColorStyle',
];
const ADD_GRID = ['rowCount', 'columnCount', 'frozenRowCount', 'frozenColumnCount'];

function tabColorOf(p: SheetProperties): string | null {
  if (p.tabColorStyle) {
    if (p.tabColorStyle.themeColor !== undefined)
      reject('addSheet tabColorStyle.themeColor is not emulated.');
    return colorToHex(p.tabColorStyle.rgbColor) ?? null;
  }
  return colorToHex(p.tabColor) ?? null;
}

function count(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) reject(`Invalid gridProperties.${name}: ${v}`);
  return v;
}

export function addSheet(env: Env, req: GoogleAppsScript.Sheets.Schema.AddSheetRequest) {
  const { wb } = env;
  const p = req?.properties ?? {};
  for (const k of Object.keys(p))
    if (!ADD_PROPERTIES.includes(k) && (p as Record<string, unknown>)[k] !== undefined)
      reject(`addSheet property "${k}" is not emulated.`);
  const g = p.gridProperties ?? {};
  for (const k of Object.keys(g))
    if (!ADD_GRID.includes(k) && (g as Record<string, unknown>)[k] !== undefined)
      reject(`addSheet property "gridProperties.${k}" is not emulated.`);
  if (p.sheetType !== undefined && p.sheetType !== 'GRID')
    reject(`addSheet sheetType ${p.sheetType} is not emulated.`);

  let id: number;
  if (p.sheetId === undefined) {
    id = wb.newId();
    while (wb.sheetById(id)) id = wb.newId();
  } else {
    id = p.sheetId;
    if (!Number.isInteger(id) || id < 0) reject('Sheet id must be non-negative.');
    if (wb.sheetById(id)) reject(`Sheet with id ${id} already exists.`);
    // Ids the emulator hands out later (sheets, protections, metadata) must not meet this one.
    if (id >= wb.nextId) wb.nextId = id + 1;
  }

  let title = p.title === undefined || p.title === '' ? '' : String(p.title);
  if (!title) {
    let k = wb.sheets.length + 1; // what insertSheet() names an unnamed sheet
    while (sheetNameTaken(env, `Sheet${k}`)) k++;
    title = `Sheet${k}`;
  } else if (sheetNameTaken(env, title))
    reject(`A sheet with the name "${title}" already exists. Please enter another name.`);
  if (title.length > 100) reject('The sheet name cannot be greater than 100 characters.');

  const rows = count('rowCount', g.rowCount, 1000);
  const cols = count('columnCount', g.columnCount, 26);
  if (wb.totalCells() + rows * cols > MAX_CELLS) reject(CELL_LIMIT_MESSAGE);
  const sheet = new SheetModel(id, title, rows, cols);
  setFrozen(sheet, 'rows', g.frozenRowCount);
  setFrozen(sheet, 'columns', g.frozenColumnCount);
  sheet.hidden = !!p.hidden;
  sheet.tabColor = tabColorOf(p);

  const index = p.index ?? wb.sheets.length;
  if (!Number.isInteger(index) || index < 0) reject(`Invalid sheet index: ${index}`);
  wb.sheets.splice(Math.min(index, wb.sheets.length), 0, sheet);
  return { addSheet: { properties: sheetProperties(env, sheet) } };
}

export function deleteSheet(env: Env, req: GoogleAppsScript.Sheets.Schema.DeleteSheetRequest) {
  const { wb } = env;
  const id = req?.sheetId ?? 0;
  const sheet = wb.sheetById(id);
  if (!sheet) reject(`No sheet with id: ${id}`);
  if (wb.sheets.length === 1) reject("You can't remove all the sheets in a document.");
  if (!sheet.hidden && wb.sheets.every((s) => s === sheet || s.hidden))
    reject("You can't remove all the visible sheets in a document.");
  // Deleting a sheet edits every cell of it: a protection the caller cannot edit refuses it.
  assertEditable(env, sheet, { row: 1, col: 1, rows: sheet.maxRows, cols: sheet.maxColumns });
  // Uncounted: this is the API's effect, not a SpreadsheetApp call the script made.
  new SpreadsheetImpl(env).deleteSheet(
    new SheetImpl(env, sheet) as unknown as GoogleAppsScript.Spreadsheet.Sheet,
  );
  return {};
}
