/**
 * The workbook's shape: sheet and column keys, header mapping by key, and the Settings defaults.
 */
export { columnNote, keyFromNote, mapHeader } from './columns';
export type { HeaderMap } from './columns';
export {
  CUSTOMER_COLUMNS,
  CUSTOMER_ID_PATTERN,
  METADATA_COLUMN_KEY,
  METADATA_SHEET_KEY,
  ROLES,
  SHEETS,
  SHEET_IDS_PROPERTY,
  SHEET_KEYS,
  formatCustomerId,
  formatOpportunityId,
  OPPORTUNITY_ID_PATTERN,
  parseOpportunityIdNumber,
  isRole,
  isSheetKey,
  parseCustomerIdNumber,
} from './schema';
export type { CellValue, ColumnDef, ColumnType, Role, SheetDef, SheetKey, SheetRow } from './schema';
export { SETTING_DEFS, listSetting, numberSetting, withDefaults } from './settings';
export type { SettingsMap } from './settings';
export { settingDefault } from './settings';
export {
  isReturn,
  LISTS,
  LIST_NAMES,
  listKeyOf,
  listLabel,
  listLabels,
  listOfSetting,
  relabel,
} from './lists';
export type { ListName } from './lists';
