/** Command-line parsing for the local runner: declared options only, anything else is a usage error. */
import { daysInMonth, wallClock, zonedTimeToInstant } from '../core/shared';
import { isAccountProfile, type AccountProfile } from './emulator/account';

export class UsageError extends Error {}

export interface CommandSpec {
  name: string;
  /** e.g. "<sheetKey> [--json]" */
  usage: string;
  summary: string;
  /** options that take a value */
  options?: string[];
  /** options that are switches */
  flags?: string[];
  minArgs?: number;
  maxArgs?: number;
  /** never writes the workbook file, so it runs without taking the file's lock */
  readOnly?: boolean;
}

export const GLOBAL_OPTIONS = ['workbook', 'as', 'now', 'select', 'answer', 'account'];
export const GLOBAL_FLAGS = ['json', 'help'];

export interface Parsed {
  args: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(spec: CommandSpec, argv: string[]): Parsed {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const args: string[] = [];
  const valueOptions = new Set([...GLOBAL_OPTIONS, ...(spec.options ?? [])]);
  const switches = new Set([...GLOBAL_FLAGS, ...(spec.flags ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') {
      flags.add('help');
      continue;
    }
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq > 0 ? eq : undefined);
      if (valueOptions.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options[name] = value;
      } else if (switches.has(name) && eq < 0) {
        flags.add(name);
      } else {
        throw new UsageError(`unknown option --${name} for "${spec.name}"`);
      }
    } else {
      args.push(a);
    }
  }
  if (!flags.has('help')) {
    if (args.length < (spec.minArgs ?? 0)) throw new UsageError(`"${spec.name}" needs: ${spec.usage}`);
    if (spec.maxArgs !== undefined && args.length > spec.maxArgs) {
      throw new UsageError(`too many arguments for "${spec.name}": ${spec.usage}`);
    }
  }
  return { args, options, flags };
}

/** `--account consumer|workspace`: how much identity Apps Script reveals (emulator/account.ts). */
export function parseAccount(text: string | undefined): AccountProfile | undefined {
  if (text === undefined) return undefined;
  if (!isAccountProfile(text)) throw new UsageError(`--account must be consumer or workspace, not "${text}"`);
  return text;
}

/** A date-time as typed: calendar fields, and the UTC offset when one was given. */
export interface TypedDateTime {
  text: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** minutes ahead of UTC; null: a wall-clock time of the workbook's time zone */
  offsetMinutes: number | null;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an ISO 8601 date-time strictly: every field must exist on the calendar (no 2026-02-30, no
 * 24:61), because Date.parse would silently roll such input over to another day.
 */
export function parseDateTime(text: string, option: string): TypedDateTime {
  const m = DATE_TIME.exec(text);
  const refuse = (why: string) => new UsageError(`--${option} "${text}": ${why}`);
  if (!m || (m[8] && !m[4])) {
    throw new UsageError(
      `--${option} must be an ISO date-time such as 2026-11-23T09:00 (the workbook's time zone) ` +
        `or 2026-11-23T09:00:00+08:00, not "${text}"`,
    );
  }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (year < 1900) throw refuse('years before 1900 are not supported');
  if (month < 1 || month > 12) throw refuse(`there is no month ${m[2]}`);
  if (day < 1 || day > daysInMonth(year, month))
    throw refuse(`${m[1]}-${m[2]} has ${daysInMonth(year, month)} days, not ${m[3]}`);
  if (hour > 23 || minute > 59 || second > 59)
    throw refuse(`${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''} is not a time of day (00:00 to 23:59:59)`);
  let offsetMinutes: number | null = null;
  if (m[8] === 'Z') offsetMinutes = 0;
  else if (m[8]) {
    const digits = m[8].replace(':', '');
    const h = Number(digits.slice(1, 3));
    const min = Number(digits.slice(3, 5));
    // Real offsets run from -12:00 to +14:00.
    if (h > 14 || min > 59) throw refuse(`${m[8]} is not a UTC offset`);
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return { text, year, month, day, hour, minute, second, ms, offsetMinutes };
}

/**
 * The instant of a typed date-time: exact with an offset or Z; otherwise the wall-clock time in
 * `timeZone` (a date alone is its midnight). A time the zone skips (clocks moving forward) is refused;
 * a time it repeats is the earlier instant.
 */
export function instantOf(t: TypedDateTime, timeZone: string, option: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.ms);
  if (t.offsetMinutes !== null) return wall - t.offsetMinutes * 60_000;
  const instant = zonedTimeToInstant(t, t.hour, t.minute, timeZone) + t.second * 1000 + t.ms;
  const back = wallClock(instant, timeZone);
  if (back.day !== t.day || back.hour !== t.hour || back.minute !== t.minute) {
    throw new UsageError(
      `--${option} "${t.text}": that time does not exist in ${timeZone} (the clocks skip it); ` +
        'give a UTC offset or another time',
    );
  }
  return instant;
}

/** A date-time option read in `timeZone` (see instantOf). */
export function parseInstant(text: string, option: string, timeZone: string): number {
  return instantOf(parseDateTime(text, option), timeZone, option);
}
