/**
 * The main proof of the permission plan: every role x every sheet x every column x own/other rows,
 * evaluated with Sheets' rule (editor of every covering protection), compared cell by cell with the
 * role matrix (test/support/design-matrix.ts).
 */
import { effectiveEditRights, planProtections, PlanInput, SheetLayout } from '../../../src/core/permissions';
import { RoleEntry } from '../../../src/core/roles';
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

// Customer rows 2..13 with owners in several runs, plus rows with no or no longer valid owner.
const CUSTOMER_OWNERS = [
  'r1@x',
  'r1@x',
  'R2@x ',
  'r2@x',
  'r1@x',
  'm@x',
  'a@x',
  '',
  'gone@x',
  'v@x',
  's@x',
  'r2@x',
];
const customerRows = CUSTOMER_OWNERS.map((owner, i) => ({ row: i + 2, owner }));
const customerOwners: Record<string, string> = Object.fromEntries(
  CUSTOMER_OWNERS.map((owner, i) => [`C${String(i + 1).padStart(6, '0')}`, owner]),
);
const customerIds = Object.keys(customerOwners);
const interactionRefs = [...customerIds, 'C999999', ''].map((customerId, i) => ({ row: i + 2, customerId }));

const layout = (key: SheetKey, lastRow: number): SheetLayout => ({
  lastRow,
  maxRows: 1000,
  maxColumns: Math.max(SHEETS[key].columns.length, 5) + 3,
  columns: Object.fromEntries(SHEETS[key].columns.map((c, i) => [c.key, i + 1])),
});

const INPUT: PlanInput = {
  roles: ROLES,
  owner: OWNER,
  locale: 'en',
  layouts: {
    customers: { lastRow: 13, maxRows: 1000, maxColumns: customerOrder.length + 4, columns: customerColumns },
    interactions: layout('interactions', interactionRefs.length + 1),
    feedback: layout('feedback', interactionRefs.length + 1),
    purchases: layout('purchases', 20),
    opportunities: layout('opportunities', interactionRefs.length + 1),
    targets: layout('targets', 9),
    roles: layout('roles', 9),
    settings: layout('settings', 15),
    tierHistory: layout('tierHistory', 5),
    reminderLog: layout('reminderLog', 5),
    auditLog: layout('auditLog', 5),
    dashboard: layout('dashboard', 30),
  },
  customerRows,
  customerOwners,
  scopedRows: { interactions: interactionRefs, feedback: interactionRefs, opportunities: interactionRefs },
};
const PLAN = planProtections(INPUT);

const canEdit = (email: string, sheet: SheetKey, row: number, column: string | number) =>
  effectiveEditRights(PLAN, email, sheet, row, column).editable;

interface Case {
  who: string;
  role: Role;
  sheet: SheetKey;
  row: number;
  column: string;
  expected: boolean;
}

function cases(): Case[] {
  const out: Case[] = [];
  const push = (sheet: SheetKey, row: number, column: string, matrixRow: string, owns: boolean) => {
    for (const p of PERSONAS) {
      out.push({
        who: p.email,
        role: p.role,
        sheet,
        row,
        column,
        expected: allows(MATRIX[matrixRow][p.role], column, owns),
      });
    }
  };
  for (const { row, owner } of customerRows) {
    for (const column of customerOrder) {
      for (const p of PERSONAS) {
        const own = owner.trim().toLowerCase() === p.email;
        const matrixRow = own ? 'customers rows owned by the user' : 'customers rows of others';
        const expected = allows(MATRIX[matrixRow][p.role], column, own);
        out.push({ who: p.email, role: p.role, sheet: 'customers', row, column, expected });
      }
    }
  }
  for (const sheet of ['interactions', 'feedback', 'opportunities'] as const) {
    const matrixRow =
      sheet === 'opportunities' ? 'opportunities of a customer' : 'interactions of a customer';
    for (const { row, customerId } of interactionRefs) {
      const owner = (customerOwners[customerId] ?? '').trim().toLowerCase();
      for (const { key } of SHEETS[sheet].columns) {
        for (const p of PERSONAS) {
          const expected = allows(MATRIX[matrixRow][p.role], key, owner === p.email);
          out.push({ who: p.email, role: p.role, sheet, row, column: key, expected });
        }
      }
    }
  }
  const dataRows = [2, 3, 9];
  for (const row of dataRows) {
    for (const { key } of SHEETS.purchases.columns) push('purchases', row, key, 'purchases', false);
    for (const { key } of SHEETS.targets.columns) push('targets', row, key, 'targets', false);
    for (const sheet of ['settings', 'roles'] as const) {
      for (const { key } of SHEETS[sheet].columns) push(sheet, row, key, 'settings, roles sheets', false);
    }
  }
  return out;
}

const ROLES_ALL: Role[] = ['admin', 'manager', 'accountManager', 'assistant', 'viewer'];

function isOwn(c: Case): boolean {
  if (c.sheet === 'customers') return normalize(CUSTOMER_OWNERS[c.row - 2]) === c.who;
  if (c.sheet !== 'interactions' && c.sheet !== 'feedback' && c.sheet !== 'opportunities') return false;
  const ref = interactionRefs.find((r) => r.row === c.row)!;
  return normalize(customerOwners[ref.customerId] ?? '') === c.who;
}

const normalize = (email: string) => email.trim().toLowerCase();

/** Logs: the matrix says view for all; protections cannot bar admins, who run the triggers that write them. */
const LOG_SHEETS: SheetKey[] = ['tierHistory', 'reminderLog', 'auditLog', 'dashboard'];

describe('permission plan against the role matrix', () => {
  const all = cases();

  it('walks every role, sheet, column and own/other row', () => {
    // coverage: every role meets every customers column on rows it owns and rows it does not
    const seen = new Set(all.map((c) => `${c.role}|${c.sheet}|${c.column}|${isOwn(c)}`));
    for (const role of ROLES_ALL) {
      for (const column of customerOrder) {
        for (const own of [true, false]) expect(seen).toContain(`${role}|customers|${column}|${own}`);
      }
      for (const own of [true, false]) expect(seen).toContain(`${role}|interactions|summary|${own}`);
    }
    const mismatches = all
      .filter((c) => canEdit(c.who, c.sheet, c.row, c.column) !== c.expected)
      .map(
        (c) =>
          `${c.who} (${c.role}) ${c.sheet} row ${c.row} ${c.column}: expected ${c.expected ? 'edit' : 'view'}`,
      );
    expect(mismatches).toEqual([]);
  });

  it.each(PERSONAS)('$email ($role) on the log sheets: only admins', ({ email, role }) => {
    for (const sheet of LOG_SHEETS) {
      for (const row of [1, 2, 6, 500]) {
        for (let column = 1; column <= 8; column++) {
          const expected = role === 'admin' || allows(MATRIX['logs, tierHistory'][role], '', false);
          expect([sheet, row, column, canEdit(email, sheet, row, column)]).toEqual([
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
    const sheets = Object.keys(INPUT.layouts) as SheetKey[];
    for (const sheet of sheets) {
      for (const p of PERSONAS) {
        for (const column of [1, 2, 5, 40]) {
          expect([sheet, p.email, column, canEdit(p.email, sheet, 1, column)]).toEqual([
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
      for (const row of [1, 2, 7, 999]) expect(canEdit(OWNER, sheet, row, 1)).toBe(true);
    }
  });

  it('leaves rows below the data open to staff (form, import) but never to viewers', () => {
    for (const sheet of ['customers', 'interactions', 'feedback'] as const) {
      for (const column of [1, 3, 10, 25]) {
        for (const p of PERSONAS) {
          expect([sheet, p.email, column, canEdit(p.email, sheet, 500, column)]).toEqual([
            sheet,
            p.email,
            column,
            p.role !== 'viewer',
          ]);
        }
      }
    }
    expect(canEdit('v@x', 'purchases', 500, 'amount')).toBe(false);
    expect(canEdit('r1@x', 'purchases', 500, 'amount')).toBe(true);
    expect(canEdit('s@x', 'purchases', 500, 'amount')).toBe(true);
  });

  it('says which protection blocks an edit', () => {
    const rights = effectiveEditRights(PLAN, 'r1@x', 'customers', 2, 'owner');
    expect(rights.editable).toBe(false);
    expect(rights.blockedBy).toEqual([expect.stringMatching(/^crm:customers:locked:cols:/)]);
    expect(rights.covering).toContain('crm:customers:owner:r1@x:rows:2-3');
  });
});
