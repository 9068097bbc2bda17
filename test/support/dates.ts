/** Calendar days for test data: ISO dates to day numbers and to the Dates date cells hold. */
import { dayNumberToDate, parseIsoDay } from '../../src/core/shared';

/** The day number of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

/** A date cell as Sheets returns it: the Date at midnight of the day in the time zone. */
export function dateCell(iso: string, timeZone: string): Date {
  return dayNumberToDate(dayNumber(iso), timeZone);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone, read with Intl alone. */
export function isoDayIn(instant: Date | number | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(instant));
}
