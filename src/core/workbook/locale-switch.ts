/**
 * Switching a workbook's language: every list cell and every list setting is rewritten with the
 * new locale's label of the same key (华东 <-> East). Values no list knows (an admin's own items,
 * typos) stay exactly as typed and are reported, so nothing is lost or guessed at.
 */
import type { Locale } from '../../i18n';
import { CellValue, ListName, listOfSetting, relabel, SheetKey, SHEETS } from '../schema';

export interface UnknownListValue {
  sheetKey: SheetKey;
  /** the sheet's own row number */
  row: number;
  columnKey: string;
  value: string;
}

/** The list columns of a sheet, with the list each holds. */
export function listColumns(sheetKey: SheetKey): Array<{ columnKey: string; list: ListName }> {
  const out: Array<{ columnKey: string; list: ListName }> = [];
  for (const c of SHEETS[sheetKey].columns) {
    const list = c.type === 'list' ? listOfSetting(c.listSetting) : null;
    if (list) out.push({ columnKey: c.key, list });
  }
  return out;
}

/**
 * One column's cells (from sheet row `firstRow`) relabelled: the new values, how many changed and
 * the unknown ones. Blank cells stay blank; only strings are relabelled.
 */
export function relabelColumn(
  sheetKey: SheetKey,
  columnKey: string,
  list: ListName,
  cells: CellValue[],
  to: Locale,
  firstRow = 2,
): { values: CellValue[]; changed: number; unknown: UnknownListValue[] } {
  let changed = 0;
  const unknown: UnknownListValue[] = [];
  const values = cells.map((cell, i) => {
    if (typeof cell !== 'string' || cell.trim() === '') return cell;
    const r = relabel(list, cell, to);
    if (!r.known) {
      unknown.push({ sheetKey, row: firstRow + i, columnKey, value: cell });
      return cell;
    }
    if (r.value !== cell) changed++;
    return r.value;
  });
  return { values, changed, unknown };
}

/** A list setting ("North, East, Hong Kong") in another locale; unknown items kept in place. */
export function relabelListSetting(
  settingKey: string,
  value: string,
  to: Locale,
): { value: string; unknown: string[] } {
  const list = listOfSetting(settingKey);
  if (!list) return { value, unknown: [] };
  const unknown: string[] = [];
  const items = value
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map((x) => {
      const r = relabel(list, x, to);
      if (!r.known) unknown.push(x);
      return r.value;
    });
  return { value: items.join(', '), unknown };
}
