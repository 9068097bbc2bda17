/**
 * The sales shell: opportunities, per-customer value (the nightly job and the purchase hook),
 * per-rep performance.
 */
export { addOpportunity, listOpportunities, moveOpportunity } from './opportunities';
export type { MoveResult } from './opportunities';
export { highestOpportunityIdAssigned, saveHighestOpportunityId } from './opportunity-ids';
export {
  VALUES_CONTINUE_HANDLER,
  VALUES_CELLS_PER_RUN,
  VALUES_HANDLER,
  continueCustomerValues,
  customerValuesAfterPurchases,
  nightlyCustomerValues,
  recomputeCustomerValues,
  recomputeCustomerValuesNow,
  setUpCustomerValues,
} from './values';
export type { RecomputeResult } from './values';
export { valuesComputedDay } from './values-state';
export { salesPerformance } from './performance';
export type { PerformanceResult } from './performance';
