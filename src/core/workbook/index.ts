/**
 * The customer workbook: validation rules, CSV import and export, duplicates, the data-quality
 * check and the customer form's rules.
 */
export { decodeCsvBytes, firstInvalidUtf8, looksLikeGb18030, parseCsv, serializeCsv } from './csv';
export {
  ASSIGNED_COLUMNS,
  changedFields,
  editableFields,
  isOwnerOf,
  splitIssues,
  toFormValue,
} from './customer-form';
export {
  findDuplicateGroups,
  chooseSurvivors,
  findLikelyDuplicates,
  planMerge,
  repointColumn,
  repointRanges,
  repointReferences,
} from './dedupe';
export type { DuplicateGroup, LikelyDuplicate } from './dedupe';
export { ZoneClock, exportCell, exportCsv } from './export';
export { planHeader } from './header-plan';
export type { ColumnMark, HeaderPlan, HeaderPlanResult } from './header-plan';
export { importSkip, mapHeaders, planImport, whereText } from './import';
export type {
  ImportInput,
  ImportReject,
  ImportSkip,
  Known,
  RowProblem,
  RowVerdict,
  SheetImportRules,
} from './import';
export { rolesImportRules } from './import-roles';
export {
  QUALITY_SHEETS,
  QUALITY_KINDS,
  checkDataQuality,
  duplicateReasonLabel,
  planQualityStages,
} from './quality';
export type {
  QualityFinding,
  QualityInput,
  QualityKind,
  QualityPart,
  QualitySheet,
  SheetExtent,
  StagePart,
} from './quality';
export {
  MAX_CELL_CHARS,
  columnLabel,
  columnRule,
  columnRules,
  openColumnRange,
  parseBoolean,
  parseAmount,
  parseDay,
  parseNumber,
  sheetValidationRules,
  validateCell,
  validateRecord,
  validationContext,
} from './validation';
export type {
  ColumnRef,
  RangeResolver,
  RuleCriteria,
  SheetValidationRule,
  ValidationContext,
  ValidationIssue,
} from './validation';
export { listColumns, relabelColumn, relabelListSetting } from './locale-switch';
export type { UnknownListValue } from './locale-switch';
