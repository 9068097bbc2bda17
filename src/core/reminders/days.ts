/**
 * Day arithmetic for the reminder hot loop. Reading 50,000 rows × 5 date cells through Intl would
 * dominate planning, so the zone's UTC offset is looked up once per UTC day (offsets change at most
 * once a day, and a day with a change is read exactly), and civil fields are computed
 * arithmetically instead of allocating Dates.
 */
import { cellToDayNumber, dayNumberOf, isLeapYear, wallClock } from '../dates';

const DAY_MS = 86400000;

/** A cell as a day number in the zone: null when blank, NaN when not a date (see cellToDayNumber). */
export type DayReader = (value: unknown) => number | null;

const WALL = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** The zone's offset at an instant. format() and a regex are 4× faster than formatToParts. */
function offsetReader(timeZone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return (instant) => {
    const m = WALL.exec(format.format(instant));
    const w = m
      ? { year: +m[3], month: +m[1], day: +m[2], hour: +m[4] % 24, minute: +m[5], second: +m[6] }
      : wallClock(instant, timeZone);
    return (
      Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000
    );
  };
}

export function dayReader(timeZone: string): DayReader {
  const offsetMs = offsetReader(timeZone);
  // UTC day → the zone's offset throughout that day, or null when it changes during the day
  const offsets = new Map<number, number | null>();
  const dayOf = (t: number): number => {
    const utcDay = Math.floor(t / DAY_MS);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const start = offsetMs(utcDay * DAY_MS);
      offset = start === offsetMs(utcDay * DAY_MS + DAY_MS - 1000) ? start : null;
      offsets.set(utcDay, offset);
    }
    return offset === null ? dayNumberOf(t, timeZone) : Math.floor((t + offset) / DAY_MS);
  };
  return (value) => {
    // toString, not instanceof: Dates may come from another realm (the emulator's vm context).
    if (
      typeof value === 'object' &&
      value !== null &&
      Object.prototype.toString.call(value) === '[object Date]'
    ) {
      const t = (value as Date).getTime();
      return Number.isNaN(t) ? NaN : dayOf(t);
    }
    return cellToDayNumber(value, timeZone);
  };
}

/** Month (1-12) and day of month of a day number, by arithmetic (H. Hinnant's civil_from_days). */
export function monthDayOf(day: number): { month: number; dayOfMonth: number } {
  const z = day + 719468;
  const doe = z - Math.floor(z / 146097) * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return { month: mp < 10 ? mp + 3 : mp - 9, dayOfMonth: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** The year of a day number, by arithmetic. */
export function yearOf(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/**
 * The first occurrence of an annual date on or after `from`. 29 February falls on 28 February in
 * common years, so a leap-day birthday is never skipped.
 */
export function nextAnnual(month: number, dayOfMonth: number, from: number): number {
  for (let year = yearOf(from); ; year++) {
    const d = month === 2 && dayOfMonth === 29 && !isLeapYear(year) ? 28 : dayOfMonth;
    const day = Math.floor(Date.UTC(year, month - 1, d) / 86400000);
    if (day >= from) return day;
  }
}
