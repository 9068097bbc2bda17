/**
 * What setup writes in a sheet's header row, decided from what it read (row 1's values and notes,
 * the column marks) without touching the spreadsheet: known columns keep their position and the
 * user's header text, missing ones go after the last column with content, every known column gets
 * its key note, and each column's metadata mark follows its column. The shell turns the plan into
 * Sheets API requests.
 */
import { columnNote, HeaderMap, keyFromNote, mapHeader, SheetDef } from '../schema';

/** A column mark as read: column-level developer metadata naming a column key. */
export interface ColumnMark {
  key: string;
  /** 0-based column index */
  index: number;
  /** the metadata's id (to delete a stale mark) */
  id: number;
}

export interface HeaderInput {
  def: SheetDef;
  /** row 1 as read (may be shorter than the sheet: trailing blanks are not returned) */
  values: unknown[];
  notes: unknown[];
  marks: ColumnMark[];
  /**
   * The sheet's last column with content (0 for an empty sheet), when known. Only a sheet that
   * lacks columns or whose row 1 names none needs it: the plan asks for it then.
   */
  lastColumn: number | null;
  /** the sheet's column count */
  maxColumns: number;
  /** a column's header label in the setup's language */
  label: (columnKey: string) => string;
  /** the help text after the key in a column's note */
  noteText: string;
}

export interface HeaderPlan {
  header: HeaderMap;
  /** keys of the columns added */
  missing: string[];
  /** row 1 named none of the add-on's columns but the sheet had content: the header was put back */
  restored: boolean;
  /** the data sits in row 1 (the header row was deleted): a row goes in above it first */
  insertRow: boolean;
  /** columns the header row spans (the sheet needs at least this many) */
  width: number;
  /** per column of the header row: the label to write, or undefined to keep the cell as it is */
  labels: Array<string | undefined>;
  /** per column of the header row: its note */
  notes: string[];
  /** ids of marks to delete (moved off their column, or a second mark of a key) */
  staleMarks: number[];
  /** marks to add */
  newMarks: Array<{ key: string; index: number }>;
}

export type HeaderPlanResult = HeaderPlan | { needsLastColumn: true };

export function planHeader(input: HeaderInput): HeaderPlanResult {
  const { def, marks } = input;
  const keys = def.columns.map((c) => c.key);
  const rowWidth = Math.max(input.values.length, input.notes.length);
  let values = input.values;
  let notes: unknown[] = input.notes;
  let header = mapHeader(def, values, notes);
  const rowBlank = !values.some((v) => String(v ?? '') !== '') && !notes.some((n) => String(n ?? ''));
  const anyMissing = keys.some((k) => !(k in header.byKey));
  if (input.lastColumn === null && (anyMissing || Object.keys(header.byKey).length === 0))
    return { needsLastColumn: true };
  const lastColumn = input.lastColumn ?? rowWidth;
  const isBlankSheet = lastColumn === 0 && rowBlank;
  const width = Math.max(lastColumn, rowWidth, 1);

  // Row 1 names none of the add-on's columns but the sheet has content: the header row was deleted
  // (its data moved up into row 1). A header row goes back above the data, never over it, with the
  // columns where their metadata marks (which travel with moved columns) say they are.
  const restored = !isBlankSheet && Object.keys(header.byKey).length === 0;
  let insertRow = false;
  if (restored) {
    insertRow = !rowBlank;
    values = [];
    notes = [];
    // Marks beyond the last column with content count too: computed columns may still be blank.
    header = restoredHeader(keys, marks, Math.max(width, input.maxColumns));
  } else preferMarkedColumns(header, notes, marks);

  const missing = keys.filter((k) => !(k in header.byKey));
  let next = isBlankSheet ? 0 : width;
  for (const key of missing) header.byKey[key] = next++;
  const newWidth = Math.max(
    isBlankSheet ? 0 : rowWidth,
    next,
    ...Object.values(header.byKey).map((i) => i + 1),
  );

  const labels: Array<string | undefined> = new Array(newWidth).fill(undefined);
  const noteTexts: string[] = [];
  for (let i = 0; i < newWidth; i++) noteTexts.push(i < notes.length ? String(notes[i] ?? '') : '');
  for (const column of def.columns) {
    const i = header.byKey[column.key];
    if (String(values[i] ?? '').trim() === '') labels[i] = input.label(column.key);
    noteTexts[i] = columnNote(column.key, input.noteText);
  }
  // A key note copied onto another column (e.g. by inserting a column next to it) is not its key.
  const chosen = new Set(Object.values(header.byKey));
  for (let i = 0; i < newWidth; i++) {
    const noted = keyFromNote(noteTexts[i]);
    if (noted && noted in header.byKey && !chosen.has(i)) noteTexts[i] = '';
  }
  // Where the data moved up into row 1, the header row is new: every cell of it is written.
  if (insertRow) for (let i = 0; i < newWidth; i++) labels[i] ??= '';

  const { staleMarks, newMarks } = syncMarks(header, marks);
  return {
    header,
    missing,
    restored,
    insertRow,
    width: newWidth,
    labels,
    notes: noteTexts,
    staleMarks,
    newMarks,
  };
}

/**
 * Two columns with the same key note (a note copied by inserting a column): the column carrying the
 * key's metadata mark is the add-on's, not simply the first one.
 */
function preferMarkedColumns(header: HeaderMap, notes: unknown[], marks: ColumnMark[]): void {
  for (const m of marks) {
    const current = header.byKey[m.key];
    if (current !== undefined && current !== m.index && keyFromNote(notes[m.index]) === m.key)
      header.byKey[m.key] = m.index;
  }
}

function restoredHeader(keys: string[], marks: ColumnMark[], width: number): HeaderMap {
  const byKey: Record<string, number> = {};
  const taken = new Set<number>();
  for (const m of marks) {
    if (!keys.includes(m.key) || m.key in byKey || taken.has(m.index) || m.index < 0 || m.index >= width)
      continue;
    byKey[m.key] = m.index;
    taken.add(m.index);
  }
  return { byKey, userColumns: [], matchedByLabel: [] };
}

/** One mark per known column, on its current column: stale marks go, missing ones are added. */
function syncMarks(
  header: HeaderMap,
  marks: ColumnMark[],
): { staleMarks: number[]; newMarks: Array<{ key: string; index: number }> } {
  const kept = new Set<string>();
  const staleMarks: number[] = [];
  for (const m of marks) {
    if (m.index >= 0 && header.byKey[m.key] === m.index && !kept.has(m.key)) kept.add(m.key);
    else staleMarks.push(m.id);
  }
  const newMarks = Object.entries(header.byKey)
    .filter(([key]) => !kept.has(key))
    .map(([key, index]) => ({ key, index }));
  return { staleMarks, newMarks };
}
