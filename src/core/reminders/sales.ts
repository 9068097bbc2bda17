/**
 * The sales items of a rep's digest: open opportunities closing within `sales.closingDays`, open
 * opportunities stuck in one stage for `sales.stuckDays`, and customers not updated for more than
 * `review.staleDays` (the monthly review's definition, core/sales `staleCustomers`).
 *
 * Closing items are a countdown, listed every day of the window like upcoming follow-ups. Stuck and
 * stale items are listed on the day they reach the threshold and again every threshold days after,
 * never on the days between: a 180-day-old customer must not fill every morning's mail. With a
 * held-back digest (`since`), a threshold day that fell since then still counts, so nothing is lost.
 * Each digest is sent at most once a day (the reminderLog key), so no item is mailed twice.
 */
import type { RoleEntry } from '../roles';
import { normalizeEmail } from '../roles';
import type { CellValue, SheetRow } from '../schema';
import { isOpenStage, readOpportunities, staleCustomers } from '../sales';
import { cellText, dayNumberOf, parseIsoDay } from '../shared';
import type { ReminderConfig } from './config';
import type { CustomerRef, DueItem } from './types';

export interface SalesDueInput {
  customers: SheetRow[];
  /** opportunities rows (only the columns read below are needed) */
  opportunities: SheetRow[];
  people: Map<string, RoleEntry>;
  config: ReminderConfig;
  /** settings, for the workbook's stage labels */
  settings: Record<string, string>;
  today: number;
  /** per owner, the earliest owed day (see DueInput.since) */
  since?: Map<string, number>;
}

/** The columns the sales items read from the opportunities sheet. */
export const OPPORTUNITY_COLUMNS = [
  'id',
  'customerId',
  'title',
  'stage',
  'amount',
  'expectedClose',
  'owner',
  'createdAt',
  'stageChangedAt',
] as const;

/**
 * The last day in [since, today] on which an age counted from `start` reached `first`, or
 * `first` plus a multiple of `every`; null when there is none.
 */
export function thresholdDay(start: number, first: number, every: number, since: number, today: number) {
  const age = today - start;
  if (age < first || every <= 0) return null;
  const hit = start + first + Math.floor((age - first) / every) * every;
  return hit >= since ? hit : null;
}

const text = (v: CellValue | undefined) => cellText(v).trim();

/** Items by owner e-mail; owners who are not active in Roles get none (computeDue reports their rows). */
export function salesDue(input: SalesDueInput): Map<string, DueItem[]> {
  const { config, today, people } = input;
  const byOwner = new Map<string, DueItem[]>();
  const push = (owner: string, item: DueItem) => {
    if (!people.get(owner)?.active) return;
    let list = byOwner.get(owner);
    if (!list) byOwner.set(owner, (list = []));
    list.push(item);
  };
  const sinceOf = (owner: string) => Math.min(input.since?.get(owner) ?? today, today);

  const refs = new Map<string, CustomerRef>();
  for (const r of input.customers) {
    const id = text(r.values.id).toUpperCase();
    if (!id || refs.has(id)) continue;
    refs.set(id, {
      id,
      row: r.row,
      name: text(r.values.name),
      company: text(r.values.company),
      tier: text(r.values.tier).toUpperCase(),
      owner: normalizeEmail(r.values.owner),
    });
  }

  const stageText = new Map(input.opportunities.map((r) => [r.row, text(r.values.stage)]));
  for (const o of readOpportunities(input.opportunities, input.settings, config.timeZone)) {
    if (!o.stage || !isOpenStage(o.stage)) continue;
    const customer = refs.get(o.customerId);
    const owner = o.owner || customer?.owner || '';
    if (!owner) continue;
    const ref: CustomerRef = customer ?? { id: o.customerId, row: 0, name: '', company: '', tier: '', owner };
    const opportunity = { id: o.id, title: o.title, stage: stageText.get(o.row) ?? '', amount: o.amount };
    if (o.expectedClose !== null) {
      const ahead = o.expectedClose - today;
      if (ahead >= 0 && ahead <= config.closingDays)
        push(owner, { kind: 'closing', customer: ref, opportunity, day: o.expectedClose });
    }
    const entered = o.stageChangedAt ?? o.createdAt;
    if (entered !== null && config.stuckDays > 0) {
      const start = dayNumberOf(entered, config.timeZone);
      const hit = thresholdDay(start, config.stuckDays, config.stuckDays, sinceOf(owner), today);
      if (hit !== null) push(owner, { kind: 'stuck', customer: ref, opportunity, day: start });
    }
  }

  // Stale: more than staleDays without an update, i.e. first listed at staleDays + 1 days.
  for (const s of staleCustomers(input.customers, today, config.staleDays, config.timeZone)) {
    const ref = refs.get(s.id.toUpperCase());
    if (!ref || !s.owner) continue;
    const start = parseIsoDay(s.since);
    if (start === null) continue;
    const hit = thresholdDay(start, config.staleDays + 1, config.staleDays, sinceOf(s.owner), today);
    if (hit !== null) push(s.owner, { kind: 'stale', customer: ref, day: start });
  }
  return byOwner;
}
