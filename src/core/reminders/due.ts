/**
 * What is due on a calendar day, per account manager, from the customers sheet. Everything is a
 * day number in the spreadsheet's zone, so DST changes and far-off zones cannot shift a day.
 */
import type { RoleEntry } from '../roles';
import { normalizeEmail } from '../roles';
import type { CellValue, SheetRow } from '../schema';
import { listKeyOf } from '../schema';
import { cadenceForTier, followUpDueDay } from '../tiering';
import type { ReminderConfig } from './config';
import { dayReader, monthDayOf, nextAnnual } from './days';
import type { BadRow, BadRowReason, CustomerRef, DueItem, FollowUpBasis } from './types';

/** Inactive and archived customers get no reminders, whatever the workbook's language calls them. */
export function isSkippedStatus(status: unknown): boolean {
  const key = listKeyOf('status', status);
  return key === 'inactive' || key === 'archived';
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DATE_COLUMNS = ['nextFollowUp', 'lastContact', 'createdAt', 'birthday', 'contractEnd'] as const;

export interface DueInput {
  customers: SheetRow[];
  /** roles entries by normalized e-mail (see peopleByEmail) */
  people: Map<string, RoleEntry>;
  config: ReminderConfig;
  today: number;
  /**
   * Per owner, the earliest day of a held-back digest: birthdays and contract dates that fell due
   * since then are still listed, so a deferred digest loses nothing when merged into today's.
   */
  since?: Map<string, number>;
}

export interface DueResult {
  byOwner: Map<string, DueItem[]>;
  badRows: BadRow[];
}

/** Roles entries by e-mail; an active listing wins over an inactive one, as in resolveRole. */
export function peopleByEmail(roles: RoleEntry[]): Map<string, RoleEntry> {
  const map = new Map<string, RoleEntry>();
  for (const r of roles) {
    const prev = map.get(r.email);
    if (!prev || (!prev.active && r.active)) map.set(r.email, r);
  }
  return map;
}

function text(v: CellValue | undefined): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Blank apart from unticked checkboxes (tierLocked reads false in an empty row). */
function isBlankRow(values: Record<string, CellValue>): boolean {
  for (const k in values) {
    const x = values[k];
    if (x !== '' && x !== false && x !== null && x !== undefined) return false;
  }
  return true;
}

export function computeDue(input: DueInput): DueResult {
  const { config, today, people } = input;
  const readDay = dayReader(config.timeZone);
  const ownerKeys = new Map<string, string>();
  const byOwner = new Map<string, DueItem[]>();
  const badRows: BadRow[] = [];
  const days: Record<(typeof DATE_COLUMNS)[number], number | null> = {
    nextFollowUp: null,
    lastContact: null,
    createdAt: null,
    birthday: null,
    contractEnd: null,
  };

  for (const r of input.customers) {
    const v = r.values;
    if (isSkippedStatus(v.status)) continue;
    const id = text(v.id);
    if (!id && isBlankRow(v)) continue;

    const reasons: BadRowReason[] = [];
    if (!id) reasons.push({ code: 'missingId' });
    const ownerRaw = text(v.owner);
    let owner = ownerKeys.get(ownerRaw);
    if (owner === undefined) ownerKeys.set(ownerRaw, (owner = normalizeEmail(ownerRaw)));
    if (!owner) reasons.push({ code: 'ownerMissing' });
    else if (!EMAIL.test(owner)) reasons.push({ code: 'ownerNotEmail', value: ownerRaw });
    else {
      const person = people.get(owner);
      if (!person) reasons.push({ code: 'ownerNotInRoles', value: owner });
      else if (!person.active) reasons.push({ code: 'ownerInactive', value: owner });
    }
    for (const column of DATE_COLUMNS) {
      const day = readDay(v[column]);
      if (day !== null && Number.isNaN(day))
        reasons.push({ code: 'invalidDate', column, value: text(v[column]) });
      days[column] = day;
    }
    if (reasons.length) {
      badRows.push({ sheet: 'customers', row: r.row, id, reasons });
      continue;
    }

    // A row's items share one CustomerRef, made only when something is due.
    let ref: CustomerRef | undefined;
    const tier = text(v.tier).toUpperCase();
    const customer = () =>
      (ref ??= { id, row: r.row, name: text(v.name), company: text(v.company), tier, owner: owner! });
    const push = (item: DueItem) => {
      let list = byOwner.get(owner!);
      if (!list) byOwner.set(owner!, (list = []));
      list.push(item);
    };

    // Follow-up: the one definition of the due day (core/tiering `followUpDueDay`) that the
    // dashboard and per-rep performance use too.
    const due = followUpDueDay(days, tier, config.cadence);
    if (due !== null && due - today <= config.leadDays) {
      if (days.nextFollowUp !== null)
        push({ kind: kindOf(due - today), customer: customer(), day: due, basis: 'scheduled' });
      else {
        const basis: FollowUpBasis = days.lastContact !== null ? 'cadence' : 'created';
        const from = (days.lastContact ?? days.createdAt) as number;
        push({
          kind: kindOf(due - today),
          customer: customer(),
          day: due,
          basis,
          from,
          cadenceDays: cadenceForTier(tier, config.cadence),
        });
      }
    }

    const since = Math.min(input.since?.get(owner!) ?? today, today);
    if (days.birthday !== null) {
      const md = monthDayOf(days.birthday);
      const next = nextAnnual(md.month, md.dayOfMonth, since);
      if (next <= today + config.birthdayDays) push({ kind: 'birthday', customer: customer(), day: next });
    }
    const end = days.contractEnd;
    if (end !== null) {
      // Exact days before the end; with a held-back digest, any such day since then counts.
      for (const before of config.contractDays) {
        if (end - before >= since && end - before <= today) {
          push({ kind: 'contract', customer: customer(), day: end });
          break;
        }
      }
    }
  }
  return { byOwner, badRows };
}

function kindOf(daysAhead: number): DueItem['kind'] {
  return daysAhead < 0 ? 'overdue' : daysAhead === 0 ? 'dueToday' : 'upcoming';
}
