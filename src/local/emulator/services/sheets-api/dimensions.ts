/**
 * deleteDimension: "Deletes the dimensions from the sheet." (Sheets API, DeleteDimensionRequest).
 * appendDimension: "Appends rows or columns to the end of a sheet." (AppendDimensionRequest:
 * sheetId "The sheet to append rows or columns to.", dimension "Whether rows or columns should be
 * appended.", length "The number of rows or columns to append."): the same insertion
 * Sheet.insertRowsAfter(getMaxRows(), length) / insertColumnsAfter makes, with its refusals (a
 * protected sheet the caller cannot edit, the workbook's cell limit).
 * DimensionRange: "All indexes are zero-based. Indexes are half open: the start index is inclusive
 * and the end index is exclusive. Missing indexes indicate the range is unbounded on that side."
 * The deletion is the same structural one Sheet.deleteRows/deleteColumns applies (everything that
 * holds a range shifts with the rows), with the same refusals: a protected span the caller cannot
 * edit, or every non-frozen row/column.
 */
import { EmulatorError } from '../../context';
import type { Env } from '../../spreadsheet/env';
import { SheetImpl } from '../../spreadsheet/sheet';
import { assertEditable } from './data-validation';
import { reject, sheetOf } from './shared';

export function deleteDimension(env: Env, req: GoogleAppsScript.Sheets.Schema.DeleteDimensionRequest) {
  const range = req.range;
  if (!range) reject('range is required');
  const sheet = sheetOf(env, range.sheetId);
  const rows = range.dimension === 'ROWS';
  if (!rows && range.dimension !== 'COLUMNS') reject(`Invalid dimension: ${range.dimension}`);
  const max = rows ? sheet.maxRows : sheet.maxColumns;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? max;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > max || end <= start)
    reject(`Invalid dimension range: ${start}..${end} (size ${max})`);
  const count = end - start;
  const frozen = rows ? sheet.frozenRows : sheet.frozenColumns;
  const frozenDeleted = Math.max(0, Math.min(frozen, end) - start);
  if (max - count - (frozen - frozenDeleted) <= 0)
    reject(`You can't delete all the ${rows ? 'rows' : 'columns'} on the sheet.`);
  assertEditable(
    env,
    sheet,
    rows
      ? { row: start + 1, col: 1, rows: count, cols: sheet.maxColumns }
      : { row: 1, col: start + 1, rows: sheet.maxRows, cols: count },
  );
  env.wb.applyDimOp(sheet, { dim: rows ? 'row' : 'col', kind: 'delete', at: start + 1, count });
  if (rows) sheet.frozenRows -= frozenDeleted;
  else sheet.frozenColumns -= frozenDeleted;
  return {};
}

export function appendDimension(env: Env, req: GoogleAppsScript.Sheets.Schema.AppendDimensionRequest) {
  const sheet = sheetOf(env, req?.sheetId);
  const rows = req.dimension === 'ROWS';
  if (!rows && req.dimension !== 'COLUMNS') reject(`Invalid dimension: ${req.dimension}`);
  const length = req.length;
  if (length === undefined || !Number.isInteger(length) || length < 1)
    reject(`length must be a positive number of ${rows ? 'rows' : 'columns'}: ${length}`);
  // Uncounted: the API's effect, made by the code SpreadsheetApp's insert*After runs.
  const impl = new SheetImpl(env, sheet);
  try {
    if (rows) impl.insertRowsAfter(sheet.maxRows, length);
    else impl.insertColumnsAfter(sheet.maxColumns, length);
  } catch (e) {
    if (e instanceof EmulatorError) reject(e.message);
    throw e;
  }
  return {};
}
