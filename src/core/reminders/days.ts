/** Day arithmetic for the reminder hot loop: reading cells, and annual dates without allocating Dates. */
import { dayReader as coreDayReader, NULL_DAY, isLeapYear } from '../shared';

/** A cell as a day number in the zone: null when blank, NaN when not a date (see cellToDayNumber). */
export type DayReader = (value: unknown) => number | null;

/** The core reader, with blank as null as the reminder rules read it. */
export function dayReader(timeZone: string): DayReader {
  const read = coreDayReader(timeZone);
  return (value) => {
    const day = read(value);
    return day === NULL_DAY ? null : day;
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
