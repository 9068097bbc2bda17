/**
 * Benchmark support for scripts/bench.mjs: deterministic workbook-sized data for tiering and one
 * timed run of the core computation (data generation is not timed). Pure: no I/O, no globals
 * beyond Date and Math.
 */
import { dayNumberOf, dayNumberToDate } from './dates';
import { CellValue, formatCustomerId, SheetRow } from './schema';
import { computeTiers, TierInput } from './tiering';
import { tierOptionsFromSettings } from './tiering-options';

/** mulberry32: a small seeded generator, so every run tiers the same workbook. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `customers` customers and `purchases` purchase rows over the last three years, skewed so a few
 * customers buy most (as in real books), with date cells as Dates at midnight in the time zone
 * (as getValues returns them), orders of 1-3 rows, a few owners and regions.
 */
export function tieringBenchInput(
  customers = 100_000,
  purchases = 1_000_000,
  seed = 1,
  now = Date.UTC(2025, 5, 15, 4),
  timeZone = 'Asia/Shanghai',
): TierInput {
  const rnd = random(seed);
  const today = dayNumberOf(now, timeZone);
  const dayMs = Array.from({ length: 1096 }, (_, i) => dayNumberToDate(today - i, timeZone).getTime());
  const regions = ['North', 'South', 'East', 'West', 'Central'];
  const customerRows: SheetRow[] = [];
  for (let i = 0; i < customers; i++) {
    customerRows.push({
      row: i + 2,
      values: {
        id: formatCustomerId(i + 1),
        owner: i % 50 === 0 ? '' : `rep${i % 40}@example.com`,
        region: regions[i % regions.length],
        tier: ['A', 'B', 'C', ''][i % 4],
        tierLocked: i % 97 === 0,
      },
    });
  }
  const purchaseRows: SheetRow[] = [];
  let order = 0;
  let orderRowsLeft = 0;
  let customerId = '';
  let date: CellValue = '';
  for (let i = 0; i < purchases; i++) {
    if (orderRowsLeft === 0) {
      order++;
      orderRowsLeft = 1 + Math.floor(rnd() * 3);
      customerId = formatCustomerId(1 + Math.floor(customers * rnd() ** 3));
      date = new Date(dayMs[Math.floor(rnd() * dayMs.length)]);
    }
    orderRowsLeft--;
    purchaseRows.push({
      row: i + 2,
      values: {
        orderId: `O${order}`,
        date: new Date((date as Date).getTime()),
        customerId,
        product: 'P',
        quantity: 1,
        amount: Math.round(rnd() * 100000) / 100,
      },
    });
  }
  return {
    customers: customerRows,
    purchases: purchaseRows,
    options: tierOptionsFromSettings({}),
    now,
    timeZone,
    locale: 'en',
  };
}

/** Times computeTiers on the input (defaults: settings defaults) and returns milliseconds and counts. */
export function runTieringBenchmark(input: TierInput = tieringBenchInput()): {
  ms: number;
  customers: number;
  purchases: number;
  counts: Record<string, number>;
} {
  const started = Date.now();
  const result = computeTiers(input);
  const ms = Date.now() - started;
  return {
    ms,
    customers: input.customers.length,
    purchases: input.purchases.length,
    counts: {
      A: result.tiers.A.count,
      B: result.tiers.B.count,
      C: result.tiers.C.count,
      changes: result.changes.length,
    },
  };
}
