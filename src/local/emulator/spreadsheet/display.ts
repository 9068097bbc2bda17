/**
 * Display values: how Sheets shows a cell in the spreadsheet's time zone and number format.
 * Supported: General ("" / "0.###############"), digit patterns with grouping, decimals, percent,
 * literal prefixes/suffixes (currency), "@", and date/time patterns (yyyy, yy, mmmm, mmm, mm, m,
 * dddd, ddd, dd, d, hh, h, mm as minutes next to h or s, ss, am/pm).
 * Choice where the reference is silent: a Date in a cell without a format shows as "yyyy-mm-dd"
 * (or "yyyy-mm-dd hh:mm:ss" when it is not midnight), the ISO style, whatever the locale.
 */
import { wallClock } from '../../../core/shared';
import { type Cell, Formula } from './values';
import { DAYS, MONTHS } from '../calendar-names';

export const GENERAL_FORMAT = '0.###############';
const MS_PER_DAY = 86400000;
const SERIAL_EPOCH = 25569; // 1970-01-01 as a Sheets serial number

export function dateToSerial(d: Date, tz: string): number {
  const w = wallClock(d, tz);
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return ms / MS_PER_DAY + SERIAL_EPOCH;
}

/** General number display: integers as they are, otherwise up to 10 decimals without trailing zeros. */
export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-9 && n !== 0))
    return n.toExponential(2).replace('e+', 'E+').replace('e-', 'E-');
  return String(Number(n.toFixed(10)));
}

function isDatePattern(f: string): boolean {
  const bare = f.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[yd]|h|s/i.test(bare) || /^[^0#]*m/i.test(bare);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatDate(ms: number, pattern: string, tz: string): string {
  const w = wallClock(ms, tz);
  const dow = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const tokens =
    pattern.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|./gi) ?? [];
  const ampm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  let out = '';
  tokens.forEach((tok, k) => {
    const lower = tok.toLowerCase();
    const prevTime = tokens
      .slice(0, k)
      .reverse()
      .find((t) => /^[hsmd]/i.test(t) || /^y/i.test(t));
    const nextTime = tokens.slice(k + 1).find((t) => /^[hsmdy]/i.test(t));
    const minuteContext = (prevTime && /^h/i.test(prevTime)) || (nextTime && /^s/i.test(nextTime));
    const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    switch (lower) {
      case 'yyyy':
        out += pad(w.year, 4);
        break;
      case 'yy':
        out += pad(w.year % 100);
        break;
      case 'mmmm':
        out += MONTHS[w.month - 1];
        break;
      case 'mmm':
        out += MONTHS[w.month - 1].slice(0, 3);
        break;
      case 'mm':
        out += minuteContext ? pad(w.minute) : pad(w.month);
        break;
      case 'm':
        out += minuteContext ? String(w.minute) : String(w.month);
        break;
      case 'dddd':
        out += DAYS[dow];
        break;
      case 'ddd':
        out += DAYS[dow].slice(0, 3);
        break;
      case 'dd':
        out += pad(w.day);
        break;
      case 'd':
        out += String(w.day);
        break;
      case 'hh':
        out += pad(ampm ? hour12 : w.hour);
        break;
      case 'h':
        out += String(ampm ? hour12 : w.hour);
        break;
      case 'ss':
        out += pad(w.second);
        break;
      case 's':
        out += String(w.second);
        break;
      case 'am/pm':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'a/p':
        out += w.hour < 12 ? 'A' : 'P';
        break;
      default:
        out += tok.startsWith('"') ? tok.slice(1, -1) : tok.startsWith('\\') ? tok.slice(1) : tok;
    }
  });
  return out;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, section: string): string {
  let prefix = '';
  let suffix = '';
  let core = '';
  // Split literals from the digit pattern: prefix literals, the [#0,.] core, suffix literals.
  const tokens = section.match(/"[^"]*"|\\.|[#0?,.]+|%|./g) ?? [];
  let seenCore = false;
  for (const tok of tokens) {
    const lit = tok.startsWith('"') ? tok.slice(1, -1) : tok.startsWith('\\') ? tok.slice(1) : tok;
    if (/^[#0?,.]+$/.test(tok) && !seenCore) {
      core = tok;
      seenCore = true;
    } else if (seenCore) suffix += lit;
    else prefix += lit;
  }
  if (section.includes('%')) n *= 100;
  if (!core) return prefix + formatGeneral(n) + suffix;
  const [intPat, decPat = ''] = core.split('.');
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = (decPat.match(/[0#?]/g) ?? []).length;
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const abs = Math.abs(n);
  let text = abs.toFixed(maxDec);
  if (maxDec > minDec) {
    const [i, dec = ''] = text.split('.');
    let d = dec;
    while (d.length > minDec && d.endsWith('0')) d = d.slice(0, -1);
    text = d ? `${i}.${d}` : i;
  }
  const [intText, d] = text.split('.');
  let i = intText;
  if (minInt === 0 && i === '0' && d) i = '';
  i = i.padStart(minInt, '0');
  if (grouping) i = groupThousands(i);
  const body = d !== undefined ? `${i}.${d}` : i;
  const negative = n < 0 && Number(text) !== 0;
  return (negative ? '-' : '') + prefix + body + suffix;
}

/** The display text of a stored cell under a number format ('' = automatic). */
export function formatCell(c: Cell, format: string | undefined, tz: string): string {
  if (c === undefined) return '';
  if (c instanceof Formula) return c.text;
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if (typeof c === 'string') return c;
  const f = format && format !== GENERAL_FORMAT ? format : '';
  if (c instanceof Date) {
    if (!f || f === '@' || !isDatePattern(f)) {
      if (f && f !== '@') return formatNumber(dateToSerial(c, tz), f.split(';')[0]);
      const w = wallClock(c, tz);
      const midnight = w.hour === 0 && w.minute === 0 && w.second === 0;
      return formatDate(c.getTime(), midnight ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss', tz);
    }
    return formatDate(c.getTime(), f, tz);
  }
  if (!f || f === '@') return formatGeneral(c);
  if (isDatePattern(f)) {
    // A number under a date format is a serial day number.
    const ms = Math.round((c - SERIAL_EPOCH) * MS_PER_DAY);
    return formatDate(ms, f, 'UTC');
  }
  const sections = f.split(';');
  if (c < 0 && sections[1] !== undefined) return formatNumber(-c, sections[1]);
  if (c === 0 && sections[2] !== undefined) return formatNumber(c, sections[2]);
  return formatNumber(c, sections[0]);
}
