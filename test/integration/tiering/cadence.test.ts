/**
 * Follow-up cadence through the built bundle's simple onEdit trigger (rt.userEdit): a typed
 * lastContact moves nextFollowUp to lastContact + the tier's cadence unless it was set by hand;
 * an interaction typed into the interactions sheet moves lastContact and nextFollowUp the same way;
 * edits elsewhere return after a few calls.
 */
import { Runtime } from '../../../src/local/runtime';
import { dateCell } from '../../support/dates';
import { TIME_ZONE } from '../../support/workbook';
import { cellA1, records, sheetName, tieringWorkbook } from '../../support/tiering';
import { MANAGER, OWNER, REP } from '../../support/people';

const day = (iso: string) => dateCell(iso, TIME_ZONE);

/** Sets customer cells by column key as the owner (test setup, not an edit: no trigger runs). */
function setCustomer(rt: Runtime, row: number, cells: Record<string, unknown>): void {
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'customers'))!;
  for (const [key, value] of Object.entries(cells))
    sheet.getRange(cellA1(rt, 'customers', key, row)).setValue(value);
}

const customer = (rt: Runtime, row: number) => records(rt, 'customers').find((c) => c._row === row)!;

describe('cadence on edit', () => {
  const rt = tieringWorkbook(20);
  const customers = sheetName(rt, 'customers');

  test("lastContact typed: the add-on's own nextFollowUp moves to lastContact + cadence of the tier", () => {
    setCustomer(rt, 2, { tier: 'A', lastContact: day('2026-11-01'), nextFollowUp: day('2026-11-15') });
    rt.userEdit(MANAGER, customers, cellA1(rt, 'customers', 'lastContact', 2), '2026-11-20');
    expect(customer(rt, 2)).toMatchObject({ lastContact: '2026-11-20', nextFollowUp: '2026-12-04' });
  });

  test('a nextFollowUp set by hand is kept; a blank one is filled (tier B: 30 days)', () => {
    // row 3 is C000002, rep1's own customer: the rep's edit and the trigger's write pass protections
    expect(customer(rt, 3).owner).toBe(REP);
    setCustomer(rt, 3, { tier: 'B', lastContact: day('2026-11-01'), nextFollowUp: day('2027-01-05') });
    rt.userEdit(REP, customers, cellA1(rt, 'customers', 'lastContact', 3), '2026-11-20');
    expect(customer(rt, 3)).toMatchObject({ lastContact: '2026-11-20', nextFollowUp: '2027-01-05' });
    setCustomer(rt, 4, { tier: 'B', lastContact: '', nextFollowUp: '' });
    rt.userEdit(MANAGER, customers, cellA1(rt, 'customers', 'lastContact', 4), '2026-11-20');
    expect(customer(rt, 4)).toMatchObject({ lastContact: '2026-11-20', nextFollowUp: '2026-12-20' });
  });

  test('a paste over several rows plans each row; a pasted nextFollowUp is the user’s', () => {
    setCustomer(rt, 5, { tier: 'C', lastContact: '', nextFollowUp: '' });
    setCustomer(rt, 6, { tier: 'A', lastContact: '', nextFollowUp: '' });
    rt.userEdit(MANAGER, customers, cellA1(rt, 'customers', 'lastContact', 5), [
      ['2026-11-10'],
      ['2026-11-11'],
    ]);
    expect(customer(rt, 5)).toMatchObject({ nextFollowUp: '2027-02-08' }); // C: 90 days
    expect(customer(rt, 6)).toMatchObject({ nextFollowUp: '2026-11-25' }); // A: 14 days
    rt.userEdit(MANAGER, customers, cellA1(rt, 'customers', 'lastContact', 6), [
      ['2026-11-21', '2026-11-30'],
    ]);
    expect(customer(rt, 6)).toMatchObject({ lastContact: '2026-11-21', nextFollowUp: '2026-11-30' });
  });

  test('an interaction typed for a customer moves its lastContact and nextFollowUp', () => {
    setCustomer(rt, 7, { tier: 'A', lastContact: day('2026-11-01'), nextFollowUp: day('2026-11-15') });
    const id = String(customer(rt, 7).id);
    const interactions = sheetName(rt, 'interactions');
    const next = records(rt, 'interactions').length + 2;
    // date, customerId, channel, summary, outcome, nextStep, nextFollowUp, loggedBy
    rt.userEdit(MANAGER, interactions, `A${next}`, [
      ['2026-11-22', id, 'Phone', 'Call', '', '', '', MANAGER],
    ]);
    expect(customer(rt, 7)).toMatchObject({ lastContact: '2026-11-22', nextFollowUp: '2026-12-06' });
    // typed cell by cell: the interaction's own nextFollowUp wins
    rt.userEdit(MANAGER, interactions, `G${next}`, '2026-11-28');
    expect(customer(rt, 7)).toMatchObject({ lastContact: '2026-11-22', nextFollowUp: '2026-11-28' });
    // an older interaction logged late does not move the last contact back
    rt.userEdit(MANAGER, interactions, `A${next + 1}`, [
      ['2026-10-01', id, 'Email', 'Old mail', '', '', '', MANAGER],
    ]);
    expect(customer(rt, 7)).toMatchObject({ lastContact: '2026-11-22', nextFollowUp: '2026-11-28' });
  });

  test('an edit elsewhere returns after a few calls and writes nothing', () => {
    const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(customers)!;
    const range = sheet.getRange(cellA1(rt, 'customers', 'notes', 8));
    rt.run('onEdit', [{ range, value: 'x', source: rt.spreadsheet.app.getActiveSpreadsheet() }], {
      as: OWNER,
    });
    expect(rt.lastStats!.calls['Range.setValues'] ?? 0).toBe(0);
    expect(rt.lastStats!.cellsRead).toBeLessThanOrEqual(30); // the header row only
    expect(rt.lastStats!.totalCalls).toBeLessThan(20);
    const settings = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'settings'))!;
    rt.run('onEdit', [{ range: settings.getRange('B2'), value: 'x' }], { as: OWNER });
    expect(rt.lastStats!.cellsRead).toBe(0);
  });
});
