/**
 * Sheets the workbook feature creates on first use, outside the schema's sheet keys: the archive of
 * merged-away customers and the data-quality report. Found by the id recorded in a document
 * property (users may rename tabs), else by their label in any locale; created when missing.
 */
import { CATALOGS, LOCALES } from '../../i18n';
import type { Execution } from '../session';

export type ExtraSheet = 'customerArchive' | 'dataQuality';

const PROPERTY = 'sheetsCrm.extraSheetIds';

export function extraSheet(ex: Execution, which: ExtraSheet): GoogleAppsScript.Spreadsheet.Sheet {
  const props = PropertiesService.getDocumentProperties();
  const ids = JSON.parse(props.getProperty(PROPERTY) ?? '{}') as Partial<Record<ExtraSheet, number>>;
  const sheets = ex.wb.ss.getSheets();
  const byId = sheets.find((s) => s.getSheetId() === ids[which]);
  if (byId) return byId;
  const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${which}`]);
  const sheet =
    sheets.find((s) => labels.includes(s.getName())) ??
    ex.wb.ss.insertSheet(ex.t(`sheet.${which}`), ex.wb.ss.getNumSheets());
  ids[which] = sheet.getSheetId();
  props.setProperty(PROPERTY, JSON.stringify(ids));
  return sheet;
}
