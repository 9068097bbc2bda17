/**
 * Sheets.Spreadsheets.Values.batchGet and .batchUpdate over the same cells SpreadsheetApp reads.
 *
 * Reference statements followed (Sheets API, spreadsheets.values):
 * - ValueRange: "For output, empty trailing rows and columns will not be included."
 * - ValueRenderOption: FORMATTED_VALUE (default) "Values will be calculated & formatted in the
 *   response according to the cell's formatting"; UNFORMATTED_VALUE "Values will be calculated,
 *   but not formatted"; FORMULA "Values will not be calculated. The reply will include the formulas."
 * - DateTimeRenderOption (ignored for FORMATTED_VALUE): SERIAL_NUMBER (default) "dates, times and
 *   durations [are output] as doubles in 'serial number' format"; FORMATTED_STRING as strings in
 *   their number format.
 * - ValueInputOption: RAW "The values the user has entered will not be parsed and will be stored
 *   as-is."; USER_ENTERED "The values will be parsed as if the user typed them into the UI."
 * - ValueRange.values: "For input ... Null values will be skipped. To set a cell to an empty value,
 *   set the string value to an empty string."
 * Writes respect protections as the calling user, like any edit through the API.
 */
import { dateToSerial, formatCell } from '../../spreadsheet/display';
import type { Env } from '../../spreadsheet/env';
import type { SheetModel } from '../../spreadsheet/model';
import { type Rect, bounded } from '../../spreadsheet/rect';
import { Formula, type Cell, toCell } from '../../spreadsheet/values';
import { assertEditable } from './data-validation';
import { assertSpreadsheet } from './spreadsheets';
import { ApiRequestError, SheetsApiError, a1Of, parseA1Range, reject } from './shared';

function outputValue(c: Cell, fmt: string | undefined, tz: string, render: string, dates: string): unknown {
  if (c === undefined) return '';
  if (render === 'FORMATTED_VALUE') return formatCell(c, fmt, tz);
  if (c instanceof Formula) return render === 'FORMULA' ? c.text : formatCell(c, fmt, tz);
  if (c instanceof Date) return dates === 'FORMATTED_STRING' ? formatCell(c, fmt, tz) : dateToSerial(c, tz);
  return c;
}

function readRange(env: Env, sheet: SheetModel, rect: Rect, render: string, dates: string, major: string) {
  const b = bounded(rect, sheet.maxRows, sheet.maxColumns);
  env.ctx.counter.read(b.rows * b.cols);
  const tz = env.wb.init.timeZone;
  const nfLayer = sheet.formats.get('numberFormat');
  const nf = nfLayer && nfLayer.touches(b) ? nfLayer.paint(b) : null;
  let rows: unknown[][] = [];
  for (let i = 0; i < b.rows; i++) {
    const line: unknown[] = [];
    let last = 0;
    for (let j = 0; j < b.cols; j++) {
      const c = sheet.cell(b.row + i, b.col + j);
      const v = outputValue(c, nf ? (nf[i][j] as string | undefined) : undefined, tz, render, dates);
      line.push(v);
      if (v !== '') last = j + 1;
    }
    line.length = last;
    rows.push(line);
  }
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  if (major === 'COLUMNS') {
    const width = Math.max(0, ...rows.map((r) => r.length));
    const cols: unknown[][] = [];
    for (let j = 0; j < width; j++) {
      const col = rows.map((r) => (j < r.length ? r[j] : ''));
      while (col.length && col[col.length - 1] === '') col.pop();
      cols.push(col);
    }
    rows = cols;
  }
  const out: GoogleAppsScript.Sheets.Schema.ValueRange = { range: a1Of(sheet, rect), majorDimension: major };
  if (rows.length) out.values = rows as GoogleAppsScript.Sheets.Schema.ValueRange['values'];
  return out;
}

const RENDER = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
const DATES = ['SERIAL_NUMBER', 'FORMATTED_STRING'];

export function batchGet(
  env: Env,
  spreadsheetId: string,
  optionalArgs: {
    ranges?: string | string[];
    majorDimension?: string;
    valueRenderOption?: string;
    dateTimeRenderOption?: string;
  } = {},
) {
  assertSpreadsheet(env, 'values.batchGet', spreadsheetId);
  const render = optionalArgs.valueRenderOption ?? 'FORMATTED_VALUE';
  const dates = optionalArgs.dateTimeRenderOption ?? 'SERIAL_NUMBER';
  const major = optionalArgs.majorDimension ?? 'ROWS';
  try {
    if (!RENDER.includes(render)) reject(`Invalid value at 'value_render_option' (${render})`);
    if (!DATES.includes(dates)) reject(`Invalid value at 'date_time_render_option' (${dates})`);
    if (major !== 'ROWS' && major !== 'COLUMNS') reject(`Invalid value at 'major_dimension' (${major})`);
    const ranges = optionalArgs.ranges === undefined ? [] : ([] as string[]).concat(optionalArgs.ranges);
    const parsed = ranges.map((r) => parseA1Range(env, r));
    return {
      spreadsheetId: env.wb.init.id,
      valueRanges: parsed.map(({ sheet, rect }) => readRange(env, sheet, rect, render, dates, major)),
    };
  } catch (e) {
    if (e instanceof ApiRequestError) throw new SheetsApiError('values.batchGet', e.message);
    throw e;
  }
}

export function batchUpdate(
  env: Env,
  resource: GoogleAppsScript.Sheets.Schema.BatchUpdateValuesRequest,
  spreadsheetId: string,
) {
  assertSpreadsheet(env, 'values.batchUpdate', spreadsheetId);
  const input = resource?.valueInputOption;
  try {
    if (!input) reject("'valueInputOption' is required but not specified");
    if (input !== 'RAW' && input !== 'USER_ENTERED')
      reject(`Invalid value at 'data.value_input_option' (${input})`);
    // Validate every range before writing any, so a bad one leaves the sheet untouched.
    const writes = (resource.data ?? []).map((vr) => {
      const { sheet, rect } = parseA1Range(env, String(vr.range));
      let grid = (vr.values ?? []) as unknown[][];
      if (vr.majorDimension === 'COLUMNS') {
        const h = Math.max(0, ...grid.map((c) => c.length));
        grid = Array.from({ length: h }, (_, i) => grid.map((c) => c[i] ?? null));
      }
      const rows = grid.length;
      const cols = Math.max(0, ...grid.map((r) => r.length));
      const target: Rect = { row: rect.row, col: rect.col, rows, cols };
      if (rows > rect.rows || cols > rect.cols)
        reject(
          `Requested writing within range [${vr.range}], but tried writing to row [${rect.row + rows - 1}]`,
        );
      if (rect.row + rows - 1 > sheet.maxRows || rect.col + cols - 1 > sheet.maxColumns)
        reject(
          `Range (${a1Of(sheet, target)}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
        );
      assertEditable(env, sheet, target);
      return { sheet, target, grid };
    });
    const { timeZone, locale } = env.wb.init;
    const responses: GoogleAppsScript.Sheets.Schema.UpdateValuesResponse[] = [];
    let cells = 0;
    for (const { sheet, target, grid } of writes) {
      let written = 0;
      grid.forEach((line, i) =>
        line.forEach((v, j) => {
          if (v === null || v === undefined) return; // "Null values will be skipped."
          const row = target.row + i;
          const col = target.col + j;
          if (input === 'RAW') sheet.setCell(row, col, v === '' ? undefined : (v as Cell));
          else {
            const p = toCell(v, { plainText: sheet.numberFormatAt(row, col) === '@', timeZone, locale });
            sheet.setCell(row, col, p.value);
            if (p.impliedFormat && !sheet.numberFormatAt(row, col))
              sheet.layer('numberFormat').set({ row, col, rows: 1, cols: 1 }, p.impliedFormat);
          }
          written++;
        }),
      );
      env.ctx.counter.written(written);
      cells += written;
      responses.push({
        spreadsheetId: env.wb.init.id,
        updatedRange: a1Of(sheet, target),
        updatedRows: target.rows,
        updatedColumns: target.cols,
        updatedCells: written,
      });
    }
    return {
      spreadsheetId: env.wb.init.id,
      totalUpdatedRows: responses.reduce((n, r) => n + (r.updatedRows ?? 0), 0),
      totalUpdatedColumns: Math.max(0, ...responses.map((r) => r.updatedColumns ?? 0)),
      totalUpdatedCells: cells,
      totalUpdatedSheets: new Set(writes.map((w) => w.sheet)).size,
      responses,
    };
  } catch (e) {
    if (e instanceof ApiRequestError) throw new SheetsApiError('values.batchUpdate', e.message);
    throw e;
  }
}
