/**
 * The main proof of the permission design: every role x every sheet x every column x own/other rows,
 * with owners interleaved, evaluated as Sheets would (editor of every covering protection) and then
 * by the edit check (checkEdit, which the edit trigger applies after the fact), compared cell by cell
 * with the role matrix (test/support/design-matrix.ts). Each refusal says which layer makes it.
 */
import {
  checkEdit,
  effectiveEditRights,
  EditFacts,
  planProtections,
  PlanInput,
  SheetLayout,
} from '../../../src/core/permissions';
import { resolveRole, RoleEntry } from '../../../src/core/roles';
import { roleEntry } from '../../support/people';
import { CUSTOMER_COLUMNS, Role, SHEETS, SheetKey } from '../../../src/core/schema';
import { allows, MATRIX } from '../../support/design-matrix';

const OWNER = 'o@x';
const ROLES: RoleEntry[] = [
  roleEntry(2, 'a@x', 'admin'),
  roleEntry(3, 'm@x', 'manager'),
  roleEntry(4, 'r1@x', 'accountManager'),
  roleEntry(5, 'r2@x', 'accountManager'),
  roleEntry(6, 's@x', 'assistant'),
  roleEntry(7, 'v@x', 'viewer'),
  roleEntry(8, 'gone@x', 'accountManager', false),
  roleEntry(9, 'v@x', 'admin', false), // an inactive listing never lends its role
];
const PERSONAS: Array<{ email: string; role: Role }> = [
  { email: 'a@x', role: 'admin' },
  { email: 'm@x', role: 'manager' },
  { email: 'r1@x', role: 'accountManager' },
  { email: 'r2@x', role: 'accountManager' },
  { email: 's@x', role: 'assistant' },
  { email: 'v@x', role: 'viewer' },
  { email: 'gone@x', role: 'viewer' },
  { email: 'nobody@x', role: 'viewer' },
];

// Users move columns and insert their own: customers columns are found by key, a custom column
// ("custom") sits between company and title, and the sheet has spare columns to the right.
const customerKeys = CUSTOMER_COLUMNS.map((c) => c.key);
const customerOrder = [...customerKeys.slice(0, 3), 'custom', ...customerKeys.slice(3)].reverse();
const customerColumns = Object.fromEntries(customerOrder.map((k, i) => [k, i + 1]));

// Customer rows 2..13 with owners interleaved in entry order, plus no or no longer valid owners.
const CUSTOMER_OWNERS = [
  'r1@x',
  'r2@x',
  'R2@x ',
  'r1@x',
  'r2@x',
  'm@x',
  'r1@x',
  '',
  'gone@x',
  'v@x',
  's@x',
  'r2@x',
];
const customerRows = CUSTOMER_OWNERS.map((owner, i) => ({ row: i + 2, owner }));
const customerOwners: Record<string, string> = Object.fromEntries(
  CUSTOMER_OWNERS.map((owner, i) => [`C${String(i + 1).padStart(6, '0')}`, owner.trim().toLowerCase()]),
);
const customerIds = Object.keys(customerOwners);
// date-ordered activity: every rep's customers interleaved, an unknown id at the end
const scopedRefs = [...customerIds, ...customerIds.reverse(), 'C999999'].map((customerId, i) => ({
  row: i + 2,
  customerId,
}));

const layout = (key: SheetKey): SheetLayout => ({
  maxRows: 1000,
  maxColumns: Math.max(SHEETS[key].columns.length, 5) + 3,
  columns: Object.fromEntries(SHEETS[key].columns.map((c, i) => [c.key, i + 1])),
});

const INPUT: PlanInput = {
  roles: ROLES,
  owner: OWNER,
  locale: 'en',
  layouts: {
    customers: { maxRows: 1000, maxColumns: customerOrder.length + 4, columns: customerColumns },
    interactions: layout('interactions'),
    feedback: layout('feedback'),
    purchases: layout('purchases'),
    opportunities: layout('opportunities'),
    targets: layout('targets'),
    roles: layout('roles'),
    settings: layout('settings'),
    tierHistory: layout('tierHistory'),
    reminderLog: layout('reminderLog'),
    auditLog: layout('auditLog'),
    dashboard: layout('dashboard'),
  },
};
const PLAN = planProtections(INPUT);

const sheetsAllows = (email: string, sheet: SheetKey, row: number, column: string | number) =>
  effectiveEditRights(PLAN, email, sheet, row, column).editable;

/** What the person's edit of one cell ends as: refused by Sheets, reverted by the edit check, or kept. */
function outcome(
  email: string,
  sheet: SheetKey,
  row: number,
  column: string,
  facts: Omit<EditFacts, 'sheetKey' | 'role' | 'user' | 'column'>,
) {
  if (!sheetsAllows(email, sheet, row, column)) return 'refused by Sheets';
  const role = resolveRole(email, OWNER, ROLES).role;
  const verdict =
    email === OWNER ? 'allowed' : checkEdit({ sheetKey: sheet, role, user: email, column, ...facts });
  return verdict === 'allowed' ? 'edited' : 'reverted';
}

const normalize = (email: string) => email.trim().toLowerCase();

describe('permission design (protections + edit check) against the role matrix', () => {
  it('holds for every role, customers column and interleaved own/other row', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const { row, owner } of customerRows) {
      for (const column of customerOrder) {
        for (const p of PERSONAS) {
          const own = normalize(owner) === p.email;
          const cell = MATRIX[own ? 'customers rows owned by the user' : 'customers rows of others'][p.role];
          const expected = allows(cell, column, own);
          const got = outcome(p.email, 'customers', row, column, {
            ownerBefore: normalize(owner),
            ownerAfter: normalize(owner),
            newRow: false,
          });
          seen.add(`${p.role}|${column}|${own}|${got}`);
          if ((got === 'edited') !== expected)
            wrong.push(`${p.email} customers row ${row} ${column}: ${got}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // both layers are at work: Sheets refuses reps the tier, the edit check reverts their edits of others' rows
    expect(seen).toContain('accountManager|tier|true|refused by Sheets');
    expect(seen).toContain('accountManager|tierLocked|true|refused by Sheets');
    expect(seen).toContain('accountManager|notes|false|reverted');
    expect(seen).toContain('assistant|owner|false|reverted');
    expect(seen).toContain('assistant|company|true|reverted');
    expect(seen).toContain('viewer|name|false|refused by Sheets');
  });

  it('holds for interactions, purchases, feedback and opportunities, rows in date order', () => {
    const wrong: string[] = [];
    const matrixRow = (sheet: SheetKey) =>
      sheet === 'interactions'
        ? 'interactions of a customer'
        : sheet === 'opportunities'
          ? 'opportunities of a customer'
          : 'purchases, feedback of a customer';
    for (const sheet of ['interactions', 'purchases', 'feedback', 'opportunities'] as const) {
      for (const { row, customerId } of scopedRefs) {
        const owner = customerOwners[customerId] || `nobody:${customerId}`; // as the shell names an unowned or unknown customer
        for (const { key } of SHEETS[sheet].columns) {
          for (const p of PERSONAS) {
            const expected = allows(MATRIX[matrixRow(sheet)][p.role], key, owner === p.email);
            const got = outcome(p.email, sheet, row, key, {
              ownerBefore: owner,
              ownerAfter: owner,
              newRow: false,
            });
            if ((got === 'edited') !== expected) wrong.push(`${p.email} ${sheet} row ${row} ${key}: ${got}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reverts an interaction pointed at another rep’s customer, keeps one pointed at the rep’s own', () => {
    const facts = (after: string) => ({ ownerBefore: '', ownerAfter: after, newRow: true });
    expect(outcome('r1@x', 'interactions', 500, 'customerId', facts('r2@x'))).toBe('reverted');
    expect(outcome('r1@x', 'interactions', 500, 'customerId', facts('r1@x'))).toBe('edited');
    // moving one's own interaction to someone else's customer
    const moved = { ownerBefore: 'r1@x', ownerAfter: 'r2@x', newRow: false };
    expect(outcome('r1@x', 'interactions', 2, 'customerId', moved)).toBe('reverted');
    expect(outcome('s@x', 'interactions', 2, 'customerId', moved)).toBe('edited');
  });

  it('on a new row below the data: Sheets refuses reps the tier; the check lets them claim only their own', () => {
    const fresh = { ownerBefore: '', ownerAfter: '', newRow: true };
    expect(outcome('r1@x', 'customers', 900, 'tier', fresh)).toBe('refused by Sheets');
    expect(outcome('r1@x', 'customers', 900, 'tierLocked', fresh)).toBe('refused by Sheets');
    expect(outcome('r1@x', 'customers', 900, 'name', fresh)).toBe('edited');
    expect(outcome('r1@x', 'customers', 900, 'owner', { ...fresh, ownerAfter: 'r1@x' })).toBe('edited');
    expect(outcome('r1@x', 'customers', 900, 'owner', { ...fresh, ownerAfter: 'r2@x' })).toBe('reverted');
    expect(outcome('r1@x', 'customers', 900, 'id', fresh)).toBe('reverted');
    expect(outcome('s@x', 'customers', 900, 'owner', fresh)).toBe('reverted');
    expect(outcome('s@x', 'customers', 900, 'tier', fresh)).toBe('refused by Sheets');
    expect(outcome('s@x', 'customers', 900, 'company', fresh)).toBe('edited');
    expect(outcome('v@x', 'customers', 900, 'name', fresh)).toBe('refused by Sheets');
    expect(outcome('m@x', 'customers', 900, 'tier', fresh)).toBe('edited');
  });

  it('targets: managers and admins, by Sheets', () => {
    for (const { key } of SHEETS.targets.columns) {
      for (const p of PERSONAS) {
        expect([key, p.email, sheetsAllows(p.email, 'targets', 3, key)]).toEqual([
          key,
          p.email,
          allows(MATRIX.targets[p.role], key, false),
        ]);
      }
    }
  });

  it('settings and roles: admins only, by Sheets', () => {
    for (const sheet of ['settings', 'roles'] as const) {
      for (const { key } of SHEETS[sheet].columns) {
        for (const p of PERSONAS) {
          expect([sheet, key, p.email, sheetsAllows(p.email, sheet, 3, key)]).toEqual([
            sheet,
            key,
            p.email,
            allows(MATRIX['settings, roles sheets'][p.role], key, false),
          ]);
        }
      }
    }
  });

  it.each(PERSONAS)('$email ($role) on the log sheets: only admins', ({ email, role }) => {
    for (const sheet of ['tierHistory', 'reminderLog', 'auditLog', 'dashboard'] as const) {
      for (const row of [1, 2, 6, 500]) {
        for (let column = 1; column <= 8; column++) {
          const expected = role === 'admin' || allows(MATRIX['logs, tierHistory'][role], '', false);
          expect([sheet, row, column, sheetsAllows(email, sheet, row, column)]).toEqual([
            sheet,
            row,
            column,
            expected,
          ]);
        }
      }
    }
  });

  it('keeps every header row for admins', () => {
    for (const sheet of Object.keys(INPUT.layouts) as SheetKey[]) {
      for (const p of PERSONAS) {
        for (const column of [1, 2, 5, 40]) {
          expect([sheet, p.email, column, sheetsAllows(p.email, sheet, 1, column)]).toEqual([
            sheet,
            p.email,
            column,
            p.role === 'admin',
          ]);
        }
      }
    }
  });

  it('lets the workbook owner edit everything, as Sheets does', () => {
    for (const sheet of Object.keys(INPUT.layouts) as SheetKey[]) {
      for (const row of [1, 2, 7, 999]) expect(sheetsAllows(OWNER, sheet, row, 1)).toBe(true);
    }
  });

  it('says which protection blocks an edit', () => {
    const rights = effectiveEditRights(PLAN, 'r1@x', 'customers', 2, 'tier');
    expect(rights.editable).toBe(false);
    expect(rights.blockedBy).toEqual([expect.stringMatching(/^crm:customers:locked:cols:/)]);
    expect(rights.covering).toContain('crm:customers:sheet');
  });
});
