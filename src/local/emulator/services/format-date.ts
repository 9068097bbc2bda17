/**
 * Java SimpleDateFormat, as Utilities.formatDate uses it, with Intl for the zone arithmetic.
 * Letters: G y Y M L d D E u a H k K h m s S z Z X, quoted text '...' and '' for a quote. Like
 * Java's TimeZone.getTimeZone, an unknown zone id falls back to GMT; "GMT+8"/"GMT+08:00" ids work.
 */
import { fail } from './shared';
import { DAYS, MONTHS } from '../calendar-names';

/** Java's short names where Intl (en-US) has none, so "z" prints what Apps Script prints. */
const JAVA_SHORT: Record<string, [string, string]> = {
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Chongqing': ['CST', 'CDT'],
  'Asia/Taipei': ['CST', 'CDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Asia/Kolkata': ['IST', 'IST'],
  'Pacific/Kiritimati': ['LINT', 'LINT'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  UTC: ['UTC', 'UTC'],
  'Etc/UTC': ['UTC', 'UTC'],
  GMT: ['GMT', 'GMT'],
};

interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  dayOfYear: number;
  offsetMinutes: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function fixedOffset(tz: string): number | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(tz);
  if (!m) return null;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** A zone Intl knows, or a fixed offset in minutes (GMT for unknown ids, like Java). */
export function resolveZone(tz: string): { zone: string } | { offset: number } {
  const fixed = fixedOffset(tz);
  if (fixed !== null) return { offset: fixed };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return { zone: tz };
  } catch {
    return { offset: 0 };
  }
}

function fieldsOf(ms: number, tz: string): Fields {
  const z = resolveZone(tz);
  let offsetMinutes: number;
  if ('offset' in z) {
    offsetMinutes = z.offset;
  } else {
    let f = partsCache.get(z.zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: z.zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
      partsCache.set(z.zone, f);
    }
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    let year = Number(p.year);
    if (p.era === 'BC') year = 1 - year;
    const asUtc = Date.UTC(
      year,
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour) % 24,
      Number(p.minute),
      Number(p.second),
    );
    offsetMinutes = Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
  }
  const local = new Date(ms + offsetMinutes * 60000);
  const year = local.getUTCFullYear();
  const dayOfYear =
    Math.floor((Date.UTC(year, local.getUTCMonth(), local.getUTCDate()) - Date.UTC(year, 0, 1)) / 86400000) +
    1;
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    dayOfYear,
    offsetMinutes,
  };
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(min: number, withColon: boolean, hoursOnly = false): string {
  const sign = min < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(min) / 60), 2);
  const m = pad(Math.abs(min) % 60, 2);
  if (hoursOnly) return `${sign}${h}`;
  return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function zoneName(ms: number, tz: string, f: Fields, long: boolean): string {
  const z = resolveZone(tz);
  if ('zone' in z) {
    const java = JAVA_SHORT[z.zone];
    if (java && !long) {
      // Java prints the daylight name when the offset is not the zone's January (standard) offset.
      const jan = fieldsOf(Date.UTC(f.year, 0, 1), tz).offsetMinutes;
      const jul = fieldsOf(Date.UTC(f.year, 6, 1), tz).offsetMinutes;
      return f.offsetMinutes === Math.min(jan, jul) ? java[0] : java[1];
    }
    const name = new Intl.DateTimeFormat('en-US', { timeZone: z.zone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name) && name !== 'GMT') return name;
  }
  // Java's form for zones without a name: GMT+08:00.
  return f.offsetMinutes === 0 ? 'GMT' : `GMT${offsetText(f.offsetMinutes, true)}`;
}

export function formatDate(ms: number, tz: string, pattern: string): string {
  const f = fieldsOf(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // '' is a quote; '...' is literal text ('' inside it is a quote too).
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      if (j >= pattern.length) fail('Unterminated quote');
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    out += field(c, n, f, ms, tz);
  }
  return out;
}

function field(c: string, n: number, f: Fields, ms: number, tz: string): string {
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (c) {
    case 'G':
      return f.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS[f.month - 1];
      if (n === 3) return MONTHS[f.month - 1].slice(0, 3);
      return pad(f.month, n);
    case 'd':
      return pad(f.day, n);
    case 'D':
      return pad(f.dayOfYear, n);
    case 'E':
      return n >= 4 ? DAYS[f.weekday] : DAYS[f.weekday].slice(0, 3);
    case 'u':
      return pad(f.weekday === 0 ? 7 : f.weekday, n);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, n);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, n);
    case 'K':
      return pad(f.hour % 12, n);
    case 'h':
      return pad(h12, n);
    case 'm':
      return pad(f.minute, n);
    case 's':
      return pad(f.second, n);
    case 'S':
      return pad(f.ms, n);
    case 'z':
      return zoneName(ms, tz, f, n >= 4);
    case 'Z':
      return offsetText(f.offsetMinutes, false);
    case 'X':
      if (f.offsetMinutes === 0) return 'Z';
      return offsetText(f.offsetMinutes, n >= 3, n === 1);
    default:
      return fail(`Illegal pattern character '${c}'`);
  }
}
