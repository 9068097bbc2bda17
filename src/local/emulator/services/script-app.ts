/**
 * ScriptApp: installable triggers. Triggers are persisted records; the runtime asks `_due()` which
 * clock triggers fire in a window of emulated time and `_forEvent()` which spreadsheet triggers an
 * event runs, and runs each as its creator (reference: "Installable triggers always run under the
 * account of the person who created them").
 *
 * Firing times. Reference, ClockTriggerBuilder.nearMinute: "Specifies the minute at which the
 * trigger runs (plus or minus 15 minutes). If this method isn't called, a random minute value is
 * used." So an atHour trigger fires at a minute drawn once, at creation, from a seed of the script
 * and the trigger (any minute of the hour, or nearMinute ± 15 kept within the hour): never on the
 * hour by assumption, yet reproducible. Wall-clock fields are read in the trigger's time zone
 * (inTimezone, else the script's: "By default, the timezone is that of the script"). Days are calendar days of
 * that zone, so a daylight-saving day still fires exactly once. everyMinutes/everyHours fire every
 * n minutes/hours counted from creation. A one-off trigger (at/after/atDate) fires once and then
 * stays listed, as in Apps Script, until the script deletes it.
 *
 * Daily runtime. Quotas page: "Triggers total runtime 90 min / day" (consumer), "6 hr / day"
 * (Workspace), per user, resetting "24 hours after the first request". The runtime charges each
 * installable or time-driven run to its installer (_chargeRuntime); once used up, the runtime does
 * not run that installer's triggers and records the skip on the trigger (skipped, lastSkippedAt),
 * which `crm triggers` shows.
 */
import { createHash } from 'node:crypto';
import { counted, isDate, type EmulatorContext } from '../context';
import {
  dayNumberOf,
  dayNumberToCivil,
  daysInMonth,
  isValidTimeZone,
  wallClock,
  zonedTimeToInstant,
} from '../../../core/shared';
import { enumOf, fail, signatureError } from './shared';

export const MAX_TRIGGERS_PER_USER = 20;

/** The effective user's OAuth token (ScriptApp.getOAuthToken), which UrlFetchApp checks too. */
export function oauthTokenOf(effectiveUser: string): string {
  return 'ya29.emulated-' + createHash('sha256').update(effectiveUser).digest('hex').slice(0, 24);
}
/** Apps Script's text when a user's 21st trigger is created (seen in real use). */
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
/** Real-account text for everyMinutes(n) outside 1, 5, 10, 15, 30 (reported from real use). */
export const INVALID_EVERY_MINUTES = 'The value you passed to everyMinutes was invalid';

export const EventType = enumOf([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const);
export const TriggerSource = enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
export const WeekDay = enumOf([
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const);
export const AuthMode = enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export const AuthorizationStatus = enumOf(['REQUIRED', 'NOT_REQUIRED'] as const);
export const InstallationSource = enumOf([
  'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  'NONE',
  'WEB_STORE_ADD_ON',
] as const);

export type EventTypeName = keyof typeof EventType;
export type WeekDayName = keyof typeof WeekDay;

export interface ClockSchedule {
  kind: 'minutes' | 'hours' | 'days' | 'weeks' | 'month' | 'once';
  every?: number;
  atHour?: number;
  nearMinute?: number;
  weekDay?: WeekDayName;
  monthDay?: number;
  /** the minute an atHour schedule fires at, drawn at creation (see the header) */
  minute?: number;
  /** the zone of the wall-clock fields: inTimezone(), else the script time zone at creation */
  timeZone: string;
  /** one-off: the instant (ms) */
  at?: number;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  /** e-mail of the effective user who created it; the trigger runs as this user */
  creator: string;
  createdAt: number;
  clock?: ClockSchedule;
  /** runs not made because the creator's daily trigger runtime was used up */
  skipped?: number;
  lastSkippedAt?: number;
}

export interface ScriptAppState {
  triggers: TriggerRecord[];
  nextId: number;
  /** per installer: when the current 24 h window opened and the trigger runtime it used (ms) */
  runtime?: Record<string, { start: number; usedMs: number }>;
}

const RUNTIME_WINDOW_MS = 86_400_000;

export interface ScriptAppOptions {
  scriptTimeZone: string;
  scriptId?: string;
}

export interface Firing {
  trigger: TriggerRecord;
  at: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY_NAMES: WeekDayName[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

/** 0 = Sunday, for a day number (day 0 = 1970-01-01, a Thursday). */
function weekdayOf(day: number): number {
  return ((((day % 7) + 7) % 7) + 4) % 7;
}

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

export class ScriptAppEmulator {
  private triggers: TriggerRecord[];
  private nextId: number;
  private runtime: Record<string, { start: number; usedMs: number }>;
  private readonly api: GoogleAppsScript.Script.ScriptApp;

  constructor(
    private readonly ctx: EmulatorContext,
    state: ScriptAppState | undefined,
    private readonly options: ScriptAppOptions,
  ) {
    this.triggers = (state?.triggers ?? []).map((t) => ({ ...t, clock: t.clock && { ...t.clock } }));
    this.nextId = state?.nextId ?? 1;
    this.runtime = { ...(state?.runtime ?? {}) };
    this.api = this.build();
  }

  get global(): GoogleAppsScript.Script.ScriptApp {
    return this.api;
  }

  toState(): ScriptAppState {
    return {
      triggers: this.triggers.map((t) => ({ ...t, clock: t.clock && { ...t.clock } })),
      nextId: this.nextId,
      runtime: { ...this.runtime },
    };
  }

  /** Trigger runtime (ms) the installer used in their current 24 h window. */
  _runtimeUsed(installer: string): number {
    const w = this.runtime[installer.toLowerCase()];
    return w && this.ctx.clock.now() < w.start + RUNTIME_WINDOW_MS ? w.usedMs : 0;
  }

  _chargeRuntime(installer: string, ms: number): void {
    const key = installer.toLowerCase();
    const now = this.ctx.clock.now();
    const w = this.runtime[key];
    if (!w || now >= w.start + RUNTIME_WINDOW_MS) this.runtime[key] = { start: now, usedMs: ms };
    else w.usedMs += ms;
  }

  _recordSkip(triggerId: string): void {
    const t = this.triggers.find((x) => x.id === triggerId);
    if (!t) return;
    t.skipped = (t.skipped ?? 0) + 1;
    t.lastSkippedAt = this.ctx.clock.now();
  }

  /** Every trigger of every user, in creation order. */
  _all(): TriggerRecord[] {
    return this.triggers.map((t) => ({ ...t }));
  }

  /** Installable spreadsheet triggers (of all users) that an event runs. */
  _forEvent(type: 'ON_EDIT' | 'ON_CHANGE' | 'ON_OPEN' | 'ON_FORM_SUBMIT'): TriggerRecord[] {
    return this.triggers.filter((t) => t.eventType === type).map((t) => ({ ...t }));
  }

  /** Every clock firing in (fromMs, toMs], in time order (creation order on ties). */
  _due(fromMs: number, toMs: number): Firing[] {
    const out: Firing[] = [];
    this.triggers.forEach((trigger) => {
      if (!trigger.clock) return;
      for (const at of firings(trigger, fromMs, toMs)) out.push({ trigger: { ...trigger }, at });
    });
    const order = new Map(this.triggers.map((t, i) => [t.id, i]));
    return out.sort((a, b) => a.at - b.at || order.get(a.trigger.id)! - order.get(b.trigger.id)!);
  }

  private trigger(record: TriggerRecord): GoogleAppsScript.Script.Trigger {
    const t = {
      _id: record.id,
      getHandlerFunction: () => record.handler,
      getUniqueId: () => record.id,
      getEventType: () => record.eventType,
      getTriggerSource: () => record.source,
      getTriggerSourceId: () => record.sourceId,
    };
    return counted(this.ctx, 'Trigger', t) as unknown as GoogleAppsScript.Script.Trigger;
  }

  private add(record: Omit<TriggerRecord, 'id' | 'creator' | 'createdAt'>): GoogleAppsScript.Script.Trigger {
    const creator = this.ctx.identity.effective;
    // Reference quotas: "Triggers: 20 / user / script".
    if (this.triggers.filter((t) => t.creator === creator).length >= MAX_TRIGGERS_PER_USER)
      fail(TOO_MANY_TRIGGERS);
    const full: TriggerRecord = {
      ...record,
      id: String(this.nextId++),
      creator,
      createdAt: this.ctx.clock.now(),
    };
    this.triggers.push(full);
    return this.trigger(full);
  }

  private mine(): TriggerRecord[] {
    return this.triggers.filter((t) => t.creator === this.ctx.identity.effective);
  }

  private build(): GoogleAppsScript.Script.ScriptApp {
    const api = {
      EventType,
      TriggerSource,
      WeekDay,
      AuthMode,
      AuthorizationStatus,
      InstallationSource,
      newTrigger: (...args: unknown[]) => {
        const [functionName] = args as [string];
        if (typeof functionName !== 'string' || functionName === '') {
          throw signatureError('ScriptApp.newTrigger', args);
        }
        return this.triggerBuilder(functionName);
      },
      // Reference: "Gets all installable triggers associated with the current project and current
      // user." Other users' triggers exist and fire, but are not listed.
      getProjectTriggers: () => this.mine().map((t) => this.trigger(t)),
      // Reference: "Gets all installable triggers owned by this user in the given spreadsheet".
      getUserTriggers: (...args: unknown[]) => {
        const [spreadsheet] = args as [{ getId(): string }];
        if (!spreadsheet || typeof spreadsheet.getId !== 'function') {
          throw signatureError('ScriptApp.getUserTriggers', args);
        }
        const id = spreadsheet.getId();
        return this.mine()
          .filter((t) => t.sourceId === id)
          .map((t) => this.trigger(t));
      },
      // Reference: "Removes the given trigger so it no longer runs."
      deleteTrigger: (...args: unknown[]) => {
        const [trigger] = args as [GoogleAppsScript.Script.Trigger];
        const id = (trigger as unknown as { _id?: unknown } | null)?._id;
        if (typeof id !== 'string') throw signatureError('ScriptApp.deleteTrigger', args);
        this.triggers = this.triggers.filter((t) => t.id !== id);
      },
      getScriptId: () => this.options.scriptId ?? 'emulated-script-id',
      getOAuthToken: () => oauthTokenOf(this.ctx.identity.effective),
      getInstallationSource: () => InstallationSource.NONE,
      getAuthorizationInfo: (...args: unknown[]) => {
        const [authMode] = args as [string];
        if (typeof authMode !== 'string') throw signatureError('ScriptApp.getAuthorizationInfo', args);
        // The emulator grants every scope the manifest asks for.
        const info = {
          getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
          getAuthorizationUrl: () => null,
          getAuthorizedScopes: () => [],
        };
        return counted(this.ctx, 'AuthorizationInfo', info);
      },
      requireAllScopes: () => undefined,
      requireScopes: () => undefined,
    };
    return counted(this.ctx, 'ScriptApp', api) as unknown as GoogleAppsScript.Script.ScriptApp;
  }

  /** The minute an atHour trigger fires at: seeded by script, trigger number and handler. */
  private seededMinute(handler: string, nearMinute: number | undefined): number {
    const seed = createHash('sha256')
      .update(`${this.options.scriptId ?? 'emulated-script-id'}|${this.nextId}|${handler}`)
      .digest()
      .readUInt32BE(0);
    if (nearMinute === undefined) return seed % 60;
    return Math.min(59, Math.max(0, nearMinute + (seed % 31) - 15));
  }

  private triggerBuilder(handler: string): GoogleAppsScript.Script.TriggerBuilder {
    const builder = {
      timeBased: () => this.clockBuilder(handler),
      forSpreadsheet: (...args: unknown[]) => {
        const [sheet] = args as [string | { getId(): string }];
        const id =
          typeof sheet === 'string'
            ? sheet
            : sheet && typeof sheet.getId === 'function'
              ? sheet.getId()
              : null;
        if (!id) throw signatureError('ScriptApp.TriggerBuilder.forSpreadsheet', args);
        return this.spreadsheetBuilder(handler, id);
      },
    };
    return counted(this.ctx, 'TriggerBuilder', builder) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  private spreadsheetBuilder(
    handler: string,
    sourceId: string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    let eventType: EventTypeName | null = null;
    const on = (type: EventTypeName) => () => {
      eventType = type;
      return proxy;
    };
    const builder = {
      onOpen: on('ON_OPEN'),
      onEdit: on('ON_EDIT'),
      onChange: on('ON_CHANGE'),
      onFormSubmit: on('ON_FORM_SUBMIT'),
      create: () => {
        if (!eventType)
          fail('Invalid argument: the trigger needs an event (onOpen, onEdit, onChange or onFormSubmit)');
        return this.add({ handler, eventType, source: 'SPREADSHEETS', sourceId });
      },
    };
    const proxy = counted(
      this.ctx,
      'SpreadsheetTriggerBuilder',
      builder,
    ) as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
    return proxy;
  }

  private clockBuilder(handler: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    const spec: Partial<ClockSchedule> = {};
    const m = 'ScriptApp.ClockTriggerBuilder.';
    const recur = (kind: ClockSchedule['kind'], every: number) => {
      spec.kind = kind; // the last recurrence chosen wins
      spec.every = every;
      return proxy;
    };
    const builder = {
      everyMinutes: (...args: unknown[]) => {
        const [n] = args as [number];
        if (typeof n !== 'number') throw signatureError(m + 'everyMinutes', args);
        // Reference: "n: the number of minutes between executions. Valid values: 1, 5, 10, 15, 30."
        if (![1, 5, 10, 15, 30].includes(n)) fail(INVALID_EVERY_MINUTES);
        return recur('minutes', n);
      },
      everyHours: (...args: unknown[]) => {
        const [n] = args as [number];
        if (!isInt(n, 1, 24)) throw signatureError(m + 'everyHours', args);
        return recur('hours', n);
      },
      everyDays: (...args: unknown[]) => {
        const [n] = args as [number];
        if (!isInt(n, 1, 366)) throw signatureError(m + 'everyDays', args);
        return recur('days', n);
      },
      everyWeeks: (...args: unknown[]) => {
        const [n] = args as [number];
        if (!isInt(n, 1, 52)) throw signatureError(m + 'everyWeeks', args);
        return recur('weeks', n);
      },
      atHour: (...args: unknown[]) => {
        const [hour] = args as [number];
        if (!isInt(hour, 0, 23)) throw signatureError(m + 'atHour', args);
        spec.atHour = hour;
        return proxy;
      },
      nearMinute: (...args: unknown[]) => {
        const [minute] = args as [number];
        if (!isInt(minute, 0, 59)) throw signatureError(m + 'nearMinute', args);
        spec.nearMinute = minute;
        return proxy;
      },
      onWeekDay: (...args: unknown[]) => {
        const [day] = args as [string];
        if (typeof day !== 'string' || !(String(day) in WeekDay)) throw signatureError(m + 'onWeekDay', args);
        spec.weekDay = String(day) as WeekDayName;
        if (spec.kind !== 'weeks') recur('weeks', 1);
        return proxy;
      },
      onMonthDay: (...args: unknown[]) => {
        const [day] = args as [number];
        if (!isInt(day, 1, 31)) throw signatureError(m + 'onMonthDay', args);
        spec.monthDay = day;
        return recur('month', 1);
      },
      inTimezone: (...args: unknown[]) => {
        const [timezone] = args as [string];
        if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) {
          throw signatureError(m + 'inTimezone', args);
        }
        spec.timeZone = timezone;
        return proxy;
      },
      at: (...args: unknown[]) => {
        const [date] = args as [Date];
        if (!isDate(date) || Number.isNaN(date.getTime())) throw signatureError(m + 'at', args);
        spec.at = date.getTime();
        return recur('once', 1);
      },
      // Reference: "the minimum duration (in milliseconds) after the current time".
      after: (durationMilliseconds: number) => {
        if (typeof durationMilliseconds !== 'number')
          throw signatureError(m + 'after', [durationMilliseconds]);
        spec.at = this.ctx.clock.now() + Math.max(0, durationMilliseconds);
        return recur('once', 1);
      },
      // Reference: "fires on the given date, by default near midnight"; midnight of the zone.
      atDate: (year: number, month: number, day: number) => {
        if (!isInt(year, 1970, 9999) || !isInt(month, 1, 12) || !isInt(day, 1, 31)) {
          throw signatureError(m + 'atDate', [year, month, day]);
        }
        spec.at = Number.NaN; // resolved at create(), once the zone is known
        (spec as { atDate?: number[] }).atDate = [year, month, day];
        return recur('once', 1);
      },
      create: () => {
        if (!spec.kind)
          fail(
            'Invalid argument: a time-based trigger needs a schedule (everyMinutes, everyHours, everyDays, everyWeeks, onMonthDay, at, after or atDate)',
          );
        if (spec.atHour !== undefined && !['days', 'weeks', 'month'].includes(spec.kind)) {
          fail('Invalid argument: atHour() is only valid with everyDays(), everyWeeks() or onMonthDay()');
        }
        const timeZone = spec.timeZone ?? this.options.scriptTimeZone;
        const schedule: ClockSchedule = { kind: spec.kind, every: spec.every, timeZone };
        for (const k of ['atHour', 'nearMinute', 'weekDay', 'monthDay', 'at'] as const) {
          if (spec[k] !== undefined) (schedule as unknown as Record<string, unknown>)[k] = spec[k];
        }
        const atDate = (spec as { atDate?: number[] }).atDate;
        if (spec.kind === 'once' && atDate) {
          schedule.at = zonedTimeToInstant(
            { year: atDate[0], month: atDate[1], day: atDate[2] },
            0,
            0,
            timeZone,
          );
        }
        if (schedule.atHour !== undefined) schedule.minute = this.seededMinute(handler, spec.nearMinute);
        return this.add({ handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: schedule });
      },
    };
    const proxy = counted(
      this.ctx,
      'ClockTriggerBuilder',
      builder,
    ) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
    return proxy;
  }
}

/** The instants in (from, to] at which a clock trigger fires. */
function firings(t: TriggerRecord, from: number, to: number): number[] {
  const s = t.clock!;
  const created = t.createdAt;
  const out: number[] = [];
  if (to <= from) return out;
  if (s.kind === 'once') {
    // A time already past at creation runs as soon as possible, i.e. at creation.
    const at = Math.max(s.at ?? created, created);
    if (at > from && at <= to) out.push(at);
    return out;
  }
  if (s.kind === 'minutes' || s.kind === 'hours') {
    const period = (s.every ?? 1) * (s.kind === 'minutes' ? MINUTE : HOUR);
    let k = Math.max(1, Math.floor((from - created) / period) + 1);
    for (let at = created + k * period; at <= to; at = created + ++k * period) if (at > from) out.push(at);
    return out;
  }
  // Calendar schedules: walk the zone's calendar days that can hold a firing in the window.
  const tz = s.timeZone;
  const createdWall = wallClock(created, tz);
  const hour = s.atHour ?? createdWall.hour;
  const minute = s.minute ?? s.nearMinute ?? (s.atHour !== undefined ? 0 : createdWall.minute);
  const instantOn = (day: number) => zonedTimeToInstant(dayNumberToCivil(day), hour, minute, tz);
  const matches = (day: number): boolean => {
    if (s.kind === 'weeks')
      return (
        weekdayOf(day) === DAY_NAMES.indexOf(s.weekDay ?? DAY_NAMES[weekdayOf(dayNumberOf(created, tz))])
      );
    if (s.kind === 'month') {
      const c = dayNumberToCivil(day);
      // A month without that day (31 in April) is skipped.
      return c.day === s.monthDay && c.day <= daysInMonth(c.year, c.month);
    }
    return true;
  };
  // The first firing after creation anchors the every-n cadence.
  let first = dayNumberOf(created, tz);
  while (!(matches(first) && instantOn(first) > created)) first++;
  const step = s.kind === 'weeks' ? 7 * (s.every ?? 1) : s.kind === 'days' ? (s.every ?? 1) : 1;
  const startDay = Math.max(first, dayNumberOf(from, tz) - 1);
  const endDay = dayNumberOf(to, tz) + 1;
  for (let day = startDay; day <= endDay; day++) {
    if (!matches(day)) continue;
    if (s.kind !== 'month' && (day - first) % step !== 0) continue;
    const at = instantOn(day);
    if (at > from && at <= to && at > created) out.push(at);
  }
  return out;
}
