/**
 * The day the per-customer value columns were last recomputed from every purchase row, in the
 * spreadsheet's time zone: tiering reads the 12-month columns only while that day is today or
 * yesterday (core/sales `windowValuesServe`).
 */
import { dayNumberToIso, parseIsoDay } from '../../core/shared';
import { DOC_KEYS, readJson, withStrings, writeJson } from '../document';

interface ValuesComputed {
  /** YYYY-MM-DD */
  day: string;
  timeZone: string;
}

export function recordValuesComputed(day: number, timeZone: string): void {
  writeJson(DOC_KEYS.valuesComputed, { day: dayNumberToIso(day), timeZone } satisfies ValuesComputed);
}

/**
 * The day number of the last recompute; null when never, unreadable, or recorded in another time
 * zone (the days would not line up).
 */
export function valuesComputedDay(timeZone: string): number | null {
  const state = readJson(DOC_KEYS.valuesComputed, withStrings<ValuesComputed>('day', 'timeZone'));
  if (!state || state.timeZone !== timeZone) return null;
  return parseIsoDay(state.day);
}
