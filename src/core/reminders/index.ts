/**
 * Reminders core: what is due (due.ts), one digest per recipient (digest.ts), rendering
 * (render.ts), the reminderLog ledger (ledger.ts) and the run plan the trigger handler follows
 * (plan.ts, whose header shows the whole shell loop).
 */
export { planRun, settleRun } from './plan';
export type { PlanInput, PlannedDigest, RunPlan, SendResult, SendStatus, Settlement } from './plan';
export { reminderConfig } from './config';
export type { ReminderConfig } from './config';
export { computeDue, isSkippedStatus, peopleByEmail } from './due';
export type { DueInput, DueResult } from './due';
export { buildDigests, ITEMS_PER_SECTION, sortItems, teamsOf } from './digest';
export {
  DIGEST_RULE,
  MAX_RETRIES,
  LEDGER_ARCHIVE_THRESHOLD,
  planLedgerArchive,
  readLedger,
  statusOf,
  owedDays,
  gaveUpSends,
} from './ledger';
export type { LedgerArchivePlan, LedgerRow, LedgerState, LedgerStatus, KeyStatus } from './ledger';
export { escapeHtml } from '../shared';
export { BAD_ROWS_SHOWN, reasonText, renderDigest, rowLink } from './render';
export type { RenderedMessage, RowLinks } from './render';
export * from './types';
export {
  customerRowsOf,
  followUpDay,
  planMarkContacted,
  planSnooze,
  rowsNotOwned,
  SNOOZE_DAYS,
} from './actions';
export type { ContactedChange, SnoozeChange } from './actions';
export { dayReader, monthDayOf, nextAnnual, yearOf } from './days';
export {
  SENT_RECORD_KEEP_DAYS,
  SENT_RECORD_PREFIX,
  readSentRecord,
  recordSends,
  sentRecordRows,
} from './sent-record';
export type { SentRecordWrite } from './sent-record';
export { OPPORTUNITY_COLUMNS, salesDue, thresholdDay } from './sales';
export type { SalesDueInput } from './sales';
