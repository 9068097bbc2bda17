/**
 * The reminder run through the built bundle in the emulator: the daily trigger, idempotency when
 * it fires twice or overlaps another execution, the quota, send errors, the time limit, links and
 * escaping, and bad rows reported to the admins.
 */
import {
  addCustomers,
  at,
  day,
  digestRows,
  ledger,
  mailCount,
  outbox,
  reminderWorkbook,
  runJob,
  triggers,
} from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { MANAGER, OWNER, rep } from '../../support/people';
import { isoDayIn } from '../../support/dates';
import { TIME_ZONE } from '../../support/workbook';

const DAILY = 'runDailyReminders';
/** The Shanghai calendar day of an ISO instant. */
const shanghaiDay = (instant: string) => isoDayIn(instant, TIME_ZONE);
const CATCH_UP = 'runReminderCatchUp';

/** Every (recipient, day) digest key was recorded sent at most once. */
function expectNoDoubleSend(rt: Parameters<typeof digestRows>[0]) {
  const sent = digestRows(rt)
    .filter((l) => l.status === 'sent')
    .map((l) => `${l.recipient}|${l.date}`);
  expect(sent.length).toBe(new Set(sent).size);
}

describe('the daily trigger', () => {
  test('fires at the settings hour; fired twice the same day, it sends one digest', () => {
    const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 1 });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') })]);
    rt.run('setDailyReminders', [true]);
    expect(triggers(rt, DAILY)).toHaveLength(1);
    expect(triggers(rt, DAILY)[0].clock).toMatchObject({ atHour: 8, timeZone: 'Asia/Shanghai' });

    const fired = rt.tick(at('2026-03-10T12:00:00+08:00'));
    const ours = fired.filter((f) => f.handler === DAILY || f.handler === CATCH_UP);
    // Within the 08 hour, at the trigger's seeded minute ("If [nearMinute] isn't called, a random
    // minute value is used").
    const minute = triggers(rt, DAILY)[0].clock!.minute!;
    expect(ours.map((f) => [f.handler, f.at, f.error])).toEqual([
      [DAILY, at('2026-03-10T08:00:00+08:00') + minute * 60_000, undefined],
    ]);
    expect(outbox(rt).map((m) => m.to[0])).toEqual([rep(1)]);

    // The same trigger firing again (Apps Script may retry), and a manual run: nothing more.
    expect(runJob(rt)).toMatchObject({ status: 'done', sent: 0 });
    rt.run(DAILY, [], { as: OWNER, mode: 'trigger' });
    expect(outbox(rt)).toHaveLength(1);
    expect(digestRows(rt)).toEqual([
      { date: '2026-03-10', rule: 'digest', customerId: '', recipient: rep(1), status: 'sent' },
    ]);
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);
  });

  test('two overlapping runs: the second finds the lock held, defers to a catch-up; one digest in all', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 2 });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') }),
      customerRecord(2, rep(2), { nextFollowUp: day(rt, '2026-03-01') }),
    ]);
    // Another execution (a manual run, another trigger) holds the document lock.
    const lock = rt.services.lock;
    const other = lock.beginExecution();
    expect(lock.global.getDocumentLock().tryLock(0)).toBe(true);
    expect(runJob(rt)).toMatchObject({ status: 'busy', catchUp: 'later' });
    expect(outbox(rt)).toHaveLength(0);
    expect(ledger(rt)).toHaveLength(0);
    expect(triggers(rt, CATCH_UP)).toHaveLength(1);

    // The other execution ends; the catch-up run sends each digest once.
    lock.endExecution(other);
    rt.tick(rt.ctx.clock.now() + 10 * 60_000);
    expect(mailCount(outbox(rt))).toEqual({ [rep(1)]: 1, [rep(2)]: 1 });
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);
    runJob(rt);
    expect(outbox(rt)).toHaveLength(2);
    expectNoDoubleSend(rt);
  });
});

describe('quota and send errors', () => {
  test('a quota of 2 with 5 recipients over three days: everything arrives, nothing twice', () => {
    const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 4, withManager: true });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-01') }),
      customerRecord(2, rep(2), { nextFollowUp: day(rt, '2026-03-01') }),
      customerRecord(3, rep(3), { nextFollowUp: day(rt, '2026-03-01') }),
      // rep4 is served last: its 10 March birthday must still reach it two days later.
      customerRecord(4, rep(4), { nextFollowUp: day(rt, '2026-03-01'), birthday: day(rt, '1980-03-10') }),
    ]);
    rt.services.mail._setQuota(2);
    rt.run('setDailyReminders', [true]);

    rt.tick(at('2026-03-10T23:00:00+08:00'));
    expect(mailCount(outbox(rt))).toEqual({ [MANAGER]: 1, [rep(1)]: 1 });
    expect(triggers(rt, CATCH_UP)).toHaveLength(1); // retries hourly while something is owed

    rt.tick(at('2026-03-11T23:00:00+08:00'));
    rt.tick(at('2026-03-12T23:00:00+08:00'));
    const byDay = (d: string) => outbox(rt).filter((m) => shanghaiDay(m.sentAt) === d).length;
    expect([byDay('2026-03-10'), byDay('2026-03-11'), byDay('2026-03-12')]).toEqual([2, 2, 2]);
    // Within three days every recipient got a digest; the oldest debt went first.
    expect(Object.keys(mailCount(outbox(rt))).sort()).toEqual([MANAGER, rep(1), rep(2), rep(3), rep(4)]);
    const rep4 = outbox(rt).find((m) => m.to[0] === rep(4))!;
    expect(shanghaiDay(rep4.sentAt)).toBe('2026-03-12');
    expect(rep4.body).toContain('held back since 2026-03-10');
    expect(rep4.body).toContain('Birthday was 2 days ago (2026-03-10)');

    // With quota back, the next run settles every owed key and removes the catch-up trigger.
    rt.services.mail._setQuota(100);
    rt.tick(at('2026-03-13T23:00:00+08:00'));
    const owed = new Map<string, string>();
    for (const l of digestRows(rt)) {
      const key = `${l.recipient}|${l.date}`;
      if (['sent', 'superseded', 'abandoned'].includes(l.status) || !owed.has(key)) owed.set(key, l.status);
    }
    expect([...owed.values()].filter((s) => s === 'deferred' || s === 'failed')).toEqual([]);
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);
    // At most one e-mail per recipient per day.
    const perDay = outbox(rt).map((m) => `${m.to[0]}|${shanghaiDay(m.sentAt)}`);
    expect(perDay.length).toBe(new Set(perDay).size);
    expectNoDoubleSend(rt);
  });

  test('a failed send is retried by the catch-up run; after 3 retries the admins are told', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 1 });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-05') })]);

    rt.services.mail._failNext(1, 'Service unavailable: Gmail');
    expect(runJob(rt)).toMatchObject({ failed: 1, sent: 0, catchUp: 'later' });
    expect(digestRows(rt).map((l) => l.status)).toEqual(['failed']);
    rt.tick(at('2026-03-10T09:30:00+08:00'));
    expect(outbox(rt).map((m) => m.to[0])).toEqual([rep(1)]);
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);

    // Next day every attempt fails: the daily run, then 3 hourly retries.
    rt.services.mail._failNext(4, 'Service unavailable: Gmail');
    rt.tick(at('2026-03-11T08:30:00+08:00'));
    runJob(rt);
    rt.tick(at('2026-03-11T11:30:00+08:00'));
    expect(outbox(rt)).toHaveLength(1);
    const day11 = digestRows(rt).filter((l) => l.date === '2026-03-11');
    expect(day11.map((l) => l.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    // The next run gives up on it and reports it in the admin's digest.
    rt.tick(at('2026-03-11T12:30:00+08:00'));
    const report = outbox(rt).slice(1);
    expect(report.map((m) => m.to[0])).toEqual([OWNER]);
    expect(report[0].body).toContain('Reminders that could not be sent (1)');
    expect(report[0].body).toContain(rep(1));
    expect(
      digestRows(rt)
        .filter((l) => l.date === '2026-03-11')
        .map((l) => l.status),
    ).toContain('abandoned');
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);
  });
});

describe('long runs', () => {
  test('the time limit reached in the middle: the follow-up trigger finishes, nothing doubled', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 5 });
    addCustomers(
      rt,
      [1, 2, 3, 4, 5].map((n) => customerRecord(n, rep(n), { nextFollowUp: day(rt, '2026-03-09') })),
    );
    // A 2.5 s budget and sends that take 1 s each: three sends fit.
    rt.services.properties.global
      .getDocumentProperties()
      .setProperty('sheetsCrm.reminders.timeBudgetMs', '2500');
    rt.services.mail._setSendDelay(1000);
    expect(runJob(rt)).toMatchObject({ sent: 3, deferred: 2, stoppedEarly: true, catchUp: 'soon' });
    expect(outbox(rt).map((m) => m.to[0])).toEqual([rep(1), rep(2), rep(3)]);
    expect(triggers(rt, CATCH_UP)).toHaveLength(1);

    rt.tick(rt.ctx.clock.now() + 5 * 60_000);
    expect(outbox(rt).map((m) => m.to[0])).toEqual([rep(1), rep(2), rep(3), rep(4), rep(5)]);
    expect(triggers(rt, CATCH_UP)).toHaveLength(0);
    expectNoDoubleSend(rt);
    expect(
      digestRows(rt)
        .filter((l) => l.status === 'sent')
        .map((l) => l.recipient)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5].map(rep));
  });
});

describe('content', () => {
  test('links to the customer row; a customer named with HTML is escaped, never a tag', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 1 });
    addCustomers(rt, [
      customerRecord(1, rep(1), {
        name: '<img src=x onerror=alert(1)>',
        company: 'Tom & "Jerry"',
        nextFollowUp: day(rt, '2026-03-10'),
      }),
    ]);
    runJob(rt);
    const [mail] = outbox(rt);
    const ss = rt.spreadsheet.app.getActiveSpreadsheet();
    const gid = ss.getSheetByName('Customers')!.getSheetId();
    const link = `${ss.getUrl()}#gid=${gid}&amp;range=A2`;
    expect(mail.htmlBody).toContain(`<a href="${link}">&lt;img src=x onerror=alert(1)&gt;</a>`);
    expect(mail.htmlBody).toContain('Tom &amp; &quot;Jerry&quot;');
    expect(mail.htmlBody).not.toMatch(/<img/i);
    expect(mail.body).toContain('<img src=x onerror=alert(1)>'); // plain text is not HTML
    expect(mail.body).toContain(`${ss.getUrl()}#gid=${gid}&range=A2`);
    expect(mail.subject).toBe('Sheets CRM reminders for 2026-03-10');
  });

  test("bad rows are skipped and listed, with row numbers, in the admins' digest", () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 1 });
    addCustomers(rt, [
      customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') }),
      customerRecord(2, rep(1), { nextFollowUp: 'next Tuesday' }),
      customerRecord(3, 'ghost@example.com', { nextFollowUp: day(rt, '2026-03-10') }),
      customerRecord(4, 'Bob', { nextFollowUp: day(rt, '2026-03-10') }),
    ]);
    expect(runJob(rt)).toMatchObject({ sent: 2, badRows: 3 });
    const byTo = Object.fromEntries(outbox(rt).map((m) => [m.to[0], m]));
    expect(byTo[rep(1)].body).toContain('Customer 1');
    expect(byTo[rep(1)].body).not.toContain('Customer 2');
    const admin = byTo[OWNER].body;
    expect(admin).toContain('Rows skipped by reminders (3)');
    expect(admin).toMatch(/Customers, row 3 · C000002 · .*not a valid date: next Tuesday/);
    expect(admin).toMatch(/Customers, row 4 · C000003 · ghost@example\.com is not on the Roles sheet/);
    expect(admin).toMatch(/Customers, row 5 · C000004 · account manager "Bob" is not an e-mail address/);
  });
});
