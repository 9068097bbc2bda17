import { civilToDayNumber, dayNumberToCivil, lastMonthsWindow } from '../shared';

/**
 * The report window: "the last 12 months" exactly as tiering counts them (core/shared
 * `lastMonthsWindow`: the day after the same day a year ago through today), in calendar-month
 * buckets; the first and the current month are partial (13 buckets unless today ends a month).
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
  const from = lastMonthsWindow(today, months).from as number;
  const f = dayNumberToCivil(from);
  const first = f.year * 12 + (f.month - 1);
  const buckets = c.year * 12 + (c.month - 1) - first + 1;
  const keys: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i <= buckets; i++) {
    const year = Math.floor((first + i) / 12);
    const month = ((first + i) % 12) + 1;
    starts.push(civilToDayNumber({ year, month, day: 1 }));
    if (i < buckets) keys.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
  }
  return { keys, starts, from, to: today };
}

/** The month bucket of a day, or -1 outside the window (blank and NaN included). */
export function monthIndex(w: MonthWindow, day: number): number {
  if (!(day >= w.from && day <= w.to)) return -1;
  for (let i = w.keys.length - 1; i > 0; i--) if (day >= w.starts[i]) return i;
  return 0;
}
