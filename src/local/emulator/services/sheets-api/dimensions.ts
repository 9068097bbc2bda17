/**
 * deleteDimension: "Deletes the dimensions from the sheet." (Sheets API, DeleteDimensionRequest).
 * DimensionRange: "All indexes are zero-based. Indexes are half open: the start index is inclusive
 * and the end index is exclusive. Missing indexes indicate the range is unbounded on that side."
 * The deletion is the same structural one Sheet.deleteRows/deleteColumns applies (everything that
 * holds a range shifts with the rows), with the same refusals: a protected span the caller cannot
 * edit, or every non-frozen row/column.
 */
import type { Env } from '../../spreadsheet/env';
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
