/**
 * The reminder ledger's archive through the built bundle. Every run reads the whole ledger, which
 * grows by a digest row and a row per item each day; past the threshold (100,000 rows; lowered here
 * through its document property) the oldest half moves to a protected archive sheet, and the rows
 * of digests still owed come back, so archiving never changes what is sent.
 */
import { dayNumberToIso, parseIsoDay } from '../../../src/core/shared';
import { DOC_KEYS } from '../../../src/server/document';
import { readTable } from '../../../src/local/inspect';
import { writeRecords } from '../../../src/local/sample';
import type { Runtime } from '../../../src/local/runtime';
import {
  addCustomers,
  at,
  day,
  digestRows,
  ledger,
  mailCount,
  outbox,
  reminderWorkbook,
  triggers,
} from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { MANAGER, OWNER, rep } from '../../support/people';

function archived(rt: Runtime): string[][] {
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Reminder log archive');
  if (!sheet) return [];
  return rt.spreadsheet
    .snapshot('Reminder log archive')
    .values.slice(1)
    .filter((line) => line.some((v) => v !== ''))
    .map((line) => line.map(String));
}

/** Five recipients, a quota of 2: digests are held back for days, so open keys cross the cut. */
function quotaWorkbook(threshold: number): Runtime {
  const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 4, withManager: true });
  addCustomers(rt, [
    customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-01') }),
    customerRecord(2, rep(2), { nextFollowUp: day(rt, '2026-03-01') }),
    customerRecord(3, rep(3), { nextFollowUp: day(rt, '2026-03-01') }),
    customerRecord(4, rep(4), { nextFollowUp: day(rt, '2026-03-01'), birthday: day(rt, '1980-03-10') }),
  ]);
  rt.services.properties.global
    .getDocumentProperties()
    .setProperty(DOC_KEYS.remindersArchiveThreshold, String(threshold));
  rt.services.mail._setQuota(2);
  rt.run('setDailyReminders', [true]);
  return rt;
}

describe('reminder ledger archive', () => {
  test('archiving at every run sends exactly what a run without archiving sends (quota 2, five recipients, four days)', () => {
    const days = ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
    const play = (threshold: number) => {
      const rt = quotaWorkbook(threshold);
      for (const d of days) {
        if (d === '2026-03-13') rt.services.mail._setQuota(100);
        rt.tick(at(`${d}T23:00:00+08:00`));
      }
      return rt;
    };
    const archiving = play(6);
    const plain = play(1_000_000);
    expect(archived(plain)).toEqual([]);
    expect(archived(archiving).length).toBeGreaterThan(20);
    // (each workbook has its own URL)
    const url = /spreadsheets\/d\/[^/]+/g;
    const sent = (rt: Runtime) =>
      outbox(rt).map((m) => [
        m.to.join(),
        m.sentAt,
        m.subject,
        m.body.replace(url, 'URL'),
        m.htmlBody?.replace(url, 'URL'),
      ]);
    expect(sent(archiving)).toEqual(sent(plain));
    expect(Object.keys(mailCount(outbox(archiving))).sort()).toEqual([
      MANAGER,
      rep(1),
      rep(2),
      rep(3),
      rep(4),
    ]);
    expect(triggers(archiving, 'runReminderCatchUp')).toHaveLength(0);

    // The ledger stays small, and with the archive it holds what the plain ledger holds, once.
    expect(ledger(archiving).length).toBeLessThan(40);
    const lines = (rt: Runtime) =>
      [...ledger(rt).map((l) => [l.date, l.rule, l.customerId, l.recipient, l.status]), ...archived(rt)]
        .map((l) => l.join('|'))
        .sort();
    expect(lines(archiving)).toEqual(lines(plain));
  });

  test('a digest still owed stays in the ledger when its day is archived; the next run sends it', () => {
    const rt = quotaWorkbook(2);
    rt.services.mail._setQuota(0);
    rt.tick(at('2026-03-10T23:00:00+08:00'));
    rt.tick(at('2026-03-12T23:00:00+08:00')); // nothing could be sent for three days
    expect(outbox(rt)).toEqual([]);
    const rowsOf10 = (lines: string[][]) => lines.filter((l) => l[0] === '2026-03-10');
    // Item rows of 10 March went to the archive; its digest rows, still owed, stayed.
    expect(rowsOf10(archived(rt)).length).toBeGreaterThan(0);
    expect(rowsOf10(archived(rt)).filter((l) => l[1] === 'digest')).toEqual([]);
    expect(digestRows(rt).filter((l) => l.date === '2026-03-10' && l.recipient === rep(4))).not.toEqual([]);

    rt.services.mail._setQuota(100);
    rt.tick(at('2026-03-13T23:00:00+08:00'));
    const rep4 = outbox(rt).filter((m) => m.to[0] === rep(4));
    // The first run after the quota returns sends the held digest (the hourly catch-up may do so
    // late on the 12th, at its trigger's minute, before the 13th's own digest): one per day.
    expect(rep4.length).toBeGreaterThanOrEqual(1);
    expect(rep4[0].body).toContain('held back since 2026-03-10');
    expect(rep4.slice(1).every((m) => !m.body.includes('held back'))).toBe(true);
    expect(new Set(rep4.map((m) => m.subject)).size).toBe(rep4.length);
  });

  test('each archiving is an audit row; the archive sheet is protected and localized', () => {
    const rt = quotaWorkbook(4);
    rt.tick(at('2026-03-10T23:00:00+08:00'));
    const audit = readTable(rt, 'auditLog').records.filter((r) =>
      String(r.action).startsWith('reminderArchive'),
    );
    // The hourly catch-up runs while digests are held back: each run that archived wrote one row.
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit)
      expect(row).toMatchObject({
        sheet: 'reminderLog',
        action: expect.stringMatching(/^reminderArchive rows=\d+ kept=\d+ to="Reminder log archive"$/),
      });
    const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Reminder log archive')!;
    const [protection] = sheet.getProtections(rt.spreadsheet.app.ProtectionType.SHEET);
    expect(protection.getDescription()).toBe('Sheets CRM: reminder log archive, written only by the add-on');
    expect(protection.isWarningOnly()).toBe(false);
  });
  test('a manager who joined after the archive was made, and may not write it, archives to a new one', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T07:00:00+08:00', reps: 1 });
    const history = (month: string) =>
      Array.from({ length: 10 }, (_, i) => ({
        date: `2026-${month}-${String(i + 1).padStart(2, '0')}`,
        rule: 'digest',
        customerId: '',
        recipient: rep(1),
        status: 'sent',
      }));
    writeRecords(rt, { reminderLog: history('01') });
    rt.services.properties.global
      .getDocumentProperties()
      .setProperty(DOC_KEYS.remindersArchiveThreshold, '4');
    rt.run('runDailyReminders', [{ authMode: 'FULL' }], { as: OWNER, mode: 'trigger' }); // archive made
    const firstArchive = archived(rt);
    expect(firstArchive).toHaveLength(5);

    const LATE = 'late.manager@example.com';
    writeRecords(rt, {
      roles: [{ email: LATE, name: 'Late', role: 'manager', active: true }],
      reminderLog: history('02'),
    });
    rt.run('applyPermissions', [], { as: OWNER }); // the late manager may now write the ledger, not the archive
    rt.run('runDailyReminders', [{ authMode: 'FULL' }], { as: LATE, mode: 'trigger' });

    expect(archived(rt)).toEqual(firstArchive); // left as it was
    const second = rt.spreadsheet.snapshot('Reminder log archive (2)').values.slice(1);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((line) => /^2026-0[12]-/.test(String(line[0])))).toBe(true);
    const audit = readTable(rt, 'auditLog')
      .records.filter((r) => r.user === LATE)
      .map((r) => r.action);
    expect(audit).toContainEqual(
      expect.stringMatching(/^reminderArchive .* to="Reminder log archive \(2\)"$/),
    );
  });
});

describe('at the real threshold', () => {
  test('a ledger of 100,001 rows is halved in the run that finds it, with a constant number of calls', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T07:00:00+08:00', reps: 2 });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-01') })]);
    // Years of history: each day a digest and nine item rows for each of two reps.
    const first = parseIsoDay('2012-01-01')!;
    const old = Array.from({ length: 100_001 }, (_, i) => ({
      date: dayNumberToIso(first + Math.floor(i / 20)),
      rule: i % 10 === 0 ? 'digest' : 'overdue',
      customerId: i % 10 === 0 ? '' : 'C000001',
      recipient: rep(1 + (Math.floor(i / 10) % 2)),
      status: 'sent',
    }));
    writeRecords(rt, { reminderLog: old });

    const summary = rt.run('runDailyReminders', [{ authMode: 'FULL' }], { as: OWNER, mode: 'trigger' });
    expect(summary).toMatchObject({ status: 'done', sent: 1 });
    expect(outbox(rt).map((m) => m.to[0])).toEqual([rep(1)]);
    expect(archived(rt)).toHaveLength(50_000);
    expect(archived(rt)[0]).toEqual(['2012-01-01', 'digest', '', rep(1), 'sent']);
    // 50,001 old rows and this run's digest and item rows remain.
    expect(ledger(rt)).toHaveLength(50_001 + 2);

    // Archiving reads nothing again: the whole move is a handful of calls.
    const stats = rt.lastStats!;
    const calls = (m: string) => stats.calls[m] ?? 0;
    expect(calls('Sheet.deleteRows')).toBe(1);
    expect(calls('Range.setNumberFormat')).toBeLessThanOrEqual(5);
    expect(calls('Range.getValues')).toBeLessThanOrEqual(12);
    expect(calls('Range.setValues')).toBeLessThanOrEqual(6);
    // 50,000 rows of 5 values, and the same cells given their column's format by 5 range-wide
    // setters (which the benchmark's cost model charges as calls, not per cell)
    expect(stats.cellsWritten).toBeLessThan(2 * 50_000 * 5 + 1_000);
  });
});
