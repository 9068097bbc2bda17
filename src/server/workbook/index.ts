/**
 * The customer workbook's shell: setup, validation rules, the customer form, CSV import and
 * export, duplicates and the data-quality check.
 */
export { customerFormData, menuCustomerForm, saveCustomer } from './customer-form';
export type { CustomerFormData, FormField, SaveResult } from './customer-form';
export {
  MERGE_GROUPS_PER_RUN,
  QUALITY_STAGE_CELLS,
  continueDataQuality,
  findDuplicates,
  menuDataQuality,
  menuDedupe,
  mergeDuplicates,
  runDataQuality,
} from './data-quality';
export type { QualityResult, DuplicatesReport, MergeResult } from './data-quality';
export { customerRowsWritten, purchaseRowsWritten } from './hooks';
export {
  exportCsvFile,
  exportXlsxFile,
  exportDialogData,
  importCsv,
  importDialogData,
  menuExport,
  menuImport,
} from './import-export';
export type {
  ExportDialogData,
  ExportResult,
  ImportDialogData,
  ImportResult,
  XlsxExportResult,
} from './import-export';
export { runSetup } from './setup';
export type { SetupResult } from './setup';
export { DATA_REVIEW_HANDLER, menuToggleDataReview, monthlyDataReview } from './data-review';
export type { ReviewResult } from './data-review';
