/**
 * Calendar days through the bundle: the day of a run is the spreadsheet's calendar day, in zones
 * far from UTC (UTC+14, UTC-10) around midnight and across a daylight-saving change; 29 February
 * birthdays fall on 28 February in common years.
 */
import { addCustomers, at, day, outbox, reminderWorkbook, runJob, triggers } from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { rep } from '../../support/people';
import { writeSettings } from '../../support/workbook';

/** When the daily reminder trigger fired (other features' triggers may fire too). */
function dailyFirings(fired: Array<{ handler: string; at: number }>): string[] {
  return fired.filter((f) => f.handler === 'runDailyReminders').map((f) => new Date(f.at).toISOString());
}

/** The digest's reason line of a customer in the plain-text body. */
function reasonOf(body: string, name: string): string {
  const line = body.split('\n').find((l) => l.startsWith(`- ${name} ·`));
  return line ? line.split(' · ').slice(-1)[0] : '';
}

describe('time zones far from UTC, around midnight', () => {
  test('UTC+14 (Pacific/Kiritimati): a midnight run is already the next day', () => {
    const rt = reminderWorkbook({ now: '2024-03-09T23:30:00+14:00', timeZone: 'Pacific/Kiritimati' });
    writeSettings(rt, { 'reminder.hour': '0' });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2024-03-10') }),
      customerRecord(2, rep(1), { nextFollowUp: day(rt, '2024-03-09') }),
      customerRecord(3, rep(1), { nextFollowUp: day(rt, '2024-03-11') }),
    ]);
    rt.run('setDailyReminders', [true]);
    expect(triggers(rt, 'runDailyReminders')[0].clock).toMatchObject({
      atHour: 0,
      timeZone: 'Pacific/Kiritimati',
    });
    const minute = triggers(rt, 'runDailyReminders')[0].clock!.minute!;
    const fired = rt.tick(at('2024-03-10T01:00:00+14:00'));
    // The 00 hour in Kiritimati is 10:00 UTC of the day before (at the trigger's seeded minute).
    expect(dailyFirings(fired)).toEqual([
      new Date(Date.parse('2024-03-09T10:00:00Z') + minute * 60_000).toISOString(),
    ]);
    const [mail] = outbox(rt);
    expect(mail.subject).toBe('Sheets CRM reminders for 2024-03-10: 1 overdue');
    expect(reasonOf(mail.body, 'Customer 1')).toBe('Follow-up due today');
    expect(reasonOf(mail.body, 'Customer 2')).toBe('Follow-up 1 day overdue (due 2024-03-09)');
    expect(reasonOf(mail.body, 'Customer 3')).toBe('Follow-up due tomorrow (2024-03-11)');
  });

  test('UTC-10 (Pacific/Honolulu): a 23:00 run is still the same day', () => {
    const rt = reminderWorkbook({ now: '2024-03-10T22:00:00-10:00', timeZone: 'Pacific/Honolulu' });
    writeSettings(rt, { 'reminder.hour': '23' });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2024-03-10') }),
      customerRecord(2, rep(1), { nextFollowUp: day(rt, '2024-03-11') }),
      customerRecord(3, rep(1), { birthday: day(rt, '1990-03-10'), nextFollowUp: day(rt, '2030-01-01') }),
    ]);
    rt.run('setDailyReminders', [true]);
    const minute = triggers(rt, 'runDailyReminders')[0].clock!.minute!;
    const fired = rt.tick(at('2024-03-10T23:59:59-10:00'));
    // The 23 hour in Honolulu is 09:00 UTC of the next day (at the trigger's seeded minute).
    expect(dailyFirings(fired)).toEqual([
      new Date(Date.parse('2024-03-11T09:00:00Z') + minute * 60_000).toISOString(),
    ]);
    const [mail] = outbox(rt);
    expect(mail.subject).toBe('Sheets CRM reminders for 2024-03-10');
    expect(reasonOf(mail.body, 'Customer 1')).toBe('Follow-up due today');
    expect(reasonOf(mail.body, 'Customer 2')).toBe('Follow-up due tomorrow (2024-03-11)');
    expect(reasonOf(mail.body, 'Customer 3')).toBe('Birthday today');
  });

  test('a daylight-saving change (America/New_York, 10 March 2024) moves no reminder', () => {
    const rt = reminderWorkbook({ now: '2024-03-08T12:00:00-05:00', timeZone: 'America/New_York' });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2024-03-10') }),
      // 30-day cadence from 9 February lands on 10 March whatever the clocks do.
      customerRecord(2, rep(1), { tier: 'B', lastContact: day(rt, '2024-02-09') }),
      customerRecord(3, rep(1), { birthday: day(rt, '1975-03-10'), nextFollowUp: day(rt, '2030-01-01') }),
    ]);
    rt.run('setDailyReminders', [true]);
    const fired = rt.tick(at('2024-03-11T12:00:00-04:00'));
    // The 08 hour local each day: 13:00 UTC in EST, 12:00 UTC in EDT; exactly once a day, at the
    // trigger's seeded minute.
    const minute = triggers(rt, 'runDailyReminders')[0].clock!.minute! * 60_000;
    expect(dailyFirings(fired)).toEqual(
      ['2024-03-09T13:00:00Z', '2024-03-10T12:00:00Z', '2024-03-11T12:00:00Z'].map((t) =>
        new Date(Date.parse(t) + minute).toISOString(),
      ),
    );
    const mail = outbox(rt);
    expect(mail.map((m) => m.subject)).toEqual([
      'Sheets CRM reminders for 2024-03-09',
      'Sheets CRM reminders for 2024-03-10',
      'Sheets CRM reminders for 2024-03-11: 2 overdue',
    ]);
    expect(mail.map((m) => reasonOf(m.body, 'Customer 1'))).toEqual([
      'Follow-up due tomorrow (2024-03-10)',
      'Follow-up due today',
      'Follow-up 1 day overdue (due 2024-03-10)',
    ]);
    expect(reasonOf(mail[1].body, 'Customer 2')).toBe(
      'Follow-up due today; last contact 2024-02-09, every 30 days',
    );
    expect(mail.map((m) => reasonOf(m.body, 'Customer 3'))).toEqual([
      'Birthday tomorrow (2024-03-10)',
      'Birthday today',
      '',
    ]);
  });
});

describe('29 February birthdays', () => {
  test('fall on 29 February in leap years and on 28 February in other years', () => {
    const rt = reminderWorkbook({ now: '2024-02-28T08:00:00+08:00' });
    addCustomers(rt, [
      customerRecord(1, rep(1), { birthday: day(rt, '1992-02-29'), nextFollowUp: day(rt, '2030-01-01') }),
    ]);
    const reasons: string[] = [];
    for (const when of [
      '2024-02-28T08:00:00+08:00',
      '2024-02-29T08:00:00+08:00',
      '2024-03-01T08:00:00+08:00',
      '2025-02-26T08:00:00+08:00',
      '2025-02-28T08:00:00+08:00',
      '2025-03-01T08:00:00+08:00',
    ]) {
      rt.ctx.clock.set(at(when));
      const before = outbox(rt).length;
      runJob(rt);
      const sent = outbox(rt).slice(before);
      reasons.push(sent.length ? reasonOf(sent[0].body, 'Customer 1') : 'no e-mail');
    }
    expect(reasons).toEqual([
      'Birthday tomorrow (2024-02-29)',
      'Birthday today',
      'no e-mail',
      'Birthday in 2 days (2025-02-28)',
      'Birthday today',
      'no e-mail',
    ]);
  });
});
