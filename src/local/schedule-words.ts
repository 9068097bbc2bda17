/**
 * Installable triggers in words, for the playground's trigger panel and `crm triggers`: "every day
 * at 8:00" / "每天 8:00", with the next firing in the spreadsheet's time zone (where its people
 * are), not UTC or the host's zone.
 */
import { civilToDayNumber, wallClock } from '../core/shared';
import type { Translate } from '../i18n';
import type { TriggerRecord, WeekDayName } from './emulator/services/script-app';

const WEEKDAYS: WeekDayName[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];
const WEEKDAY_KEYS = [
  'local.weekday.0',
  'local.weekday.1',
  'local.weekday.2',
  'local.weekday.3',
  'local.weekday.4',
  'local.weekday.5',
  'local.weekday.6',
] as const;

/** 8:00, 14:05: the clock time as people say it. */
export function clockTime(hour: number, minute: number): string {
  return `${hour}:${String(minute).padStart(2, '0')}`;
}

/** An instant as a date and time of `timeZone`: 2026-03-06 8:00. */
export function localDateTime(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const date = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  return `${date} ${clockTime(w.hour, w.minute)}`;
}

/** The schedule of a trigger in words; clock times are those of the trigger's own zone. */
export function scheduleInWords(t: TriggerRecord, tr: Translate): string {
  const s = t.clock;
  if (!s) {
    switch (t.eventType) {
      case 'ON_EDIT':
        return tr('local.schedule.onEdit');
      case 'ON_OPEN':
        return tr('local.schedule.onOpen');
      case 'ON_CHANGE':
        return tr('local.schedule.onChange');
      case 'ON_FORM_SUBMIT':
        return tr('local.schedule.onFormSubmit');
      default:
        return tr('local.schedule.other', { event: t.eventType });
    }
  }
  const created = wallClock(t.createdAt, s.timeZone);
  const hour = s.atHour ?? created.hour;
  const minute = s.nearMinute ?? (s.atHour !== undefined ? 0 : created.minute);
  const time = clockTime(hour, minute);
  const every = s.every ?? 1;
  switch (s.kind) {
    case 'minutes':
      return tr('local.schedule.minutes', { every });
    case 'hours':
      return tr('local.schedule.hours', { every });
    case 'days':
      return every === 1
        ? tr('local.schedule.days', { time })
        : tr('local.schedule.everyDays', { every, time });
    case 'weeks': {
      const day = WEEKDAYS.indexOf(
        s.weekDay ?? WEEKDAYS[new Date(civilToDayNumber(created) * 86_400_000).getUTCDay()],
      );
      return tr('local.schedule.weeks', { weekday: tr(WEEKDAY_KEYS[day]), time });
    }
    case 'month':
      return tr('local.schedule.month', { day: s.monthDay ?? 1, time });
    case 'once':
      return tr('local.schedule.once', { time: localDateTime(s.at ?? t.createdAt, s.timeZone) });
  }
}

/** The words, the zone when it differs from the spreadsheet's, and the next firing in local time. */
export function describeTrigger(
  t: TriggerRecord,
  next: number | null,
  timeZone: string,
  tr: Translate,
): string {
  const parts = [scheduleInWords(t, tr)];
  if (t.clock && t.clock.timeZone !== timeZone && t.clock.kind !== 'minutes' && t.clock.kind !== 'hours')
    parts.push(tr('local.schedule.zone', { timeZone: t.clock.timeZone }));
  if (next !== null) parts.push(tr('local.schedule.next', { time: localDateTime(next, timeZone) }));
  return parts.join(' · ');
}

const DAY = 86_400_000;

/** Each trigger with its words and next firing (within 40 days) in the spreadsheet's zone. */
export function triggersInWords(
  triggers: TriggerRecord[],
  due: (from: number, to: number) => Array<{ trigger: TriggerRecord; at: number }>,
  now: number,
  timeZone: string,
  tr: Translate,
): Array<TriggerRecord & { schedule: string; next: number | null }> {
  const firings = due(now, now + 40 * DAY);
  return triggers.map((t) => {
    const next = firings.find((f) => f.trigger.id === t.id)?.at ?? null;
    return { ...t, schedule: describeTrigger(t, next, timeZone, tr), next };
  });
}
