/**
 * Script writes in the audit trail through the built bundle. The customer form and the reminder
 * actions write as the user, and script writes fire no edit trigger, so they log themselves: a
 * manager's rows go straight to the log; an account manager may not write the protected log, so
 * the rows wait in document properties until the next execution that may (the edit trigger, the
 * hourly reconcile, a manager's action) appends them with the time they happened.
 */
import { PENDING_AUDIT_PREFIX } from '../../../src/core/audit';
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, roleRow } from '../../support/people';
import { NOW, reveal, setUpWorkbook } from '../../support/workbook';

/** Setup runs again for protections of the people now on the roles sheet. */
const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager', { name: 'Mia' }),
        roleRow(REP, 'accountManager', { name: 'Ren', managerEmail: MANAGER }),
      ],
      customers: [
        { id: 'C000001', name: 'Ann', company: 'Acme', owner: REP, phone: '+86 138 0000 0000', tier: 'B' },
        { id: 'C000002', name: 'Bob', company: 'Beta', owner: REP, tier: 'C' },
      ],
    },
    setUpAgain: true,
  });

const scriptRows = (rt: Runtime) =>
  readTable(rt, 'auditLog')
    .records.map(({ _row, ...r }) => r)
    .filter((r) => /^(customer|markContacted|snooze|edit)/.test(String(r.action)));

const parked = (rt: Runtime) =>
  Object.keys(rt.services.properties.toState().document).filter((k) => k.startsWith(PENDING_AUDIT_PREFIX));
/** Parked rows: one save's rows join the newest parked value while it has room. */
const parkedRows = (rt: Runtime) =>
  Object.entries(rt.services.properties.toState().document)
    .filter(([k]) => k.startsWith(PENDING_AUDIT_PREFIX))
    .flatMap(([, v]) => JSON.parse(v) as unknown[]);

function header(rt: Runtime): string[] {
  return rt.spreadsheet.app
    .getActiveSpreadsheet()
    .getSheetByName('Customers')!
    .getRange('1:1')
    .getValues()[0]
    .map(String);
}

function letterOf(rt: Runtime, label: string): string {
  return String.fromCharCode(65 + header(rt).indexOf(label));
}

describe('script writes in the audit trail', () => {
  test("a manager's form edit appends one row per changed cell, with old and new value; updatedAt is not one", () => {
    const rt = workbook();
    const saved = rt.run('saveCustomer', [{ name: 'Anna', phone: '+86 138 1111 2222' }, { id: 'C000001' }], {
      as: MANAGER,
    });
    expect(saved).toMatchObject({ status: 'saved', row: 2 });
    expect(scriptRows(rt)).toEqual([
      {
        timestamp: new Date(NOW).toISOString(),
        user: MANAGER,
        sheet: 'customers',
        range: `${letterOf(rt, 'Name')}2`,
        oldValue: 'Ann',
        newValue: 'Anna',
        action: 'customerEdit id=C000001 field=name',
      },
      expect.objectContaining({
        range: `${letterOf(rt, 'Phone')}2`,
        oldValue: '+86 138 0000 0000',
        newValue: '+86 138 1111 2222',
        action: 'customerEdit id=C000001 field=phone',
      }),
    ]);
    expect(parked(rt)).toEqual([]);
  });

  test('saving a customer unchanged logs nothing; adding one logs its id and row', () => {
    const rt = workbook();
    rt.run('saveCustomer', [{ name: 'Ann' }, { id: 'C000001' }], { as: MANAGER });
    expect(scriptRows(rt)).toEqual([]);
    const added = rt.run('saveCustomer', [{ name: 'Cai', company: 'Cato', owner: REP }, {}], {
      as: MANAGER,
    }) as {
      id: string;
      row: number;
    };
    expect(scriptRows(rt)).toEqual([
      expect.objectContaining({
        user: MANAGER,
        sheet: 'customers',
        range: expect.stringMatching(new RegExp(`^A${added.row}:[A-Z]+${added.row}$`)),
        action: `customerAdd id=${added.id}`,
      }),
    ]);
  });

  test("an account manager's save waits in document properties and reaches the log, first and with its time, at the next edit", () => {
    const rt = workbook();
    expect(() => rt.userEdit(REP, 'Audit log', 'A5', 'forged')).toThrow(); // the log is closed to reps
    rt.run('saveCustomer', [{ phone: '+86 139 2222 3333' }, { id: 'C000001' }], { as: REP });
    expect(readTable(rt, 'customers').records[0].phone).toBe('+86 139 2222 3333');
    expect(scriptRows(rt)).toEqual([]);
    expect(parked(rt)).toHaveLength(1);

    rt.ctx.clock.set(NOW + 3_600_000);
    reveal(rt, MANAGER); // the manager's address, hidden from triggers on gmail.com, is known from here on
    rt.userEdit(MANAGER, 'Customers', 'B3', 'Bobby'); // the edit trigger runs as the admin who set up
    expect(scriptRows(rt)).toEqual([
      expect.objectContaining({
        timestamp: new Date(NOW).toISOString(),
        user: REP,
        oldValue: '+86 138 0000 0000',
        newValue: '+86 139 2222 3333',
        action: 'customerEdit id=C000001 field=phone',
      }),
      expect.objectContaining({
        timestamp: new Date(NOW + 3_600_000).toISOString(),
        user: MANAGER,
        range: 'B3',
        action: 'edit',
      }),
    ]);
    expect(parked(rt)).toEqual([]);
  });

  test("the hourly reconcile appends what an account manager's reminder actions parked", () => {
    const rt = workbook();
    rt.spreadsheet.select('Customers', 'A2:A3');
    rt.run('menuMarkContacted', [], { as: REP });
    rt.spreadsheet.select('Customers', 'A3');
    rt.run('menuSnooze7', [], { as: REP });
    expect(parkedRows(rt)).toHaveLength(2);
    rt.run('reconcileProtectionsTrigger', [], { as: OWNER });
    expect(scriptRows(rt)).toEqual([
      expect.objectContaining({
        user: REP,
        range: '2:3',
        action: 'markContacted rows=2 ids=C000001,C000002',
      }),
      expect.objectContaining({ user: REP, range: '3:3', action: 'snooze rows=1 ids=C000002' }),
    ]);
    expect(parked(rt)).toEqual([]);
  });

  test('text from the form that looks like a formula is logged as text', () => {
    const rt = workbook();
    rt.run('saveCustomer', [{ company: '=IMPORTXML("http://x","//a")' }, { id: 'C000002' }], { as: MANAGER });
    const [row] = scriptRows(rt);
    expect(row.newValue).toBe('=IMPORTXML("http://x","//a")');
    const log = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Audit log')!;
    expect(log.getRange(log.getLastRow(), 6).getFormula()).toBe('');
  });
});
