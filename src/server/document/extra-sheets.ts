/**
 * Sheets the workbook feature creates on first use, outside the schema's sheet keys: the archive of
 * merged-away customers and the data-quality report. Found by the id recorded in a document
 * property (users may rename tabs), else by their label in any locale; created when missing.
 */
import { CATALOGS, LOCALES } from '../../i18n';
import type { Execution } from '../session';
import { asNumberMap, DOC_KEYS, readJson, writeJson } from './state';

export type ExtraSheet = 'customerArchive' | 'dataQuality';

export function extraSheet(ex: Execution, which: ExtraSheet): GoogleAppsScript.Spreadsheet.Sheet {
  const ids = readJson(DOC_KEYS.extraSheetIds, (v) => asNumberMap<ExtraSheet>(v)) ?? {};
  const sheets = ex.wb.ss.getSheets();
  const byId = sheets.find((s) => s.getSheetId() === ids[which]);
  if (byId) return byId;
  const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${which}`]);
  const sheet =
    sheets.find((s) => labels.includes(s.getName())) ??
    ex.wb.ss.insertSheet(ex.t(`sheet.${which}`), ex.wb.ss.getNumSheets());
  ids[which] = sheet.getSheetId();
  writeJson(DOC_KEYS.extraSheetIds, ids);
  return sheet;
}
