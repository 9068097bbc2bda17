/**
 * Cell rectangles for protections: 1-based, with `null` extents meaning "to the end of the sheet",
 * which Sheets writes as A1 notation "2:40" (whole rows) or "A2:A" (column to the bottom). Open ends
 * keep covering rows and columns added later, so they need no update when the sheet grows.
 */
import { columnLetter, columnNumber } from '../shared';

export interface GridRange {
  row: number;
  column: number;
  /** null: to the last row of the sheet */
  numRows: number | null;
  /** null: to the last column of the sheet */
  numColumns: number | null;
}

/** The grid size of a sheet (getMaxRows / getMaxColumns), used to compare open and closed ranges. */
export interface SheetSize {
  maxRows: number;
  maxColumns: number;
}

/** A1 notation as Sheets prints it: "B2:D9", "B2", "2:40" (whole rows), "A2:A" (to the bottom). */
export function rangeToA1(r: GridRange): string {
  const lastRow = r.numRows === null ? null : r.row + r.numRows - 1;
  const lastCol = r.numColumns === null ? null : r.column + r.numColumns - 1;
  if (lastRow === null && lastCol === null) throw new Error('A range cannot be open in both directions');
  if (lastCol === null) return (r.column === 1 ? '' : columnLetter(r.column)) + `${r.row}:${lastRow}`;
  const start = columnLetter(r.column) + (lastRow === null && r.row === 1 ? '' : r.row);
  if (lastRow === null) return `${start}:${columnLetter(lastCol)}`;
  if (lastRow === r.row && lastCol === r.column) return start;
  return `${start}:${columnLetter(lastCol)}${lastRow}`;
}

const CELL = /^([A-Z]*)(\d*)$/;

/** Parses what rangeToA1 prints (and Range.getA1Notation returns); a "Sheet!" prefix is ignored. */
export function a1ToRange(a1: string): GridRange | null {
  const text = a1
    .slice(a1.lastIndexOf('!') + 1)
    .replace(/\$/g, '')
    .trim()
    .toUpperCase();
  const [a, b = a] = text.split(':');
  const p = CELL.exec(a);
  const q = CELL.exec(b);
  if (!p || !q || (!p[1] && !p[2]) || (!q[1] && !q[2])) return null;
  const row = p[2] ? Number(p[2]) : 1;
  const column = p[1] ? columnNumber(p[1]) : 1;
  const numRows = q[2] ? Number(q[2]) - row + 1 : null;
  const numColumns = q[1] ? columnNumber(q[1]) - column + 1 : null;
  if ((numRows !== null && numRows < 1) || (numColumns !== null && numColumns < 1)) return null;
  return { row, column, numRows, numColumns };
}

/** Closes open extents against the sheet size, so "2:40" equals "A2:Z40" on a 26-column sheet. */
export function closeRange(r: GridRange, size?: SheetSize): GridRange {
  if (!size) return r;
  return {
    row: r.row,
    column: r.column,
    numRows: r.numRows ?? Math.max(size.maxRows - r.row + 1, 1),
    numColumns: r.numColumns ?? Math.max(size.maxColumns - r.column + 1, 1),
  };
}

export function sameRange(a: GridRange, b: GridRange, size?: SheetSize): boolean {
  if (a.row === b.row && a.column === b.column && a.numRows === b.numRows && a.numColumns === b.numColumns) {
    return true;
  }
  const x = closeRange(a, size);
  const y = closeRange(b, size);
  return x.row === y.row && x.column === y.column && x.numRows === y.numRows && x.numColumns === y.numColumns;
}

export function rangeCovers(r: GridRange, row: number, column: number): boolean {
  const rowIn = row >= r.row && (r.numRows === null || row < r.row + r.numRows);
  const colIn = column >= r.column && (r.numColumns === null || column < r.column + r.numColumns);
  return rowIn && colIn;
}

/** Runs of consecutive numbers: [1,2,3,7,9,10] -> [[1,3],[7,7],[9,10]]. Input need not be sorted. */
export function runsOf(numbers: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
