/**
 * Per-customer value over the last 12 months (revenue12m, orders12m), kept on the Customers sheet
 * next to the all-time value columns so the default tiering (12 months, revenue or orders) can read
 * one cell per customer instead of every purchase row.
 *
 * Definitions are tiering's (core/tiering `sumPurchases`), so both sources give the same tiers:
 * the window is `lastMonthsWindow(today, 12)` in the spreadsheet's time zone; revenue12m = sum of
 * amounts, a return (type 'return') subtracting its absolute amount; orders12m = distinct orderIds
 * of the customer's non-return rows. Rows with no valid date are skipped; for revenue a row also
 * needs a numeric amount, for orders a non-blank orderId.
 */
import { CellValue, isReturn, SheetRow } from '../schema';
import { cellText, dayReader, isBlankDay, lastMonthsWindow } from '../shared';
import { parseNumber } from '../workbook';

/** The trailing window the columns hold, in months: tiering's default window. */
export const VALUE_WINDOW_MONTHS = 12;
export const WINDOW_VALUE_COLUMNS = ['revenue12m', 'orders12m'] as const;
export type WindowValueColumn = (typeof WINDOW_VALUE_COLUMNS)[number];

export interface WindowValue {
  revenue12m: number;
  orders12m: number;
}

/** Revenue rounded like tiering's (1e-6), so cents summed in binary tie as they do there. */
const tidy = (x: number) => (Math.abs(x) < 1e9 ? Math.round(x * 1e6) / 1e6 : x);

/** A day-number test for "in the last 12 months up to and including today". */
function inWindow(today: number): (day: number) => boolean {
  const from = lastMonthsWindow(today, VALUE_WINDOW_MONTHS).from ?? -Infinity;
  return (day) => !isBlankDay(day) && !Number.isNaN(day) && day >= from && day <= today;
}

/** Adds one purchase row to running sums; `orders` holds the order ids already counted. */
function addRow(
  sums: { revenue: number; orders: number },
  orders: Set<string>,
  v: Record<string, CellValue>,
): void {
  const amount = parseNumber(v.amount);
  if (amount !== null) sums.revenue += isReturn(v.type) ? -Math.abs(amount) : amount;
  if (isReturn(v.type)) return;
  const order = cellText(v.orderId).trim();
  if (order && !orders.has(order)) {
    orders.add(order);
    sums.orders++;
  }
}

/** Every customer's 12-month value from all purchase rows, by customer id (upper case). */
export function customerWindowValues(
  purchases: readonly SheetRow[],
  timeZone: string,
  today: number,
): Map<string, WindowValue> {
  const readDay = dayReader(timeZone);
  const counts = inWindow(today);
  const sums = new Map<string, { revenue: number; orders: number; ids: Set<string> }>();
  for (const p of purchases) {
    const v = p.values;
    const id = cellText(v.customerId).trim().toUpperCase();
    if (!id || !counts(readDay(v.date))) continue;
    let s = sums.get(id);
    if (!s) sums.set(id, (s = { revenue: 0, orders: 0, ids: new Set() }));
    addRow(s, s.ids, v);
  }
  const out = new Map<string, WindowValue>();
  for (const [id, s] of sums) out.set(id, { revenue12m: tidy(s.revenue), orders12m: s.orders });
  return out;
}

/**
 * The 12-month value after adding new purchase rows to what the sheet holds. As for the all-time
 * orders, an order id counts as new unless an earlier row of the batch had it; the nightly
 * recompute counts exactly (and drops what left the window).
 */
export function addWindowPurchases(
  current: { revenue12m: CellValue; orders12m: CellValue },
  added: readonly SheetRow[],
  timeZone: string,
  today: number,
): WindowValue {
  const readDay = dayReader(timeZone);
  const counts = inWindow(today);
  const sums = { revenue: parseNumber(current.revenue12m) ?? 0, orders: parseNumber(current.orders12m) ?? 0 };
  const seen = new Set<string>();
  for (const p of added) if (counts(readDay(p.values.date))) addRow(sums, seen, p.values);
  return { revenue12m: tidy(sums.revenue), orders12m: sums.orders };
}

/**
 * Whether tiering may read the 12-month columns instead of purchases: the options' window is
 * theirs, the metric one they hold, and they were computed today or yesterday (day numbers in the
 * spreadsheet's time zone; null = never computed).
 */
export function windowValuesServe(
  options: { windowMonths: number; metric: string },
  computedDay: number | null,
  today: number,
): WindowValueColumn | null {
  if (options.windowMonths !== VALUE_WINDOW_MONTHS || computedDay === null) return null;
  if (computedDay !== today && computedDay !== today - 1) return null;
  return options.metric === 'revenue' ? 'revenue12m' : options.metric === 'orders' ? 'orders12m' : null;
}
