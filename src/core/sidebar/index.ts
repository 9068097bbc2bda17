/**
 * The customer sidebar: a customer's history newest first, search, and the follow-up, purchase and
 * feedback records it writes, planned and validated from plain data.
 */
export {
  HISTORY_DATE_COLUMN,
  SEARCH_LIMIT,
  cellDisplay,
  historyOf,
  newestFirst,
  searchCustomers,
} from './history';
export type { CustomerHit, HistoryEntry, HistoryKind } from './history';
export { toIsoInstant } from './cells';
export { mayActOn, nextOrderId, planFeedback, planFollowUpLog, planPurchase } from './records';
export type { FollowUpPlan, Planned, SidebarAct } from './records';
