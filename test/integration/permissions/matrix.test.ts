/**
 * The role matrix through the local runner: after `crm protect`, `crm edit <sheet> <row> <column>
 * <value> --as <user>` is either refused by Sheets (a protection: exit 1 with the Sheets message),
 * undone by the edit check (exit 0, the old value back and an audit row `reverted`), or kept, and
 * what is kept is exactly what the role matrix allows, for every role, own and other rows (owners
 * interleaved), every column group, and the roles and settings sheets. The expectation comes from
 * the matrix (test/support/design-matrix.ts), not the plan; which layer refuses is recorded too.
 *
 * The people are a@x, m@x, r1@x, r2@x, s@x and v@x (test/support/permissions.ts), with a ".test"
 * domain because the workbook's own e-mail validation wants a dot in the domain (the owner column
 * is edited too).
 */
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { Role } from '../../../src/core/schema';
import { allows, MATRIX } from '../../support/design-matrix';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { ADMIN, OWNERS, PEOPLE, permissionsWorkbook } from '../../support/permissions';

const USERS: Array<{ email: string; role: Role }> = [
  { email: PEOPLE.admin, role: 'admin' },
  { email: PEOPLE.manager, role: 'manager' },
  { email: PEOPLE.r1, role: 'accountManager' },
  { email: PEOPLE.r2, role: 'accountManager' },
  { email: PEOPLE.assistant, role: 'assistant' },
  { email: PEOPLE.viewer, role: 'viewer' },
];

interface Edit {
  sheet: string;
  row: number;
  column: string;
  value: string;
  /** the matrix row, and whether the user owns the customer the row belongs to */
  matrixRow: (owns: boolean) => string;
  ownerOfRow: string | null;
}

const customerRow = (row: number) => OWNERS[row - 2];
const id = (row: number) => `C${String(row - 1).padStart(6, '0')}`;

/**
 * Every column group of customers: contact (name, email), others (company, notes), locked (id,
 * owner, tier, tierLocked). id and owner keep their values, so ownership does not move during the
 * walk; the edit is checked all the same.
 */
const CUSTOMER_CELLS = (row: number): Array<[string, string]> => [
  ['name', `Renamed ${row}`],
  ['email', `new${row}@example.com`],
  ['company', `Company ${row} Ltd`],
  ['notes', 'called back'],
  ['id', id(row)],
  ['owner', customerRow(row)],
  ['tier', 'A'],
  ['tierLocked', 'TRUE'],
];

const EDITS: Edit[] = [
  // row 2 belongs to r1, row 4 to r2
  ...[2, 4].flatMap((row) =>
    CUSTOMER_CELLS(row).map(([column, value]) => ({
      sheet: 'customers',
      row,
      column,
      value,
      matrixRow: (owns: boolean) => (owns ? 'customers rows owned by the user' : 'customers rows of others'),
      ownerOfRow: customerRow(row),
    })),
  ),
  // interactions row 2 is about C000001 (r1), row 3 about C000003 (r2)
  ...[
    [2, PEOPLE.r1],
    [3, PEOPLE.r2],
  ].map(([row, owner]) => ({
    sheet: 'interactions',
    row: row as number,
    column: 'summary',
    value: 'follow-up call',
    matrixRow: () => 'interactions of a customer',
    ownerOfRow: owner as string,
  })),
  {
    sheet: 'purchases',
    row: 2,
    column: 'product',
    value: 'CRM Pro',
    matrixRow: () => 'purchases, feedback of a customer',
    ownerOfRow: PEOPLE.r1, // SO1 is for C000001
  },
  {
    sheet: 'roles',
    row: 3,
    column: 'name',
    value: 'Wang',
    matrixRow: () => 'settings, roles sheets',
    ownerOfRow: null,
  },
  {
    sheet: 'settings',
    row: 2,
    column: 'key',
    value: 'SETTING_KEY', // replaced by the row's own key below, so a successful edit changes nothing
    matrixRow: () => 'settings, roles sheets',
    ownerOfRow: null,
  },
  {
    sheet: 'tierHistory',
    row: 2,
    column: 'newTier',
    value: 'A',
    matrixRow: () => 'logs, tierHistory',
    ownerOfRow: null,
  },
];

/**
 * Where Sheets cannot do what the matrix says, and why (the README says so too): the spreadsheet's
 * owner can always edit every cell, and the accounts whose actions append to the logs (admins and
 * managers: `systemWriters`) must be editors of them, since protections apply to scripts too.
 */
function expected(user: { email: string; role: Role }, edit: Edit, cell: string): boolean {
  if (user.email === ADMIN) return true;
  if (edit.sheet === 'tierHistory' && (user.role === 'admin' || user.role === 'manager')) return true;
  return allows(cell, edit.column, edit.ownerOfRow === user.email);
}

describe('crm edit as every role after crm protect (the role matrix)', () => {
  let workbook: string;

  beforeAll(async () => {
    const rt = permissionsWorkbook();
    const history = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Tier history')!;
    history.getRange('A2:F2').setValues([[new Date(), 'C000001', 'B', 'A', 100, 'manual']]);
    const settingsKey = rt.spreadsheet.app
      .getActiveSpreadsheet()
      .getSheetByName('Settings')!
      .getRange('A2')
      .getValue();
    EDITS.find((e) => e.sheet === 'settings')!.value = String(settingsKey);
    workbook = tempWorkbook();
    writeWorkbookFile(workbook, rt.toFile('fixture'));
    const protect = await crm(workbook, 'protect', '--as', ADMIN);
    expect(protect).toMatchObject({ code: 0, stderr: '' });
  });

  /** What became of an edit that Sheets let through: kept, or undone by the edit check and logged. */
  function settled(edit: Edit): 'edited' | 'reverted' {
    const rt = loadRuntime(workbook);
    const ss = rt.spreadsheet.app.getActiveSpreadsheet();
    const log = ss.getSheetByName('Audit log')!.getDataRange().getValues();
    const last = log[log.length - 1].map(String);
    return last.some((c) => /^reverted reason=/.test(c)) && last.includes(edit.sheet) ? 'reverted' : 'edited';
  }

  test.each(USERS)('$email ($role)', async (user) => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    const layers: string[] = [];
    for (const edit of EDITS) {
      const owns = edit.ownerOfRow === user.email;
      const cell = MATRIX[edit.matrixRow(owns)][user.role];
      const result = await crm(
        workbook,
        'edit',
        edit.sheet,
        String(edit.row),
        edit.column,
        edit.value,
        '--as',
        user.email,
      );
      const where = `${edit.sheet} row ${edit.row} (${owns ? 'own' : 'other'}) ${edit.column}`;
      const how =
        result.code === 0
          ? settled(edit)
          : result.stderr === `${PROTECTED_MESSAGE}\n`
            ? 'refused by Sheets'
            : `exit ${result.code}: ${result.stderr.trim()}`;
      layers.push(`${where}: ${how}`);
      outcomes.push(`${where}: ${how === 'edited' ? 'edited' : how.startsWith('exit') ? how : 'not edited'}`);
      wanted.push(`${where}: ${expected(user, edit, cell) ? 'edited' : 'not edited'}`);
    }
    expect(outcomes).toEqual(wanted);
    // which layer stops what: Sheets the tier columns and other roles' sheets, the edit check rows of others
    if (user.email === PEOPLE.r1) {
      expect(layers).toContain('customers row 2 (own) tier: refused by Sheets');
      expect(layers).toContain('customers row 2 (own) tierLocked: refused by Sheets');
      expect(layers).toContain('customers row 4 (other) notes: reverted');
      expect(layers).toContain('customers row 2 (own) owner: reverted');
      expect(layers).toContain('interactions row 3 (other) summary: reverted');
    }
    if (user.email === PEOPLE.assistant) {
      expect(layers).toContain('customers row 2 (other) company: reverted');
      expect(layers).toContain('customers row 2 (other) owner: reverted');
      expect(layers).toContain('customers row 2 (other) tier: refused by Sheets');
    }
  });
});
