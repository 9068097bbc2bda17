/**
 * Per-rep performance for a period, one pass over each sheet (100,000 customers and a million
 * purchases in well under a second), per person and per team, scoped by who asks.
 *
 * Definitions, so a figure can be explained to a rep:
 * - Credit goes to the customer's current owner (revenue, orders, new customers, overdue), to the
 *   opportunity's owner (win rate, pipeline) and to the interaction's loggedBy (follow-ups).
 * - revenue: purchase amounts dated in the period; orders: distinct orderIds with a row in the
 *   period; averageDeal (平均交易额): revenue / orders.
 * - newCustomers: customers created in the period.
 * - followUps: interactions dated in the period.
 * - winRate: won / (won + lost) of opportunities closed in the period; null when none closed.
 * - pipeline and weightedPipeline: open opportunities today (amount, and amount × probability).
 * - overdueFollowUps: today, by the one definition in core/tiering (`followUpDueDay`), inactive
 *   and archived customers excepted.
 * - target: the Targets row of the person for exactly this period, else the sum of their targets
 *   for months (or else quarters) inside it; attainment (业绩完成率) = revenue / target.
 * - Scope: admins see everyone, managers the people whose managerEmail is theirs or who share
 *   their team (and themselves), anyone else only their own row.
 */
import { isSkippedStatus } from '../reminders';
import { normalizeEmail, RoleEntry } from '../roles';
import { Role, SettingsMap, SheetRow } from '../schema';
import { cellText, dayReader, isBlankDay } from '../shared';
import { cadenceFromSettings, followUpDueDay, isOverdue } from '../tiering';
import { parseNumber } from '../workbook';
import { readOpportunities } from './opportunities';
import { parsePeriod, Period, periodWithin } from './period';
import { isOpenStage } from './stages';

export interface PerformanceInput {
  period: Period;
  today: number;
  timeZone: string;
  settings: SettingsMap;
  roles: RoleEntry[];
  viewer: { email: string; role: Role };
  customers: readonly SheetRow[];
  purchases: readonly SheetRow[];
  interactions: readonly SheetRow[];
  opportunities: readonly SheetRow[];
  targets: readonly SheetRow[];
}

export interface Figures {
  revenue: number;
  orders: number;
  newCustomers: number;
  followUps: number;
  won: number;
  lost: number;
  wonAmount: number;
  /** 0-1, null when nothing closed */
  winRate: number | null;
  /** revenue / orders, null without orders */
  averageDeal: number | null;
  pipeline: number;
  weightedPipeline: number;
  overdueFollowUps: number;
  /** null when no target is set */
  target: number | null;
  /** revenue / target (0-1+), null without a target */
  attainment: number | null;
}

export interface PersonPerformance extends Figures {
  email: string;
  name: string;
  team: string;
  role: Role | '';
}

export interface TeamPerformance extends Figures {
  team: string;
  members: string[];
}

export interface PerformanceReport {
  period: { label: string; from: number; to: number };
  scope: 'all' | 'team' | 'own';
  people: PersonPerformance[];
  teams: TeamPerformance[];
  total: Figures;
}

interface Acc {
  revenue: number;
  orders: Set<string>;
  newCustomers: number;
  followUps: number;
  won: number;
  lost: number;
  wonAmount: number;
  pipeline: number;
  weightedPipeline: number;
  overdueFollowUps: number;
}

const newAcc = (): Acc => ({
  revenue: 0,
  orders: new Set(),
  newCustomers: 0,
  followUps: 0,
  won: 0,
  lost: 0,
  wonAmount: 0,
  pipeline: 0,
  weightedPipeline: 0,
  overdueFollowUps: 0,
});

const round2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

function figures(a: Acc, orders: number, target: number | null): Figures {
  const revenue = round2(a.revenue);
  return {
    revenue,
    orders,
    newCustomers: a.newCustomers,
    followUps: a.followUps,
    won: a.won,
    lost: a.lost,
    wonAmount: round2(a.wonAmount),
    winRate: ratio(a.won, a.won + a.lost),
    averageDeal: orders > 0 ? round2(revenue / orders) : null,
    pipeline: round2(a.pipeline),
    weightedPipeline: round2(a.weightedPipeline),
    overdueFollowUps: a.overdueFollowUps,
    target,
    attainment: target !== null && target > 0 ? ratio(revenue, target) : null,
  };
}

/** Who the viewer may see: null = everyone. */
export function visiblePeople(viewer: { email: string; role: Role }, roles: RoleEntry[]): Set<string> | null {
  const me = normalizeEmail(viewer.email);
  if (viewer.role === 'admin') return null;
  const out = new Set<string>([me]);
  if (viewer.role !== 'manager') return out;
  const myTeam = roles.find((r) => r.email === me && r.active)?.team ?? '';
  for (const r of roles) {
    if (r.managerEmail === me || (myTeam !== '' && r.team === myTeam)) out.add(r.email);
  }
  return out;
}

/** The person's target for the period: exact, else the months inside it, else the quarters. */
function targetFor(rows: Array<{ period: Period; amount: number }>, period: Period): number | null {
  const exact = rows.filter((r) => r.period.label === period.label);
  if (exact.length) return round2(exact.reduce((s, r) => s + r.amount, 0));
  for (const kind of ['month', 'quarter'] as const) {
    const inside = rows.filter((r) => r.period.kind === kind && periodWithin(r.period, period));
    if (inside.length) return round2(inside.reduce((s, r) => s + r.amount, 0));
  }
  return null;
}

export function salesPerformance(input: PerformanceInput): PerformanceReport {
  const { period, today } = input;
  const readDay = dayReader(input.timeZone);
  const inPeriod = (day: number) => day >= period.from && day <= period.to;
  const visible = visiblePeople(input.viewer, input.roles);
  const shown = (email: string) => email !== '' && (visible === null || visible.has(email));
  const acc = new Map<string, Acc>();
  const accOf = (email: string): Acc => {
    let a = acc.get(email);
    if (!a) acc.set(email, (a = newAcc()));
    return a;
  };
  const cadence = cadenceFromSettings(input.settings);

  // Customers: owner by id, new customers, overdue follow-ups.
  const ownerOf = new Map<string, string>();
  for (const r of input.customers) {
    const v = r.values;
    const id = cellText(v.id).trim().toUpperCase();
    if (!id) continue;
    const owner = normalizeEmail(v.owner);
    ownerOf.set(id, owner);
    if (!shown(owner)) continue;
    const a = accOf(owner);
    const created = readDay(v.createdAt);
    if (inPeriod(created)) a.newCustomers++;
    if (isSkippedStatus(v.status)) continue;
    const day = (x: number) => (isBlankDay(x) || Number.isNaN(x) ? null : x);
    const due = followUpDueDay(
      {
        nextFollowUp: day(readDay(v.nextFollowUp)),
        lastContact: day(readDay(v.lastContact)),
        createdAt: day(created),
      },
      v.tier,
      cadence,
    );
    if (isOverdue(due, today)) a.overdueFollowUps++;
  }

  // Purchases in the period: revenue and distinct orders of the customer's owner.
  for (const p of input.purchases) {
    const v = p.values;
    const owner = ownerOf.get(cellText(v.customerId).trim().toUpperCase());
    if (owner === undefined || !shown(owner)) continue;
    const day = readDay(v.date);
    if (!inPeriod(day)) continue;
    const amount = parseNumber(v.amount);
    if (amount === null) continue;
    const a = accOf(owner);
    a.revenue += amount;
    const order = cellText(v.orderId).trim();
    if (order) a.orders.add(order);
  }

  // Follow-ups logged in the period.
  for (const r of input.interactions) {
    const by = normalizeEmail(r.values.loggedBy);
    if (!shown(by)) continue;
    if (inPeriod(readDay(r.values.date))) accOf(by).followUps++;
  }

  // Opportunities: closed in the period, open pipeline today.
  for (const o of readOpportunities(input.opportunities as SheetRow[], input.settings, input.timeZone)) {
    if (!o.stage || !shown(o.owner)) continue;
    const a = accOf(o.owner);
    if (isOpenStage(o.stage)) {
      a.pipeline += o.amount;
      a.weightedPipeline += (o.amount * o.probability) / 100;
    } else if (o.closedAt !== null && inPeriod(readDay(new Date(o.closedAt)))) {
      if (o.stage === 'won') {
        a.won++;
        a.wonAmount += o.amount;
      } else a.lost++;
    }
  }

  // Targets by person.
  const targetRows = new Map<string, Array<{ period: Period; amount: number }>>();
  for (const r of input.targets) {
    const owner = normalizeEmail(r.values.owner);
    const p = parsePeriod(r.values.period);
    const amount = parseNumber(r.values.revenueTarget);
    if (!shown(owner) || !p || amount === null) continue;
    let list = targetRows.get(owner);
    if (!list) targetRows.set(owner, (list = []));
    list.push({ period: p, amount });
  }

  // People: those in scope on the Roles sheet who may hold customers, plus anyone with figures.
  const roleOf = new Map(input.roles.filter((r) => r.active).map((r) => [r.email, r]));
  for (const r of input.roles) if (!roleOf.has(r.email)) roleOf.set(r.email, r);
  const emails = new Set<string>();
  for (const r of input.roles)
    if (r.active && ['admin', 'manager', 'accountManager'].includes(r.role) && shown(r.email))
      emails.add(r.email);
  for (const e of acc.keys()) emails.add(e);
  for (const e of targetRows.keys()) emails.add(e);

  const people: PersonPerformance[] = [...emails].sort().map((email) => {
    const entry = roleOf.get(email);
    const a = acc.get(email) ?? newAcc();
    return {
      email,
      name: entry?.name ?? '',
      team: entry?.team ?? '',
      role: entry?.role ?? '',
      ...figures(a, a.orders.size, targetFor(targetRows.get(email) ?? [], period)),
    };
  });

  const sum = (list: PersonPerformance[]): Figures => {
    const a = newAcc();
    let orders = 0;
    let target: number | null = null;
    for (const p of list) {
      a.revenue += p.revenue;
      orders += p.orders;
      a.newCustomers += p.newCustomers;
      a.followUps += p.followUps;
      a.won += p.won;
      a.lost += p.lost;
      a.wonAmount += p.wonAmount;
      a.pipeline += p.pipeline;
      a.weightedPipeline += p.weightedPipeline;
      a.overdueFollowUps += p.overdueFollowUps;
      if (p.target !== null) target = (target ?? 0) + p.target;
    }
    return figures(a, orders, target === null ? null : round2(target));
  };

  const byTeam = new Map<string, PersonPerformance[]>();
  for (const p of people) {
    let list = byTeam.get(p.team);
    if (!list) byTeam.set(p.team, (list = []));
    list.push(p);
  }
  const teams: TeamPerformance[] = [...byTeam.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([team, list]) => ({ team, members: list.map((p) => p.email), ...sum(list) }));

  return {
    period: { label: period.label, from: period.from, to: period.to },
    scope: visible === null ? 'all' : input.viewer.role === 'manager' ? 'team' : 'own',
    people,
    teams,
    total: sum(people),
  };
}
