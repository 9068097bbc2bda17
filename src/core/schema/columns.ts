/**
 * How the add-on recognises its columns: each header cell carries a note naming the column key
 * ("sheets-crm:email"). Notes travel with their cell when users move or insert columns, and
 * renaming the header text leaves them alone, so columns are found by key, not label or position.
 * A header without the note is matched by its en or zh-CN label, so a deleted note heals.
 */
import { CATALOGS, LOCALES } from '../../i18n';
import { SheetDef } from './schema';

const NOTE_PATTERN = /sheets-crm:([A-Za-z][A-Za-z0-9]*)/;

export function columnNote(columnKey: string, helpText: string): string {
  return `sheets-crm:${columnKey}\n${helpText}`;
}

export function keyFromNote(note: unknown): string | null {
  const m = NOTE_PATTERN.exec(String(note ?? ''));
  return m ? m[1] : null;
}

function fold(text: unknown): string {
  return String(text ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Known labels of a sheet's columns in every locale, folded, to their keys. */
export function labelIndex(def: SheetDef): Map<string, string> {
  const index = new Map<string, string>();
  for (const column of def.columns) {
    index.set(fold(column.key), column.key);
    for (const locale of LOCALES) {
      const label = CATALOGS[locale][`col.${def.key}.${column.key}`];
      if (label) index.set(fold(label), column.key);
    }
  }
  return index;
}

export interface HeaderMap {
  /** 0-based column index per known column key */
  byKey: Record<string, number>;
  /** 0-based indexes of columns that are the user's own */
  userColumns: number[];
  /** keys whose note was missing and were matched by label (setup re-adds the note) */
  matchedByLabel: string[];
}

/** Maps a header row (values and notes) to column keys: note first, then label, first match wins. */
export function mapHeader(def: SheetDef, headerValues: unknown[], headerNotes: unknown[]): HeaderMap {
  const known = new Set(def.columns.map((c) => c.key));
  const labels = labelIndex(def);
  const byKey: Record<string, number> = {};
  const userColumns: number[] = [];
  const matchedByLabel: string[] = [];
  const width = Math.max(headerValues.length, headerNotes.length);
  const unresolved: number[] = [];
  for (let i = 0; i < width; i++) {
    const key = keyFromNote(headerNotes[i]);
    if (key && known.has(key) && !(key in byKey)) byKey[key] = i;
    else unresolved.push(i);
  }
  for (const i of unresolved) {
    const key = labels.get(fold(headerValues[i]));
    if (key && !(key in byKey) && !keyFromNote(headerNotes[i])) {
      byKey[key] = i;
      matchedByLabel.push(key);
    } else if (String(headerValues[i] ?? '') !== '' || keyFromNote(headerNotes[i])) {
      userColumns.push(i);
    }
  }
  return { byKey, userColumns, matchedByLabel };
}
