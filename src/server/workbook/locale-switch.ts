/**
 * Setup in another language: relabels the list settings and every list cell of every sheet
 * (core/workbook `relabelColumn`), one read per sheet and one write per changed column block.
 * Header texts and tab names are the user's and stay as they are (columns are found by key).
 */
import { SHEET_KEYS, SHEETS } from '../../core/schema';
import { neutralizeFormula } from '../../core/shared';
import { listColumns, relabelColumn, relabelListSetting, UnknownListValue } from '../../core/workbook';
import { Locale, translator } from '../../i18n';
import { Execution, readSettings } from '../session';

export interface LocaleSwitch {
  from: Locale;
  to: Locale;
  /** list cells and list-setting items rewritten */
  changed: number;
  /** values no list knows, left as typed (settings items have row = the settings row) */
  unknown: UnknownListValue[];
}

export function switchLocale(ex: Execution, from: Locale, to: Locale): LocaleSwitch {
  const { wb } = ex;
  const result: LocaleSwitch = { from, to, changed: 0, unknown: [] };

  const settings = wb.read('settings');
  const valueIndex = settings?.header.byKey.value;
  if (settings && valueIndex !== undefined && settings.grid.length) {
    const keyIndex = settings.header.byKey.key;
    const values = settings.grid.map((line) => {
      const key = String(line[keyIndex] ?? '').trim();
      const value = line[valueIndex] ?? '';
      if (key === 'locale') return to;
      if (!key.startsWith('list.')) return value;
      const r = relabelListSetting(key, String(value), to);
      if (r.value !== String(value)) result.changed++;
      for (const v of r.unknown)
        result.unknown.push({ sheetKey: 'settings', row: 0, columnKey: key, value: v });
      return r.value;
    });
    settings.sheet
      .getRange(2, valueIndex + 1, values.length, 1)
      .setValues(values.map((v) => [neutralizeFormula(v)]));
    wb.forget('settings');
  }

  for (const key of SHEET_KEYS) {
    if (SHEETS[key].systemOnly) continue;
    const columns = listColumns(key);
    if (columns.length === 0) continue;
    const table = wb.read(key);
    if (!table || table.grid.length === 0) continue;
    let wrote = false;
    for (const { columnKey, list } of columns) {
      const index = table.header.byKey[columnKey];
      if (index === undefined) continue;
      const cells = table.grid.map((line) => line[index] ?? '');
      const r = relabelColumn(key, columnKey, list, cells, to);
      result.unknown.push(...r.unknown);
      if (r.changed === 0) continue;
      result.changed += r.changed;
      table.sheet
        .getRange(2, index + 1, r.values.length, 1)
        .setValues(r.values.map((v) => [neutralizeFormula(v)]));
      wrote = true;
    }
    if (wrote) wb.forget(key);
  }

  // What follows in setup (validation dropdowns, protections) reads the relabelled settings.
  ex.settings = readSettings(wb);
  ex.locale = to;
  ex.t = translator(to);
  return result;
}
