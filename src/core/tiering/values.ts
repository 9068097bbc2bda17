/**
 * The purchase pass of tiering: each customer's value (revenue or distinct orders) over the
 * window, in one loop over up to a million rows with no allocation per row on the common path.
 */
import { CellValue, isReturn, SheetRow } from '../schema';
import { CustomerIndex, DistinctOrders } from './lookup';
import { TierMetric } from './options';
import { DayClass, IN_WINDOW, INVALID_DATE } from './window';

export interface WarningSample<T> {
  count: number;
  /** the first few, in sheet order */
  first: T[];
}

/** Counts everything, keeps the first few. */
export class Sampler<T> {
  private count = 0;
  private readonly first: T[] = [];
  constructor(private readonly size: number) {}
  add(x: T): void {
    if (this.count++ < this.size) this.first.push(x);
  }
  done(): WarningSample<T> {
    return { count: this.count, first: this.first };
  }
}

export const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

/** A cell as trimmed text ('' for blank). */
export function cellText(v: unknown): string {
  return isBlank(v) ? '' : String(v).trim();
}

/** An amount cell: a finite number, or text that is a plain number ("1,200.50"); NaN otherwise. */
function amountOf(v: CellValue): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || v.trim() === '') return NaN;
  const x = Number(v.replace(/,/g, ''));
  return Number.isFinite(x) ? x : NaN;
}

/** Revenue rounded to 1e-6 so cents summed in binary tie when they should (0.1 + 0.2 = 0.3). */
export function tidy(x: number): number {
  return Math.abs(x) < 1e9 ? Math.round(x * 1e6) / 1e6 : x;
}

export interface PurchaseTotals {
  /** value per customer slot */
  values: number[];
  /** 1 where some purchase row names the customer (any date, valid or not) */
  anyRow: Uint8Array;
  /** 1 where some purchase row counted */
  counted: Uint8Array;
  purchasesCounted: number;
  /** row numbers of skipped rows */
  invalidDates: WarningSample<number>;
  invalidAmounts: WarningSample<number>;
  missingOrderIds: WarningSample<number>;
  unknownCustomers: WarningSample<number>;
}

/**
 * Sums purchases per customer slot. Returns (type 'return') subtract their amount and are no
 * order. A row counts when its customer is known and its date is in
 * the window; revenue also needs a numeric amount (orderId unused), orders a non-blank orderId
 * (amount unused). Wholly blank rows are ignored silently; other skipped rows are reported.
 */
export function sumPurchases(
  purchases: readonly SheetRow[],
  index: CustomerIndex,
  customerCount: number,
  metric: TierMetric,
  classify: (cell: CellValue) => DayClass,
  sampleSize: number,
): PurchaseTotals {
  const raw = new Float64Array(customerCount);
  const anyRow = new Uint8Array(customerCount);
  const counted = new Uint8Array(customerCount);
  const invalidDates = new Sampler<number>(sampleSize);
  const invalidAmounts = new Sampler<number>(sampleSize);
  const missingOrderIds = new Sampler<number>(sampleSize);
  const unknownCustomers = new Sampler<number>(sampleSize);
  const byRevenue = metric === 'revenue';
  const orders = new DistinctOrders();
  let purchasesCounted = 0;
  for (const p of purchases) {
    const v = p.values;
    const slot = index.slotOf(v.customerId);
    if (slot === undefined) {
      if (!(isBlank(v.customerId) && isBlank(v.date) && isBlank(v.amount) && isBlank(v.orderId)))
        unknownCustomers.add(p.row);
      continue;
    }
    anyRow[slot] = 1;
    const dayClass = classify(v.date);
    if (dayClass !== IN_WINDOW) {
      if (dayClass === INVALID_DATE) invalidDates.add(p.row);
      continue;
    }
    if (byRevenue) {
      const amount = amountOf(v.amount);
      if (Number.isNaN(amount)) {
        invalidAmounts.add(p.row);
        continue;
      }
      // A return nets against the customer's revenue, whatever sign it was typed with.
      raw[slot] += isReturn(v.type) ? -Math.abs(amount) : amount;
    } else if (isReturn(v.type)) {
      continue;
    } else {
      const order = cellText(v.orderId);
      if (order === '') {
        missingOrderIds.add(p.row);
        continue;
      }
      if (orders.isNew(order, slot)) raw[slot]++;
    }
    counted[slot] = 1;
    purchasesCounted++;
  }
  const values: number[] = new Array(customerCount);
  for (let i = 0; i < customerCount; i++) values[i] = byRevenue ? tidy(raw[i]) : raw[i];
  return {
    values,
    anyRow,
    counted,
    purchasesCounted,
    invalidDates: invalidDates.done(),
    invalidAmounts: invalidAmounts.done(),
    missingOrderIds: missingOrderIds.done(),
    unknownCustomers: unknownCustomers.done(),
  };
}
