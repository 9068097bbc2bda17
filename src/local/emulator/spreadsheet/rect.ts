/**
 * Rectangles and the one range-shifting rule every range holder uses when rows or columns are
 * inserted, deleted or moved. Coordinates are 1-based; `rows`/`cols` may be Infinity for open-ended
 * ranges ("A:A", "A2:C", "1:1"), which keep following the sheet as it grows.
 */

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type Dim = 'row' | 'col';

export type DimOp =
  | { dim: Dim; kind: 'insert'; at: number; count: number }
  | { dim: Dim; kind: 'delete'; at: number; count: number }
  /** `to` is in the coordinates before the move, as in Sheet.moveColumns/moveRows */
  | { dim: Dim; kind: 'move'; from: number; count: number; to: number };

export function rect(row: number, col: number, rows = 1, cols = 1): Rect {
  return { row, col, rows, cols };
}

export const lastRow = (r: Rect): number => r.row + r.rows - 1;
export const lastCol = (r: Rect): number => r.col + r.cols - 1;

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const endRow = Math.min(lastRow(a), lastRow(b));
  const endCol = Math.min(lastCol(a), lastCol(b));
  if (endRow < row || endCol < col) return null;
  return { row, col, rows: endRow - row + 1, cols: endCol - col + 1 };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    lastRow(inner) <= lastRow(outer) &&
    lastCol(inner) <= lastCol(outer)
  );
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.row && col >= r.col && row <= lastRow(r) && col <= lastCol(r);
}

/** The part of `r` that the sheet holds (open-ended sizes resolved). */
export function bounded(r: Rect, maxRows: number, maxCols: number): Rect {
  return {
    row: r.row,
    col: r.col,
    rows: Math.max(0, Math.min(lastRow(r), maxRows) - r.row + 1),
    cols: Math.max(0, Math.min(lastCol(r), maxCols) - r.col + 1),
  };
}

/** `a` minus `b`, as up to four disjoint rectangles. */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.row > a.row) out.push({ row: a.row, col: a.col, rows: i.row - a.row, cols: a.cols });
  if (lastRow(i) < lastRow(a))
    out.push({ row: lastRow(i) + 1, col: a.col, rows: lastRow(a) - lastRow(i), cols: a.cols });
  if (i.col > a.col) out.push({ row: i.row, col: a.col, rows: i.rows, cols: i.col - a.col });
  if (lastCol(i) < lastCol(a))
    out.push({ row: i.row, col: lastCol(i) + 1, rows: i.rows, cols: lastCol(a) - lastCol(i) });
  return out;
}

/** Where index `i` lands after a move (indices in pre-move coordinates). */
export function movedIndex(i: number, from: number, count: number, to: number): number {
  const end = from + count; // first index after the block
  if (to >= from && to <= end) return i;
  if (to > end) {
    if (i >= from && i < end) return i - from + (to - count);
    if (i >= end && i < to) return i - count;
    return i;
  }
  if (i >= from && i < end) return to + (i - from);
  if (i >= to && i < from) return i + count;
  return i;
}

/** Shifts one span [start, start+len) through an operation; null when it is deleted entirely. */
export function shiftSpan(start: number, len: number, op: DimOp): [number, number] | null {
  const end = start + len - 1;
  if (op.kind === 'insert') {
    if (start >= op.at) return [start + op.count, len];
    if (end >= op.at) return [start, len + op.count];
    return [start, len];
  }
  if (op.kind === 'delete') {
    const delEnd = op.at + op.count - 1;
    const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(start, op.at) + 1);
    const newLen = len - overlap;
    if (newLen <= 0) return null;
    const newStart = start > delEnd ? start - op.count : start >= op.at ? op.at : start;
    return [newStart, newLen];
  }
  // A move maps indices piecewise-linearly: the extremes sit at piece boundaries.
  const { from, count, to } = op;
  const candidates = [start, end, from, from + count - 1, from + count, to - 1, to].filter(
    (i) => i >= start && i <= end && Number.isFinite(i),
  );
  const mapped = candidates.map((i) => movedIndex(i, from, count, to));
  const newStart = Math.min(...mapped);
  if (!Number.isFinite(end)) return [newStart, Infinity];
  return [newStart, Math.max(...mapped) - newStart + 1];
}

/** The shared shifting rule: a rectangle after an insert/delete/move of rows or columns. */
export function shiftRect(r: Rect, op: DimOp): Rect | null {
  if (op.dim === 'row') {
    const s = shiftSpan(r.row, r.rows, op);
    return s && { row: s[0], col: r.col, rows: s[1], cols: r.cols };
  }
  const s = shiftSpan(r.col, r.cols, op);
  return s && { row: r.row, col: s[0], rows: r.rows, cols: s[1] };
}
