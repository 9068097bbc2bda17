/**
 * Reporting periods: a month (2026-11), a quarter (2026-Q4), a year (2026) or FROM..TO
 * (2026-10-01..2026-12-31), as inclusive calendar days of the spreadsheet's time zone. Targets
 * name their period the same way.
 */
import { civilToDayNumber, daysInMonth, dayNumberToIso, parseIsoDay } from '../shared';

export interface Period {
  /** normalized text: 2026-11, 2026-Q4, 2026, 2026-10-01..2026-12-31 */
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'custom';
  /** first and last day, inclusive (day numbers) */
  from: number;
  to: number;
}

const day = (year: number, month: number, d: number) => civilToDayNumber({ year, month, day: d });

/** The period a text names, or null. */
export function parsePeriod(text: unknown): Period | null {
  const s = String(text ?? '')
    .trim()
    .toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { label: s, kind: 'year', from: day(y, 1, 1), to: day(y, 12, 31) };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return null;
    const label = `${m[1]}-${String(mo).padStart(2, '0')}`;
    return { label, kind: 'month', from: day(y, mo, 1), to: day(y, mo, daysInMonth(y, mo)) };
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(s);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    const last = q * 3;
    return {
      label: `${m[1]}-Q${q}`,
      kind: 'quarter',
      from: day(y, last - 2, 1),
      to: day(y, last, daysInMonth(y, last)),
    };
  }
  m = /^(\d{4}-\d{1,2}-\d{1,2})\s*\.\.\s*(\d{4}-\d{1,2}-\d{1,2})$/.exec(s);
  if (m) {
    const [from, to] = [parseIsoDay(m[1]), parseIsoDay(m[2])];
    if (from === null || to === null || from > to) return null;
    return { label: `${dayNumberToIso(from)}..${dayNumberToIso(to)}`, kind: 'custom', from, to };
  }
  return null;
}

/** Whether `inner` lies wholly inside `outer`. */
export function periodWithin(inner: Period, outer: Period): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}
