/**
 * Per-customer value and per-rep performance through the built bundle: the value columns follow an
 * import of purchases and are recomputed by the nightly trigger setup installs (the changed cells in
 * one Values.batchUpdate), they are locked like tier; `crm perf` is scoped by role and reads the Targets sheet.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, rep, roleRow, VIEWER } from '../../support/people';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { crm, expectUserError, tempWorkbook } from '../../support/runner';
import { customerRecord } from '../../support/rows';
import { NOW, setUpWorkbook, sheet, spreadsheetCallsByMethod } from '../../support/workbook';

const date = (iso: string) => new Date(`${iso}T00:00:00+08:00`);

const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager', { team: 'East' }),
        roleRow(REP, 'accountManager', { team: 'East', managerEmail: MANAGER }),
        roleRow(rep(2), 'accountManager', { team: 'West' }),
        roleRow(VIEWER, 'viewer'),
      ],
      customers: [customerRecord(1, REP), customerRecord(2, REP), customerRecord(3, rep(2))],
      purchases: [
        {
          orderId: 'A1',
          date: date('2026-10-03'),
          customerId: 'C000001',
          product: 'p',
          quantity: 1,
          amount: 1000,
        },
        {
          orderId: 'A1',
          date: date('2026-10-03'),
          customerId: 'C000001',
          product: 'q',
          quantity: 1,
          amount: 200,
        },
        {
          orderId: 'B1',
          date: date('2026-11-03'),
          customerId: 'C000003',
          product: 'p',
          quantity: 1,
          amount: 700,
        },
      ],
      targets: [
        { owner: REP, period: '2026-Q4', revenueTarget: 2400 },
        { owner: rep(2), period: '2026-Q4', revenueTarget: 1000 },
      ],
    },
    setUpAgain: true,
  });

const values = (rt: Runtime) =>
  Object.fromEntries(
    readTable(rt, 'customers').records.map((c) => [c.id, [c.revenue, c.orders, c.avgOrder, c.lastPurchase]]),
  );

const window12m = (rt: Runtime) =>
  Object.fromEntries(readTable(rt, 'customers').records.map((c) => [c.id, [c.revenue12m, c.orders12m]]));

describe('per-customer value', () => {
  test('setup installs the nightly trigger; the trigger recomputes every customer', () => {
    const rt = workbook();
    expect(values(rt).C000001).toEqual(['', '', '', '']);
    rt.tick(NOW + 24 * 3_600_000);
    expect(values(rt)).toEqual({
      C000001: [1200, 1, 1200, '2026-10-03'],
      C000002: [0, 0, '', ''],
      C000003: [700, 1, 700, '2026-11-03'],
    });
    const triggers = rt.services.scriptApp._all().filter((t) => t.handler === 'nightlyCustomerValues');
    expect(triggers).toHaveLength(1);
    sheet(rt, 'purchases').appendRow(['B2', date('2026-11-20'), 'C000002', 'p', 2, 300]);
    const fired = rt.tick(NOW + 48 * 3_600_000).filter((f) => f.handler === 'nightlyCustomerValues');
    expect(fired).toHaveLength(1);
    expect(fired[0].error).toBeUndefined();
    expect(values(rt).C000002).toEqual([300, 1, 300, '2026-11-20']);
  });

  test('an import of purchases adds to the customers it names, in one read and one write', () => {
    const rt = workbook();
    rt.run('recomputeCustomerValuesNow', [], { as: MANAGER });
    const csv =
      'Order ID,Date,Customer ID,Product,Quantity,Amount\nA2,2026-11-21,C000001,x,1,300\nA2,2026-11-21,C000001,y,1,100\n';
    const result = rt.run('importCsv', ['purchases', csv, 'text'], { as: MANAGER }) as { added: number };
    expect(result.added).toBe(2);
    expect(values(rt).C000001).toEqual([1600, 2, 800, '2026-11-21']);
    expect(values(rt).C000003).toEqual([700, 1, 700, '2026-11-03']);
    // the 12-month columns follow the import too
    expect(window12m(rt).C000001).toEqual([1600, 2]);
    expect(window12m(rt).C000002).toEqual([0, 0]);
  });

  test('the value columns are locked like tier: a rep cannot type over their own customer', () => {
    const rt = workbook();
    const keys = readTable(rt, 'customers').keys;
    const letter = String.fromCharCode(64 + keys.indexOf('revenue') + 1);
    expect(() => rt.userEdit(REP, sheet(rt, 'customers').getName(), `${letter}2`, 99)).toThrow();
    expectUserError(() => rt.run('recomputeCustomerValuesNow', [], { as: REP }), 'error.notAllowed');
    rt.run('recomputeCustomerValuesNow', [], { as: MANAGER });
    const calls = spreadsheetCallsByMethod(rt);
    // the value cells in one Values.batchUpdate (C000002 has no purchase: its average and last
    // purchase stay blank, 4 cells), the audit row in one setValues
    expect(rt.lastStats!.calls['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
    expect(calls['Range.setValues']).toBe(1);
    expect(rt.lastStats!.cellsWritten).toBe(6 + 4 + 6 + 7);
  });
});

describe('crm perf', () => {
  let file: string;
  beforeAll(() => {
    file = tempWorkbook();
    writeWorkbookFile(file, workbook().toFile('fixture'));
  });

  type Person = { email: string; revenue: number };
  const perf = async (as: string, ...extra: string[]) =>
    crm(file, 'perf', '--period', '2026-Q4', '--as', as, ...extra);

  test('an admin sees everyone with targets and attainment; --json has the contract fields', async () => {
    const r = await perf(OWNER, '--json');
    expect(r.code).toBe(0);
    const people = r.json() as Person[];
    expect(people.map((p) => p.email)).toEqual([MANAGER, OWNER, REP, rep(2)]);
    const me = people.find((p) => p.email === REP)!;
    expect(me).toMatchObject({
      revenue: 1200,
      orders: 1,
      newCustomers: 0,
      followUps: 0,
      winRate: null,
      target: 2400,
      attainment: 0.5,
    });
    expect(people.find((p) => p.email === rep(2))).toMatchObject({
      revenue: 700,
      target: 1000,
      attainment: 0.7,
    });
  });

  test('a manager sees their team, a rep only themselves, a viewer nothing', async () => {
    expect(((await perf(MANAGER, '--json')).json() as Person[]).map((p) => p.email)).toEqual([MANAGER, REP]);
    expect(((await perf(rep(2), '--json')).json() as Person[]).map((p) => p.email)).toEqual([rep(2)]);
    const viewer = await perf(VIEWER);
    expect(viewer.code).toBe(1);
    const text = await perf(REP);
    expect(text.stdout).toMatch(/^Performance 2026-Q4 \(2026-10-01\.\.2026-12-31\), your own figures:/);
    expect(text.stdout).toMatch(/rep1@example\.com\s+1,200\.00\s+1\s/);
  });

  test('a bad period is refused (exit 1), a missing one is a usage error (exit 2)', async () => {
    const bad = await crm(file, 'perf', '--period', '2026-Q7');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Unknown period "2026-Q7"/);
    expect((await crm(file, 'perf')).code).toBe(2);
  });
});
