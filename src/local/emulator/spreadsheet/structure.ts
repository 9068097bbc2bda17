/**
 * Inserted rows/columns take the formatting and validation of a neighbouring row/column, as in
 * the Sheets UI: a rule or format over row k also covers rows inserted right after it. Notes are
 * content of their cells, not formatting, so they are not copied.
 */
import type { Layers } from './layers';
import type { SheetModel } from './model';
import { contains, intersect, type Rect } from './rect';

function inherit<T>(layer: Layers<T>, source: Rect, target: Rect, dim: 'row' | 'col'): void {
  const out: typeof layer.entries = [];
  for (const e of layer.entries) {
    out.push(e);
    const x = intersect(e.rect, source);
    if (!x || contains(e.rect, target)) continue;
    const rect =
      dim === 'row'
        ? { row: target.row, col: x.col, rows: target.rows, cols: x.cols }
        : { row: x.row, col: target.col, rows: x.rows, cols: target.cols };
    out.push({ rect, value: e.value });
  }
  layer.entries = out;
}

export function inheritAfterInsert(
  sheet: SheetModel,
  dim: 'row' | 'col',
  at: number,
  count: number,
  from: number,
): void {
  const max = dim === 'row' ? sheet.maxRows : sheet.maxColumns;
  if (from < 1 || from > max) return;
  const source =
    dim === 'row'
      ? { row: from, col: 1, rows: 1, cols: Infinity }
      : { row: 1, col: from, rows: Infinity, cols: 1 };
  const target =
    dim === 'row'
      ? { row: at, col: 1, rows: count, cols: Infinity }
      : { row: 1, col: at, rows: Infinity, cols: count };
  // Notes are stored with the formats but belong to their cells: an inserted column gets none.
  for (const [prop, layer] of sheet.formats) if (prop !== 'note') inherit(layer, source, target, dim);
  inherit(sheet.validations, source, target, dim);
}
