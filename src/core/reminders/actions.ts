/**
 * Acting on reminders from the customers sheet: "Mark contacted today" and "Snooze N days" on the
 * selected rows. Pure planning: the shell reads the rows once, asks these functions what to write,
 * and writes each contiguous block once.
 */
import { cadenceForTier, cadenceFromSettings, planFollowUp } from '../tiering';
import { cellToDayNumber, dayNumberToDate } from '../shared';
import { editsAllCustomers, normalizeEmail } from '../roles';
import type { Role, SheetRow, SettingsMap } from '../schema';

/** The snooze lengths the menu offers, in days. */
export const SNOOZE_DAYS = [1, 3, 7, 14] as const;

/** Selected rows that hold a customer (an id); blank or half-typed rows are not acted on. */
export function customerRowsOf(rows: SheetRow[]): SheetRow[] {
  return rows.filter((r) => String(r.values.id ?? '').trim() !== '');
}

/** Rows the user may not act on: account managers act only on customers they own. */
export function rowsNotOwned(rows: SheetRow[], user: { email: string; role: Role }): number[] {
  if (editsAllCustomers(user.role)) return [];
  const me = normalizeEmail(user.email);
  return rows.filter((r) => !me || normalizeEmail(r.values.owner) !== me).map((r) => r.row);
}

export interface ContactedChange {
  row: number;
  customerId: string;
  /** lastContact becomes today */
  lastContact: Date;
  /** the new nextFollowUp, or null to leave the cell as it is (set by hand, or unchanged) */
  nextFollowUp: Date | null;
}

/** lastContact = today; nextFollowUp follows the cadence rule of core/tiering/cadence.ts. */
export function planMarkContacted(
  rows: SheetRow[],
  today: number,
  settings: SettingsMap,
  timeZone: string,
): ContactedChange[] {
  const todayDate = dayNumberToDate(today, timeZone);
  return rows.map((r) => {
    const plan = planFollowUp(
      {
        previousLastContact: r.values.lastContact,
        lastContact: todayDate,
        nextFollowUp: r.values.nextFollowUp,
        tier: r.values.tier,
      },
      settings,
      timeZone,
    );
    return {
      row: r.row,
      customerId: String(r.values.id ?? '').trim(),
      lastContact: todayDate,
      nextFollowUp:
        plan.write && plan.nextFollowUp !== null ? dayNumberToDate(plan.nextFollowUp, timeZone) : null,
    };
  });
}

const readable = (day: number | null): day is number => day !== null && !Number.isNaN(day);

/**
 * The day a customer's follow-up is due, as the reminders compute it: nextFollowUp, else the last
 * contact (or creation) + the tier's cadence; null when nothing says.
 */
export function followUpDay(row: SheetRow, settings: SettingsMap, timeZone: string): number | null {
  const v = row.values;
  const scheduled = cellToDayNumber(v.nextFollowUp, timeZone);
  if (readable(scheduled)) return scheduled;
  const last = cellToDayNumber(v.lastContact, timeZone);
  const created = cellToDayNumber(v.createdAt, timeZone);
  const from = readable(last) ? last : readable(created) ? created : null;
  return from === null ? null : from + cadenceForTier(v.tier, cadenceFromSettings(settings));
}

export interface SnoozeChange {
  row: number;
  nextFollowUp: Date;
}

/**
 * Pushes the follow-up back by `days`: counted from today when it is due or overdue, from its due
 * day when that is still ahead (snoozing never brings a follow-up forward).
 */
export function planSnooze(
  rows: SheetRow[],
  days: number,
  today: number,
  settings: SettingsMap,
  timeZone: string,
): SnoozeChange[] {
  return rows.map((r) => {
    const due = followUpDay(r, settings, timeZone);
    const from = due === null ? today : Math.max(due, today);
    return { row: r.row, nextFollowUp: dayNumberToDate(from + days, timeZone) };
  });
}
