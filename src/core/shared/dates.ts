/**
 * Calendar days in a time zone. Business rules (due follow-ups, birthdays, windows) compare
 * calendar days in the spreadsheet's time zone, never instants: a day is an integer "day number"
 * (days since 1970-01-01 of the proleptic Gregorian calendar), so daylight-saving changes and zones
 * far from UTC cannot move anything to another day.
 */

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** The zone's en-US, 24-hour wall-clock formatter, cached per zone (fast readers parse its format()). */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
export function wallClock(
  instant: Date | number,
  timeZone: string,
): CivilDate & { hour: number; minute: number; second: number } {
  const parts = wallClockFormat(timeZone).formatToParts(
    typeof instant === 'number' ? instant : instant.getTime(),
  );
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

export function civilToDayNumber(c: CivilDate): number {
  return Math.floor(Date.UTC(c.year, c.month - 1, c.day) / 86400000);
}

export function dayNumberToCivil(day: number): CivilDate {
  const d = new Date(day * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar day of an instant in a time zone. */
export function dayNumberOf(instant: Date | number, timeZone: string): number {
  return civilToDayNumber(wallClock(instant, timeZone));
}

export function dayNumberToIso(day: number): string {
  const c = dayNumberToCivil(day);
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Minutes that `timeZone` is ahead of UTC at an instant. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/** The instant at which a wall-clock time occurs in a time zone (the earlier one when ambiguous). */
export function zonedTimeToInstant(c: CivilDate, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(c.year, c.month - 1, c.day, hour, minute);
  let instant = guess - offsetMinutes(guess, timeZone) * 60000;
  // A second pass settles instants next to an offset change.
  instant = guess - offsetMinutes(instant, timeZone) * 60000;
  return instant;
}

/** Midnight of a calendar day in a time zone, as a Date: how Sheets returns a date cell. */
export function dayNumberToDate(day: number, timeZone: string): Date {
  return new Date(zonedTimeToInstant(dayNumberToCivil(day), 0, 0, timeZone));
}

/**
 * A spreadsheet serial number (days since 1899-12-30, the fraction the wall-clock time, as the
 * Sheets API returns dates with dateTimeRenderOption SERIAL_NUMBER) as the instant it shows in a
 * time zone: the Date SpreadsheetApp would have returned for the same cell.
 */
export function serialToDate(serial: number, timeZone: string): Date {
  const day = Math.floor(serial);
  const seconds = Math.round((serial - day) * 86400);
  const civil = dayNumberToCivil(day - 25569);
  const at = zonedTimeToInstant(
    civil,
    Math.floor(seconds / 3600),
    Math.floor((seconds % 3600) / 60),
    timeZone,
  );
  return new Date(at + (seconds % 60) * 1000);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Parses YYYY-MM-DD strictly (no locale guessing); null when it is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const c = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > daysInMonth(c.year, c.month)) return null;
  return civilToDayNumber(c);
}

/**
 * "The last W months": from the day after the same day W months ago (month ends clamp) through
 * today, so W = 12 on 2024-06-15 is 2023-06-16..2024-06-15. The one window tiering and the
 * dashboard both count ("last 12 months"); W <= 0 means no start (all time).
 */
export function lastMonthsWindow(today: number, months: number): { from: number | null; to: number } {
  return { from: months > 0 ? addMonths(today, -months) + 1 : null, to: today };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Adds calendar months, clamping the day to the end of the target month (31 Jan + 1 = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const c = dayNumberToCivil(day);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return civilToDayNumber({ year, month, day: Math.min(c.day, daysInMonth(year, month)) });
}

/**
 * A cell value as a calendar day: a Date (from getValues, any realm) is read in the time zone, a
 * number is a day number only if the caller says so, a string must be YYYY-MM-DD. Blank gives null;
 * anything else gives NaN so callers can report it.
 */
export function cellToDayNumber(value: unknown, timeZone: string): number | null {
  if (value === '' || value === null || value === undefined) return null;
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const t = (value as Date).getTime();
    return Number.isNaN(t) ? NaN : dayNumberOf(t, timeZone);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const iso = text.length > 10 && text[10] === 'T' ? Date.parse(text) : NaN;
    if (!Number.isNaN(iso)) return dayNumberOf(iso, timeZone);
    return parseIsoDay(text) ?? NaN;
  }
  return NaN;
}
