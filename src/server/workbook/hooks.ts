/**
 * What other features do after the add-on writes customer rows (the form, import, merge,
 * hand-over) and purchase rows. Each hook reads what it needs itself and must be cheap for a few rows.
 * No customer-row hook today: protections no longer depend on rows (core/permissions plan.ts).
 */
import type { Execution } from '../session';
// Sales: per-customer value follows new purchases.
import { customerValuesAfterPurchases } from '../sales';

export type CustomerRowsHook = (ex: Execution, rows: number[]) => void;

export const AFTER_CUSTOMER_ROWS_WRITTEN: CustomerRowsHook[] = [];

export function customerRowsWritten(ex: Execution, rows: number[]): void {
  for (const hook of AFTER_CUSTOMER_ROWS_WRITTEN) hook(ex, rows);
}

/** Purchase rows the add-on appended, as records by column key (customerId, date, amount, orderId ...). */
export type PurchaseRowsHook = (ex: Execution, records: Array<Record<string, unknown>>) => void;

export const AFTER_PURCHASE_ROWS_WRITTEN: PurchaseRowsHook[] = [
  customerValuesAfterPurchases, // sales: per-customer value
];

/** Call after appending purchase rows (import, the sidebar's purchase), under the document lock. */
export function purchaseRowsWritten(ex: Execution, records: Array<Record<string, unknown>>): void {
  for (const hook of AFTER_PURCHASE_ROWS_WRITTEN) hook(ex, records);
}
