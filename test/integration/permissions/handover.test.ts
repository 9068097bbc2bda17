/**
 * Hand-over: `crm handover <from> <to>` and the menu item give every customer of a
 * rep who leaves to someone else in one write of the owner column, re-protect, and log it; the
 * target is validated; only admins may do it. Also `crm protect` through the runner.
 */
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { ADMIN, PEOPLE, permissionsWorkbook } from '../../support/permissions';

async function protectedWorkbook(): Promise<string> {
  const workbook = tempWorkbook();
  writeWorkbookFile(workbook, permissionsWorkbook().toFile('fixture'));
  expect((await crm(workbook, 'protect', '--as', ADMIN)).code).toBe(0);
  return workbook;
}

type Customer = { id: string; owner: string };

describe('crm handover', () => {
  test('moves every customer of r1 to r2 in one write and logs it; the edit check follows the new owner', async () => {
    const workbook = await protectedWorkbook();
    const result = await crm(workbook, 'handover', PEOPLE.r1, PEOPLE.r2, '--as', ADMIN, '--json');
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ from: PEOPLE.r1, to: PEOPLE.r2, count: 3 });
    const customers = (await crm(workbook, 'dump', 'customers', '--json')).json() as Customer[];
    expect(customers.map((c) => c.owner)).toEqual(Array(6).fill(PEOPLE.r2));

    const stats = (await crm(workbook, 'stats', '--json')).json() as { calls: Record<string, number> };
    expect(stats.calls['Range.setValues']).toBe(2); // the owner column block, then the audit row

    const rt = loadRuntime(workbook);
    const log = rt.spreadsheet.app
      .getActiveSpreadsheet()
      .getSheetByName('Audit log')!
      .getDataRange()
      .getValues();
    expect(log[log.length - 1]).toEqual(
      expect.arrayContaining([ADMIN, 'customers', PEOPLE.r1, PEOPLE.r2, 'handOver customers=3 blocks=2']),
    );
    // the rows are r2's now: the edit check keeps r1 out of them and lets r2 in
    const cell = (sheet: string, a1: string) =>
      rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheet)!.getRange(a1).getValue();
    rt.userEdit(PEOPLE.r1, 'Customers', 'C2', 'by r1');
    expect(cell('Customers', 'C2')).not.toBe('by r1');
    rt.userEdit(PEOPLE.r2, 'Customers', 'C2', 'by r2');
    expect(cell('Customers', 'C2')).toBe('by r2');
    rt.userEdit(PEOPLE.r1, 'Interactions', 'D2', 'by r1'); // C000001's call
    expect(cell('Interactions', 'D2')).not.toBe('by r1');
    rt.userEdit(PEOPLE.r2, 'Interactions', 'D2', 'by r2');
    expect(cell('Interactions', 'D2')).toBe('by r2');
    // the second protect finds nothing to do
    const again = await crm(workbook, 'protect', '--as', ADMIN, '--json');
    expect((again.json() as { report: { counts: object } }).report.counts).toMatchObject({
      created: 0,
      updated: 0,
      deleted: 0,
    });
  });

  test('validates the target and refuses anyone but an admin, changing nothing', async () => {
    const workbook = await protectedWorkbook();
    const toViewer = await crm(workbook, 'handover', PEOPLE.r1, PEOPLE.viewer, '--as', ADMIN);
    expect(toViewer.code).toBe(1);
    expect(toViewer.stderr).toContain(
      `${PEOPLE.viewer} cannot take customers over: only an active account manager, sales manager or admin`,
    );
    const nobody = await crm(workbook, 'handover', 'gone@x.test', PEOPLE.r2, '--as', ADMIN);
    expect(nobody.stderr.trim()).toBe('gone@x.test owns no customers, so there is nothing to hand over.');
    const byManager = await crm(workbook, 'handover', PEOPLE.r1, PEOPLE.r2, '--as', PEOPLE.manager);
    expect(byManager.code).toBe(1);
    expect(byManager.stderr).toMatch(/^Your role \(Sales manager\) may not hand over customers\./);
    const customers = (await crm(workbook, 'dump', 'customers', '--json')).json() as Customer[];
    expect(customers.filter((c) => c.owner === PEOPLE.r1)).toHaveLength(3);
  });

  test('the menu asks from whom and to whom, confirms with the count, then hands over', () => {
    const rt = permissionsWorkbook();
    rt.services.ui._respondWith([
      { button: 'OK', text: PEOPLE.r2 },
      { button: 'OK', text: PEOPLE.manager },
      'YES',
    ]);
    const result = rt.run('menuHandOver', [], { as: ADMIN }) as { count: number };
    expect(result.count).toBe(3);
    const events = rt.services.ui._events();
    expect(events.slice(-2).map((e) => e.message)).toEqual([
      `Hand over 3 customers from ${PEOPLE.r2} to ${PEOPLE.manager}? Their rows, interactions and feedback become editable by ${PEOPLE.manager} instead.`,
      expect.stringMatching(
        new RegExp(`^3 customers handed over from ${PEOPLE.r2} to ${PEOPLE.manager}\\.\\n`),
      ),
    ]);
    // Cancel at the first prompt: nothing happens
    rt.services.ui._respondWith(['CANCEL']);
    expect(rt.run('menuHandOver', [], { as: ADMIN })).toBeNull();
  });
});

describe('crm protect', () => {
  test('--group-by-owner asks for --yes first (exit 1, nothing written), then groups', async () => {
    const workbook = tempWorkbook();
    writeWorkbookFile(workbook, permissionsWorkbook().toFile('fixture'));
    const asked = await crm(workbook, 'protect', '--group-by-owner', '--as', ADMIN);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('Grouping by owner moves 2 customer rows (runs of one owner 4 -> 2)');
    const done = await crm(workbook, 'protect', '--group-by-owner', '--yes', '--as', ADMIN);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Customer rows moved to group them by owner: 2\.\nProtections/);
    const customers = (await crm(workbook, 'dump', 'customers', '--json')).json() as Customer[];
    expect(customers.map((c) => c.owner)).toEqual([
      PEOPLE.r1,
      PEOPLE.r1,
      PEOPLE.r1,
      PEOPLE.r2,
      PEOPLE.r2,
      PEOPLE.r2,
    ]);
    expect((await crm(workbook, 'protect', '--as', ADMIN)).stdout).toMatch(/^Protections are up to date/);
  });

  test('a rep is refused (exit 1) with the localized message', async () => {
    const workbook = tempWorkbook();
    writeWorkbookFile(workbook, permissionsWorkbook().toFile('fixture'));
    const refused = await crm(workbook, 'protect', '--as', PEOPLE.r1);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Your role \(Account manager\) may not apply permissions\./);
  });
});
