/**
 * Dashboard KPIs, computed in one pass over each sheet from rows as getValues returns
 * them. The shell reads customers, purchases and feedback once, calls `computeKpis`, then writes
 * `dashboardBlocks` (dashboard.ts); account managers get the same figures for their own
 * customers (`owner`) in a dialog instead of the shared sheet.
 *
 * Choices, so the figures can be explained to a user:
 * - Window: "the last 12 months", the same window tiering counts (core/shared `lastMonthsWindow`,
 *   days.ts). Revenue, orders and new customers count inside it; future dates do not.
 * - Scope: every customer row with an id, or only those whose owner is `owner`. Purchases and
 *   feedback count through their customer, so rows for unknown ids are skipped (and counted).
 * - Revenue per tier uses each customer's current tier (blank tier is its own row).
 * - Archived customers (status key 'archived', in any locale's label) count in every "customers by" breakdown and
 *   their purchases count as revenue, but they are never overdue or at risk: nobody follows them up.
 * - Orders: an order is an orderId (it may span rows); the window holds an order when any of its
 *   rows is in it. Average order value = revenue / distinct orders; orders per buying customer =
 *   customer-orders / customers with an order; repeat rate = customers with >= 2 orders /
 *   customers with >= 1; purchase share = customers with >= 1 order / customers in scope.
 * - Returns (purchase type 'return') are negative amounts netted into revenue (a positive amount on
 *   a return row counts as negative too) and are not orders. Return rate = returned value / sold
 *   value in the window (退货率).
 * - Satisfaction: mean of feedback ratings that are whole numbers 1-5 (all time); blank ratings
 *   are fine, others are skipped and counted. Open feedback: resolved is blank or false.
 * - Overdue: the one definition the digest and per-rep performance use (core/tiering
 *   `followUpDueDay`): the scheduled nextFollowUp, else last contact + the tier's cadence, else
 *   (never contacted) created + cadence, before today; inactive customers are not followed up. At risk: last contact more than `atRiskDays` days ago, or
 *   never contacted and created more than that ago; an invalid date means "unknown", never at risk.
 * - Invalid cells are skipped and counted per `sheet.column` in `skipped`; a purchase row with any
 *   invalid cell is skipped whole. Money figures are rounded to cents; rates are fractions 0-1.
 */
import { normalizeEmail, cellToBoolean } from '../roles';
import { isReturn, listKeyOf, SheetRow, numberSetting, SettingsMap } from '../schema';
import { dayNumberToIso, dayReader, isBlankDay } from '../shared';
import { isSkippedStatus } from '../reminders';
import { CadenceDays, DEFAULT_CADENCE, followUpDueDay, isOverdue } from '../tiering';
import { monthIndex, monthWindow } from './days';

export const DEFAULT_AT_RISK_DAYS = 90;

export interface KpiInput {
  /** today's day number in `timeZone` (core/shared/dates.ts) */
  today: number;
  timeZone: string;
  customers: SheetRow[];
  purchases?: SheetRow[];
  feedback?: SheetRow[];
  /** only this owner's customers (account managers' own figures); blank or null = everyone */
  owner?: string | null;
  atRiskDays?: number;
  /** follow-up cadence per tier (settings cadence.A/B/C), for customers without a scheduled day */
  cadence?: CadenceDays;
}

export interface CountEntry {
  key: string;
  count: number;
}
export interface AmountEntry {
  key: string;
  amount: number;
}
export interface MonthEntry {
  /** YYYY-MM */
  month: string;
  value: number;
}

export interface Kpis {
  today: string;
  timeZone: string;
  owner: string | null;
  atRiskDays: number;
  window: { from: string; to: string; months: string[] };
  customers: {
    total: number;
    archived: number;
    byTier: CountEntry[];
    byStatus: CountEntry[];
    byIndustry: CountEntry[];
    byRegion: CountEntry[];
    byOwner: CountEntry[];
  };
  revenue: { total: number; byTier: AmountEntry[]; byMonth: MonthEntry[] };
  /** returns in the window: their value (positive) and its share of the value sold */
  returns: { amount: number; rate: number | null };
  orders: {
    count: number;
    averageValue: number | null;
    perBuyer: number | null;
    buyers: number;
    repeatBuyers: number;
    repeatRate: number | null;
    purchaseShare: number | null;
  };
  feedback: { ratings: number; averageRating: number | null; open: number };
  followUps: { overdue: number; overdueByOwner: CountEntry[] };
  atRisk: { count: number; byOwner: CountEntry[] };
  newCustomers: { total: number; byMonth: MonthEntry[] };
  skipped: { total: number; byCell: Record<string, number> };
}

/** report.atRiskDays from settings, falling back to 90 when it is not a positive whole number. */
export function atRiskDaysSetting(settings: SettingsMap): number {
  const n = numberSetting(settings, 'report.atRiskDays');
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_AT_RISK_DAYS;
}

const OUT_OF_SCOPE = -1;

export function computeKpis(input: KpiInput): Kpis {
  const { today, timeZone } = input;
  const readDay = dayReader(timeZone);
  const window = monthWindow(today);
  const atRiskDays = input.atRiskDays ?? DEFAULT_AT_RISK_DAYS;
  const cadence = input.cadence ?? DEFAULT_CADENCE;
  const owner = normalizeEmail(input.owner) || null;

  const skipped: Record<string, number> = {};
  const skip = (cell: string) => {
    skipped[cell] = (skipped[cell] ?? 0) + 1;
  };

  // Customers: index by id (OUT_OF_SCOPE for other owners' customers) and count breakdowns.
  const index = new Map<string, number>();
  const tiers = new Map<string, number>(); // tier -> slot in revenueByTier
  const tierOf: number[] = [];
  const byTier = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const byIndustry = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const overdueByOwner = new Map<string, number>();
  const atRiskByOwner = new Map<string, number>();
  const newByMonth = new Array<number>(window.keys.length).fill(0);
  let archivedCount = 0;
  let overdue = 0;
  let atRisk = 0;

  for (const r of input.customers) {
    const v = r.values;
    const id = text(v.id);
    if (id === '' || index.has(id)) {
      skip('customers.id');
      continue;
    }
    const customerOwner = normalizeEmail(v.owner);
    if (owner !== null && customerOwner !== owner) {
      index.set(id, OUT_OF_SCOPE);
      continue;
    }
    index.set(id, tierOf.length);
    const tier = text(v.tier);
    const status = text(v.status);
    if (!tiers.has(tier)) tiers.set(tier, tiers.size);
    tierOf.push(tiers.get(tier) as number);
    bump(byTier, tier);
    bump(byStatus, status);
    bump(byIndustry, text(v.industry));
    bump(byRegion, text(v.region));
    bump(byOwner, customerOwner);

    const created = readDay(v.createdAt);
    if (Number.isNaN(created)) skip('customers.createdAt');
    const month = monthIndex(window, created);
    if (month >= 0) newByMonth[month]++;

    const lastContact = readDay(v.lastContact);
    if (Number.isNaN(lastContact)) skip('customers.lastContact');
    const next = readDay(v.nextFollowUp);
    if (Number.isNaN(next)) skip('customers.nextFollowUp');

    if (listKeyOf('status', status) === 'archived') {
      archivedCount++;
      continue;
    }
    const known = (d: number) => (isBlankDay(d) || Number.isNaN(d) ? null : d);
    const due = followUpDueDay(
      { nextFollowUp: known(next), lastContact: known(lastContact), createdAt: known(created) },
      tier,
      cadence,
    );
    if (!isSkippedStatus(status) && isOverdue(due, today)) {
      overdue++;
      bump(overdueByOwner, customerOwner);
    }
    const since = isBlankDay(lastContact) ? created : lastContact;
    if (!isBlankDay(since) && today - since > atRiskDays) {
      atRisk++;
      bump(atRiskByOwner, customerOwner);
    }
  }
  const customerCount = tierOf.length;

  // Purchases: revenue in the window, distinct orders overall and per customer.
  const revenueByMonth = new Array<number>(window.keys.length).fill(0);
  const revenueByTier = new Array<number>(tiers.size).fill(0); // numbers in an array, not boxed in a Map
  const ordersOf = new Array<number>(customerCount).fill(0);
  const orderCustomer = new Map<string, number>();
  const sharedOrders = new Set<string>(); // orderId used by several customers: counted per customer
  let revenue = 0;
  let sold = 0;
  let returned = 0;

  for (const r of input.purchases ?? []) {
    const v = r.values;
    const ci = index.get(text(v.customerId));
    if (ci === OUT_OF_SCOPE) continue;
    let ok = true;
    if (ci === undefined) ok = fail(skip, 'purchases.customerId');
    const day = readDay(v.date);
    if (Number.isNaN(day) || isBlankDay(day)) ok = fail(skip, 'purchases.date');
    const given = toNumber(v.amount);
    if (Number.isNaN(given)) ok = fail(skip, 'purchases.amount');
    const isReturnRow = isReturn(v.type);
    const amount = isReturnRow ? -Math.abs(given) : given;
    const orderId = text(v.orderId);
    if (orderId === '') ok = fail(skip, 'purchases.orderId');
    if (!ok || ci === undefined) continue;

    const month = monthIndex(window, day);
    if (month < 0) continue;
    revenue += amount;
    revenueByMonth[month] += amount;
    revenueByTier[tierOf[ci]] += amount;
    if (isReturnRow) {
      returned -= amount;
      continue;
    }
    sold += amount;
    const first = orderCustomer.get(orderId);
    if (first === undefined) {
      orderCustomer.set(orderId, ci);
      ordersOf[ci]++;
    } else if (first !== ci) {
      const key = ci + '\u0001' + orderId;
      if (!sharedOrders.has(key)) {
        sharedOrders.add(key);
        ordersOf[ci]++;
      }
    }
  }

  let buyers = 0;
  let repeatBuyers = 0;
  let customerOrders = 0;
  for (const n of ordersOf) {
    customerOrders += n;
    if (n >= 1) buyers++;
    if (n >= 2) repeatBuyers++;
  }

  // Feedback: ratings and open items of customers in scope.
  let ratingSum = 0;
  let ratings = 0;
  let open = 0;
  for (const r of input.feedback ?? []) {
    const v = r.values;
    const ci = index.get(text(v.customerId));
    if (ci === OUT_OF_SCOPE) continue;
    if (ci === undefined) {
      skip('feedback.customerId');
      continue;
    }
    if (v.rating !== '' && v.rating !== undefined) {
      const rating = toNumber(v.rating);
      if (Number.isInteger(rating) && rating >= 1 && rating <= 5) {
        ratingSum += rating;
        ratings++;
      } else skip('feedback.rating');
    }
    if (!cellToBoolean(v.resolved, false)) open++;
  }

  const orderCount = orderCustomer.size;
  const months = (values: number[], round: (n: number) => number) =>
    window.keys.map((month, i) => ({ month, value: round(values[i]) }));
  return {
    today: dayNumberToIso(today),
    timeZone,
    owner,
    atRiskDays,
    window: { from: dayNumberToIso(window.from), to: dayNumberToIso(window.to), months: window.keys },
    customers: {
      total: customerCount,
      archived: archivedCount,
      byTier: entries(byTier, 'key'),
      byStatus: entries(byStatus, 'count'),
      byIndustry: entries(byIndustry, 'count'),
      byRegion: entries(byRegion, 'count'),
      byOwner: entries(byOwner, 'count'),
    },
    revenue: {
      total: cents(revenue),
      byTier: entries(new Map([...tiers].map(([tier, slot]) => [tier, revenueByTier[slot]])), 'key')
        .filter((e) => e.count !== 0)
        .map((e) => ({ key: e.key, amount: cents(e.count) })),
      byMonth: months(revenueByMonth, cents),
    },
    returns: { amount: cents(returned), rate: ratio(returned, sold) },
    orders: {
      count: orderCount,
      averageValue: orderCount > 0 ? cents(sold / orderCount) : null,
      perBuyer: ratio(customerOrders, buyers),
      buyers,
      repeatBuyers,
      repeatRate: ratio(repeatBuyers, buyers),
      purchaseShare: ratio(buyers, customerCount),
    },
    feedback: { ratings, averageRating: ratio(ratingSum, ratings), open },
    followUps: { overdue, overdueByOwner: entries(overdueByOwner, 'count') },
    atRisk: { count: atRisk, byOwner: entries(atRiskByOwner, 'count') },
    newCustomers: { total: newByMonth.reduce((a, b) => a + b, 0), byMonth: months(newByMonth, (n) => n) },
    skipped: { total: Object.values(skipped).reduce((a, b) => a + b, 0), byCell: skipped },
  };
}

function fail(skip: (cell: string) => void, cell: string): false {
  skip(cell);
  return false;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  return v === null || v === undefined ? '' : String(v).trim();
}

/** A number cell, or a plain numeric string ("1200.50"); NaN for anything else, blank included. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string' || v.trim() === '') return NaN;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : NaN;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Sorted entries, blank key last: by key (tiers read A, B, C) or by count, largest first. */
function entries(map: Map<string, number>, order: 'key' | 'count'): CountEntry[] {
  const list = [...map].map(([key, count]) => ({ key, count }));
  return list.sort((a, b) => {
    if ((a.key === '') !== (b.key === '')) return a.key === '' ? 1 : -1;
    if (order === 'count' && a.count !== b.count) return b.count - a.count;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
