import { createContext, type EmulatorContext } from '../../../src/local/emulator/context';
import { ScriptAppEmulator, TOO_MANY_TRIGGERS } from '../../../src/local/emulator/services/script-app';
import { formatDate } from '../../../src/local/emulator/services/format-date';

const DAY = 86_400_000;

function setup(nowIso: string, scriptTimeZone = 'Asia/Shanghai') {
  const ctx = createContext('owner@example.com', Date.parse(nowIso));
  const service = new ScriptAppEmulator(ctx, undefined, { scriptTimeZone });
  return { ctx, service, ScriptApp: service.global };
}

/** The minute an atHour trigger was given at creation (seeded, see script-app.ts), as "mm". */
function minuteOf(service: ScriptAppEmulator, handler: string): string {
  return String(service._all().find((t) => t.handler === handler)!.clock!.minute).padStart(2, '0');
}

function as(ctx: EmulatorContext, email: string) {
  ctx.identity.active = email;
  ctx.identity.effective = email;
}

describe('ScriptApp (reference: Class ScriptApp, ClockTriggerBuilder, Quotas)', () => {
  test('a daily trigger atHour(9) in Asia/Shanghai fires once per day in the 09 hour local, at one minute, across a week', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:00:00Z'); // 08:00 in Shanghai
    ScriptApp.newTrigger('sendDigest')
      .timeBased()
      .everyDays(1)
      .atHour(9)
      .inTimezone('Asia/Shanghai')
      .create();
    const from = ctx.clock.now();
    const due = service._due(from, from + 7 * DAY);
    expect(due).toHaveLength(7);
    const m = minuteOf(service, 'sendDigest');
    expect(due.map((f) => formatDate(f.at, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm'))).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((d) => `2026-03-0${d} 09:${m}`),
    );
    expect(due.every((f) => f.trigger.handler === 'sendDigest')).toBe(true);
  });

  test('daily triggers fire once per calendar day across the March DST change in America/New_York', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-05T15:00:00Z', 'America/New_York'); // 10:00 EST
    // The script time zone applies when inTimezone() is not given.
    ScriptApp.newTrigger('nine').timeBased().everyDays(1).atHour(9).create();
    // 02:30 does not exist on 2026-03-08 in New York; the day must still fire once.
    ScriptApp.newTrigger('twoThirty').timeBased().everyDays(1).atHour(2).nearMinute(30).create();
    const due = service._due(ctx.clock.now(), Date.parse('2026-03-11T14:00:00Z')); // to 10:00 EDT
    const days = (handler: string) =>
      due
        .filter((f) => f.trigger.handler === handler)
        .map((f) => formatDate(f.at, 'America/New_York', 'yyyy-MM-dd'));
    expect(days('nine')).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
    expect(days('twoThirty')).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
    const nine = due
      .filter((f) => f.trigger.handler === 'nine')
      .map((f) => formatDate(f.at, 'America/New_York', 'HH:mm z'));
    const m = minuteOf(service, 'nine');
    expect(nine).toEqual(['EST', 'EST', 'EDT', 'EDT', 'EDT', 'EDT'].map((z) => `09:${m} ${z}`));
    // Time order across triggers.
    expect(due.map((f) => f.at)).toEqual([...due.map((f) => f.at)].sort((a, b) => a - b));
  });

  test('everyHours(n) fires every n hours from creation; a split window gives the same firings', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:10:00Z');
    ScriptApp.newTrigger('sync').timeBased().everyHours(6).create();
    const t0 = ctx.clock.now();
    const whole = service._due(t0, t0 + DAY).map((f) => f.at);
    const split = [
      ...service._due(t0, t0 + 7 * 3_600_000),
      ...service._due(t0 + 7 * 3_600_000, t0 + DAY),
    ].map((f) => f.at);
    expect(whole).toEqual([6, 12, 18, 24].map((h) => t0 + h * 3_600_000));
    expect(split).toEqual(whole);
  });

  test('everyWeeks with onWeekDay fires on that weekday; onMonthDay fires monthly', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    ScriptApp.newTrigger('weekly')
      .timeBased()
      .everyWeeks(1)
      .onWeekDay(ScriptApp.WeekDay.FRIDAY)
      .atHour(8)
      .create();
    ScriptApp.newTrigger('monthly').timeBased().onMonthDay(15).atHour(7).create();
    const due = service._due(ctx.clock.now(), Date.parse('2026-04-30T00:00:00Z'));
    const fmt = (h: string) =>
      due
        .filter((f) => f.trigger.handler === h)
        .map((f) => formatDate(f.at, 'Asia/Shanghai', 'EEE yyyy-MM-dd HH:mm'));
    expect(fmt('weekly')).toHaveLength(8);
    expect(
      fmt('weekly').every((s) => s.startsWith('Fri') && s.endsWith(`08:${minuteOf(service, 'weekly')}`)),
    ).toBe(true);
    const m = minuteOf(service, 'monthly');
    expect(fmt('monthly')).toEqual([`Sun 2026-03-15 07:${m}`, `Wed 2026-04-15 07:${m}`]);
  });

  test('everyMinutes accepts only 1, 5, 10, 15 or 30 (reference: valid values)', () => {
    const { ScriptApp } = setup('2026-03-02T00:00:00Z');
    expect(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(2)).toThrow(
      'The value you passed to everyMinutes was invalid',
    );
    expect(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(15).create()).not.toThrow();
  });

  test('a one-off after(ms) trigger fires once and stays listed until deleted', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    const t = ScriptApp.newTrigger('later')
      .timeBased()
      .after(10 * 60_000)
      .create();
    const t0 = ctx.clock.now();
    expect(service._due(t0, t0 + 9 * 60_000)).toHaveLength(0);
    expect(service._due(t0 + 9 * 60_000, t0 + DAY).map((f) => f.at)).toEqual([t0 + 10 * 60_000]);
    expect(service._due(t0 + DAY, t0 + 30 * DAY)).toHaveLength(0);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(1);
    ScriptApp.deleteTrigger(t);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(0);
  });

  test('Quotas "Triggers 20 / user / script": the 21st trigger is refused with the Apps Script text', () => {
    const { ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS);
    // The limit is per user: another user may still create triggers.
    as(ctx, 'am@example.com');
    expect(() => ScriptApp.newTrigger('mine').timeBased().everyHours(1).create()).not.toThrow();
  });

  test('getProjectTriggers "gets all installable triggers associated with the current project and current user"', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    ScriptApp.newTrigger('ownerDigest').timeBased().everyDays(1).atHour(9).create();
    as(ctx, 'am@example.com');
    const t = ScriptApp.newTrigger('amDigest').timeBased().everyDays(1).atHour(9).create();
    expect(ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['amDigest']);
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    as(ctx, 'owner@example.com');
    expect(ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['ownerDigest']);
    // Both still fire, each as its creator ("Installable triggers always run under the account of
    // the person who created them").
    const due = service._due(ctx.clock.now(), ctx.clock.now() + DAY);
    expect(due.map((f) => [f.trigger.handler, f.trigger.creator]).sort()).toEqual([
      ['amDigest', 'am@example.com'],
      ['ownerDigest', 'owner@example.com'],
    ]);
  });

  test('spreadsheet triggers: forSpreadsheet(ss).onEdit() is listed by getUserTriggers and runs on edits', () => {
    const { service, ScriptApp } = setup('2026-03-02T00:00:00Z');
    const ss = { getId: () => 'sheet-1' } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const t = ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
    ScriptApp.newTrigger('onChangeInstalled').forSpreadsheet('sheet-1').onChange().create();
    expect(t.getEventType()).toBe('ON_EDIT');
    expect(t.getTriggerSource()).toBe('SPREADSHEETS');
    expect(t.getTriggerSourceId()).toBe('sheet-1');
    expect(ScriptApp.getUserTriggers(ss).map((x) => x.getHandlerFunction())).toEqual([
      'onEditInstalled',
      'onChangeInstalled',
    ]);
    expect(service._forEvent('ON_EDIT').map((r) => r.handler)).toEqual(['onEditInstalled']);
    expect(service._due(0, Date.parse('2030-01-01'))).toEqual([]);
  });

  test('every call the script makes is counted by class and method', () => {
    const { ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    ScriptApp.newTrigger('x').timeBased().everyDays(1).atHour(9).create();
    ScriptApp.getProjectTriggers()[0].getUniqueId();
    const calls = ctx.counter.snapshot().calls;
    expect(calls).toMatchObject({
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.timeBased': 1,
      'ClockTriggerBuilder.everyDays': 1,
      'ClockTriggerBuilder.atHour': 1,
      'ClockTriggerBuilder.create': 1,
      'ScriptApp.getProjectTriggers': 1,
      'Trigger.getUniqueId': 1,
    });
  });

  test('triggers survive a state round trip with their ids, creators and schedules', () => {
    const { service, ScriptApp, ctx } = setup('2026-03-02T00:00:00Z');
    ScriptApp.newTrigger('sendDigest').timeBased().everyDays(1).atHour(9).create();
    const state = JSON.parse(JSON.stringify(service.toState()));
    const again = new ScriptAppEmulator(ctx, state, { scriptTimeZone: 'Asia/Shanghai' });
    expect(again.toState()).toEqual(service.toState());
    expect(again._due(ctx.clock.now(), ctx.clock.now() + DAY)).toEqual(
      service._due(ctx.clock.now(), ctx.clock.now() + DAY),
    );
    again.global.newTrigger('next').timeBased().everyHours(1).create();
    expect(new Set(again._all().map((t) => t.id)).size).toBe(2);
  });
});

test('ScriptApp: the November fall-back day in America/New_York (01:30 happens twice) fires once', () => {
  const { service, ScriptApp, ctx } = setup('2026-10-30T12:00:00Z', 'America/New_York');
  ScriptApp.newTrigger('early').timeBased().everyDays(1).atHour(1).nearMinute(30).create();
  const due = service._due(ctx.clock.now(), Date.parse('2026-11-03T12:00:00Z'));
  const m = minuteOf(service, 'early');
  expect(due.map((f) => formatDate(f.at, 'America/New_York', 'yyyy-MM-dd HH:mm'))).toEqual(
    ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'].map((d) => `${d} 01:${m}`),
  );
});

test('atHour without nearMinute fires at a seeded minute ("If this method isn\'t called, a random minute value is used"), the same for the same script and trigger; nearMinute stays within ±15', () => {
  const minutes = (near?: number) => {
    const { service, ScriptApp } = setup('2026-03-02T00:00:00Z');
    for (let i = 0; i < 6; i++) {
      const b = ScriptApp.newTrigger(`h${i}`).timeBased().everyDays(1).atHour(9);
      (near === undefined ? b : b.nearMinute(near)).create();
    }
    return service._all().map((t) => t.clock!.minute!);
  };
  const first = minutes();
  expect(minutes()).toEqual(first);
  expect(first.every((m) => Number.isInteger(m) && m >= 0 && m <= 59)).toBe(true);
  expect(new Set(first).size).toBeGreaterThan(1);
  expect(minutes(30).every((m) => m >= 15 && m <= 45)).toBe(true);
});
