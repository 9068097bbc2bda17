/** A1 notation: column letters, parsing ("A1", "A1:B2", "A:A", "A2:C", "1:1", "'My sheet'!A1") and printing. */
import { EmulatorError } from '../context';
import type { Rect } from './rect';

export function columnToLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Splits "Sheet!A1" / "'It''s'!A1" into sheet name (null when absent) and the range part. */
export function splitSheet(a1: string): { sheetName: string | null; ref: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(a1.trim());
  if (!m) return { sheetName: null, ref: a1.trim() };
  return { sheetName: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], ref: m[3] };
}

const PART = /^(\$?([A-Za-z]{1,3}))?(\$?(\d+))?$/;

interface Part {
  col?: number;
  row?: number;
}

function parsePart(text: string): Part | null {
  const m = PART.exec(text);
  if (!m || (!m[2] && !m[4])) return null;
  return { col: m[2] ? lettersToColumn(m[2]) : undefined, row: m[4] ? Number(m[4]) : undefined };
}

/** Parses the range part of A1 notation into a rectangle (open ends are Infinity); null when invalid. */
export function parseA1Rect(ref: string): Rect | null {
  const [a, b, extra] = ref.split(':');
  if (extra !== undefined) return null;
  const p = parsePart(a);
  if (!p) return null;
  const q = b === undefined ? p : parsePart(b);
  if (!q) return null;
  if (p.row === 0 || q.row === 0) return null;
  if (b === undefined) {
    if (p.col === undefined || p.row === undefined) return null;
    return { row: p.row, col: p.col, rows: 1, cols: 1 };
  }
  // Whole rows: "1:3".
  if (p.col === undefined && q.col === undefined) {
    if (p.row === undefined || q.row === undefined) return null;
    const [r1, r2] = [Math.min(p.row, q.row), Math.max(p.row, q.row)];
    return { row: r1, col: 1, rows: r2 - r1 + 1, cols: Infinity };
  }
  if (p.col === undefined || q.col === undefined) return null;
  const [c1, c2] = [Math.min(p.col, q.col), Math.max(p.col, q.col)];
  const cols = c2 - c1 + 1;
  if (p.row === undefined && q.row === undefined) return { row: 1, col: c1, rows: Infinity, cols };
  if (q.row === undefined) return { row: p.row!, col: c1, rows: Infinity, cols }; // "A2:C"
  const startRow = p.row ?? 1; // "A:B5"
  const [r1, r2] = [Math.min(startRow, q.row), Math.max(startRow, q.row)];
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols };
}

export function parseA1OrThrow(ref: string): Rect {
  const r = parseA1Rect(ref);
  if (!r) throw new EmulatorError('Range not found');
  return r;
}

/** Prints a rectangle; open-ended ones print as Sheets does ("A:A", "A2:C", "1:1"). */
export function formatA1(r: Rect): string {
  const c1 = columnToLetters(r.col);
  if (!Number.isFinite(r.cols)) return `${r.row}:${r.row + r.rows - 1}`;
  const c2 = columnToLetters(r.col + r.cols - 1);
  if (!Number.isFinite(r.rows)) return r.row === 1 ? `${c1}:${c2}` : `${c1}${r.row}:${c2}`;
  if (r.rows === 1 && r.cols === 1) return `${c1}${r.row}`;
  return `${c1}${r.row}:${c2}${r.row + r.rows - 1}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
