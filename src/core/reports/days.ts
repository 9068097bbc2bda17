import { civilToDayNumber, dayNumberToCivil } from '../shared';

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
