/**
 * What other features do after the add-on writes customer rows (the form, import, merge,
 * hand-over). Each hook reads what it needs itself and must be cheap for a few rows. None today:
 * protections no longer depend on rows (core/permissions plan.ts), so new rows need no protecting.
 */
import type { Execution } from '../session';

export type CustomerRowsHook = (ex: Execution, rows: number[]) => void;

export const AFTER_CUSTOMER_ROWS_WRITTEN: CustomerRowsHook[] = [];

export function customerRowsWritten(ex: Execution, rows: number[]): void {
  for (const hook of AFTER_CUSTOMER_ROWS_WRITTEN) hook(ex, rows);
}
