/**
 * The workbook adapter: finds the add-on's sheets by key and reads or writes them in blocks.
 * A server function builds one Workbook per execution; each sheet is read at most once (the read
 * is cached) and every write is one setValues per contiguous block.
 *
 * A sheet is found by its key in one way: the id setup recorded in document properties, else the
 * developer-metadata mark setup puts on each sheet (it survives a lost property), else its tab name
 * in any locale (a workbook set up before the marks, or copied without its properties).
 */
import {
  HeaderMap,
  isSheetKey,
  mapHeader,
  METADATA_SHEET_KEY,
  CellValue,
  SheetKey,
  SheetRow,
  SHEETS,
} from '../../core/schema';
import { neutralizeFormula } from '../../core/shared';
import { CATALOGS, LOCALES } from '../../i18n';
import { asNumberMap, DOC_KEYS, readJson, writeJson } from './state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SheetIds = Partial<Record<SheetKey, number>>;

/** The recorded sheet ids: cheap enough for onEdit, which must tell its sheet in a call or two. */
export function recordedSheetIds(): SheetIds {
  return readJson(DOC_KEYS.sheetIds, (v) => asNumberMap<SheetKey>(v)) ?? {};
}

/** The add-on's key of a tab by its recorded id, else its name; null for a user's own tab. */
export function sheetKeyOf(sheet: Sheet, ids: SheetIds = recordedSheetIds()): SheetKey | null {
  const id = sheet.getSheetId();
  for (const [key, value] of Object.entries(ids)) if (value === id) return key as SheetKey;
  const name = sheet.getName();
  for (const locale of LOCALES)
    for (const key of Object.keys(SHEETS) as SheetKey[])
      if (!(key in ids) && CATALOGS[locale][`sheet.${key}`] === name) return key;
  return null;
}

export interface Layout {
  key: SheetKey;
  sheet: Sheet;
  header: HeaderMap;
  /** the sheet's header row values as read */
  headerValues: CellValue[];
  /** number of columns read (the sheet's last column with content) */
  width: number;
  /** the sheet's last row with content (1 when only the header or nothing) */
  lastRow: number;
}

export interface Table extends Layout {
  /** data rows with at least one non-empty cell; `row` is the sheet row number */
  rows: SheetRow[];
  /** the raw grid of data rows (row 2 onward), in sheet column order */
  grid: CellValue[][];
}

export class Workbook {
  readonly ss: Spreadsheet;
  private sheetsById: Map<number, Sheet> | null = null;
  private ids: Partial<Record<SheetKey, number>> | null = null;
  private tables = new Map<SheetKey, Table>();
  private layouts = new Map<SheetKey, Layout>();

  constructor(ss?: Spreadsheet) {
    this.ss = ss ?? SpreadsheetApp.getActiveSpreadsheet();
  }

  private marks: Map<SheetKey, number> | null = null;

  private index(): { byId: Map<number, Sheet>; ids: SheetIds } {
    if (!this.sheetsById || !this.ids) {
      this.sheetsById = new Map(this.ss.getSheets().map((s) => [s.getSheetId(), s] as [number, Sheet]));
      this.ids = recordedSheetIds();
    }
    return { byId: this.sheetsById, ids: this.ids };
  }

  /** Sheet ids by the key in their metadata mark: read once, and only when an id was not enough. */
  private marked(): Map<SheetKey, number> {
    if (!this.marks) {
      this.marks = new Map();
      const found = this.ss
        .createDeveloperMetadataFinder()
        .withKey(METADATA_SHEET_KEY)
        .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
        .find();
      for (const mark of found) {
        const key = mark.getValue();
        const sheet = mark.getLocation().getSheet();
        if (key && isSheetKey(key) && sheet && !this.marks.has(key)) this.marks.set(key, sheet.getSheetId());
      }
    }
    return this.marks;
  }

  /** The sheet of a key: by the recorded id, else its metadata mark, else its label in any locale. */
  sheet(key: SheetKey): Sheet | null {
    const { byId, ids } = this.index();
    const id = ids[key];
    if (id !== undefined && byId.has(id)) return byId.get(id)!;
    const markedId = this.marked().get(key);
    if (markedId !== undefined && byId.has(markedId)) return byId.get(markedId)!;
    const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${key}`]);
    for (const sheet of byId.values()) if (labels.includes(sheet.getName())) return sheet;
    return null;
  }

  /** Whether setup has marked this sheet as the one for its key. */
  isMarked(key: SheetKey, sheet: Sheet): boolean {
    return this.marked().get(key) === sheet.getSheetId();
  }

  /** Records a sheet as the one for a key (setup). */
  remember(key: SheetKey, sheet: Sheet): void {
    const { byId, ids } = this.index();
    byId.set(sheet.getSheetId(), sheet);
    ids[key] = sheet.getSheetId();
  }

  saveSheetIds(): void {
    writeJson(DOC_KEYS.sheetIds, this.index().ids);
  }

  /** Records that `count` rows were deleted from a sheet whose layout was read. */
  rowsDeleted(key: SheetKey, count: number): void {
    const layout = this.layouts.get(key) ?? this.tables.get(key);
    this.tables.delete(key);
    if (layout) this.layouts.set(key, { ...layout, lastRow: Math.max(layout.lastRow - count, 1) });
  }

  /** Drops what was read of a sheet, after writing to it. */
  forget(key: SheetKey): void {
    this.tables.delete(key);
    this.layouts.delete(key);
  }

  /**
   * A sheet's shape without its data: header (values, notes, keys), width and last row. Appending
   * needs only this, so writing one log row never reads the whole log.
   */
  layout(key: SheetKey): Layout | null {
    const table = this.tables.get(key);
    if (table) return table;
    const cached = this.layouts.get(key);
    if (cached) return cached;
    const sheet = this.sheet(key);
    if (!sheet) return null;
    const lastRow = sheet.getLastRow();
    const width = Math.max(sheet.getLastColumn(), 1);
    const headerRange = sheet.getRange(1, 1, 1, width);
    const headerValues = headerRange.getValues()[0] as CellValue[];
    const header = mapHeader(SHEETS[key], headerValues, headerRange.getNotes()[0]);
    const layout: Layout = { key, sheet, header, headerValues, width, lastRow: Math.max(lastRow, 1) };
    this.layouts.set(key, layout);
    return layout;
  }

  /** Reads a whole sheet once: header notes and values plus every data row. */
  read(key: SheetKey): Table | null {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const sheet = this.sheet(key);
    if (!sheet) return null;
    const lastRow = sheet.getLastRow();
    const width = Math.max(sheet.getLastColumn(), 1);
    const headerNotes = sheet.getRange(1, 1, 1, width).getNotes()[0];
    const all = lastRow >= 1 ? (sheet.getRange(1, 1, lastRow, width).getValues() as CellValue[][]) : [[]];
    const headerValues = all[0] ?? [];
    const header = mapHeader(SHEETS[key], headerValues, headerNotes);
    const grid = all.slice(1);
    const table: Table = {
      key,
      sheet,
      header,
      headerValues,
      width,
      rows: toRows(grid, header),
      grid,
      lastRow: Math.max(lastRow, 1),
    };
    this.tables.set(key, table);
    return table;
  }

  /**
   * One column of a sheet's data rows (row 2 to the last row) in one getValues, with the sheet's
   * layout: an action that needs only one column (a merge re-pointing customer ids) reads one cell
   * per row, not whole rows. Null when the sheet or the column is missing.
   */
  readColumn(key: SheetKey, columnKey: string): { layout: Layout; values: CellValue[] } | null {
    const table = this.tables.get(key);
    const layout = table ?? this.layout(key);
    const index = layout?.header.byKey[columnKey];
    if (!layout || index === undefined) return null;
    if (table) return { layout, values: table.grid.map((line) => line[index] ?? '') };
    const rows = layout.lastRow - 1;
    if (rows < 1) return { layout, values: [] };
    const cells = layout.sheet.getRange(2, index + 1, rows, 1).getValues() as CellValue[][];
    return { layout, values: cells.map((line) => line[0]) };
  }

  /**
   * Only some columns of a sheet's data rows, as rows keyed by those column keys: one getValues per
   * run of adjacent columns, so a report that needs 4 of 27 columns reads 4 cells per row, not 27.
   * Rows blank in every column read are skipped (row numbers stay true); missing columns read as ''.
   */
  readColumns(key: SheetKey, columnKeys: string[]): SheetRow[] | null {
    const table = this.tables.get(key);
    if (table) return table.rows;
    const layout = this.layout(key);
    if (!layout) return null;
    const rows = layout.lastRow - 1;
    if (rows < 1) return [];
    const present = columnKeys
      .map((k) => ({ k, i: layout.header.byKey[k] }))
      .filter((c): c is { k: string; i: number } => c.i !== undefined)
      .sort((a, b) => a.i - b.i);
    const runs: Array<{ start: number; keys: string[] }> = [];
    for (const c of present) {
      const last = runs[runs.length - 1];
      if (last && last.start + last.keys.length === c.i) last.keys.push(c.k);
      else runs.push({ start: c.i, keys: [c.k] });
    }
    const grids = runs.map(
      (run) => layout.sheet.getRange(2, run.start + 1, rows, run.keys.length).getValues() as CellValue[][],
    );
    const out: SheetRow[] = [];
    for (let r = 0; r < rows; r++) {
      const values: Record<string, CellValue> = {};
      let blank = true;
      for (const k of columnKeys) values[k] = '';
      runs.forEach((run, j) => {
        const line = grids[j][r];
        run.keys.forEach((k, n) => {
          const v = line[n] ?? '';
          values[k] = v;
          if (v !== '' && v !== null) blank = false;
        });
      });
      if (!blank) out.push({ row: r + 2, values });
    }
    return out;
  }

  /**
   * Appends records below the last row in one setValues, in the sheet's own column order; text
   * that Sheets would take for a formula is stored as text. Returns the first row written.
   */
  append(key: SheetKey, records: Record<string, unknown>[]): number {
    if (records.length === 0) return 0;
    const layout = this.layout(key);
    if (!layout) return 0;
    const width = Math.max(layout.width, ...Object.values(layout.header.byKey).map((i) => i + 1));
    const grid = records.map((rec) => {
      const line: unknown[] = new Array(width).fill('');
      for (const [columnKey, value] of Object.entries(rec)) {
        const i = layout.header.byKey[columnKey];
        if (i !== undefined) line[i] = neutralizeFormula(value);
      }
      return line;
    });
    const first = layout.lastRow + 1;
    // Logs grow a row at a time: leave headroom so appends do not insert rows on every call.
    ensureRows(layout.sheet, first + grid.length - 1, SHEETS[key].systemOnly ? LOG_HEADROOM : 0);
    layout.sheet.getRange(first, 1, grid.length, width).setValues(grid);
    this.tables.delete(key);
    this.layouts.set(key, { ...layout, lastRow: first + grid.length - 1 });
    return first;
  }
}

/** Data rows of a grid as records by column key, skipping blank rows (row numbers stay true). */
export function toRows(grid: CellValue[][], header: HeaderMap): SheetRow[] {
  const entries = Object.entries(header.byKey);
  const rows: SheetRow[] = [];
  for (let i = 0; i < grid.length; i++) {
    const line = grid[i];
    if (!line.some((v) => v !== '' && v !== null)) continue;
    const values: Record<string, CellValue> = {};
    for (const [key, index] of entries) values[key] = line[index] ?? '';
    rows.push({ row: i + 2, values });
  }
  return rows;
}

/** Blank rows added beyond the need when a log sheet grows. */
const LOG_HEADROOM = 500;

/** Whether the account running this may write the sheet: an editor of every sheet protection on it. */
export function canEditSheet(sheet: Sheet): boolean {
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .every((p) => p.isWarningOnly() || p.canEdit());
}

/** Makes sure a sheet has at least `rows` rows (writes outside its size fail in Sheets). */
export function ensureRows(sheet: Sheet, rows: number, headroom = 0): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max + headroom);
}

export function ensureColumns(sheet: Sheet, columns: number): void {
  const max = sheet.getMaxColumns();
  if (columns > max) sheet.insertColumnsAfter(max, columns - max);
}
