/**
 * The tiering window, "the last W months up to and including today", in calendar days of the
 * spreadsheet's time zone, and a fast test of purchase date cells against it.
 */
import {
  cellToDayNumber,
  lastMonthsWindow,
  dayNumberOf,
  dayNumberToCivil,
  dayNumberToIso,
  zonedTimeToInstant,
} from '../shared';
import { CellValue } from '../schema';

export interface TierWindow {
  /** first day counted (day number), null when W = 0 (all time) */
  startDay: number | null;
  /** last day counted: today in the time zone */
  endDay: number;
  /** the same days as YYYY-MM-DD, for display */
  startIso: string | null;
  endIso: string;
}

/**
 * W > 0: from addMonths(today, -W) + 1 day through today, so W = 12 on 2024-06-15 counts
 * 2023-06-16 .. 2024-06-15 (W whole months, the same day a year ago excluded; month ends clamp:
 * W = 1 on 2024-03-31 starts 2024-03-01, the day after 2024-02-29). W = 0: every day up to today.
 * Purchases dated after today are outside the window in both cases (not yet happened).
 */
export function tierWindow(now: Date | number, timeZone: string, windowMonths: number): TierWindow {
  const endDay = dayNumberOf(now, timeZone);
  const startDay = lastMonthsWindow(endDay, windowMonths).from;
  return {
    startDay,
    endDay,
    startIso: startDay === null ? null : dayNumberToIso(startDay),
    endIso: dayNumberToIso(endDay),
  };
}

export const IN_WINDOW = 0;
export const OUTSIDE_WINDOW = 1;
export const INVALID_DATE = 2;
export type DayClass = typeof IN_WINDOW | typeof OUTSIDE_WINDOW | typeof INVALID_DATE;

const DAY_MS = 86400000;
/** Further than any UTC offset (or DST jump) can put an instant from its calendar day's midnight. */
const MARGIN_MS = 2 * DAY_MS;

const isDate = (v: unknown): v is Date =>
  v instanceof Date ||
  (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]');

/**
 * A classifier of date cells against the window, built once per computation. Date cells are
 * compared as instants against the window's edges: only instants within two days of an edge are
 * turned into calendar days (cached per timestamp), so a million purchases cost a million number
 * comparisons, not a million time-zone conversions, and the edges stay exact calendar days.
 * Strings (YYYY-MM-DD or ISO date-times) are cached per distinct text; anything else is invalid.
 */
export function windowClassifier(window: TierWindow, timeZone: string): (cell: CellValue) => DayClass {
  const edge = (day: number) => zonedTimeToInstant(dayNumberToCivil(day), 0, 0, timeZone);
  const startMs = window.startDay === null ? -Infinity : edge(window.startDay);
  const endMs = edge(window.endDay + 1);
  const surelyBefore = startMs - MARGIN_MS;
  const surelyInFrom = startMs + MARGIN_MS;
  const surelyInTo = endMs - MARGIN_MS;
  const surelyAfter = endMs + MARGIN_MS;
  const startDay = window.startDay ?? -Infinity;
  const byDay = (day: number): DayClass =>
    Number.isNaN(day) ? INVALID_DATE : day >= startDay && day <= window.endDay ? IN_WINDOW : OUTSIDE_WINDOW;
  const instantDays = new Map<number, DayClass>();
  const textDays = new Map<string, DayClass>();

  return (cell) => {
    if (isDate(cell)) {
      const ms = cell.getTime();
      if (ms >= surelyInFrom && ms < surelyInTo) return IN_WINDOW;
      if (ms < surelyBefore || ms >= surelyAfter) return OUTSIDE_WINDOW;
      if (Number.isNaN(ms)) return INVALID_DATE;
      let c = instantDays.get(ms);
      if (c === undefined) instantDays.set(ms, (c = byDay(dayNumberOf(ms, timeZone))));
      return c;
    }
    if (typeof cell === 'string') {
      let c = textDays.get(cell);
      if (c === undefined) {
        const day = cellToDayNumber(cell, timeZone);
        textDays.set(cell, (c = day === null ? INVALID_DATE : byDay(day)));
      }
      return c;
    }
    return INVALID_DATE;
  };
}
