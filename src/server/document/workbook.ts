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
import { columnLetter, neutralizeFormula, phoneCell, quotedSheetName, serialToDate } from '../../core/shared';
import { sheetsService } from './sheets-api';
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
  /** the sheet's row count, when a Sheets get or an append gave it */
  maxRows?: number;
}

export interface Table extends Layout {
  /** data rows with at least one non-empty cell; `row` is the sheet row number */
  rows: SheetRow[];
  /** the raw grid of data rows (row 2 onward), in sheet column order */
  grid: CellValue[][];
}

/** A header row as setup wrote it, with its tab's id and name. */
export interface KnownHeader {
  sheetId: number;
  title: string;
  header: HeaderMap;
  /** row 1 as written */
  values: CellValue[];
  /** the row count setup read (until something writes to the sheet) */
  maxRows?: number;
}

function sameHeader(a: HeaderMap, b: HeaderMap): boolean {
  const keys = Object.keys(a.byKey);
  return keys.length === Object.keys(b.byKey).length && keys.every((k) => a.byKey[k] === b.byKey[k]);
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

  private spreadsheetId: string | null = null;

  /** The spreadsheet's id, fetched once (several Sheets API requests of a run need it). */
  id(): string {
    return (this.spreadsheetId ??= this.ss.getId());
  }

  private marks: Map<SheetKey, number> | null = null;

  /** The recorded ids (one property read); sheets are looked up by id only as they are needed. */
  private index(): { byId: Map<number, Sheet>; ids: SheetIds } {
    if (!this.sheetsById || !this.ids) {
      this.sheetsById = new Map();
      this.ids = recordedSheetIds();
    }
    return { byId: this.sheetsById, ids: this.ids };
  }

  private allSheets: Map<number, Sheet> | null = null;

  /** Every tab by id (getSheetId per tab): only when a recorded id was not enough. */
  private everySheet(): Map<number, Sheet> {
    if (!this.allSheets) {
      this.allSheets = new Map(this.ss.getSheets().map((s) => [s.getSheetId(), s] as [number, Sheet]));
      for (const [id, sheet] of this.index().byId) this.allSheets.set(id, sheet);
    }
    return this.allSheets;
  }

  /** A tab by its id: one getSheetById, cached; null when no tab has it (deleted). */
  private byId(id: number): Sheet | null {
    const { byId } = this.index();
    if (byId.has(id)) return byId.get(id)!;
    const sheet = this.allSheets ? (this.allSheets.get(id) ?? null) : this.ss.getSheetById(id);
    if (sheet) byId.set(id, sheet);
    return sheet;
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
    const { ids } = this.index();
    const id = ids[key];
    const recorded = id !== undefined ? this.byId(id) : null;
    if (recorded) return recorded;
    const all = this.everySheet();
    const markedId = this.marked().get(key);
    if (markedId !== undefined && all.has(markedId)) return all.get(markedId)!;
    const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${key}`]);
    for (const sheet of all.values()) if (labels.includes(sheet.getName())) return sheet;
    return null;
  }

  /** Records a tab's id as the one for a key, before any Sheet object of it is fetched (setup). */
  rememberId(key: SheetKey, id: number): void {
    this.index().ids[key] = id;
    this.allSheets = null;
  }

  private known = new Map<SheetKey, KnownHeader>();

  /**
   * What setup wrote in a sheet's header row: later steps of the same run (validation rules,
   * protections) take it from here instead of reading row 1 again. A cached read of the sheet
   * whose header no longer matches is dropped.
   */
  knowHeader(key: SheetKey, known: KnownHeader): void {
    const cached = this.tables.get(key) ?? this.layouts.get(key);
    if (cached && !sameHeader(cached.header, known.header)) this.forget(key);
    this.known.set(key, known);
  }

  /** The header setup wrote in this run, if it did. */
  knownHeader(key: SheetKey): KnownHeader | null {
    return this.known.get(key) ?? null;
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
    // The row count setup read may be out of date after a write: ask the sheet next time.
    const known = this.known.get(key);
    if (known) this.known.set(key, { ...known, maxRows: undefined });
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
    // getDataRange is one call for both bounds ("functionally equivalent to creating a Range bounded
    // by A1 and (Sheet.getLastColumn(), Sheet.getLastRow())"); the Range's own bounds are local.
    const data = sheet.getDataRange();
    const lastRow = data.getLastRow();
    const width = Math.max(data.getLastColumn(), 1);
    const known = this.known.get(key);
    if (known) {
      // Setup wrote this header in this run: no second read of row 1.
      const { header, values: headerValues, maxRows } = known;
      const layout: Layout = {
        key,
        sheet,
        header,
        headerValues,
        width,
        lastRow: Math.max(lastRow, 1),
        maxRows,
      };
      this.layouts.set(key, layout);
      return layout;
    }
    const headerRange = sheet.getRange(1, 1, 1, width);
    const headerValues = headerRange.getValues()[0] as CellValue[];
    const header = mapHeader(SHEETS[key], headerValues, headerRange.getNotes()[0]);
    const layout: Layout = { key, sheet, header, headerValues, width, lastRow: Math.max(lastRow, 1) };
    this.layouts.set(key, layout);
    return layout;
  }

  /**
   * A sheet's header map alone, when its column count is known (a Sheets.Spreadsheets.get gave it):
   * one range of row 1, without the calls for the last row and column that layout() makes.
   */
  headerOf(key: SheetKey, maxColumns: number): HeaderMap | null {
    const known = this.tables.get(key) ?? this.layouts.get(key) ?? this.known.get(key);
    if (known) return known.header;
    const sheet = this.sheet(key);
    if (!sheet || maxColumns < 1) return null;
    const row = sheet.getRange(1, 1, 1, maxColumns);
    return mapHeader(SHEETS[key], row.getValues()[0] as CellValue[], row.getNotes()[0]);
  }

  /** Reads a whole sheet once: header notes and values plus every data row. */
  read(key: SheetKey): Table | null {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const sheet = this.sheet(key);
    if (!sheet) return null;
    // One getDataRange: its values are the grid from A1 to the last row and column with content.
    const data = sheet.getDataRange();
    const lastRow = data.getLastRow();
    const width = Math.max(data.getLastColumn(), 1);
    const headerNotes = sheet.getRange(1, 1, 1, width).getNotes()[0];
    const all = lastRow >= 1 ? (data.getValues() as CellValue[][]) : [[]];
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

  /** One data row, every column, in one call: an action on one customer reads one row. */
  readRow(key: SheetKey, row: number): SheetRow | null {
    const table = this.tables.get(key);
    if (table) return table.rows.find((r) => r.row === row) ?? null;
    const layout = this.layout(key);
    if (!layout || row < 2 || row > layout.lastRow) return null;
    const line = layout.sheet.getRange(row, 1, 1, layout.width).getValues()[0] as CellValue[];
    return toRows([line], layout.header).map((r) => ({ ...r, row }))[0] ?? null;
  }

  /**
   * The rows whose `columnKey` cell is `wanted` (trimmed, case-insensitive): the column alone is
   * read, then only those rows, in one Sheets.Spreadsheets.Values.batchGet, so one customer's
   * history costs a column of cells, not the whole sheet. Dates come back as serial numbers and are
   * turned back into Dates for the schema's date columns. Past MAX_ROWS_BY_RANGE matches the whole
   * sheet is read instead. Null when the sheet is missing.
   */
  readRowsWhere(key: SheetKey, columnKey: string, wanted: string, timeZone: string): SheetRow[] | null {
    const same = (v: unknown) =>
      String(v ?? '')
        .trim()
        .toUpperCase() === wanted;
    const table = this.tables.get(key);
    if (table) return table.rows.filter((r) => same(r.values[columnKey]));
    const column = this.readColumn(key, columnKey);
    if (!column) return this.read(key)?.rows ?? null;
    const rows: number[] = [];
    column.values.forEach((v, i) => {
      if (same(v)) rows.push(i + 2);
    });
    if (rows.length === 0) return [];
    if (rows.length > MAX_ROWS_BY_RANGE)
      return (this.read(key)?.rows ?? []).filter((r) => same(r.values[columnKey]));
    const { layout } = column;
    const name = quotedSheetName(layout.sheet.getName());
    const last = columnLetter(layout.width);
    const response = sheetsService().Spreadsheets!.Values!.batchGet(this.id(), {
      ranges: rows.map((r) => `${name}!A${r}:${last}${r}`),
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    const dateColumns = new Set(
      SHEETS[key].columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => c.key),
    );
    const out: SheetRow[] = [];
    (response.valueRanges ?? []).forEach((range, i) => {
      const line = (range.values?.[0] ?? []) as CellValue[];
      const values: Record<string, CellValue> = {};
      for (const [k, index] of Object.entries(layout.header.byKey)) {
        const v = line[index] ?? '';
        values[k] = dateColumns.has(k) && typeof v === 'number' ? serialToDate(v, timeZone) : v;
      }
      out.push({ row: rows[i], values });
    });
    return out;
  }

  /**
   * Only some columns of a sheet's data rows, as records holding those keys: an action that needs
   * five of thirty columns reads five cells per row, not thirty. Wanted columns close together are
   * read as one range when reading the unwanted ones between costs less than another call.
   * Keys the sheet lacks are absent from the records. Null when the sheet is missing.
   */
  readColumns(key: SheetKey, columnKeys: readonly string[]): { layout: Layout; rows: SheetRow[] } | null {
    const table = this.tables.get(key);
    const layout = table ?? this.layout(key);
    if (!layout) return null;
    const wanted = columnKeys
      .map((k) => [k, layout.header.byKey[k]] as const)
      .filter((e): e is readonly [string, number] => e[1] !== undefined)
      .sort((a, b) => a[1] - b[1]);
    const count = layout.lastRow - 1;
    if (table) return { layout, rows: pick(table.grid, wanted) };
    if (count < 1 || wanted.length === 0) return { layout, rows: [] };
    // One grid as wide as the sheet's used span, filled only where a run was read.
    const grid: CellValue[][] = Array.from({ length: count }, () => []);
    for (const [first, last] of runs(
      wanted.map((e) => e[1]),
      Math.floor(GAP_CELLS_PER_CALL / count),
    )) {
      const cells = layout.sheet.getRange(2, first + 1, count, last - first + 1).getValues() as CellValue[][];
      for (let r = 0; r < count; r++) {
        const line = cells[r];
        const target = grid[r];
        for (let c = 0; c < line.length; c++) target[first + c] = line[c];
      }
    }
    return { layout, rows: pick(grid, wanted) };
  }

  /**
   * Appends records below the last row in one setValues, in the sheet's own column order; text
   * that Sheets would take for a formula is stored as text. Returns the first row written.
   * `skip` names columns left untouched (one setValues per run of the others): a user's write must
   * not touch columns protected against them, even with blanks.
   */
  append(key: SheetKey, records: Record<string, unknown>[], skip: readonly string[] = []): number {
    if (records.length === 0) return 0;
    const layout = this.layout(key);
    if (!layout) return 0;
    const width = Math.max(layout.width, ...Object.values(layout.header.byKey).map((i) => i + 1));
    const phones = new Set(SHEETS[key].columns.filter((c) => c.type === 'phone').map((c) => c.key));
    const grid = records.map((rec) => {
      const line: unknown[] = new Array(width).fill('');
      for (const [columnKey, value] of Object.entries(rec)) {
        const i = layout.header.byKey[columnKey];
        if (i !== undefined) line[i] = phones.has(columnKey) ? phoneCell(value) : neutralizeFormula(value);
      }
      return line;
    });
    const first = layout.lastRow + 1;
    // Logs grow a row at a time: leave headroom so appends do not insert rows on every call.
    const maxRows = ensureRows(
      layout.sheet,
      first + grid.length - 1,
      SHEETS[key].systemOnly ? LOG_HEADROOM : 0,
      layout.maxRows,
    );
    const skipped = new Set(skip.map((k) => layout.header.byKey[k]).filter((i) => i !== undefined));
    let start = 0;
    for (let c = 0; c <= width; c++) {
      if (c < width && !skipped.has(c)) continue;
      if (c > start)
        layout.sheet
          .getRange(first, start + 1, grid.length, c - start)
          .setValues(grid.map((l) => l.slice(start, c)));
      start = c + 1;
    }
    this.tables.delete(key);
    this.layouts.set(key, { ...layout, lastRow: first + grid.length - 1, maxRows });
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

/** Matching rows read one range each in a batchGet; beyond this the whole sheet is cheaper. */
const MAX_ROWS_BY_RANGE = 500;

/**
 * Unwanted cells worth reading to save one call: a round trip costs about as much as reading this
 * many cells (0.16 s a call against 10 µs a cell, the bench's cost model in src/local/bench).
 */
const GAP_CELLS_PER_CALL = 16_000;

/** Index runs [first, last] covering sorted indices, merging runs closer than maxGap + 1. */
function runs(indices: number[], maxGap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && i - last[1] <= maxGap + 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/** Records of the wanted columns, skipping rows blank in all of them (row numbers stay true). */
function pick(grid: CellValue[][], wanted: ReadonlyArray<readonly [string, number]>): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let i = 0; i < grid.length; i++) {
    const line = grid[i];
    let blank = true;
    const values: Record<string, CellValue> = {};
    for (const [k, index] of wanted) {
      const v = line[index] ?? '';
      values[k] = v;
      if (v !== '' && v !== null) blank = false;
    }
    if (!blank) rows.push({ row: i + 2, values });
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

/**
 * Makes sure a sheet has at least `rows` rows (writes outside its size fail in Sheets); `max` is its
 * row count when already known. Returns the row count after.
 */
export function ensureRows(sheet: Sheet, rows: number, headroom = 0, max = sheet.getMaxRows()): number {
  if (rows <= max) return max;
  sheet.insertRowsAfter(max, rows - max + headroom);
  return rows + headroom;
}

export function ensureColumns(sheet: Sheet, columns: number): void {
  const max = sheet.getMaxColumns();
  if (columns > max) sheet.insertColumnsAfter(max, columns - max);
}
