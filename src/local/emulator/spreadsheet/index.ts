/**
 * SpreadsheetStore: the in-memory spreadsheet behind the SpreadsheetApp global. It also offers
 * what the runtime, CLI and playground need without counting: a person's edit (userEdit, with
 * protections and data validation applied), edit rights, selection and snapshots.
 */
import { type EmulatorContext, EmulatorError } from '../context';
import { columnToLetters, formatA1, parseA1OrThrow } from './a1';
import { makeApp } from './app';
import { makeChartsGlobal } from './charts';
import { type CfStyle, cfStyleAt } from './conditional-format';
import { GENERAL_FORMAT, formatCell } from './display';
import type { Env } from './env';
import { FormulaUnsupportedError } from './formula';
import { type SheetModel, WorkbookModel } from './model';
import { type Rect, bounded } from './rect';
import { PROTECTED_MESSAGE, canEditRect, isProtectionEditor, spreadsheetEditors } from './rights';
import { addSheet } from './spreadsheet';
import { type SpreadsheetState, decodeWorkbook, encodeWorkbook } from './state';
import { type CellReader, satisfies } from './validation';
import { type Cell, cellToValue, parseText, toCell } from './values';

export type { SpreadsheetState } from './state';
export { PROTECTED_MESSAGE } from './rights';
export { CELL_LIMIT_MESSAGE } from './model';
export { evaluateFormula, FormulaUnsupportedError } from './formula';

/** Class names counted as "spreadsheet service calls" (see counted() in context.ts). */
export const SPREADSHEET_CLASSES: string[] = [
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'DataValidation',
  'DataValidationBuilder',
  'ConditionalFormatRule',
  'ConditionalFormatRuleBuilder',
  'BooleanCondition',
  'EmbeddedChart',
  'EmbeddedChartBuilder',
  'ChartOptions',
  'ContainerInfo',
  'NamedRange',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'DeveloperMetadataLocation',
  'User',
  // The Sheets advanced service ("Sheets.Spreadsheets.batchUpdate", ...): it acts on the same spreadsheet.
  'Sheets',
];

export interface SpreadsheetStoreOptions {
  id?: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  getUi?: () => unknown;
}

export interface UserEditResult {
  sheetName: string;
  a1: string;
  oldValue?: unknown;
  value?: unknown;
  numRows: number;
  numColumns: number;
  row: number;
  column: number;
  /** set when a rule with allowInvalid=true accepted invalid input (Sheets shows a warning) */
  warning?: string;
}

export interface SheetSnapshot {
  name: string;
  sheetId: number;
  index: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  tabColor: string | null;
  hidden: boolean;
  values: unknown[][];
  displayValues: string[][];
  numberFormats: string[][];
  protections: {
    type: 'RANGE' | 'SHEET';
    a1: string;
    description: string;
    editors: string[];
    warningOnly: boolean;
    unprotected: string[];
  }[];
  validations: {
    a1: string;
    criteria: string;
    values: unknown[];
    allowInvalid: boolean;
    helpText: string | null;
  }[];
  conditionalFormats: {
    ranges: string[];
    criteria: string | null;
    values: unknown[];
    background: string | null;
    fontColor: string | null;
  }[];
  charts: { id: string; chartType: string; ranges: string[]; options: Record<string, unknown> }[];
  columnWidths: Record<number, number>;
  hiddenColumns: number[];
}

/** "There was a problem" dialog text Sheets shows when input is rejected (help text replaces the default). */
export function validationMessage(a1: string, helpText: string | null): string {
  return `There was a problem\n${helpText || `The data you entered in cell ${a1} violates the data validation rules set on this cell.`}`;
}

export class SpreadsheetStore {
  readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly charts: object;
  private readonly env: Env;

  constructor(
    private readonly ctx: EmulatorContext,
    state?: SpreadsheetState,
    options: SpreadsheetStoreOptions = {},
  ) {
    const wb = state
      ? decodeWorkbook(state)
      : new WorkbookModel({
          id: options.id ?? `local-${Math.random().toString(36).slice(2, 12)}`,
          name: options.name ?? 'Untitled spreadsheet',
          locale: options.locale ?? 'en_US',
          timeZone: options.timeZone ?? 'Etc/GMT',
        });
    this.env = { ctx, wb, getUi: options.getUi };
    if (!state) addSheet(this.env, 'Sheet1');
    this.app = makeApp(this.env);
    this.charts = makeChartsGlobal();
  }

  /** The model, for other emulator parts (uncounted). */
  get workbook(): WorkbookModel {
    return this.env.wb;
  }

  /** The context and model, for the Sheets advanced service (which acts on the same model). */
  get apiEnv(): Env {
    return this.env;
  }

  toState(): SpreadsheetState {
    return JSON.parse(JSON.stringify(encodeWorkbook(this.env.wb))) as SpreadsheetState;
  }

  private sheet(name: string): SheetModel {
    const s = this.env.wb.sheetByName(name);
    if (!s) throw new EmulatorError(`Sheet not found: ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.env.wb.sheets.map((s) => s.name);
  }

  /**
   * A person's edit in the Sheets UI as ctx.identity.active. Text is parsed as typed input;
   * protections apply, then data validation (rejecting rules throw, warning rules accept).
   * A 2-D grid is a paste starting at the top-left cell of `a1`. Nothing is written on failure.
   */
  userEdit(sheetName: string, a1: string, value: unknown): UserEditResult {
    const { wb, init } = { wb: this.env.wb, init: this.env.wb.init };
    const sheet = this.sheet(sheetName);
    const start = parseA1OrThrow(a1);
    const isGrid = Array.isArray(value) && value.every((r) => Array.isArray(r));
    const grid = value as unknown[][];
    const r: Rect = isGrid
      ? { row: start.row, col: start.col, rows: grid.length, cols: Math.max(1, ...grid.map((l) => l.length)) }
      : bounded(start, sheet.maxRows, sheet.maxColumns);
    if (r.row + r.rows - 1 > sheet.maxRows || r.col + r.cols - 1 > sheet.maxColumns)
      throw new EmulatorError('The coordinates of the range are outside the dimensions of the sheet.');
    const user = this.ctx.identity.active;
    if (!canEditRect(wb, sheet, r, user, this.ctx.owner)) throw new EmulatorError(PROTECTED_MESSAGE);

    const pending = new Map<string, { cell: Cell; implied?: string }>();
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) {
        const v = isGrid ? grid[i][j] : value;
        const row = r.row + i;
        const col = r.col + j;
        const opts = {
          plainText: sheet.numberFormatAt(row, col) === '@',
          timeZone: init.timeZone,
          locale: init.locale,
        };
        const p = typeof v === 'string' ? parseText(v, opts) : toCell(v, opts);
        pending.set(`${row}:${col}`, { cell: p.value, implied: p.impliedFormat });
      }
    const reader: CellReader = {
      cell: (s, row, col) => {
        if (s === sheet) {
          const p = pending.get(`${row}:${col}`);
          if (p) return p.cell;
        }
        return s.cell(row, col);
      },
    };
    let warning: string | undefined;
    for (const [key, p] of pending) {
      const [row, col] = key.split(':').map(Number);
      const entry = sheet.validations.entryAt(row, col);
      if (!entry) continue;
      let ok: boolean;
      try {
        ok = satisfies(this.env, sheet, entry.value, entry.rect, row, col, p.cell, reader);
      } catch (e) {
        if (!(e instanceof FormulaUnsupportedError)) throw e;
        ok = false; // an unsupported formula fails closed
      }
      if (ok) continue;
      const cellA1 = `${columnToLetters(col)}${row}`;
      if (!entry.value.allowInvalid) throw new EmulatorError(validationMessage(cellA1, entry.value.helpText));
      warning ??= `Invalid: ${entry.value.helpText || `The data in cell ${cellA1} violates the data validation rules set on this cell.`}`;
    }

    const single = r.rows === 1 && r.cols === 1;
    const old = single ? sheet.cell(r.row, r.col) : undefined;
    for (const [key, p] of pending) {
      const [row, col] = key.split(':').map(Number);
      sheet.setCell(row, col, p.cell);
      if (p.implied && !sheet.numberFormatAt(row, col))
        sheet.layer('numberFormat').set({ row, col, rows: 1, cols: 1 }, p.implied);
    }
    const result: UserEditResult = {
      sheetName,
      a1: formatA1(r),
      numRows: r.rows,
      numColumns: r.cols,
      row: r.row,
      column: r.col,
    };
    if (single) {
      if (old !== undefined && old !== '') result.oldValue = cellToValue(old);
      const now = sheet.cell(r.row, r.col);
      if (now !== undefined) result.value = cellToValue(now);
    }
    if (warning) result.warning = warning;
    return result;
  }

  /** May `user` edit this cell (owner, or editor of every non-warning protection covering it). */
  canEdit(user: string, sheetName: string, row: number, column: number): boolean {
    return canEditRect(
      this.env.wb,
      this.sheet(sheetName),
      { row, col: column, rows: 1, cols: 1 },
      user,
      this.ctx.owner,
    );
  }

  /** Sets the active sheet and range (getActiveSheet/getActiveRange). */
  select(sheetName: string, a1: string): void {
    const sheet = this.sheet(sheetName);
    this.env.wb.activeSheetId = sheet.id;
    this.env.wb.activeRange = { sheetId: sheet.id, rect: parseA1OrThrow(a1) };
  }

  /** The colours and weight conditional formatting gives a cell (value overrides the stored one). */
  conditionalStyle(sheetName: string, row: number, column: number, value?: unknown): CfStyle | null {
    return cfStyleAt(this.env, this.sheet(sheetName), row, column, value);
  }

  /** Toasts shown so far (message, title, time). */
  toasts(): WorkbookModel['toasts'] {
    return this.env.wb.toasts.map((t) => ({ ...t }));
  }

  /** Everything a dump or the playground shows of one sheet, uncounted. */
  snapshot(sheetName: string): SheetSnapshot {
    const { wb, ctx } = this.env;
    const s = this.sheet(sheetName);
    const tz = wb.init.timeZone;
    const rows = s.lastRow();
    const cols = s.lastColumn();
    const nf = rows && cols ? s.layer('numberFormat').paint({ row: 1, col: 1, rows, cols }) : [];
    const values: unknown[][] = [];
    const displayValues: string[][] = [];
    const numberFormats: string[][] = [];
    for (let i = 1; i <= rows; i++) {
      const v: unknown[] = [];
      const d: string[] = [];
      const f: string[] = [];
      for (let j = 1; j <= cols; j++) {
        const c = s.cell(i, j);
        const fmt = nf[i - 1][j - 1] as string | undefined;
        v.push(cellToValue(c));
        d.push(formatCell(c, fmt, tz));
        f.push(fmt ?? GENERAL_FORMAT);
      }
      values.push(v);
      displayValues.push(d);
      numberFormats.push(f);
    }
    const a1 = (r: Rect) => formatA1(r);
    return {
      name: s.name,
      sheetId: s.id,
      index: wb.sheets.indexOf(s) + 1,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      lastRow: rows,
      lastColumn: cols,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      tabColor: s.tabColor,
      hidden: s.hidden,
      values,
      displayValues,
      numberFormats,
      protections: wb.protections
        .filter((p) => p.sheetId === s.id)
        .map((p) => ({
          type: p.type,
          a1: p.ref ? a1(p.ref.rect) : a1({ row: 1, col: 1, rows: s.maxRows, cols: s.maxColumns }),
          description: p.description,
          editors: p.editors ? [...p.editors] : spreadsheetEditors(wb, ctx.owner),
          warningOnly: p.warningOnly,
          unprotected: p.unprotected.map((u) => a1(u.rect)),
        })),
      validations: s.validations.entries
        .filter((e) => e.value !== undefined)
        .map((e) => ({
          a1: a1(e.rect),
          criteria: e.value.criteria,
          values: [...e.value.values],
          allowInvalid: e.value.allowInvalid,
          helpText: e.value.helpText,
        })),
      conditionalFormats: s.cfRules.map((r) => ({
        ranges: r.ranges.map((x) => a1(x.rect)),
        criteria: r.criteria,
        values: [...r.values],
        background: r.format.background ?? null,
        fontColor: r.format.fontColor ?? null,
      })),
      charts: s.charts.map((c) => ({
        id: c.id,
        chartType: c.chartType,
        ranges: c.ranges.map((x) => a1(x.rect)),
        options: { ...c.options },
      })),
      columnWidths: Object.fromEntries(s.columnWidths),
      hiddenColumns: [...s.hiddenColumns],
    };
  }

  /** Whether `user` may change a protection (used by tools that list protections). */
  isProtectionEditor(user: string, protectionId: number): boolean {
    const p = this.env.wb.protections.find((x) => x.id === protectionId);
    return !!p && isProtectionEditor(this.env.wb, p, user, this.ctx.owner);
  }
}
