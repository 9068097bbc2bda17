/**
 * Per-customer value on the Customers sheet (revenue, orders, avgOrder, lastPurchase), from every
 * purchase row, all time: the nightly job recomputes it whole; after purchases are added (form,
 * import, a won opportunity) the shell adds the new rows to what the sheet holds (`addPurchases`).
 *
 * Definitions: revenue = sum of amounts (returns are negative rows); orders = distinct orderIds of
 * the customer (an order may span rows); avgOrder = revenue / orders (blank without orders);
 * lastPurchase = the latest purchase day. Rows with an unknown customer, no valid date or a
 * non-numeric amount are skipped (the data-quality audit reports them).
 */
import { CellValue, SheetRow } from '../schema';
import { cellText, dayReader, isBlankDay } from '../shared';
import { parseNumber } from '../workbook';

export const VALUE_COLUMNS = ['revenue', 'orders', 'avgOrder', 'lastPurchase'] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

export interface CustomerValue {
  revenue: number;
  orders: number;
  /** null without orders */
  avgOrder: number | null;
  /** day number, null without a dated purchase */
  lastPurchase: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function finish(revenue: number, orders: number, last: number | null): CustomerValue {
  const r = round2(revenue);
  return { revenue: r, orders, avgOrder: orders > 0 ? round2(r / orders) : null, lastPurchase: last };
}

/** Every customer's value from all purchase rows, by customer id (upper case). */
export function customerValues(purchases: readonly SheetRow[], timeZone: string): Map<string, CustomerValue> {
  const readDay = dayReader(timeZone);
  const revenue = new Map<string, number>();
  const orders = new Map<string, Set<string>>();
  const last = new Map<string, number>();
  for (const p of purchases) {
    const v = p.values;
    const id = cellText(v.customerId).trim().toUpperCase();
    if (!id) continue;
    const day = readDay(v.date);
    const amount = parseNumber(v.amount);
    if (isBlankDay(day) || Number.isNaN(day) || amount === null) continue;
    revenue.set(id, (revenue.get(id) ?? 0) + amount);
    const order = cellText(v.orderId).trim();
    if (order) {
      let set = orders.get(id);
      if (!set) orders.set(id, (set = new Set()));
      set.add(order);
    }
    if (!(day <= (last.get(id) ?? -Infinity))) last.set(id, day);
  }
  const out = new Map<string, CustomerValue>();
  for (const [id, r] of revenue) out.set(id, finish(r, orders.get(id)?.size ?? 0, last.get(id) ?? null));
  return out;
}

/**
 * The value after adding new purchase rows to what the sheet holds now. An order id counts as new
 * unless an earlier row of the same batch had it: a row added to an order recorded before is
 * counted again until the nightly recompute, which counts distinct orders exactly.
 */
export function addPurchases(
  current: { revenue: CellValue; orders: CellValue; lastPurchase: CellValue },
  added: readonly SheetRow[],
  timeZone: string,
): CustomerValue {
  const readDay = dayReader(timeZone);
  let revenue = parseNumber(current.revenue) ?? 0;
  let orders = parseNumber(current.orders) ?? 0;
  const lastDay = readDay(current.lastPurchase);
  let last: number | null = isBlankDay(lastDay) || Number.isNaN(lastDay) ? null : lastDay;
  const seen = new Set<string>();
  for (const p of added) {
    const day = readDay(p.values.date);
    const amount = parseNumber(p.values.amount);
    if (isBlankDay(day) || Number.isNaN(day) || amount === null) continue;
    revenue += amount;
    const order = cellText(p.values.orderId).trim();
    if (order && !seen.has(order)) {
      seen.add(order);
      orders++;
    }
    if (last === null || day > last) last = day;
  }
  return finish(revenue, orders, last);
}
