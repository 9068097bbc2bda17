/** Sheet: a tab's size, structure (insert/delete/move rows and columns), and the objects on it. */
import { EmulatorError, counted } from '../context';
import { parseA1OrThrow, splitSheet } from './a1';
import { makeChart, makeChartBuilder, newChartModel, type EmbeddedChartImpl } from './charts';
import { type ConditionalFormatRuleImpl, makeCfRule } from './conditional-format';
import type { Env, Proxied } from './env';
import { addMetadata, makeFinder, metadataAt } from './metadata';
import type { SheetModel } from './model';
import { makeProtection, newProtection } from './protection';
import { type RangeImpl, a1Range, checkedRange, makeRange } from './range';
import { makeRangeList } from './range-list';
import type { DimOp, Rect } from './rect';
import { assertCanEdit, canEditRect, PROTECTED_MESSAGE, isProtectionEditor } from './rights';
import { makeSpreadsheet, sheetNameTaken } from './spreadsheet';
import { inheritAfterInsert } from './structure';

type S = GoogleAppsScript.Spreadsheet.Sheet;

type SheetKeys =
  | 'activate'
  | 'addDeveloperMetadata'
  | 'appendRow'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'createDeveloperMetadataFinder'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getConditionalFormatRules'
  | 'getDataRange'
  | 'getDeveloperMetadata'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRangeList'
  | 'getSheetId'
  | 'getSheetName'
  | 'getTabColor'
  | 'hideColumns'
  | 'hideRows'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isRowHiddenByUser'
  | 'isSheetHidden'
  | 'moveColumns'
  | 'moveRows'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setConditionalFormatRules'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setRowHeight'
  | 'setTabColor'
  | 'showColumns'
  | 'showRows'
  | 'showSheet'
  | 'sort'
  | 'updateChart'
  | 'getRowHeight'
  | 'unhideColumn'
  | 'unhideRow'
  | 'deleteColumns';

export class SheetImpl implements Proxied<S>, Pick<S, SheetKeys> {
  _self!: S;
  constructor(
    readonly _env: Env,
    readonly _sheet: SheetModel,
  ) {}

  private _user() {
    return this._env.ctx.identity.effective;
  }
  private _assertCells(r: Rect) {
    assertCanEdit(this._env.wb, this._sheet, r, this._user(), this._env.ctx.owner);
  }
  /** Inserting inside a protected span, or anywhere in a protected sheet, needs rights on it. */
  private _assertInsert(dim: 'row' | 'col', at: number) {
    const { wb, ctx } = this._env;
    const user = this._user();
    if (user === ctx.owner) return;
    for (const p of wb.protections) {
      if (p.sheetId !== this._sheet.id || p.warningOnly || isProtectionEditor(wb, p, user, ctx.owner))
        continue;
      if (p.type === 'SHEET') throw new EmulatorError(PROTECTED_MESSAGE);
      const r = p.ref!.rect;
      const [start, len] = dim === 'row' ? [r.row, r.rows] : [r.col, r.cols];
      if (at > start && at <= start + len - 1) throw new EmulatorError(PROTECTED_MESSAGE);
    }
  }
  private _apply(op: DimOp) {
    this._env.wb.applyDimOp(this._sheet, op);
  }

  // ---- identity ---------------------------------------------------------------------------
  getName() {
    return this._sheet.name;
  }
  getSheetName() {
    return this._sheet.name;
  }
  setName(name: string) {
    if (name !== this._sheet.name && sheetNameTaken(this._env, name))
      throw new EmulatorError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this._sheet.name = String(name);
    return this._self;
  }
  getSheetId() {
    return this._sheet.id;
  }
  getIndex() {
    return this._env.wb.sheets.indexOf(this._sheet) + 1;
  }
  getParent() {
    return makeSpreadsheet(this._env);
  }
  activate() {
    this._env.wb.activeSheetId = this._sheet.id;
    this._env.wb.activeRange = { sheetId: this._sheet.id, rect: { row: 1, col: 1, rows: 1, cols: 1 } };
    return this._self;
  }
  setTabColor(color: string | null) {
    this._sheet.tabColor = color;
    return this._self;
  }
  getTabColor() {
    return this._sheet.tabColor as string;
  }
  hideSheet() {
    this._sheet.hidden = true;
    return this._self;
  }
  showSheet() {
    this._sheet.hidden = false;
    return this._self;
  }
  isSheetHidden() {
    return this._sheet.hidden;
  }

  // ---- size and ranges ----------------------------------------------------------------------
  getLastRow() {
    return this._sheet.lastRow();
  }
  getLastColumn() {
    return this._sheet.lastColumn();
  }
  getMaxRows() {
    return this._sheet.maxRows;
  }
  getMaxColumns() {
    return this._sheet.maxColumns;
  }
  getDataRange() {
    return makeRange(this._env, this._sheet, {
      row: 1,
      col: 1,
      rows: Math.max(1, this._sheet.lastRow()),
      cols: Math.max(1, this._sheet.lastColumn()),
    });
  }
  getRange(a: unknown, col?: number, numRows?: number, numCols?: number): GoogleAppsScript.Spreadsheet.Range {
    if (typeof a === 'string') {
      const { sheetName, ref } = splitSheet(a);
      if (sheetName !== null && sheetName !== this._sheet.name) {
        const other = this._env.wb.sheetByName(sheetName);
        if (!other) throw new EmulatorError('Range not found');
        return a1Range(this._env, other, parseA1OrThrow(ref));
      }
      return a1Range(this._env, this._sheet, parseA1OrThrow(ref));
    }
    if (col === undefined)
      throw new EmulatorError(
        "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    return checkedRange(this._env, this._sheet, a as number, col, numRows ?? 1, numCols ?? 1);
  }

  /** "Returns the RangeList collection representing the ranges in the same sheet specified by a non-empty list of A1 notations" (reference). */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    return makeRangeList(this._env, this._sheet, a1Notations);
  }

  /** Writes below the last row with content, growing the sheet when it is full (atomic, reference). */
  appendRow(rowContents: unknown[]) {
    if (!Array.isArray(rowContents) || rowContents.length === 0)
      throw new EmulatorError(
        "The parameters () don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    const s = this._sheet;
    const row = s.lastRow() + 1;
    const extraRows = Math.max(0, row - s.maxRows);
    const extraCols = Math.max(0, rowContents.length - s.maxColumns);
    this._env.wb.checkGrowth(extraRows * (s.maxColumns + extraCols) + extraCols * s.maxRows);
    const target = { row, col: 1, rows: 1, cols: rowContents.length };
    this._assertCells(target);
    s.maxRows += extraRows;
    s.maxColumns += extraCols;
    const range = makeRange(this._env, s, target) as unknown as RangeImpl;
    range._writeGrid(target, (_, j) => rowContents[j]);
    this._env.ctx.counter.written(rowContents.length);
    return this._self;
  }

  // ---- structure ----------------------------------------------------------------------------
  private _insert(dim: 'row' | 'col', at: number, count: number, inheritFrom: number | null) {
    const s = this._sheet;
    const max = dim === 'row' ? s.maxRows : s.maxColumns;
    if (!Number.isInteger(count) || count < 1)
      throw new EmulatorError(
        `The number of ${dim === 'row' ? 'rows' : 'columns'} to insert must be at least 1.`,
      );
    if (at < 1 || at > max + 1)
      throw new EmulatorError(
        dim === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.',
      );
    this._env.wb.checkGrowth(count * (dim === 'row' ? s.maxColumns : s.maxRows));
    this._assertInsert(dim, at);
    this._apply({ dim, kind: 'insert', at, count });
    if (dim === 'row' && at <= s.frozenRows) s.frozenRows += count;
    if (dim === 'col' && at <= s.frozenColumns) s.frozenColumns += count;
    if (inheritFrom !== null) inheritAfterInsert(s, dim, at, count, inheritFrom);
    return this._self;
  }
  insertRowBefore(before: number) {
    return this._insert('row', before, 1, before + 1);
  }
  insertRowAfter(after: number) {
    return this._insert('row', after + 1, 1, after);
  }
  insertRowsBefore(before: number, howMany: number) {
    return this._insert('row', before, howMany, before + howMany);
  }
  insertRowsAfter(after: number, howMany: number) {
    return this._insert('row', after + 1, howMany, after);
  }
  insertRows(rowIndex: number, numRows = 1) {
    this._insert('row', rowIndex, numRows, rowIndex + numRows);
  }
  insertColumnBefore(before: number) {
    return this._insert('col', before, 1, before + 1);
  }
  insertColumnAfter(after: number) {
    return this._insert('col', after + 1, 1, after);
  }
  insertColumnsBefore(before: number, howMany: number) {
    return this._insert('col', before, howMany, before + howMany);
  }
  insertColumnsAfter(after: number, howMany: number) {
    return this._insert('col', after + 1, howMany, after);
  }
  insertColumns(columnIndex: number, numColumns = 1) {
    this._insert('col', columnIndex, numColumns, columnIndex + numColumns);
  }

  private _delete(dim: 'row' | 'col', at: number, count: number) {
    const s = this._sheet;
    const max = dim === 'row' ? s.maxRows : s.maxColumns;
    const frozen = dim === 'row' ? s.frozenRows : s.frozenColumns;
    if (!Number.isInteger(count) || count < 1 || at < 1 || at + count - 1 > max)
      throw new EmulatorError(
        dim === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.',
      );
    const frozenDeleted = Math.max(0, Math.min(frozen, at + count - 1) - at + 1);
    if (max - count - (frozen - frozenDeleted) <= 0)
      throw new EmulatorError(
        `Sorry, it is not possible to delete all non-frozen ${dim === 'row' ? 'rows' : 'columns'}.`,
      );
    const r =
      dim === 'row'
        ? { row: at, col: 1, rows: count, cols: s.maxColumns }
        : { row: 1, col: at, rows: s.maxRows, cols: count };
    this._assertCells(r);
    this._apply({ dim, kind: 'delete', at, count });
    if (dim === 'row') s.frozenRows -= frozenDeleted;
    else s.frozenColumns -= frozenDeleted;
    return this._self;
  }
  deleteRow(rowPosition: number) {
    return this._delete('row', rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number) {
    this._delete('row', rowPosition, howMany);
  }
  deleteColumn(columnPosition: number) {
    return this._delete('col', columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number) {
    this._delete('col', columnPosition, howMany);
  }

  /** "destinationIndex ... is based on the coordinates before the columns are moved" (Sheet.moveColumns reference). */
  private _move(dim: 'row' | 'col', spec: GoogleAppsScript.Spreadsheet.Range, to: number) {
    const s = this._sheet;
    const r = (spec as unknown as RangeImpl)._b();
    const [from, count] = dim === 'row' ? [r.row, r.rows] : [r.col, r.cols];
    const max = dim === 'row' ? s.maxRows : s.maxColumns;
    if (to < 1 || to > max + 1)
      throw new EmulatorError(
        dim === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.',
      );
    const lo = Math.min(from, to);
    const hi = Math.min(max, Math.max(from + count - 1, to));
    this._assertCells(
      dim === 'row'
        ? { row: lo, col: 1, rows: hi - lo + 1, cols: s.maxColumns }
        : { row: 1, col: lo, rows: s.maxRows, cols: hi - lo + 1 },
    );
    this._apply({ dim, kind: 'move', from, count, to });
  }
  moveColumns(columnSpec: GoogleAppsScript.Spreadsheet.Range, destinationIndex: number) {
    this._move('col', columnSpec, destinationIndex);
  }
  moveRows(rowSpec: GoogleAppsScript.Spreadsheet.Range, destinationIndex: number) {
    this._move('row', rowSpec, destinationIndex);
  }

  setFrozenRows(rows: number) {
    if (rows < 0 || rows >= this._sheet.maxRows)
      throw new EmulatorError(
        'The number of frozen rows must be between 0 and the number of rows in the sheet minus one.',
      );
    this._sheet.frozenRows = rows;
  }
  getFrozenRows() {
    return this._sheet.frozenRows;
  }
  setFrozenColumns(columns: number) {
    if (columns < 0 || columns >= this._sheet.maxColumns)
      throw new EmulatorError(
        'The number of frozen columns must be between 0 and the number of columns in the sheet minus one.',
      );
    this._sheet.frozenColumns = columns;
  }
  getFrozenColumns() {
    return this._sheet.frozenColumns;
  }
  setColumnWidth(column: number, width: number) {
    this._sheet.columnWidths.set(column, width);
    return this._self;
  }
  setColumnWidths(start: number, count: number, width: number) {
    for (let c = start; c < start + count; c++) this._sheet.columnWidths.set(c, width);
    return this._self;
  }
  getColumnWidth(column: number) {
    return this._sheet.columnWidths.get(column) ?? 100;
  }
  setRowHeight(row: number, height: number) {
    this._sheet.rowHeights.set(row, height);
    return this._self;
  }
  getRowHeight(row: number) {
    return this._sheet.rowHeights.get(row) ?? 21;
  }
  autoResizeColumns(_start: number, _count: number) {
    return this._self;
  }
  private _span(a: unknown, n?: number): [number, number] {
    if (typeof a === 'number') return [a, n ?? 1];
    const r = (a as RangeImpl)._b();
    return [r.col, r.cols];
  }
  private _rowSpan(a: unknown, n?: number): [number, number] {
    if (typeof a === 'number') return [a, n ?? 1];
    const r = (a as RangeImpl)._b();
    return [r.row, r.rows];
  }
  hideColumns(columnIndex: number, numColumns?: number) {
    const [c, n] = this._span(columnIndex, numColumns);
    for (let i = c; i < c + n; i++) this._sheet.hiddenColumns.add(i);
  }
  showColumns(columnIndex: number, numColumns?: number) {
    const [c, n] = this._span(columnIndex, numColumns);
    for (let i = c; i < c + n; i++) this._sheet.hiddenColumns.delete(i);
  }
  unhideColumn(column: GoogleAppsScript.Spreadsheet.Range) {
    const [c, n] = this._span(column);
    for (let i = c; i < c + n; i++) this._sheet.hiddenColumns.delete(i);
  }
  isColumnHiddenByUser(columnPosition: number) {
    return this._sheet.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows?: number) {
    const [r, n] = this._rowSpan(rowIndex, numRows);
    for (let i = r; i < r + n; i++) this._sheet.hiddenRows.add(i);
  }
  showRows(rowIndex: number, numRows?: number) {
    const [r, n] = this._rowSpan(rowIndex, numRows);
    for (let i = r; i < r + n; i++) this._sheet.hiddenRows.delete(i);
  }
  unhideRow(row: GoogleAppsScript.Spreadsheet.Range) {
    const [r, n] = this._rowSpan(row);
    for (let i = r; i < r + n; i++) this._sheet.hiddenRows.delete(i);
  }
  isRowHiddenByUser(rowPosition: number) {
    return this._sheet.hiddenRows.has(rowPosition);
  }

  // ---- clearing -----------------------------------------------------------------------------
  private _all() {
    return makeRange(this._env, this._sheet, {
      row: 1,
      col: 1,
      rows: this._sheet.maxRows,
      cols: this._sheet.maxColumns,
    });
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    this._all().clear(options ?? {});
    return this._self;
  }
  clearContents() {
    this._all().clearContent();
    return this._self;
  }
  clearFormats() {
    this._all().clearFormat();
    return this._self;
  }
  clearNotes() {
    this._all().clearNote();
    return this._self;
  }
  /** Sorts the rows below the frozen rows by one column (stable). */
  sort(columnPosition: number, ascending = true) {
    const s = this._sheet;
    const first = s.frozenRows + 1;
    const last = s.lastRow();
    if (last >= first)
      makeRange(this._env, s, {
        row: first,
        col: 1,
        rows: last - first + 1,
        cols: Math.max(1, s.lastColumn()),
      }).sort({ column: columnPosition, ascending });
    return this._self;
  }

  // ---- protections --------------------------------------------------------------------------
  /** Returns the sheet's protection when it already has one (Sheet.protect reference). */
  protect() {
    const existing = this._env.wb.protections.find((p) => p.type === 'SHEET' && p.sheetId === this._sheet.id);
    return makeProtection(this._env, existing ?? newProtection(this._env, 'SHEET', this._sheet, null));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType) {
    const t = String(type);
    return this._env.wb.protections
      .filter((p) => p.sheetId === this._sheet.id && p.type === t)
      .map((p) => makeProtection(this._env, p));
  }

  // ---- conditional formats ------------------------------------------------------------------
  getConditionalFormatRules() {
    return this._sheet.cfRules.map((r) => makeCfRule(this._env, r));
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]) {
    this._sheet.cfRules = rules.map((r) => {
      const rule = (r as unknown as ConditionalFormatRuleImpl)._rule;
      return {
        ...rule,
        ranges: rule.ranges.map((x) => ({ sheetId: x.sheetId, rect: { ...x.rect } })),
        values: [...rule.values],
        format: { ...rule.format },
      };
    });
  }

  // ---- charts -------------------------------------------------------------------------------
  newChart() {
    return makeChartBuilder(this._env, newChartModel());
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const model = { ...(chart as unknown as EmbeddedChartImpl)._chart };
    if (!model.id || this._sheet.charts.some((c) => c.id === model.id))
      model.id = String(this._env.wb.newId());
    (chart as unknown as EmbeddedChartImpl)._chart.id = model.id;
    this._sheet.charts.push(model);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const model = (chart as unknown as EmbeddedChartImpl)._chart;
    const i = this._sheet.charts.findIndex((c) => c.id === model.id);
    if (i < 0) throw new EmulatorError('The chart does not exist on this sheet. Use insertChart to add it.');
    this._sheet.charts[i] = { ...model };
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const id = (chart as unknown as EmbeddedChartImpl)._chart.id;
    this._sheet.charts = this._sheet.charts.filter((c) => c.id !== id);
  }
  getCharts() {
    return this._sheet.charts.map((c) => makeChart(this._env, c));
  }

  // ---- developer metadata -------------------------------------------------------------------
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown) {
    addMetadata(this._env, { kind: 'sheet', sheet: this._sheet }, key, value, visibility);
    return this._self;
  }
  getDeveloperMetadata() {
    return metadataAt(this._env, { kind: 'sheet', sheet: this._sheet });
  }
  createDeveloperMetadataFinder() {
    return makeFinder(this._env, { kind: 'sheet', sheet: this._sheet });
  }
}

export function makeSheet(env: Env, sheet: SheetModel): S {
  const impl = new SheetImpl(env, sheet);
  return (impl._self = counted(env.ctx, 'Sheet', impl) as unknown as S);
}

/** Uncounted: may `user` edit a cell (owner, or editor of every covering protection). */
export function userCanEdit(env: Env, sheet: SheetModel, r: Rect, user: string): boolean {
  return canEditRect(env.wb, sheet, r, user, env.ctx.owner);
}
