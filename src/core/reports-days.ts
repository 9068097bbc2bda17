/**
 * Calendar days for reports at scale. `cellToDayNumber` formats every Date through Intl, which is
 * too slow for a million purchase rows; this reader gives the same answers but asks Intl once per
 * UTC hour it meets (date cells are midnights, so a few thousand hours at most) and then does
 * integer arithmetic, allocating nothing per row.
 */
import {
  cellToDayNumber,
  civilToDayNumber,
  dayNumberOf,
  dayNumberToCivil,
  daysInMonth,
  offsetMinutes,
} from './dates';

const HOUR_MS = 3600000;
const DAY_MS = 86400000;

/** A cell as a day number: null for blank, NaN for a value that is not a date. */
export type DayReader = (value: unknown) => number;

export function dayReader(timeZone: string): DayReader {
  // UTC hour -> offset in ms, or NaN when the offset changes inside that hour.
  const offsets = new Map<number, number>();
  // Rows of one day often follow each other: remember the last instant.
  let lastInstant = NaN;
  let lastDay = NaN;
  const ofInstant = (t: number): number => {
    if (t === lastInstant) return lastDay;
    lastInstant = t;
    lastDay = zoned(t);
    return lastDay;
  };
  const zoned = (t: number): number => {
    const hour = Math.floor(t / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = hour * HOUR_MS;
      const a = offsetMinutes(start, timeZone);
      offset = a === offsetMinutes(start + HOUR_MS - 1000, timeZone) ? a * 60000 : NaN;
      offsets.set(hour, offset);
    }
    return Number.isNaN(offset) ? dayNumberOf(t, timeZone) : Math.floor((t + offset) / DAY_MS);
  };
  return (value) => {
    if (value === '' || value === null || value === undefined) return NULL_DAY;
    if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
      const t = (value as Date).getTime();
      return Number.isFinite(t) ? ofInstant(t) : NaN;
    }
    if (typeof value === 'string') {
      const fast = isoDay(value);
      if (fast !== undefined) return fast;
      const slow = cellToDayNumber(value, timeZone);
      return slow === null ? NULL_DAY : slow;
    }
    return NaN;
  };
}

/**
 * Blank cells read as this sentinel rather than null so the reader stays monomorphic (number
 * only); callers compare with `isBlankDay`.
 */
export const NULL_DAY = -Infinity;

export function isBlankDay(day: number): boolean {
  return day === NULL_DAY;
}

/** Exactly YYYY-MM-DD, parsed without regex or Date; undefined sends the caller to the slow path. */
function isoDay(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return civilToDayNumber({ year, month, day });
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The report window: the 12 calendar months ending with today's month, cut at today (so the current
 * month is month-to-date and nothing dated after today counts).
 */
export interface MonthWindow {
  /** YYYY-MM of each month, oldest first */
  keys: string[];
  /** day number of the 1st of each month, plus the 1st of the month after the last */
  starts: number[];
  /** first and last day inside the window */
  from: number;
  to: number;
}

export function monthWindow(today: number, months = 12): MonthWindow {
  const c = dayNumberToCivil(today);
  const first = c.year * 12 + (c.month - 1) - (months - 1);
  const keys: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i <= months; i++) {
    const year = Math.floor((first + i) / 12);
    const month = ((first + i) % 12) + 1;
    starts.push(civilToDayNumber({ year, month, day: 1 }));
    if (i < months) keys.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
  }
  return { keys, starts, from: starts[0], to: today };
}

/** The month bucket of a day, or -1 outside the window (blank and NaN included). */
export function monthIndex(w: MonthWindow, day: number): number {
  if (!(day >= w.from && day <= w.to)) return -1;
  for (let i = w.keys.length - 1; i > 0; i--) if (day >= w.starts[i]) return i;
  return 0;
}
