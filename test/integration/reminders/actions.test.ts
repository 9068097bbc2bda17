import { expectUserError } from '../../support/runner';
/**
 * Acting on reminders through the bundle: "Mark contacted today" and "Snooze N days" on the
 * selected rows of the customers sheet; account managers only on their own customers.
 */
import { readTable } from '../../../src/local/inspect';
import { addCustomers, day, reminderWorkbook } from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { MANAGER, rep } from '../../support/people';

function workbook() {
  const rt = reminderWorkbook({ now: '2026-03-10T15:00:00+08:00', reps: 2, withManager: true });
  addCustomers(rt, [
    // row 2: nextFollowUp the add-on computed (1 Feb + 14 days, tier A)
    customerRecord(1, rep(1), {
      tier: 'A',
      lastContact: day(rt, '2026-02-01'),
      nextFollowUp: day(rt, '2026-02-15'),
    }),
    // row 3: never contacted
    customerRecord(2, rep(1), { tier: 'B' }),
    // row 4: another rep's
    customerRecord(3, rep(2), { nextFollowUp: day(rt, '2026-03-01') }),
    // row 5: a follow-up date set by hand, still ahead
    customerRecord(4, rep(1), { lastContact: day(rt, '2026-03-01'), nextFollowUp: day(rt, '2026-04-02') }),
  ]);
  // The rows were written outside the add-on: apply the protections (reps edit their own rows).
  rt.run('applyPermissions', []);
  return rt;
}

function customers(rt: ReturnType<typeof workbook>) {
  return Object.fromEntries(readTable(rt, 'customers').records.map((r) => [r._row, r]));
}

function setValuesCalls(rt: ReturnType<typeof workbook>): number {
  return rt.lastStats?.calls['Range.setValues'] ?? 0;
}

describe('mark contacted today', () => {
  test('sets lastContact, recomputes nextFollowUp by cadence, appends one interaction per customer', () => {
    const rt = workbook();
    rt.spreadsheet.select('Customers', 'B2:D3');
    const result = rt.run('menuMarkContacted', [], { as: rep(1) });
    expect(result).toMatchObject({ rows: [2, 3], message: '2 customer(s) marked contacted today.' });
    const c = customers(rt);
    expect([c[2].lastContact, c[2].nextFollowUp]).toEqual(['2026-03-10', '2026-03-24']);
    expect([c[3].lastContact, c[3].nextFollowUp]).toEqual(['2026-03-10', '2026-04-09']);
    expect(c[4].lastContact).toBe('');
    // One setValues for lastContact + nextFollowUp (adjacent), one for updatedAt, one append.
    expect(setValuesCalls(rt)).toBe(3);
    const interactions = readTable(rt, 'interactions').records.map(({ _row, ...r }) => r);
    expect(interactions).toEqual([
      expect.objectContaining({
        date: '2026-03-10',
        customerId: 'C000001',
        nextFollowUp: '2026-03-24',
        loggedBy: rep(1),
        summary: 'Contacted (marked from the reminders menu)',
      }),
      expect.objectContaining({ customerId: 'C000002', nextFollowUp: '2026-04-09' }),
    ]);
    expect(rt.spreadsheet.toasts().slice(-1)[0]).toMatchObject({
      message: '2 customer(s) marked contacted today.',
    });
  });

  test('keeps a follow-up date set by hand', () => {
    const rt = workbook();
    rt.spreadsheet.select('Customers', 'A5');
    rt.run('menuMarkContacted', [], { as: rep(1) });
    expect(customers(rt)[5]).toMatchObject({ lastContact: '2026-03-10', nextFollowUp: '2026-04-02' });
  });

  test("an account manager may not act on another rep's customer: refused with the rows, nothing written", () => {
    const rt = workbook();
    const before = [
      rt.spreadsheet.snapshot('Customers').values,
      rt.spreadsheet.snapshot('Interactions').values,
    ];
    rt.spreadsheet.select('Customers', 'A2:A5');
    expectUserError(() => rt.run('menuMarkContacted', [], { as: rep(1) }), 'remind.act.notYours', {
      rows: '4',
    });
    expectUserError(() => rt.run('menuSnooze7', [], { as: rep(1) }), 'remind.act.notYours', { rows: '4' });
    expect([
      rt.spreadsheet.snapshot('Customers').values,
      rt.spreadsheet.snapshot('Interactions').values,
    ]).toEqual(before);
    // Managers act on anyone's customers; assistants and viewers not at all.
    expect(rt.run('menuSnooze1', [], { as: MANAGER })).toMatchObject({ rows: [2, 3, 4, 5] });
    expectUserError(() => rt.run('menuSnooze1', [], { as: 'viewer@example.com' }), 'error.notAllowed');
  });

  test('a selection outside the customers sheet is refused', () => {
    const rt = workbook();
    rt.spreadsheet.select('Roles', 'A2');
    expectUserError(() => rt.run('menuMarkContacted', [], { as: rep(1) }), 'remind.act.selectCustomers');
    rt.spreadsheet.select('Customers', 'A1');
    expectUserError(() => rt.run('menuSnooze3', [], { as: rep(1) }), 'remind.act.selectCustomers');
  });
});

describe('snooze', () => {
  test('moves nextFollowUp: from today when due or overdue, from the due day when still ahead', () => {
    const rt = workbook();
    rt.spreadsheet.select('Customers', 'A2:Z5');
    rt.run('menuSnooze3', [], { as: MANAGER });
    const c = customers(rt);
    expect([2, 3, 4, 5].map((r) => c[r].nextFollowUp)).toEqual([
      '2026-03-13', // overdue since 15 Feb: today + 3
      '2026-03-13', // no date to count from: today + 3
      '2026-03-13',
      '2026-04-05', // 2 April + 3
    ]);
  });

  test('one write per block whatever the selection size', () => {
    const rt = workbook();
    rt.spreadsheet.select('Customers', 'A2');
    rt.run('menuSnooze14', [], { as: rep(1) });
    const one = setValuesCalls(rt);
    rt.spreadsheet.select('Customers', 'A2:A3');
    rt.run('menuSnooze14', [], { as: rep(1) });
    expect(setValuesCalls(rt)).toBe(one);
    expect(one).toBe(2); // nextFollowUp, updatedAt
  });
});
