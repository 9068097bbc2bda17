/**
 * Batch I/O of the reminder run: among 50 account managers, the same number of spreadsheet calls
 * at 2,000 and 20,000 customers, each sheet read once, at most one e-mail per recipient. (The
 * 50,000-customer time budget belongs to the benchmark, not to a timed test.)
 */
import { rng } from '../../../src/local/sample';
import { addCustomers, day, mailCount, outbox, reminderWorkbook, runJob } from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { rep } from '../../support/people';
import { spreadsheetCallsByMethod } from '../../support/workbook';

const REPS = 50;

function runAtSize(customers: number) {
  const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: REPS, withManager: true });
  const random = rng(customers);
  const offset = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const iso = (d: number) => new Date(Date.UTC(2026, 2, 10 + d)).toISOString().slice(0, 10);
  const rows = Array.from({ length: customers }, (_, i) =>
    customerRecord(i + 1, rep((i % REPS) + 1), {
      tier: ['A', 'B', 'C'][i % 3],
      nextFollowUp: random() < 0.8 ? day(rt, iso(offset(-40, 60))) : '',
      lastContact: day(rt, iso(offset(-100, -1))),
      birthday: random() < 0.5 ? day(rt, `19${offset(50, 99)}-0${offset(1, 9)}-1${offset(0, 9)}`) : '',
      contractEnd: random() < 0.3 ? day(rt, iso(offset(-5, 40))) : '',
    }),
  );
  addCustomers(rt, rows);
  const summary = runJob(rt);
  return { rt, summary, stats: rt.lastStats!, spreadsheetCalls: spreadsheetCallsByMethod(rt) };
}

describe('the reminder run at scale', () => {
  test('a constant number of spreadsheet calls from 2,000 to 20,000 customers; one e-mail per recipient', () => {
    const small = runAtSize(2_000);
    const large = runAtSize(20_000);
    expect(large.spreadsheetCalls).toEqual(small.spreadsheetCalls);
    // Customers, roles, settings and the ledger: one getValues each; the opportunities sheet (empty
    // here) its header only (with rows, one more per run of adjacent needed columns).
    expect(large.stats.calls['Range.getValues']).toBe(5);
    expect(large.stats.calls['Range.setValues']).toBe(1); // the ledger, in one block
    for (const run of [small, large]) {
      const counts = mailCount(outbox(run.rt));
      expect(Math.max(...Object.values(counts))).toBe(1);
      expect(Object.keys(counts).length).toBe(run.summary.sent);
      expect(run.summary.sent).toBe(REPS + 1); // every rep and the manager's roll-up
      expect(run.stats.calls['MailApp.sendEmail']).toBe(REPS + 1);
    }
    expect(large.stats.cellsRead).toBeGreaterThan(small.stats.cellsRead * 5);
  }, 120_000);
});
