/** A1 notation: column letters and rectangular ranges, 1-based like Apps Script. */

/** Column letter(s) of a 1-based column index: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The 1-based column index of column letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A sheet's name as an A1 range names it: quoted, its quotes doubled (`'Q4 ''plan'''`). */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A1 notation of a block: `B3`, or `B3:D7`. */
export function a1Range(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = columnLetter(column) + row;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetter(column + numColumns - 1)}${row + numRows - 1}`;
}
