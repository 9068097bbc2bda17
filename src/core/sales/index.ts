/**
 * Sales core: opportunity stages and the opportunity sheet's rules, per-customer value from
 * purchases, reporting periods and per-rep performance. Plain data in, plain data out.
 */
export {
  CLOSED_STAGES,
  DEFAULT_PROBABILITY,
  OPEN_STAGES,
  STAGES,
  isOpenStage,
  stageLabels,
  stageReader,
} from './stages';
export type { Stage } from './stages';
export {
  checkNewOpportunity,
  highestOpportunityNumber,
  nextOpportunityId,
  opportunityView,
  parseStage,
  planMove,
  purchaseFromWon,
  readOpportunities,
} from './opportunities';
export type {
  MovePlan,
  NewOpportunity,
  NewOpportunityInput,
  Opportunity,
  OpportunityView,
} from './opportunities';
export { VALUE_COLUMNS, addPurchases, customerValues } from './values';
export type { CustomerValue, ValueColumn } from './values';
export {
  VALUE_WINDOW_MONTHS,
  WINDOW_VALUE_COLUMNS,
  addWindowPurchases,
  customerWindowValues,
  windowValuesServe,
} from './window-values';
export type { WindowValue, WindowValueColumn } from './window-values';
export { opportunityImportRules, targetImportRules } from './import-rules';
export type { Importer, OpportunityImportArgs, TargetImportArgs } from './import-rules';
export {
  KEPT_VALUE_COLUMNS,
  holdsValue,
  nextValuePart,
  valueBlocks,
  valueCellsOf,
  valueChanges,
} from './value-cells';
export type { KeptValueColumn, ValueBlock, ValueCell, ValueCells, ValueChange } from './value-cells';
export { parsePeriod, periodWithin } from './period';
export type { Period } from './period';
export { salesPerformance, visiblePeople } from './performance';
export type {
  Figures,
  PerformanceInput,
  PerformanceReport,
  PersonPerformance,
  TeamPerformance,
} from './performance';
export { DEFAULT_STALE_DAYS, reviewMail, staleCustomers, staleDaysSetting } from './review';
export type { ReviewMail, StaleCustomer } from './review';
