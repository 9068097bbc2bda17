/**
 * The reminder job does not trust the Reminder log alone: its own record of the day's sends (in
 * document properties) stops a cleared or edited ledger from causing a resend; a catch-up run
 * before the reminder hour sends nothing early; a sheet missing its header is refused loudly; and a
 * failing trigger run is mailed to the admins.
 */
import { SENT_RECORD_PREFIX } from '../../../src/core/reminders';
import {
  addCustomers,
  asOwner,
  at,
  day,
  outbox,
  reminderWorkbook,
  runJob,
  triggers,
} from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { OWNER, rep } from '../../support/people';

function workbook(now = '2026-03-10T08:30:00+08:00') {
  const rt = reminderWorkbook({ now, reps: 2 });
  addCustomers(rt, [
    customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-01') }),
    customerRecord(2, rep(2), { nextFollowUp: day(rt, '2026-03-02') }),
  ]);
  return rt;
}

const sheetNamed = (rt: ReturnType<typeof workbook>, name: string) =>
  rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(name)!;

describe("the reminder job's own record of sends", () => {
  test('clearing the Reminder log and running again the same day sends no second digest', () => {
    const rt = workbook();
    expect(runJob(rt)).toMatchObject({ sent: 2 });
    const record = Object.keys(rt.services.properties.toState().document).filter((k) =>
      k.startsWith(`${SENT_RECORD_PREFIX}2026-03-10`),
    );
    expect(record).toHaveLength(1);

    asOwner(rt);
    const log = sheetNamed(rt, 'Reminder log');
    log.getRange(2, 1, log.getLastRow() - 1, log.getLastColumn()).clearContent();
    expect(runJob(rt)).toMatchObject({ sent: 0 });
    expect(
      outbox(rt)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([rep(1), rep(2)]);

    // The next day is a new day: each rep gets that day's digest.
    rt.ctx.clock.set(at('2026-03-11T08:30:00+08:00'));
    expect(runJob(rt)).toMatchObject({ sent: 2 });
  });

  test('the record keeps a few days only', () => {
    const rt = workbook();
    for (const d of ['10', '11', '12', '13', '14']) {
      rt.ctx.clock.set(at(`2026-03-${d}T08:30:00+08:00`));
      runJob(rt);
    }
    const days = new Set(
      Object.keys(rt.services.properties.toState().document)
        .filter((k) => k.startsWith(SENT_RECORD_PREFIX))
        .map((k) => k.slice(SENT_RECORD_PREFIX.length, SENT_RECORD_PREFIX.length + 10)),
    );
    expect([...days].sort()).toEqual(['2026-03-12', '2026-03-13', '2026-03-14']);
  });

  test("a trigger run before the reminder hour sends nothing and leaves the day's digests to the hour", () => {
    const rt = workbook('2026-03-10T00:20:00+08:00');
    const summary = rt.run('runReminderCatchUp', [{ authMode: 'FULL', triggerUid: 'catch-up' }], {
      as: OWNER,
      mode: 'trigger',
    });
    expect(summary).toMatchObject({ sent: 0, catchUp: 'later' });
    expect(outbox(rt)).toEqual([]);
    const [catchUp] = triggers(rt, 'runReminderCatchUp');
    expect(catchUp).toBeDefined();
    rt.tick(at('2026-03-10T08:59:00+08:00'));
    const sent = outbox(rt);
    expect(sent).toHaveLength(2);
    expect(sent.every((m) => new Date(m.sentAt).getTime() >= at('2026-03-10T08:00:00+08:00'))).toBe(true);
  });

  test('a Customers sheet without its header row is refused by name, never read as "nothing owed"', () => {
    const rt = workbook();
    asOwner(rt);
    sheetNamed(rt, 'Customers').deleteRow(1);
    expect(() => runJob(rt)).toThrow(/The Customers sheet lacks the column\(s\) Customer ID, Name/);
    expect(outbox(rt)).toEqual([]);
  });

  test('a trigger run that fails is mailed to the admins', () => {
    const rt = workbook();
    asOwner(rt);
    sheetNamed(rt, 'Customers').deleteRow(1);
    expect(() =>
      rt.run('runDailyReminders', [{ authMode: 'FULL', triggerUid: 'daily' }], {
        as: OWNER,
        mode: 'trigger',
      }),
    ).toThrow(/lacks the column/);
    const reports = outbox(rt).filter((m) => /scheduled job failed/.test(m.subject));
    expect(reports).toHaveLength(1);
    expect(reports[0].to).toEqual([OWNER]);
    expect(reports[0].body).toContain('runDailyReminders');
  });
});
