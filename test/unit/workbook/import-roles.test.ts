/**
 * CSV import into the roles sheet (admins only: the shell checks that): the cells as any sheet's,
 * then addresses normalised, blank "active" written as TRUE, and a person already there skipped.
 */
import { planImport, rolesImportRules, validationContext } from '../../../src/core/workbook';
import { parseRoles } from '../../../src/core/roles';
import { CellValue, SheetRow, SHEETS } from '../../../src/core/schema';
import { Locale } from '../../../src/i18n';

const LAYOUT = SHEETS.roles.columns.map((c) => c.key);
const EXISTING: SheetRow[] = [
  {
    row: 2,
    values: { email: 'owner@example.com', name: '', role: 'admin', team: '', managerEmail: '', active: true },
  },
  {
    row: 3,
    values: {
      email: 'Rep1@Example.com',
      name: '',
      role: 'accountManager',
      team: '',
      managerEmail: '',
      active: true,
    },
  },
];

function plan(text: string, locale: Locale = 'en', settings: Record<string, string> = {}) {
  const ctx = validationContext({ locale, timeZone: 'Asia/Shanghai', settings });
  return planImport({
    sheetKey: 'roles',
    text,
    layout: LAYOUT,
    existing: EXISTING,
    ctx,
    now: new Date(),
    rules: rolesImportRules({ existing: EXISTING, locale }),
  });
}

const asRows = (rows: CellValue[][]): SheetRow[] =>
  rows.map((cells, i) => ({ row: 10 + i, values: Object.fromEntries(LAYOUT.map((k, j) => [k, cells[j]])) }));

describe('import into roles', () => {
  test('roles in either language and common spellings; e-mails normalised; blank active is TRUE', () => {
    const p = plan(
      'Email,Name,Role,Team,Manager email,Active\n' +
        ' New.Rep@Example.COM ,新人,客户经理,East,Manager@Example.com,\n' +
        'boss@example.com,Boss,Administrator,,,yes\n' +
        'left@example.com,Left,只读,,,否\n',
    );
    expect(p.rejected).toEqual([]);
    expect(p.rows).toEqual([
      ['new.rep@example.com', '新人', 'accountManager', 'East', 'manager@example.com', true],
      ['boss@example.com', 'Boss', 'admin', '', '', true],
      ['left@example.com', 'Left', 'viewer', '', '', false],
    ]);
    // What the add-on then reads from those rows.
    expect(parseRoles(asRows(p.rows)).map((r) => [r.email, r.role, r.active])).toEqual([
      ['new.rep@example.com', 'accountManager', true],
      ['boss@example.com', 'admin', true],
      ['left@example.com', 'viewer', false],
    ]);
  });

  test('a zh-CN workbook stores its own labels, whatever language the file is in', () => {
    const p = plan('邮箱,角色\na@example.com,accountManager\nb@example.com,Sales manager\n', 'zh-CN', {
      locale: 'zh-CN',
    });
    expect(p.rows.map((r) => r[2])).toEqual(['客户经理', '销售主管']);
  });

  test('a person already on the sheet, or earlier in the file, is skipped and reported, never changed', () => {
    const p = plan('email,role\nREP1@example.com,admin\nx@example.com,viewer\nX@Example.com,admin\n');
    expect(p.rows).toEqual([['x@example.com', '', 'viewer', '', '', true]]);
    expect(p.skipped.map((s) => [s.line, s.reason, s.matchedRow, s.matchedLine, s.message])).toEqual([
      [
        2,
        'key',
        3,
        null,
        'Line 2: rep1@example.com is already on the Roles sheet, row 3; skipped (an import adds people, it does not change their role).',
      ],
      [
        4,
        'key',
        null,
        3,
        'Line 4: x@example.com is already on the Roles sheet, line 3 of this file; skipped (an import adds people, it does not change their role).',
      ],
    ]);
  });

  test('bad e-mails, unknown roles and a missing role are rejected with line and reason', () => {
    const p = plan(
      'email,role,managerEmail\nnot-an-email,viewer,\ny@example.com,superuser,\nz@example.com,,boss\n',
    );
    expect(p.rows).toEqual([]);
    expect(p.rejected.map((r) => [r.line, r.columnKey])).toEqual([
      [2, 'email'],
      [3, 'role'],
      [4, 'role'],
      [4, 'managerEmail'],
    ]);
  });

  test('an item an admin added to the role list is still no role', () => {
    const p = plan('email,role\ny@example.com,Intern\n', 'en', {
      'list.role': 'admin, manager, accountManager, assistant, viewer, Intern',
    });
    expect(p.rows).toEqual([]);
    expect(p.rejected.map((r) => r.message)).toEqual([
      'Role: "Intern" is not a role. Roles: admin, manager, accountManager, assistant, viewer.',
    ]);
  });
});
