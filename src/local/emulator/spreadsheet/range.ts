/** Range: reads and writes a rectangle of one sheet, counted per call and per cell. */
import { EmulatorError, counted } from '../context';
import { formatA1 } from './a1';
import { GENERAL_FORMAT, formatCell } from './display';
import type { Env, Proxied } from './env';
import { type SheetModel, type ValidationRule } from './model';
import { addMetadata, makeFinder, metadataAt } from './metadata';
import { makeProtection, newProtection } from './protection';
import { type Rect, bounded } from './rect';
import { assertCanEdit } from './rights';
import { makeSheet } from './sheet';
import { DataValidationImpl, makeValidation } from './validation';
import { type Cell, NEEDS_PARSE, cellToValue, isEmptyCell, quickCell, toCell } from './values';

type R = GoogleAppsScript.Spreadsheet.Range;

type RangeKeys =
  | 'activate'
  | 'activateAsCurrentCell'
  | 'addDeveloperMetadata'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'createDeveloperMetadataFinder'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDeveloperMetadata'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontColor'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getGridId'
  | 'getHeight'
  | 'getHorizontalAlignment'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWidth'
  | 'getWrap'
  | 'insertCheckboxes'
  | 'isBlank'
  | 'offset'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontColors'
  | 'setFontStyle'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFontSize'
  | 'setFontFamily'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setHorizontalAlignments'
  | 'setVerticalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setWrap'
  | 'setWrapStrategy'
  | 'sort'
  | 'getFontStyle'
  | 'removeCheckboxes'
  | 'setBorder'
  | 'getMergedRanges'
  | 'getDataRegion';

const eqScalar = (a: unknown, b: unknown) => a === b;
// Hot loops use local references: no global or module-getter lookups per cell.
const isArray = Array.isArray;

export class RangeImpl implements Proxied<R>, Pick<R, RangeKeys> {
  _self!: R;
  constructor(
    readonly _env: Env,
    readonly _sheet: SheetModel,
    readonly _rect: Rect,
  ) {}

  /** The rectangle within the sheet's current size (open-ended ranges resolved). */
  _b(): Rect {
    return bounded(this._rect, this._sheet.maxRows, this._sheet.maxColumns);
  }

  private _n(): number {
    const b = this._b();
    return b.rows * b.cols;
  }

  private _assertWrite(): void {
    const { ctx, wb } = this._env;
    assertCanEdit(wb, this._sheet, this._b(), ctx.identity.effective, ctx.owner);
  }

  // ---- values -------------------------------------------------------------------------------
  getValues(): unknown[][] {
    const b = this._b();
    this._env.ctx.counter.read(b.rows * b.cols);
    const out: unknown[][] = new Array(b.rows);
    const rows = this._sheet.rows;
    const start = b.col - 1;
    const toValue = cellToValue;
    for (let i = 0; i < b.rows; i++) {
      const line = rows[b.row - 1 + i];
      const o: unknown[] = line ? line.slice(start, start + b.cols) : [];
      for (let j = 0; j < o.length; j++) {
        const c = o[j];
        if (c === undefined) o[j] = '';
        else if (typeof c === 'object') o[j] = toValue(c as Cell);
      }
      while (o.length < b.cols) o.push('');
      out[i] = o;
    }
    return out;
  }

  getValue(): unknown {
    this._env.ctx.counter.read(1);
    return cellToValue(this._sheet.cell(this._rect.row, this._rect.col));
  }

  setValues(values: unknown[][]): R {
    const b = this._b();
    if (!Array.isArray(values))
      throw new EmulatorError(
        "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
      );
    if (values.length !== b.rows)
      throw new EmulatorError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${b.rows}.`,
      );
    for (let i = 0; i < values.length; i++) {
      const line = values[i];
      const len = isArray(line) ? line.length : 0;
      if (len !== b.cols)
        throw new EmulatorError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${len} but the range has ${b.cols}.`,
        );
    }
    this._assertWrite();
    this._writeGrid(b, (i, j) => values[i][j], values);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  setValue(value: unknown): R {
    const b = this._b();
    this._assertWrite();
    this._writeGrid(b, () => value);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  /**
   * Writes parsed values; formats implied by parsing (dates, percents) are applied where none is
   * set. Rows are copied with slice() and fixed up in place: bulk writes stay allocation-light.
   */
  _writeGrid(b: Rect, valueAt: (i: number, j: number) => unknown, source?: unknown[][]): void {
    const sheet = this._sheet;
    const { init } = this._env.wb;
    const nf = sheet.formats.get('numberFormat');
    const formats = nf && nf.touches(b) ? nf.paint(b) : null;
    const implied: { row: number; col: number; f: string }[] = [];
    const opts = { plainText: false, timeZone: init.timeZone, locale: init.locale };
    const rows = sheet.rows;
    while (rows.length < b.row - 1) rows.push(undefined);
    const quick = quickCell;
    const NP = NEEDS_PARSE;
    const convert = (v: unknown, f: string | undefined, r: number, c: number): Cell => {
      let cell = quick(v, f === '@');
      if (cell === NP) {
        opts.plainText = f === '@';
        const p = toCell(v, opts);
        cell = p.value;
        if (p.impliedFormat && !f) implied.push({ row: r, col: c, f: p.impliedFormat });
      }
      return cell as Cell;
    };
    for (let i = 0; i < b.rows; i++) {
      const r = b.row + i;
      const line = rows[r - 1];
      const fRow = formats ? formats[i] : null;
      if (source && b.col === 1 && (!line || line.length <= b.cols)) {
        const copy = source[i].slice() as Cell[];
        for (let j = 0; j < b.cols; j++) {
          const v = copy[j];
          const t = typeof v;
          if ((t === 'string' || t === 'boolean' || t === 'number') && !fRow) {
            if (quick(v, false) !== NP) continue;
          }
          copy[j] = convert(v, fRow ? (fRow[j] as string | undefined) : undefined, r, b.col + j);
        }
        rows[r - 1] = copy;
        continue;
      }
      let target = line;
      for (let j = 0; j < b.cols; j++) {
        const cell = convert(valueAt(i, j), fRow ? (fRow[j] as string | undefined) : undefined, r, b.col + j);
        if (cell === undefined && !target) continue;
        if (!target) target = rows[r - 1] = new Array(b.col - 1 + b.cols);
        target[b.col - 1 + j] = cell;
      }
    }
    for (const x of implied)
      sheet.layer('numberFormat').set({ row: x.row, col: x.col, rows: 1, cols: 1 }, x.f);
  }

  getDisplayValues(): string[][] {
    const b = this._b();
    this._env.ctx.counter.read(b.rows * b.cols);
    const nf = this._sheet.formats.get('numberFormat');
    const formats = nf && nf.touches(b) ? nf.paint(b) : null;
    const tz = this._env.wb.init.timeZone;
    const out: string[][] = [];
    for (let i = 0; i < b.rows; i++) {
      const line = this._sheet.rows[b.row - 1 + i];
      const o: string[] = new Array(b.cols);
      for (let j = 0; j < b.cols; j++)
        o[j] = formatCell(line?.[b.col - 1 + j], formats?.[i][j] as string | undefined, tz);
      out.push(o);
    }
    return out;
  }

  getDisplayValue(): string {
    this._env.ctx.counter.read(1);
    const { row, col } = this._rect;
    return formatCell(
      this._sheet.cell(row, col),
      this._sheet.numberFormatAt(row, col),
      this._env.wb.init.timeZone,
    );
  }

  getFormulas(): string[][] {
    const b = this._b();
    this._env.ctx.counter.read(b.rows * b.cols);
    return this._grid(b, (c) =>
      c !== undefined && typeof c === 'object' && !(c instanceof Date) ? c.text : '',
    );
  }

  getFormula(): string {
    this._env.ctx.counter.read(1);
    const c = this._sheet.cell(this._rect.row, this._rect.col);
    return c !== undefined && typeof c === 'object' && !(c instanceof Date) ? c.text : '';
  }

  /** Stores the same formula text in every cell (relative references are not re-written per cell). */
  setFormula(formula: string): R {
    const b = this._b();
    this._assertWrite();
    const text = formula.startsWith('=') ? formula : `=${formula}`;
    this._writeGrid(b, () => text);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  setFormulas(formulas: string[][]): R {
    const b = this._b();
    if (formulas.length !== b.rows)
      throw new EmulatorError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${formulas.length} but the range has ${b.rows}.`,
      );
    this._assertWrite();
    this._writeGrid(b, (i, j) => {
      const f = formulas[i][j];
      return f === '' || f === undefined || f === null ? '' : String(f).startsWith('=') ? f : `=${f}`;
    });
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  private _grid<T>(b: Rect, f: (c: Cell) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < b.rows; i++) {
      const line = this._sheet.rows[b.row - 1 + i];
      const o: T[] = new Array(b.cols);
      for (let j = 0; j < b.cols; j++) o[j] = f(line?.[b.col - 1 + j]);
      out.push(o);
    }
    return out;
  }

  isBlank(): boolean {
    const b = this._b();
    for (let i = 0; i < b.rows; i++) {
      const line = this._sheet.rows[b.row - 1 + i];
      if (line) for (let j = 0; j < b.cols; j++) if (!isEmptyCell(line[b.col - 1 + j])) return false;
    }
    return true;
  }

  // ---- formats (layered rectangles, cheap) ------------------------------------------------------
  private _setProp(prop: string, value: unknown): R {
    const b = this._b();
    this._assertWrite();
    // Open-ended ranges ("C:C", "A2:C") keep their open end, so the format follows sheet growth.
    this._sheet.layer(prop).set(this._rect, value === null ? undefined : value);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  private _setProps(prop: string, grid: unknown[][]): R {
    const b = this._b();
    if (
      !Array.isArray(grid) ||
      grid.length !== b.rows ||
      grid.some((l) => !Array.isArray(l) || l.length !== b.cols)
    )
      throw new EmulatorError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${grid?.length} but the range has ${b.rows}.`,
      );
    this._assertWrite();
    this._sheet.layer(prop).setGrid(
      b,
      grid.map((l) => l.map((v) => (v === null || v === '' ? undefined : v))),
      eqScalar,
    );
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }

  private _getProps<T>(prop: string, dflt: T, count = true): T[][] {
    const b = this._b();
    if (count) this._env.ctx.counter.read(b.rows * b.cols);
    const layer = this._sheet.formats.get(prop);
    if (!layer) return Array.from({ length: b.rows }, () => new Array<T>(b.cols).fill(dflt));
    return layer.paint(b).map((l) => l.map((v) => (v === undefined ? dflt : (v as T))));
  }

  private _getProp<T>(prop: string, dflt: T): T {
    const v = this._sheet.formats.get(prop)?.get(this._rect.row, this._rect.col);
    return v === undefined ? dflt : (v as T);
  }

  getNumberFormats() {
    return this._getProps<string>('numberFormat', GENERAL_FORMAT);
  }
  getNumberFormat() {
    this._env.ctx.counter.read(1);
    return this._getProp<string>('numberFormat', GENERAL_FORMAT);
  }
  setNumberFormat(f: string) {
    return this._setProp('numberFormat', f);
  }
  setNumberFormats(f: string[][]) {
    return this._setProps('numberFormat', f);
  }
  setBackground(color: string | null) {
    return this._setProp('background', color);
  }
  setBackgrounds(colors: string[][]) {
    return this._setProps('background', colors);
  }
  getBackground() {
    return this._getProp('background', '#ffffff');
  }
  getBackgrounds() {
    return this._getProps('background', '#ffffff', false);
  }
  setFontColor(color: string | null) {
    return this._setProp('fontColor', color);
  }
  setFontColors(colors: string[][]) {
    return this._setProps('fontColor', colors);
  }
  getFontColor() {
    return this._getProp('fontColor', '#000000');
  }
  setFontWeight(w: string | null) {
    return this._setProp('fontWeight', w);
  }
  setFontWeights(w: (string | null)[][]) {
    return this._setProps('fontWeight', w);
  }
  getFontWeight() {
    return this._getProp<GoogleAppsScript.Spreadsheet.FontWeight>('fontWeight', 'normal');
  }
  getFontWeights() {
    return this._getProps<GoogleAppsScript.Spreadsheet.FontWeight>('fontWeight', 'normal', false);
  }
  setFontStyle(s: string | null) {
    return this._setProp('fontStyle', s);
  }
  getFontStyle() {
    return this._getProp<GoogleAppsScript.Spreadsheet.FontStyle>('fontStyle', 'normal');
  }
  setFontSize(n: number) {
    return this._setProp('fontSize', n);
  }
  setFontFamily(f: string | null) {
    return this._setProp('fontFamily', f);
  }
  setHorizontalAlignment(a: string | null) {
    return this._setProp('horizontalAlignment', a);
  }
  setHorizontalAlignments(a: (string | null)[][]) {
    return this._setProps('horizontalAlignment', a);
  }
  getHorizontalAlignment() {
    return this._getProp('horizontalAlignment', 'general');
  }
  setVerticalAlignment(a: string | null) {
    return this._setProp('verticalAlignment', a);
  }
  setWrap(w: boolean) {
    return this._setProp('wrap', !!w);
  }
  getWrap() {
    return this._getProp('wrap', true);
  }
  setWrapStrategy(s: GoogleAppsScript.Spreadsheet.WrapStrategy) {
    return this._setProp('wrapStrategy', String(s));
  }
  setBorder(...args: unknown[]) {
    return this._setProp(
      'border',
      args.map((a) => (a === null || a === undefined ? null : String(a))),
    );
  }
  setNote(note: string | null) {
    return this._setProp('note', note === '' ? null : note);
  }
  setNotes(notes: string[][]) {
    return this._setProps('note', notes);
  }
  getNote() {
    return this._getProp('note', '');
  }
  getNotes() {
    return this._getProps('note', '', false);
  }
  clearNote() {
    return this._setProp('note', null);
  }

  // ---- geometry -----------------------------------------------------------------------------
  getRow() {
    return this._rect.row;
  }
  getRowIndex() {
    return this._rect.row;
  }
  getColumn() {
    return this._rect.col;
  }
  getNumRows() {
    return this._b().rows;
  }
  getNumColumns() {
    return this._b().cols;
  }
  getHeight() {
    return this._b().rows;
  }
  getWidth() {
    return this._b().cols;
  }
  getLastRow() {
    const b = this._b();
    return b.row + b.rows - 1;
  }
  getLastColumn() {
    const b = this._b();
    return b.col + b.cols - 1;
  }
  getA1Notation() {
    return formatA1(this._rect);
  }
  getSheet() {
    return makeSheet(this._env, this._sheet);
  }
  getGridId() {
    return this._sheet.id;
  }
  getCell(row: number, column: number): R {
    const b = this._b();
    if (row < 1 || column < 1 || row > b.rows || column > b.cols)
      throw new EmulatorError('The coordinates of the range are outside the dimensions of the sheet.');
    return makeRange(this._env, this._sheet, {
      row: b.row + row - 1,
      col: b.col + column - 1,
      rows: 1,
      cols: 1,
    });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): R {
    const b = this._b();
    return checkedRange(
      this._env,
      this._sheet,
      b.row + rowOffset,
      b.col + columnOffset,
      numRows ?? b.rows,
      numColumns ?? b.cols,
    );
  }
  getMergedRanges(): R[] {
    return [];
  }
  getDataRegion(): R {
    return this._self;
  }

  // ---- clearing -----------------------------------------------------------------------------
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): R {
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    this._assertWrite();
    if (!only || o.contentsOnly) this._clearContent();
    if (!only || o.formatOnly) this._clearFormat();
    if (!only || o.validationsOnly) this._sheet.validations.set(this._b(), undefined);
    if (o.commentsOnly) this._sheet.formats.get('note')?.set(this._b(), undefined);
    this._env.ctx.counter.written(this._n());
    return this._self;
  }
  clearContent(): R {
    this._assertWrite();
    this._clearContent();
    this._env.ctx.counter.written(this._n());
    return this._self;
  }
  clearFormat(): R {
    this._assertWrite();
    this._clearFormat();
    this._env.ctx.counter.written(this._n());
    return this._self;
  }
  clearDataValidations(): R {
    this._assertWrite();
    this._sheet.validations.set(this._b(), undefined);
    return this._self;
  }
  private _clearContent(): void {
    const b = this._b();
    for (let i = 0; i < b.rows; i++) {
      const line = this._sheet.rows[b.row - 1 + i];
      if (line)
        for (let j = 0; j < b.cols; j++) if (b.col - 1 + j < line.length) line[b.col - 1 + j] = undefined;
    }
  }
  private _clearFormat(): void {
    for (const [prop, layer] of this._sheet.formats) if (prop !== 'note') layer.set(this._b(), undefined);
  }

  // ---- selection, protection, validation, metadata ------------------------------------------
  activate(): R {
    const { wb } = this._env;
    wb.activeSheetId = this._sheet.id;
    wb.activeRange = { sheetId: this._sheet.id, rect: { ...this._rect } };
    return this._self;
  }
  activateAsCurrentCell(): R {
    return this.activate();
  }
  protect() {
    const p = newProtection(this._env, 'RANGE', this._sheet, {
      sheetId: this._sheet.id,
      rect: { ...this._rect },
    });
    return makeProtection(this._env, p);
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): R {
    const b = this._b();
    this._assertWrite();
    const impl = rule as unknown as DataValidationImpl | null;
    this._sheet.validations.set(this._rect, impl ? cloneRule(impl._rule) : undefined);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): R {
    const b = this._b();
    if (!Array.isArray(rules) || rules.length !== b.rows || rules.some((l) => l.length !== b.cols))
      throw new EmulatorError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rules?.length} but the range has ${b.rows}.`,
      );
    this._assertWrite();
    const grid = rules.map((l) => l.map((r) => (r ? (r as unknown as DataValidationImpl)._rule : undefined)));
    this._sheet.validations.setGrid(b, grid, (x, y) => x === y);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }
  getDataValidation() {
    this._env.ctx.counter.read(1);
    const r = this._sheet.validations.get(this._rect.row, this._rect.col);
    return (r ? makeValidation(this._env, r) : null) as GoogleAppsScript.Spreadsheet.DataValidation;
  }
  getDataValidations() {
    const b = this._b();
    this._env.ctx.counter.read(b.rows * b.cols);
    const made = new Map<ValidationRule, GoogleAppsScript.Spreadsheet.DataValidation>();
    return this._sheet.validations.paint(b).map((l) =>
      l.map((r) => {
        if (!r) return null as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
        if (!made.has(r)) made.set(r, makeValidation(this._env, r));
        return made.get(r)!;
      }),
    );
  }
  insertCheckboxes(checked?: unknown, unchecked?: unknown): R {
    const b = this._b();
    this._assertWrite();
    const values = [checked, unchecked].filter((v) => v !== undefined);
    this._sheet.validations.set(b, { criteria: 'CHECKBOX', values, allowInvalid: false, helpText: null });
    const off = values.length === 2 ? values[1] : values.length === 1 ? undefined : false;
    for (let i = 0; i < b.rows; i++)
      for (let j = 0; j < b.cols; j++)
        if (isEmptyCell(this._sheet.cell(b.row + i, b.col + j)) && off !== undefined)
          this._sheet.setCell(b.row + i, b.col + j, off as Cell);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }
  removeCheckboxes(): R {
    this._assertWrite();
    this._sheet.validations.set(this._b(), undefined);
    return this._self;
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): R {
    addMetadata(this._env, { kind: 'range', sheet: this._sheet, rect: this._rect }, key, value, visibility);
    return this._self;
  }
  getDeveloperMetadata() {
    return metadataAt(this._env, { kind: 'range', sheet: this._sheet, rect: this._rect });
  }
  createDeveloperMetadataFinder() {
    return makeFinder(this._env, { kind: 'range', sheet: this._sheet, rect: this._rect });
  }

  // ---- sort ---------------------------------------------------------------------------------
  /** Stable sort of the rows by one or more columns; empty cells always go last (values only move). */
  sort(spec: unknown): R {
    const b = this._b();
    this._assertWrite();
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
      typeof s === 'number'
        ? { column: s, ascending: true }
        : {
            column: Number((s as { column: number }).column),
            ascending: (s as { ascending?: boolean }).ascending !== false,
          },
    );
    for (const s of specs)
      if (s.column < b.col || s.column > b.col + b.cols - 1)
        throw new EmulatorError('The coordinates of the range are outside the dimensions of the sheet.');
    const rows: Cell[][] = [];
    for (let i = 0; i < b.rows; i++) {
      const line = this._sheet.rows[b.row - 1 + i];
      rows.push(Array.from({ length: b.cols }, (_, j) => line?.[b.col - 1 + j]));
    }
    const rank = (c: Cell) =>
      typeof c === 'number' || c instanceof Date
        ? 0
        : typeof c === 'string' || (c && typeof c === 'object')
          ? 1
          : 2;
    const key = (c: Cell): number | string =>
      c instanceof Date
        ? c.getTime() / 86400000
        : typeof c === 'object'
          ? c.text.toLowerCase()
          : typeof c === 'string'
            ? c.toLowerCase()
            : Number(c);
    rows.sort((x, y) => {
      for (const s of specs) {
        const a = x[s.column - b.col];
        const c = y[s.column - b.col];
        const ea = isEmptyCell(a);
        const ec = isEmptyCell(c);
        if (ea || ec) {
          if (ea && ec) continue;
          return ea ? 1 : -1;
        }
        let d = rank(a) - rank(c);
        if (d === 0) {
          const ka = key(a);
          const kc = key(c);
          d = ka < kc ? -1 : ka > kc ? 1 : 0;
        }
        if (d !== 0) return s.ascending ? d : -d;
      }
      return 0;
    });
    for (let i = 0; i < b.rows; i++)
      for (let j = 0; j < b.cols; j++) this._sheet.setCell(b.row + i, b.col + j, rows[i][j]);
    this._env.ctx.counter.written(b.rows * b.cols);
    return this._self;
  }
}

function cloneRule(r: ValidationRule): ValidationRule {
  return { ...r, values: [...r.values] };
}

export function makeRange(env: Env, sheet: SheetModel, r: Rect): R {
  const impl = new RangeImpl(env, sheet, { ...r });
  return (impl._self = counted(env.ctx, 'Range', impl) as unknown as R);
}

/** getRange(row, column, numRows, numColumns) argument checks, with Sheets' messages. */
export function checkedRange(env: Env, sheet: SheetModel, row: number, col: number, rows = 1, cols = 1): R {
  for (const v of [row, col, rows, cols])
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new EmulatorError(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
  if (rows < 1) throw new EmulatorError('The number of rows in the range must be at least 1.');
  if (cols < 1) throw new EmulatorError('The number of columns in the range must be at least 1.');
  if (row < 1 || col < 1 || row + rows - 1 > sheet.maxRows || col + cols - 1 > sheet.maxColumns)
    throw new EmulatorError('The coordinates of the range are outside the dimensions of the sheet.');
  return makeRange(env, sheet, {
    row: Math.floor(row),
    col: Math.floor(col),
    rows: Math.floor(rows),
    cols: Math.floor(cols),
  });
}

/** getRange(a1) on a sheet: open-ended notations are kept open; the start must lie inside the sheet. */
export function a1Range(env: Env, sheet: SheetModel, r: Rect): R {
  const lastRow = r.row + r.rows - 1;
  const lastCol = r.col + r.cols - 1;
  if (
    r.row > sheet.maxRows ||
    r.col > sheet.maxColumns ||
    (Number.isFinite(lastRow) && lastRow > sheet.maxRows) ||
    (Number.isFinite(lastCol) && lastCol > sheet.maxColumns)
  )
    throw new EmulatorError('The coordinates of the range are outside the dimensions of the sheet.');
  return makeRange(env, sheet, r);
}
