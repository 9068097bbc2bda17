/**
 * What other features do after the add-on writes customer rows (the form, import, merge,
 * hand-over): for example, protect new rows for their owner at once instead of waiting for the
 * hourly reconcile. Each hook reads what it needs itself and must be cheap for a few rows.
 */
import type { Execution } from '../session';
// Permissions: new rows are protected for their owner at once.
import { protectCustomerRows } from '../permissions';

export type CustomerRowsHook = (ex: Execution, rows: number[]) => void;

export const AFTER_CUSTOMER_ROWS_WRITTEN: CustomerRowsHook[] = [
  protectCustomerRows, // permissions
];

export function customerRowsWritten(ex: Execution, rows: number[]): void {
  for (const hook of AFTER_CUSTOMER_ROWS_WRITTEN) hook(ex, rows);
}
