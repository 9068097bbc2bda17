/**
 * The follow-up cadence rule, local to reminders: src/core/cadence.ts (another issue) owns this
 * rule, and the lead will make reminders use it. Blank or unknown tiers follow tier C.
 */
import type { ReminderConfig } from './config';

export function cadenceDays(tier: string, cadence: ReminderConfig['cadence']): number {
  return tier === 'A' ? cadence.A : tier === 'B' ? cadence.B : cadence.C;
}
