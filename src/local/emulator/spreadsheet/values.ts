/**
 * The cell model. A cell holds nothing (undefined), a number, a boolean, a string, a Date (host
 * realm) or a Formula. Formulas are stored, never evaluated: getValues returns their text.
 */
import { isDate } from '../context';
import { daysInMonth, zonedTimeToInstant } from '../../../core/shared';

export class Formula {
  constructor(readonly text: string) {}
}

export type Cell = undefined | number | boolean | string | Date | Formula;

/** What getValues returns for a stored cell: a fresh Date, the formula's text, '' for empty. */
export function cellToValue(c: Cell): unknown {
  if (c === undefined) return '';
  if (c instanceof Formula) return c.text;
  if (c instanceof Date) return new Date(c.getTime());
  return c;
}

export function isEmptyCell(c: Cell): boolean {
  return c === undefined || c === '';
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Parsed typed/written text: what it becomes and, for dates and percents, the format Sheets applies. */
export interface Parsed {
  value: Cell;
  impliedFormat?: string;
}

function dateAt(
  y: number,
  m: number,
  d: number,
  hh: number,
  mm: number,
  ss: number,
  tz: string,
): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || hh > 23 || mm > 59 || ss > 59) return null;
  return new Date(zonedTimeToInstant({ year: y, month: m, day: d }, hh, mm, tz) + ss * 1000);
}

/**
 * Parses a string the way Sheets parses a string written by setValue(s) or typed by a user:
 * "'x" forces text (apostrophe dropped), "=..." is a formula, numbers, percents, TRUE/FALSE and
 * dates (ISO; m/d/yyyy in en_US) become typed values. In a plain-text ("@") cell text stays text.
 */
export function parseText(s: string, opts: { plainText: boolean; timeZone: string; locale: string }): Parsed {
  if (s === '') return { value: undefined };
  const first = s.charCodeAt(0);
  if (first === 39 /* ' */) return { value: s.slice(1) };
  if (opts.plainText) return { value: s };
  if (first === 61 /* = */ && s.length > 1) return { value: new Formula(s) };
  // Cheap pre-check: only strings that could be numbers, dates or booleans go through the regexes.
  const c = s.charCodeAt(0);
  const maybe =
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 32 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70;
  if (!maybe) return { value: s };
  const t = s.trim();
  if (NUMBER.test(t)) return { value: Number(t) };
  if (GROUPED.test(t))
    return { value: Number(t.replace(/,/g, '')), impliedFormat: '#,##0' + (t.includes('.') ? '.00' : '') };
  const pm = PERCENT.exec(t);
  if (pm) return { value: Number(pm[1]) / 100, impliedFormat: pm[1].includes('.') ? '0.00%' : '0%' };
  const up = t.toUpperCase();
  if (up === 'TRUE') return { value: true };
  if (up === 'FALSE') return { value: false };
  const iso = ISO_DATE_TIME.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const hasTime = iso[4] !== undefined;
    const date = dateAt(
      y,
      m,
      d,
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      opts.timeZone,
    );
    if (date) return { value: date, impliedFormat: hasTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
  }
  const us = opts.locale === 'en_US' ? US_DATE.exec(t) : null;
  if (us) {
    const date = dateAt(Number(us[3]), Number(us[1]), Number(us[2]), 0, 0, 0, opts.timeZone);
    if (date) return { value: date, impliedFormat: 'm/d/yyyy' };
  }
  return { value: s };
}

/**
 * Fast path for bulk writes: the stored cell when no parsing or implied format is involved,
 * or NEEDS_PARSE. Keeps setValues of large blocks free of per-cell allocations.
 */
export const NEEDS_PARSE = Symbol('parse');
export function quickCell(v: unknown, plainText: boolean): Cell | typeof NEEDS_PARSE {
  switch (typeof v) {
    case 'number':
      // v - v is 0 only for finite numbers (avoids a global lookup per cell in vm contexts).
      return v - v === 0 ? v : NEEDS_PARSE;
    case 'boolean':
      return v;
    case 'string': {
      if (v === '') return '';
      if (plainText) return v.charCodeAt(0) === 39 ? NEEDS_PARSE : v;
      const c = v.charCodeAt(0);
      // Only strings starting with a digit, sign, dot, space, quote, "=" or t/f can parse to something else.
      if (
        (c >= 48 && c <= 57) ||
        c === 43 ||
        c === 45 ||
        c === 46 ||
        c === 32 ||
        c === 39 ||
        c === 61 ||
        c === 116 ||
        c === 84 ||
        c === 102 ||
        c === 70
      )
        return NEEDS_PARSE;
      return v;
    }
    case 'undefined':
      return undefined;
    default:
      return v === null ? undefined : NEEDS_PARSE;
  }
}

/** Converts a value the script passes (any realm) to a stored cell. */
export function toCell(v: unknown, opts: { plainText: boolean; timeZone: string; locale: string }): Parsed {
  if (v === null || v === undefined || v === '') return { value: undefined };
  if (typeof v === 'string') return parseText(v, opts);
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : String(v) };
  if (typeof v === 'boolean') return { value: v };
  if (isDate(v)) return { value: new Date((v as Date).getTime()) };
  // Arrays and objects: Sheets writes their string form.
  return { value: String(v) };
}

export function sameCell(a: Cell, b: Cell): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Formula && b instanceof Formula) return a.text === b.text;
  return a === b;
}
