/**
 * The customer form's server side through the built bundle: validation with the core's
 * messages, duplicate warning, ids under the document lock and never reused, roles and ownership.
 */
import { validateRecord, validationContext } from '../../../src/core/workbook';
import { withDefaults } from '../../../src/core/schema';
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { setUpRuntime, sheet, switchUser } from '../../support/workbook';
import { OWNER } from '../../support/people';

type Saved = {
  status: string;
  id?: string;
  row?: number;
  issues?: Array<{ columnKey: string; message: string }>;
};

const REP1 = 'rep1@example.com';
const REP2 = 'rep2@example.com';

function save(rt: Runtime, as: string, record: object, options: object = {}): Saved {
  return rt.run('saveCustomer', [record, options], { as }) as Saved;
}

function customer(rt: Runtime, id: string): Record<string, unknown> {
  return readTable(rt, 'customers').records.find((r) => r.id === id)!;
}

const NEW = { name: 'Zhang San', company: 'Xinda Trading', email: 'zs@xinda.cn', phone: '+86 139 1234 5678' };

describe('customer form', () => {
  let rt: Runtime;
  beforeEach(() => {
    rt = setUpRuntime(10).rt;
  });

  test('an account manager adds a customer: next id, owner is themselves, createdAt/updatedAt set', () => {
    const data = rt.run('customerFormData', [null, true], { as: REP1 }) as {
      mode: string;
      values: Record<string, string>;
      fields: Array<{ key: string; readOnly: boolean; options?: string[] }>;
    };
    expect(data.mode).toBe('add');
    expect(data.values.owner).toBe(REP1);
    const ro = Object.fromEntries(data.fields.map((f) => [f.key, f.readOnly]));
    expect([ro.owner, ro.tier, ro.id, ro.name]).toEqual([true, true, true, false]);
    expect(data.fields.find((f) => f.key === 'region')!.options).toContain('North');

    const saved = save(rt, REP1, { ...NEW, owner: REP1, region: 'North' });
    expect(saved).toMatchObject({ status: 'saved', id: 'C000011', row: 12 });
    const row = customer(rt, 'C000011');
    expect(row).toMatchObject({
      name: 'Zhang San',
      owner: REP1,
      region: 'North',
      phone: '+86 139 1234 5678',
    });
    expect(row.createdAt).toBe(new Date(rt.ctx.clock.now()).toISOString());
    expect(row.updatedAt).toBe(row.createdAt);
  });

  test('server-side validation gives the same localized messages as the core (and the browser)', () => {
    const bad = { ...NEW, email: 'not-an-email', satisfaction: '6', birthday: '2024-02-30' };
    const result = save(rt, REP1, bad);
    expect(result.status).toBe('invalid');
    const ctx = validationContext({ locale: 'en', timeZone: 'Asia/Shanghai', settings: withDefaults({}) });
    const core = validateRecord('customers', bad, ctx, { newRecord: true }).issues;
    expect(result.issues).toEqual(core);
    expect(result.issues!.map((i) => i.columnKey).sort()).toEqual(['birthday', 'email', 'satisfaction']);
    expect(readTable(rt, 'customers').records).toHaveLength(10);
  });

  test('a likely duplicate warns before saving; the user may save anyway', () => {
    const existing = readTable(rt, 'customers').records[0];
    const dup = { ...NEW, email: String(existing.email).toUpperCase() };
    const warned = rt.run('saveCustomer', [dup, {}], { as: REP1 }) as {
      status: string;
      duplicates: Array<{ id: string; reasons: string[] }>;
    };
    expect(warned.status).toBe('duplicates');
    expect(warned.duplicates[0]).toMatchObject({ id: existing.id, reasons: ['email'] });
    expect(readTable(rt, 'customers').records).toHaveLength(10);
    expect(save(rt, REP1, dup, { confirmDuplicates: true }).status).toBe('saved');
    // same phone after normalisation, and a very similar name + company
    const phone = String(existing.phone).replace('+86 ', '');
    expect(save(rt, REP1, { name: 'Other', phone }).status).toBe('duplicates');
    const similar = { name: String(existing.name), company: String(existing.company) + ' ' };
    expect(save(rt, REP1, similar).status).toBe('duplicates');
  });

  test('account managers edit only their own customers, never id/owner/tier; lastContact moves the follow-up', () => {
    const rows = readTable(rt, 'customers').records;
    // one of REP1's customers whose follow-up is not a later date set by hand (that one would stay)
    const mine = rows.find(
      (r) => r.owner === REP1 && (!r.nextFollowUp || String(r.nextFollowUp) <= '2026-11-20'),
    )!;
    const theirs = rows.find((r) => r.owner === REP2)!;
    expect(() => save(rt, REP1, { phone: '010-8888-0000' }, { id: theirs.id })).toThrow(/belongs to rep2/);
    expect(() => save(rt, REP1, { tier: 'A' }, { id: mine.id })).toThrow(/may not change: Tier/);
    expect(() => save(rt, REP1, { owner: REP2 }, { id: mine.id })).toThrow(/Account manager/);
    const saved = save(rt, REP1, { phone: '010-8888-0000', lastContact: '2026-11-20' }, { id: mine.id });
    expect(saved.status).toBe('saved');
    const after = customer(rt, String(mine.id));
    expect(after.phone).toBe('010-8888-0000');
    expect(after.lastContact).toBe('2026-11-20');
    expect(after.nextFollowUp).toBe('2027-02-18'); // tier blank counts as C: 90 days
    expect(after.createdAt).toBe(mine.createdAt);
    // a manager may change the owner
    expect(save(rt, 'manager@example.com', { owner: REP2 }, { id: mine.id }).status).toBe('saved');
    expect(customer(rt, String(mine.id)).owner).toBe(REP2);
  });

  test('viewers may not save; assistants may edit only contact columns', () => {
    expect(() => save(rt, 'viewer@example.com', NEW)).toThrow(/Viewer/);
    const id = String(readTable(rt, 'customers').records[0].id);
    expect(save(rt, 'assistant@example.com', { phone: '021-5555-0000' }, { id }).status).toBe('saved');
    expect(() => save(rt, 'assistant@example.com', { region: 'West' }, { id })).toThrow(/Region/);
  });

  test('edit loads a customer by id or from the selected row', () => {
    rt.spreadsheet.select('Customers', 'B4');
    const selected = rt.run('customerFormData', [null]) as { mode: string; id: string; row: number };
    expect(selected).toMatchObject({ mode: 'edit', id: 'C000003', row: 4 });
    const byId = rt.run('customerFormData', ['c000005']) as { id: string; values: Record<string, string> };
    expect(byId.id).toBe('C000005');
    expect(byId.values.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(() => rt.run('customerFormData', ['C999999'])).toThrow(/no customer with ID C999999/);
  });

  test('formula-like text from the form is stored as text', () => {
    const saved = save(rt, REP1, { ...NEW, notes: '=HYPERLINK("http://evil.example")' });
    const s = sheet(rt, 'customers');
    const notesColumn = readTable(rt, 'customers').keys.indexOf('notes') + 1;
    expect(s.getRange(saved.row!, notesColumn).getFormula()).toBe('');
    expect(s.getRange(saved.row!, notesColumn).getValue()).toBe('=HYPERLINK("http://evil.example")');
  });
});

describe('customer ids', () => {
  test('two users adding at once never get the same id: the second waits for the document lock', () => {
    const { rt } = setUpRuntime(3);
    const lock = rt.services.lock;
    const first = lock.beginExecution();
    expect(rt.services.globals().LockService.getDocumentLock().tryLock(1000)).toBe(true);
    // While the first execution holds the lock, the second is refused, and writes nothing.
    expect(() => save(rt, REP2, { name: 'B', email: 'b@example.com' })).toThrow(/Another user or trigger/);
    expect(readTable(rt, 'customers').records).toHaveLength(3);
    lock.endExecution(first);
    const a = save(rt, REP1, { name: 'A', email: 'a@example.com' });
    const b = save(rt, REP2, { name: 'B', email: 'b@example.com' });
    expect([a.id, b.id]).toEqual(['C000004', 'C000005']);
  });

  test('ids are never reused after a delete', () => {
    const { rt } = setUpRuntime(3);
    const a = save(rt, REP1, { name: 'A', email: 'a@example.com' });
    expect(a.id).toBe('C000004');
    switchUser(rt, OWNER); // deleting a whole row touches the tier columns, which reps may not edit
    sheet(rt, 'customers').deleteRow(a.row!);
    expect(save(rt, REP1, { name: 'B', email: 'b@example.com' }).id).toBe('C000005');
  });
});

describe('customer form at size', () => {
  test('opening and saving read the id column, one row and the compared columns, not whole rows', () => {
    const rt = setUpRuntime(2000).rt;
    const data = rt.run('customerFormData', ['C000150'], { as: 'owner@example.com' }) as {
      values: Record<string, string>;
    };
    expect(data.values.id).toBe('C000150');
    const customerColumns = sheet(rt, 'customers').getLastColumn();
    // the id column and one row (plus settings and roles, which begin reads)
    const opened = rt.lastStats!.cellsRead;
    const saved = save(rt, 'owner@example.com', { notes: 'called back' }, { id: 'C000150' });
    expect(saved.status).toBe('saved');
    expect(customer(rt, 'C000150').notes).toBe('called back');
    const savedCells = rt.lastStats!.cellsRead;
    expect(opened).toBeLessThan(2000 * 2);
    // id, name, company, phone, e-mail of every customer (and the column between them, cheaper to
    // read than another call): six of the sheet's columns, plus the id column and one row
    expect(savedCells).toBeLessThan(2000 * 8);
    expect(customerColumns).toBeGreaterThan(20);
  });
});
