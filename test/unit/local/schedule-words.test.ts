import { translator } from '../../../src/i18n';
import { describeTrigger, scheduleInWords } from '../../../src/local/schedule-words';
import type { TriggerRecord } from '../../../src/local/emulator/services/script-app';

const created = Date.UTC(2026, 2, 5, 1, 0); // 2026-03-05 09:00 in Shanghai
function clock(spec: Partial<NonNullable<TriggerRecord['clock']>>): TriggerRecord {
  return {
    id: '1',
    handler: 'runDailyReminders',
    eventType: 'CLOCK',
    source: 'CLOCK',
    sourceId: null,
    creator: 'owner@example.com',
    createdAt: created,
    clock: { kind: 'days', timeZone: 'Asia/Shanghai', ...spec },
  };
}

describe('trigger schedules in words', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  test('daily, monthly, weekly and hourly in English and Chinese', () => {
    expect(scheduleInWords(clock({ kind: 'days', every: 1, atHour: 8 }), en)).toBe('every day at 8:00');
    expect(scheduleInWords(clock({ kind: 'days', every: 1, atHour: 8 }), zh)).toBe('每天 8:00');
    expect(scheduleInWords(clock({ kind: 'month', monthDay: 1, atHour: 6 }), en)).toBe(
      'on day 1 of every month at 6:00',
    );
    expect(scheduleInWords(clock({ kind: 'month', monthDay: 1, atHour: 6 }), zh)).toBe('每月 1 日 6:00');
    expect(scheduleInWords(clock({ kind: 'weeks', weekDay: 'MONDAY', atHour: 9, nearMinute: 30 }), zh)).toBe(
      '每周一 9:30',
    );
    expect(scheduleInWords(clock({ kind: 'hours', every: 1 }), en)).toBe('every hour');
    expect(scheduleInWords(clock({ kind: 'hours', every: 4 }), en)).toBe('every 4 hours');
    expect(scheduleInWords(clock({ kind: 'hours', every: 1 }), zh)).toBe('每小时');
  });

  test('a daily trigger without atHour runs at its creation time of day', () => {
    expect(scheduleInWords(clock({ kind: 'days', every: 1 }), en)).toBe('every day at 9:00');
  });

  test('spreadsheet triggers', () => {
    const edit = { ...clock({}), eventType: 'ON_EDIT' as const, clock: undefined };
    expect(scheduleInWords(edit, en)).toBe('on every edit');
    expect(scheduleInWords(edit, zh)).toBe('每次编辑时');
  });

  test('the next run is in the spreadsheet time zone; a trigger of another zone names its zone', () => {
    const next = Date.UTC(2026, 2, 6, 0, 0); // 08:00 in Shanghai
    expect(describeTrigger(clock({ kind: 'days', every: 1, atHour: 8 }), next, 'Asia/Shanghai', zh)).toBe(
      '每天 8:00 · 下次：2026-03-06 8:00',
    );
    const utc = clock({ kind: 'days', every: 1, atHour: 0, timeZone: 'Etc/UTC' });
    expect(describeTrigger(utc, next, 'Asia/Shanghai', en)).toBe(
      'every day at 0:00 · (Etc/UTC) · next: 2026-03-06 8:00',
    );
  });
});
