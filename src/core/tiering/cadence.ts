/**
 * Follow-up cadence: tiers drive how soon a customer is due again. When a customer's lastContact
 * changes (customer form, "mark contacted", an interaction logged), nextFollowUp becomes
 * lastContact + the cadence of its tier, unless the user set nextFollowUp by hand.
 *
 * "Set by hand" is read off the cells themselves, so it needs no hidden column and survives
 * copy-paste, imports and edits made outside the add-on. The current nextFollowUp is automatic when:
 * - it is blank; or
 * - it equals previous lastContact + cadence of A, B or C (the add-on's own result for the
 *   previous contact; any tier, since the tier may have changed since it was computed); or
 * - it is on or before the new lastContact (it is due or overdue, so this contact answers it).
 * Any other date (a day the add-on would not have chosen, still ahead) or unreadable text is the
 * user's and is kept. A changed cadence setting can make an old automatic date look manual; the
 * third rule hands it back to the add-on at the next contact after it.
 */
import { cellToDayNumber } from '../shared';
import { SettingsMap } from '../schema';
import type { Tier } from './rules';

export type CadenceDays = Record<Tier, number>;

export const DEFAULT_CADENCE: Readonly<CadenceDays> = { A: 14, B: 30, C: 90 };

/**
 * Days per tier from settings cadence.A/B/C. A blank, non-integer or non-positive value uses the
 * default (the settings audit reports it; reminders must keep working meanwhile).
 */
export function cadenceFromSettings(settings: SettingsMap): CadenceDays {
  const read = (tier: Tier) => {
    const text = String(settings[`cadence.${tier}`] ?? '').trim();
    const n = Number(text);
    return text !== '' && Number.isInteger(n) && n > 0 ? n : DEFAULT_CADENCE[tier];
  };
  return { A: read('A'), B: read('B'), C: read('C') };
}

/** The cadence of a tier cell: A/B/C in any case; blank or anything else counts as C. */
export function cadenceForTier(tier: unknown, cadence: CadenceDays): number {
  const t = String(tier ?? '')
    .trim()
    .toUpperCase();
  return t === 'A' || t === 'B' ? cadence[t] : cadence.C;
}

/** A customer's follow-up dates as day numbers (null: blank). */
export interface FollowUpDays {
  nextFollowUp: number | null;
  lastContact: number | null;
  createdAt: number | null;
}

/**
 * The one definition of a customer's follow-up due day, shared by the dashboard, the digest, the
 * tier preview and per-rep performance: the scheduled nextFollowUp, else the last contact plus the
 * tier's cadence, else (never contacted) the day the customer was created plus the cadence; null
 * when none of the three is known.
 */
export function followUpDueDay(days: FollowUpDays, tier: unknown, cadence: CadenceDays): number | null {
  if (days.nextFollowUp !== null) return days.nextFollowUp;
  const from = days.lastContact ?? days.createdAt;
  return from === null ? null : from + cadenceForTier(tier, cadence);
}

/** Overdue: the due day has passed (due today is not overdue yet). */
export function isOverdue(dueDay: number | null, today: number): boolean {
  return dueDay !== null && dueDay < today;
}

/** The follow-up day after a contact on `lastContactDay` (day numbers, see core/shared/dates.ts). */
export function nextFollowUpAfterContact(
  lastContactDay: number,
  tier: unknown,
  settings: SettingsMap,
): number {
  return lastContactDay + cadenceForTier(tier, cadenceFromSettings(settings));
}

/** The cells around a lastContact change, as getValues returns them. */
export interface ContactChange {
  /** lastContact before the change ('' when there was none) */
  previousLastContact: unknown;
  /** lastContact after the change */
  lastContact: unknown;
  /** nextFollowUp as it is now */
  nextFollowUp: unknown;
  tier: unknown;
  /**
   * A follow-up date the user gave in the same action (the form's field, an interaction's
   * nextFollowUp): it wins over the cadence. Blank when none.
   */
  explicitNextFollowUp?: unknown;
}

export type FollowUpReason =
  /** lastContact + cadence */
  | 'computed'
  /** the date given in the same action */
  | 'explicit'
  /** nextFollowUp was set by hand and is kept */
  | 'manual'
  /** lastContact did not change */
  | 'unchanged'
  /** the new lastContact is blank or unreadable: nothing to compute from */
  | 'noContact';

export interface FollowUpPlan {
  /** the day nextFollowUp should hold (null: leave the cell as it is) */
  nextFollowUp: number | null;
  /** true when the cell must be written (the day differs from the cell's) */
  write: boolean;
  reason: FollowUpReason;
}

const readable = (day: number | null): day is number => day !== null && !Number.isNaN(day);

/** What nextFollowUp becomes after lastContact changed. Dates are read in `timeZone`. */
export function planFollowUp(change: ContactChange, settings: SettingsMap, timeZone: string): FollowUpPlan {
  const keep = (reason: FollowUpReason): FollowUpPlan => ({ nextFollowUp: null, write: false, reason });
  const current = cellToDayNumber(change.nextFollowUp, timeZone);
  const set = (day: number, reason: FollowUpReason): FollowUpPlan => ({
    nextFollowUp: day,
    write: day !== current,
    reason,
  });

  const contact = cellToDayNumber(change.lastContact, timeZone);
  if (!readable(contact)) return keep('noContact');
  const explicit = cellToDayNumber(change.explicitNextFollowUp, timeZone);
  if (readable(explicit)) return set(explicit, 'explicit');
  const previous = cellToDayNumber(change.previousLastContact, timeZone);
  if (previous === contact) return keep('unchanged');

  const cadence = cadenceFromSettings(settings);
  if (current !== null) {
    const ours =
      readable(previous) && readable(current) && Object.values(cadence).some((d) => previous + d === current);
    const answered = readable(current) && current <= contact;
    if (!ours && !answered) return keep('manual');
  }
  return set(contact + cadenceForTier(change.tier, cadence), 'computed');
}
