/**
 * One window of a sheet as the page draws it: display values, the formats Sheets would show
 * (bold, colours, alignment, conditional formats) and, for the chosen user, which cells they may
 * edit. Reads the emulator's model directly: uncounted, and only the rows asked for, so a
 * 100,000-row sheet costs what the visible rows cost.
 */
import { columnLetter } from '../../core/shared';
import { formatCell } from '../emulator/spreadsheet/display';
import type { SheetModel } from '../emulator/spreadsheet/model';
import type { Runtime } from '../runtime';

/** Rows per request: enough for a tall screen, small enough to stay fast. */
export const MAX_WINDOW_ROWS = 500;

export interface CellStyle {
  bold?: true;
  italic?: true;
  background?: string;
  color?: string;
  align?: string;
}

export interface WindowCell {
  /** display value */
  v: string;
  s?: CellStyle;
  /** false when the user may not edit the cell */
  e?: false;
}

export interface WindowRow {
  row: number;
  cells: WindowCell[];
}

export interface SheetInfo {
  name: string;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  hidden: boolean;
}

export interface SheetWindow extends SheetInfo {
  columns: string[];
  columnWidths: number[];
  /** the frozen rows (always sent: the page keeps them on top) */
  frozen: WindowRow[];
  rows: WindowRow[];
  /** the sheet's embedded charts, with their data, for the page to draw where they sit */
  charts: ChartView[];
}

/** Chart types the page draws; any other type is drawn as a column chart. */
export type ChartKind = 'bar' | 'column' | 'pie';

/**
 * An embedded chart as the page draws it: the emulator's chart model (type, anchor cell and
 * offsets, options title/width/height) and the data of its first range, read as Sheets reads a
 * chart's range: the header rows name the series, the first column holds the labels, each further
 * column is one series (numbers; anything else counts as 0).
 */
export interface ChartView {
  id: string;
  kind: ChartKind;
  title: string;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
}

/** Points per chart: a dashboard chart has a handful; the cap keeps a stray huge range cheap. */
export const MAX_CHART_POINTS = 200;

function sizeOption(v: unknown, fallback: number, max: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n >= 50 ? Math.min(n, max) : fallback;
}

function chartViews(rt: Runtime, sheet: SheetModel): ChartView[] {
  const tz = rt.spreadsheet.workbook.init.timeZone;
  return sheet.charts.map((chart) => {
    const type = chart.chartType.toLowerCase();
    const kind: ChartKind = type === 'bar' || type === 'pie' ? type : 'column';
    const view: ChartView = {
      id: chart.id,
      kind,
      title: typeof chart.options.title === 'string' ? chart.options.title : '',
      anchorRow: chart.position.anchorRow,
      anchorColumn: chart.position.anchorColumn,
      offsetX: chart.position.offsetX,
      offsetY: chart.position.offsetY,
      width: sizeOption(chart.options.width, 600, 1600),
      height: sizeOption(chart.options.height, 371, 1200),
      labels: [],
      series: [],
    };
    const ref = chart.ranges[0];
    const source = ref && rt.spreadsheet.workbook.sheetById(ref.sheetId);
    if (!ref || !source) return view;
    const { row, col, rows, cols } = ref.rect;
    const headers = Math.min(Math.max(chart.numHeaders, 0), rows);
    const text = (r: number, c: number) => formatCell(source.cell(r, c), source.numberFormatAt(r, c), tz);
    for (let c = col + 1; c < col + cols; c++)
      view.series.push({ name: headers ? text(row + headers - 1, c) : '', values: [] });
    const last = Math.min(row + rows - 1, row + headers + MAX_CHART_POINTS - 1);
    for (let r = row + headers; r <= last; r++) {
      view.labels.push(text(r, col));
      view.series.forEach((s, i) => {
        const v = source.cell(r, col + 1 + i);
        s.values.push(typeof v === 'number' && Number.isFinite(v) ? v : 0);
      });
    }
    return view;
  });
}

function sheetModel(rt: Runtime, name: string): SheetModel {
  const sheet = rt.spreadsheet.workbook.sheetByName(name);
  if (!sheet) throw new Error(`No sheet named "${name}".`);
  return sheet;
}

export function sheetInfos(rt: Runtime): SheetInfo[] {
  return rt.spreadsheet.workbook.sheets.map((s) => ({
    name: s.name,
    lastRow: s.lastRow(),
    lastColumn: s.lastColumn(),
    frozenRows: s.frozenRows,
    hidden: s.hidden,
  }));
}

const CSS_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i;

/** Only plain colour values reach the page's style attribute. */
function color(v: unknown): string | undefined {
  return typeof v === 'string' && CSS_COLOR.test(v) ? v : undefined;
}

function styleAt(rt: Runtime, sheet: SheetModel, row: number, col: number): CellStyle | undefined {
  const prop = (p: string) => sheet.formats.get(p)?.get(row, col);
  const s: CellStyle = {};
  if (prop('fontWeight') === 'bold') s.bold = true;
  if (prop('fontStyle') === 'italic') s.italic = true;
  const bg = color(prop('background'));
  if (bg && bg.toLowerCase() !== '#ffffff') s.background = bg;
  const fg = color(prop('fontColor'));
  if (fg && fg.toLowerCase() !== '#000000') s.color = fg;
  const align = String(prop('horizontalAlignment') ?? '').toLowerCase();
  if (['left', 'center', 'right'].includes(align)) s.align = align;
  const cf = rt.spreadsheet.conditionalStyle(sheet.name, row, col);
  if (cf) {
    if (color(cf.background)) s.background = cf.background!;
    if (color(cf.fontColor)) s.color = cf.fontColor!;
    if (cf.bold) s.bold = true;
    if (cf.italic) s.italic = true;
  }
  return Object.keys(s).length ? s : undefined;
}

function readRow(rt: Runtime, sheet: SheetModel, row: number, width: number, user: string): WindowRow {
  const tz = rt.spreadsheet.workbook.init.timeZone;
  const cells: WindowCell[] = [];
  for (let col = 1; col <= width; col++) {
    const cell: WindowCell = { v: formatCell(sheet.cell(row, col), sheet.numberFormatAt(row, col), tz) };
    const s = styleAt(rt, sheet, row, col);
    if (s) cell.s = s;
    if (!rt.spreadsheet.canEdit(user, sheet.name, row, col)) cell.e = false;
    cells.push(cell);
  }
  return { row, cells };
}

/** Rows `from`..`from+count-1` (1-based sheet rows, below the frozen ones) of `name` as `user` sees them. */
export function readWindow(
  rt: Runtime,
  name: string,
  from: number,
  count: number,
  user: string,
): SheetWindow {
  const sheet = sheetModel(rt, name);
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  const frozenRows = Math.min(sheet.frozenRows, Math.max(lastRow, 0));
  const first = Math.max(from, frozenRows + 1);
  const last = Math.min(lastRow, first + Math.min(Math.max(count, 0), MAX_WINDOW_ROWS) - 1);
  const frozen: WindowRow[] = [];
  for (let r = 1; r <= frozenRows; r++) frozen.push(readRow(rt, sheet, r, lastColumn, user));
  const rows: WindowRow[] = [];
  for (let r = first; r <= last; r++) rows.push(readRow(rt, sheet, r, lastColumn, user));
  const columns: string[] = [];
  const columnWidths: number[] = [];
  for (let c = 1; c <= lastColumn; c++) {
    columns.push(columnLetter(c));
    columnWidths.push(sheet.hiddenColumns.has(c) ? 0 : (sheet.columnWidths.get(c) ?? 100));
  }
  return {
    name: sheet.name,
    lastRow,
    lastColumn,
    frozenRows,
    hidden: sheet.hidden,
    columns,
    columnWidths,
    frozen,
    rows,
    charts: chartViews(rt, sheet),
  };
}
