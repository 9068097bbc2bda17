/**
 * The language of the local tools' own output: the workbook's, found as the add-on finds it (the
 * Settings sheet's locale, else the spreadsheet's), so a zh-CN workbook's runner output and
 * playground chrome are Chinese throughout.
 */
import { isLocale, resolveLocale, translator, type Locale, type Translate } from '../i18n';
import { readTable, sheetOf } from './inspect';
import type { Runtime } from './runtime';

export function workbookLocale(rt: Runtime): Locale {
  try {
    if (sheetOf(rt, 'settings')) {
      const found = readTable(rt, 'settings').records.find((r) => String(r.key).trim() === 'locale');
      const value = String(found?.value ?? '').trim();
      if (isLocale(value)) return value;
    }
  } catch {
    // a workbook before setup: the spreadsheet's locale decides
  }
  return resolveLocale(rt.spreadsheet.app.getActiveSpreadsheet().getSpreadsheetLocale());
}

/** A translator in the workbook's language. */
export function localTranslator(rt: Runtime | null, fallback: Locale = 'en'): Translate {
  return translator(rt ? workbookLocale(rt) : fallback);
}
