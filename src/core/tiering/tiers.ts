/**
 * ABC tiering, pure: customers and purchases rows in, every customer's tier out, plus what the
 * sidebar preview, the CLI and the apply step need (aggregates, changes, Pareto data, warnings).
 *
 * Rules:
 * - value = revenue (sum of purchases.amount) or orders (distinct order ids per customer) over
 *   the window of `tierWindow` (calendar days in the spreadsheet's time zone);
 * - value <= 0 is C and unranked; the rest rank by value desc, ties by id asc (code-unit order);
 * - cumulative: with total = sum of positive values and prior = value ranked before, A if
 *   prior/total < a, else B if < b, else C (a share exactly at a cut-off is the lower tier);
 * - rank: A if rank <= ceil(n * rankA), else B if rank <= ceil(n * (rankA + rankB)), else C;
 * - absolute: A if value >= absoluteA, else B if value >= absoluteB, else C;
 * - groupBy owner/region: the same computation separately within each group (customers with a
 *   blank owner/region form one group of their own);
 * - tierLocked customers keep their tier cell but still count in totals and ranks.
 *
 * Data problems never throw: bad purchase rows are skipped and reported in `warnings`, customer
 * rows with no id are ignored, a repeated id counts only its first row. Only invalid options
 * throw (a localized UserError).
 *
 * Usage (shell): `const result = computeTiers({ customers, purchases, options, now, timeZone,
 * locale })`, then `tierPreview(result, page, pageSize)` for the sidebar, `result.changes` for
 * apply (write `newTier` at `row`, one tierHistory row each), `tierWarningMessages` for the CLI.
 */
import { Locale } from '../../i18n';
import { cellToBoolean, normalizeEmail } from '../roles';
import { SheetRow } from '../schema';
import { CustomerIndex } from './lookup';
import { paretoChart, ParetoChart, DEFAULT_PARETO_POINTS } from './pareto';
import { TierGroupBy, TierMethod, TierMetric, TierOptions, validateTierOptions } from './options';
import { Tier, tierRanking } from './rules';
import { cellText, PurchaseTotals, Sampler, sumPurchases, tidy, WarningSample } from './values';
import { parseNumber } from '../workbook';
import { TierWindow, tierWindow, windowClassifier } from './window';

export { TIERS } from './rules';
export type { Tier } from './rules';
export type { WarningSample } from './values';

export type ValidTierOptions = TierOptions & { method: TierMethod; metric: TierMetric; groupBy: TierGroupBy };

export interface TierInput {
  /** customers sheet rows (needs id, tier, tierLocked, owner, region) */
  customers: SheetRow[];
  /** purchases sheet rows (needs customerId, date, and amount or orderId per metric) */
  purchases: SheetRow[];
  /**
   * Read each customer's value from this customers column instead of summing purchases (the
   * 12-month value columns core/sales keeps; the shell checks they fit the options and are fresh).
   * The purchase-row warnings are then not computed.
   */
  valueColumn?: 'revenue12m' | 'orders12m';
  options: TierOptions;
  /** the clock: "today" is its calendar day in timeZone */
  now: Date | number;
  /** the spreadsheet's IANA time zone */
  timeZone: string;
  /** language of validation errors */
  locale: Locale;
  /** how many ids / row numbers each warning lists (default 5) */
  sampleSize?: number;
  /** Pareto points at most (default 200) */
  maxParetoPoints?: number;
}

export interface TierCustomer {
  id: string;
  /** the customers sheet's row number */
  row: number;
  /** the tier cell as found: A/B/C upper-cased, other text trimmed, '' when blank */
  oldTier: string;
  /** what the rules give */
  computedTier: Tier;
  /** what apply writes: computedTier, or oldTier when locked */
  newTier: string;
  value: number;
  /** 1-based rank within the group among positive values; null when value <= 0 */
  rank: number | null;
  locked: boolean;
  /** the group key (normalized owner e-mail or region); '' when not grouped */
  group: string;
}

export interface TierChange {
  id: string;
  row: number;
  oldTier: string;
  newTier: Tier;
  value: number;
  rank: number | null;
  group: string;
}

export interface TierAggregate {
  count: number;
  /** sum of the positive values of the tier's customers (value <= 0 adds nothing) */
  value: number;
  /** value / total positive value of all customers (0 when that total is 0) */
  share: number;
}

export interface TierWarnings {
  /** customers with a blank owner (ids) */
  noOwner: WarningSample<string>;
  /** customers that no purchase row refers to at all (ids) */
  noPurchases: WarningSample<string>;
  /** customers with purchase rows but none counted in the window (ids) */
  noPurchasesInWindow: WarningSample<string>;
  /** ids on more than one customer row: only the first row is tiered (ids) */
  duplicateIds: WarningSample<string>;
  /** purchase rows skipped (row numbers): unreadable date */
  invalidDates: WarningSample<number>;
  /** revenue metric: amount blank or not a number */
  invalidAmounts: WarningSample<number>;
  /** orders metric: blank order id */
  missingOrderIds: WarningSample<number>;
  /** customerId blank or not on the customers sheet */
  unknownCustomers: WarningSample<number>;
}

export interface TierResult {
  options: ValidTierOptions;
  /** where the values came from: every purchase row, or a customers value column */
  source: 'purchases' | 'revenue12m' | 'orders12m';
  window: TierWindow;
  /** every customer with an id, in sheet order */
  customers: TierCustomer[];
  totals: {
    customers: number;
    /** customers with a positive value */
    ranked: number;
    /** sum of positive values */
    value: number;
    /** purchase rows that counted */
    purchasesCounted: number;
  };
  /** by newTier; `other` holds locked customers whose tier cell is not A/B/C */
  tiers: Record<Tier | 'other', TierAggregate>;
  /** customers whose tier apply would change, in ranking order (value desc, id asc) */
  changes: TierChange[];
  pareto: ParetoChart;
  warnings: TierWarnings;
}

function normalizeTier(v: unknown): string {
  const text = cellText(v);
  const upper = text.toUpperCase();
  return upper === 'A' || upper === 'B' || upper === 'C' ? upper : text;
}

/** One slot per distinct non-blank id, in sheet order; later rows with a seen id are reported. */
function collectCustomers(customerRows: readonly SheetRow[], duplicateIds: Sampler<string>) {
  const ids: string[] = [];
  const rows: SheetRow[] = [];
  const slots = new Map<string, number>();
  for (const r of customerRows) {
    const id = cellText(r.values.id);
    if (id === '') continue;
    if (slots.has(id)) {
      duplicateIds.add(id);
      continue;
    }
    slots.set(id, ids.length);
    ids.push(id);
    rows.push(r);
  }
  return { ids, rows, slots };
}

/**
 * Ranks and tiers: one global order (value desc, id asc) of every slot; each group is a stable
 * partition of its positive prefix, so groups come out sorted without sorting again.
 */
function rankAndTier(
  values: number[],
  ids: string[],
  groupOf: (slot: number) => string,
  options: TierOptions,
) {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => values[j] - values[i] || (ids[i] < ids[j] ? -1 : ids[i] > ids[j] ? 1 : 0),
  );
  const groups = new Map<string, number[]>();
  for (const i of order) {
    if (values[i] <= 0) break;
    const g = groupOf(i);
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  }
  const computed: Tier[] = new Array(n).fill('C');
  const rank: (number | null)[] = new Array(n).fill(null);
  for (const members of groups.values()) {
    const tiers = tierRanking(
      members.map((i) => values[i]),
      options,
    );
    members.forEach((i, k) => {
      computed[i] = tiers[k];
      rank[i] = k + 1;
    });
  }
  return { order, computed, rank };
}

/**
 * The values a customers value column holds (blank or non-numeric: 0), in the shape of the
 * purchase pass. Every customer counts as having purchases: the per-row checks need the rows.
 */
function columnTotals(rows: readonly SheetRow[], column: string, byRevenue: boolean): PurchaseTotals {
  const n = rows.length;
  const values: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = parseNumber(rows[i].values[column]);
    values[i] = x === null ? 0 : byRevenue ? tidy(x) : x;
  }
  const none = { count: 0, first: [] };
  return {
    values,
    anyRow: new Uint8Array(n).fill(1),
    counted: new Uint8Array(n).fill(1),
    purchasesCounted: 0,
    invalidDates: none,
    invalidAmounts: none,
    missingOrderIds: none,
    unknownCustomers: none,
  };
}

/** Validates the options (throws a localized UserError) and tiers every customer. */
export function computeTiers(input: TierInput): TierResult {
  const options = validateTierOptions(input.options, input.locale);
  const sampleSize = input.sampleSize ?? 5;
  const sampler = <T>() => new Sampler<T>(sampleSize);
  const window = tierWindow(input.now, input.timeZone, options.windowMonths);
  const byRevenue = options.metric === 'revenue';

  const duplicateIds = sampler<string>();
  const { ids, rows, slots } = collectCustomers(input.customers, duplicateIds);
  const n = ids.length;
  const purchases = input.valueColumn
    ? columnTotals(rows, input.valueColumn, byRevenue)
    : sumPurchases(
        input.purchases,
        new CustomerIndex(slots),
        n,
        options.metric,
        windowClassifier(window, input.timeZone),
        sampleSize,
      );
  const values = purchases.values;
  const groupOf = (i: number): string =>
    options.groupBy === 'owner'
      ? normalizeEmail(rows[i].values.owner)
      : options.groupBy === 'region'
        ? cellText(rows[i].values.region)
        : '';
  const { order, computed, rank } = rankAndTier(values, ids, groupOf, options);

  // Per customer, in sheet order, with warnings and aggregates.
  const noOwner = sampler<string>();
  const noPurchases = sampler<string>();
  const noPurchasesInWindow = sampler<string>();
  const customers: TierCustomer[] = new Array(n);
  const tierValue = { A: 0, B: 0, C: 0, other: 0 };
  const tierCount = { A: 0, B: 0, C: 0, other: 0 };
  let total = 0;
  let ranked = 0;
  for (let i = 0; i < n; i++) {
    const cells = rows[i].values;
    const oldTier = normalizeTier(cells.tier);
    const locked = cellToBoolean(cells.tierLocked, false);
    const newTier = locked ? oldTier : computed[i];
    customers[i] = {
      id: ids[i],
      row: rows[i].row,
      oldTier,
      computedTier: computed[i],
      newTier,
      value: values[i],
      rank: rank[i],
      locked,
      group: groupOf(i),
    };
    const bucket = newTier === 'A' || newTier === 'B' || newTier === 'C' ? newTier : 'other';
    tierCount[bucket]++;
    if (values[i] > 0) {
      tierValue[bucket] += values[i];
      total += values[i];
      ranked++;
    }
    if (cellText(cells.owner) === '') noOwner.add(ids[i]);
    if (!purchases.anyRow[i]) noPurchases.add(ids[i]);
    else if (!purchases.counted[i]) noPurchasesInWindow.add(ids[i]);
  }
  const aggregate = (k: Tier | 'other'): TierAggregate => ({
    count: tierCount[k],
    value: byRevenue ? tidy(tierValue[k]) : tierValue[k],
    share: total > 0 ? tierValue[k] / total : 0,
  });

  const changes: TierChange[] = [];
  for (const i of order) {
    const c = customers[i];
    if (c.locked || c.newTier === c.oldTier) continue;
    const { id, row, oldTier, computedTier: newTier, value, group } = c;
    changes.push({ id, row, oldTier, newTier, value, rank: c.rank, group });
  }

  // The ranked values are the positive prefix of the global order.
  const rankedValues = new Float64Array(ranked);
  const computedCount = { A: 0, B: 0, C: 0 };
  for (let k = 0; k < ranked; k++) {
    rankedValues[k] = values[order[k]];
    computedCount[computed[order[k]]]++;
  }
  const pareto = paretoChart(
    rankedValues,
    computedCount.A,
    computedCount.B,
    options.groupBy !== '',
    input.maxParetoPoints ?? DEFAULT_PARETO_POINTS,
  );

  return {
    options,
    source: input.valueColumn ?? 'purchases',
    window,
    customers,
    totals: {
      customers: n,
      ranked,
      value: byRevenue ? tidy(total) : total,
      purchasesCounted: purchases.purchasesCounted,
    },
    tiers: { A: aggregate('A'), B: aggregate('B'), C: aggregate('C'), other: aggregate('other') },
    changes,
    pareto,
    warnings: {
      noOwner: noOwner.done(),
      noPurchases: noPurchases.done(),
      noPurchasesInWindow: noPurchasesInWindow.done(),
      duplicateIds: duplicateIds.done(),
      invalidDates: purchases.invalidDates,
      invalidAmounts: purchases.invalidAmounts,
      missingOrderIds: purchases.missingOrderIds,
      unknownCustomers: purchases.unknownCustomers,
    },
  };
}
