/**
 * updateCells: "Updates all cells in a range with new data." (Sheets API, UpdateCellsRequest).
 * - rows: "The data to write."
 * - fields: "The fields of CellData that should be updated. At least one field must be specified.
 *   The root is the CellData; 'row.values.' should not be specified. A single "*" can be used as
 *   short-hand for listing every field."
 * - start: "The coordinate to start writing data at. Any number of rows and columns (including a
 *   different number of columns per row) may be written."
 * - range: "The range to write data to. If the data in rows does not cover the entire requested
 *   range, the fields matching those set in fields will be cleared."
 * - ExtendedValue.stringValue: "Represents a string value." (stored as given: no parsing, so
 *   "007" or "=1" stay text); errorValue: "Represents an error. This field is read-only."
 * A listed field a cell does not set is cleared, as repeatCell's field mask does. Values land in
 * the cells SpreadsheetApp reads, notes in the layer getNotes reads, formats in the layers
 * repeatCell writes, rules in the layer getDataValidation reads. Writing past the area answers the
 * API's "Attempting to write column: N, beyond the last requested column of: M" (0-based, as
 * recorded from the API; the row form follows it). Every cell of the area is counted as written,
 * as setValues counts its range. CellData fields the emulator does not model fail loudly.
 */
import type { Env } from '../../spreadsheet/env';
import type { SheetModel, ValidationRule } from '../../spreadsheet/model';
import { type Rect, bounded } from '../../spreadsheet/rect';
import { canEditRect, PROTECTED_MESSAGE } from '../../spreadsheet/rights';
import { Formula, type Cell } from '../../spreadsheet/values';
import type { Snapshot } from './atomic';
import { ruleFromApi } from './data-validation';
import { FORMAT_FIELDS, formatLeavesOf } from './formats';
import { reject, requiredFields, sheetOf, toRect } from './shared';

type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type ExtendedValue = GoogleAppsScript.Sheets.Schema.ExtendedValue;

/** CellData fields the API computes: a client may echo them back; they are never written. */
const READ_ONLY = ['effectiveValue', 'formattedValue', 'effectiveFormat', 'hyperlink'];

interface Plan {
  value: boolean;
  note: boolean;
  validation: boolean;
  formats: string[];
  /** every format field is listed ("*", "userEnteredFormat"), or every textFormat one */
  allFormats: boolean;
  allText: boolean;
  all: boolean;
}

function planOf(paths: string[]): Plan {
  const plan: Plan = {
    value: false,
    note: false,
    validation: false,
    formats: [],
    allFormats: false,
    allText: false,
    all: false,
  };
  const formats = new Set<string>();
  for (const p of paths) {
    if (p === '*') {
      Object.assign(plan, { value: true, note: true, validation: true, all: true, allFormats: true });
    } else if (p === 'userEnteredValue') plan.value = true;
    else if (p === 'note') plan.note = true;
    else if (p === 'dataValidation') plan.validation = true;
    else {
      const leaves = formatLeavesOf(p);
      if (!leaves) reject(`updateCells field "${p}" is not emulated.`);
      if (p === 'userEnteredFormat') plan.allFormats = true;
      if (p === 'userEnteredFormat.textFormat') plan.allText = true;
      leaves.forEach((l) => formats.add(l));
    }
    if (p === '*') Object.keys(FORMAT_FIELDS).forEach((l) => formats.add(l));
  }
  plan.formats = [...formats];
  return plan;
}

/** Fails on a field a cell sets that the plan would write but the emulator does not model. */
function checkCell(c: CellData, plan: Plan): void {
  if (plan.all)
    for (const k of Object.keys(c))
      if (
        (c as Record<string, unknown>)[k] !== undefined &&
        !READ_ONLY.includes(k) &&
        !['userEnteredValue', 'note', 'userEnteredFormat', 'dataValidation'].includes(k)
      )
        reject(`updateCells field "${k}" is not emulated.`);
  const f = c.userEnteredFormat as Record<string, unknown> | undefined;
  if (!f || (!plan.allFormats && !plan.allText)) return;
  for (const k of Object.keys(f)) {
    if (f[k] === undefined) continue;
    const leaves =
      k === 'textFormat' && f[k] && typeof f[k] === 'object'
        ? Object.keys(f[k] as object).map((t) => `textFormat.${t}`)
        : [k];
    for (const leaf of leaves) {
      const listed = plan.allFormats || (plan.allText && leaf.startsWith('textFormat.'));
      if (listed && !FORMAT_FIELDS[leaf])
        reject(`updateCells field "userEnteredFormat.${leaf}" is not emulated.`);
    }
  }
}

function cellOf(v: ExtendedValue | undefined): Cell {
  if (!v) return undefined;
  const set = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (set.length > 1) reject(`An ExtendedValue sets only one kind of value: ${set.join(', ')}`);
  if (set.length === 0) return undefined;
  if (set[0] === 'errorValue') reject('errorValue is read-only.');
  switch (set[0]) {
    case 'stringValue':
      return v.stringValue === '' ? undefined : String(v.stringValue);
    case 'numberValue':
      if (typeof v.numberValue !== 'number' || !Number.isFinite(v.numberValue))
        reject(`Invalid numberValue: ${String(v.numberValue)}`);
      return v.numberValue;
    case 'boolValue':
      return !!v.boolValue;
    case 'formulaValue': {
      const f = String(v.formulaValue);
      if (f === '') return undefined;
      return new Formula(f.startsWith('=') ? f : `=${f}`); // as Range.setFormulas stores it
    }
    default:
      reject(`updateCells userEnteredValue.${set[0]} is not emulated.`);
  }
}

interface Area {
  sheet: SheetModel;
  row: number; // 1-based first row and column
  col: number;
  /** last row and column (1-based) a row of data may reach */
  lastRow: number;
  lastCol: number;
  /** the range to clear first (range only) */
  clear: Rect | null;
}

function areaOf(env: Env, req: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest): Area {
  if (req.start && req.range) reject('Only one of start or range may be set.');
  if (req.start) {
    const sheet = sheetOf(env, req.start.sheetId);
    const row = (req.start.rowIndex ?? 0) + 1;
    const col = (req.start.columnIndex ?? 0) + 1;
    if (row < 1 || col < 1) reject(`Invalid start: ${JSON.stringify(req.start)}`);
    return { sheet, row, col, lastRow: sheet.maxRows, lastCol: sheet.maxColumns, clear: null };
  }
  if (!req.range) reject('One of start or range must be set.');
  const { sheet, rect } = toRect(env, req.range);
  const b = bounded(rect, sheet.maxRows, sheet.maxColumns);
  return {
    sheet,
    row: b.row,
    col: b.col,
    lastRow: b.row + b.rows - 1,
    lastCol: b.col + b.cols - 1,
    clear: b,
  };
}

function assertCanWrite(env: Env, sheet: SheetModel, rects: Rect[]): void {
  const user = env.ctx.identity.effective;
  for (const r of rects)
    if (r.rows > 0 && r.cols > 0 && !canEditRect(env.wb, sheet, r, user, env.ctx.owner))
      reject(PROTECTED_MESSAGE);
}

export function updateCells(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest,
  batch: Snapshot,
) {
  const plan = planOf(requiredFields(req?.fields));
  const area = areaOf(env, req);
  const { sheet } = area;
  const rows = (req.rows ?? []).map((r) => (r?.values ?? []).map((c) => c ?? {}));

  // Validate everything before writing anything.
  rows.forEach((values, i) => {
    if (!values.length) return;
    const r = area.row + i;
    if (r > area.lastRow)
      reject(`Attempting to write row: ${r - 1}, beyond the last requested row of: ${area.lastRow - 1}`);
    const last = area.col + values.length - 1;
    if (last > area.lastCol)
      reject(
        `Attempting to write column: ${last - 1}, beyond the last requested column of: ${area.lastCol - 1}`,
      );
    values.forEach((c) => checkCell(c, plan));
  });
  const width = Math.max(0, ...rows.map((v) => v.length));
  const box: Rect = area.clear ?? { row: area.row, col: area.col, rows: rows.length, cols: width };
  const ragged = !area.clear && rows.some((v) => v.length !== width);
  if (!ragged) assertCanWrite(env, sheet, [box]);
  else
    assertCanWrite(
      env,
      sheet,
      rows.map((v, i) => ({ row: area.row + i, col: area.col, rows: 1, cols: v.length })),
    );
  const cells = rows.map((values) =>
    values.map((c) => (plan.value ? cellOf(c.userEnteredValue) : undefined)),
  );
  const rules = new Map<string, ValidationRule>();
  const ruleOf = (c: CellData): ValidationRule | undefined => {
    if (!c.dataValidation) return undefined;
    const key = JSON.stringify(c.dataValidation);
    let rule = rules.get(key);
    if (!rule) rules.set(key, (rule = ruleFromApi(env, c.dataValidation)));
    return rule;
  };
  const validations = plan.validation ? rows.map((values) => values.map(ruleOf)) : [];

  // Clear the listed fields over the whole range first: rows then overwrite what they cover.
  if (area.clear) {
    const c = area.clear;
    if (plan.value) {
      batch.saveRows(sheet, c.row, c.row + c.rows - 1);
      const end = Math.min(c.row + c.rows - 1, sheet.rows.length);
      for (let r = c.row; r <= end; r++) {
        const line = sheet.rows[r - 1];
        if (line) for (let k = c.col; k < c.col + c.cols && k <= line.length; k++) line[k - 1] = undefined;
      }
    }
    if (plan.note) sheet.formats.get('note')?.set(c, undefined);
    for (const leaf of plan.formats) sheet.formats.get(FORMAT_FIELDS[leaf].layer)?.set(c, undefined);
    if (plan.validation) sheet.validations.set(c, undefined);
  }

  if (plan.value && rows.length) {
    batch.saveRows(sheet, area.row, area.row + rows.length - 1);
    cells.forEach((line, i) => line.forEach((cell, j) => sheet.setCell(area.row + i, area.col + j, cell)));
  }
  const layers: { prop: string; grid: unknown[][] }[] = [];
  if (plan.note)
    layers.push({ prop: 'note', grid: rows.map((v) => v.map((c) => (c.note ? String(c.note) : undefined))) });
  for (const leaf of plan.formats) {
    const spec = FORMAT_FIELDS[leaf];
    layers.push({ prop: spec.layer, grid: rows.map((v) => v.map((c) => spec.value(c.userEnteredFormat))) });
  }
  for (const { prop, grid } of layers) {
    if (!sheet.formats.has(prop) && grid.every((l) => l.every((x) => x === undefined))) continue;
    writeGrid(sheet.layer(prop), area, grid, ragged, (a, b) => a === b);
  }
  if (plan.validation) writeGrid(sheet.validations, area, validations, ragged, (a, b) => a === b);

  env.ctx.counter.written(area.clear ? box.rows * box.cols : rows.reduce((n, v) => n + v.length, 0));
  return {};
}

/** One setGrid over the block when every row is as wide, else one per row. */
function writeGrid<T>(
  layer: {
    setGrid(r: Rect, g: (T | undefined)[][], eq: (a: T | undefined, b: T | undefined) => boolean): void;
  },
  area: Area,
  grid: (T | undefined)[][],
  ragged: boolean,
  eq: (a: T | undefined, b: T | undefined) => boolean,
): void {
  const width = Math.max(0, ...grid.map((l) => l.length));
  if (!grid.length || !width) return;
  if (!ragged) {
    layer.setGrid({ row: area.row, col: area.col, rows: grid.length, cols: width }, grid, eq);
    return;
  }
  grid.forEach((line, i) => {
    if (line.length)
      layer.setGrid({ row: area.row + i, col: area.col, rows: 1, cols: line.length }, [line], eq);
  });
}
