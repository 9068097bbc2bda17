/**
 * CSV import into opportunities and targets: core/workbook planImport's cell checks, then
 * core/sales' rules (rights per row, ids, owners, stage, uniqueness), with plain data.
 */
import { opportunityImportRules, targetImportRules } from '../../../src/core/sales';
import { planImport, ImportInput, validationContext } from '../../../src/core/workbook';
import { RoleEntry } from '../../../src/core/roles';
import { CellValue, Role, SheetRow, SHEETS } from '../../../src/core/schema';
import { Locale } from '../../../src/i18n';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T01:00:00Z');
const MANAGER = 'manager@example.com';
const REP1 = 'rep1@example.com';
const REP2 = 'rep2@example.com';

const entry = (row: number, email: string, role: Role, extra: Partial<RoleEntry> = {}): RoleEntry => ({
  row,
  email,
  name: '',
  role,
  team: '',
  managerEmail: '',
  active: true,
  ...extra,
});
const ROLES: RoleEntry[] = [
  entry(2, 'owner@example.com', 'admin'),
  entry(3, MANAGER, 'manager', { team: 'East' }),
  entry(4, REP1, 'accountManager', { team: 'East', managerEmail: MANAGER }),
  entry(5, REP2, 'accountManager', { team: 'West' }),
  entry(6, 'gone@example.com', 'accountManager', { active: false }),
];
const CUSTOMER_OWNERS = new Map([
  ['C000001', REP1],
  ['C000002', REP2],
  ['C000003', ''],
]);
// The sheet's columns in schema order, plus a column of the user's at the end.
const OPP_LAYOUT: Array<string | null> = [...SHEETS.opportunities.columns.map((c) => c.key), null];
const TARGET_LAYOUT: Array<string | null> = [null, ...SHEETS.targets.columns.map((c) => c.key)];

function ctxFor(locale: Locale = 'en') {
  return validationContext({
    locale,
    timeZone: TZ,
    settings: {},
    roles: ROLES,
    customerIds: CUSTOMER_OWNERS.keys(),
  });
}

function opportunities(
  text: string,
  importer: { email: string; role: Role },
  options: { existing?: SheetRow[]; highest?: number; locale?: Locale } = {},
): ReturnType<typeof planImport> {
  const ctx = ctxFor(options.locale);
  const existing = options.existing ?? [];
  const rules = opportunityImportRules({
    locale: ctx.locale,
    timeZone: TZ,
    settings: {},
    importer,
    existing,
    customerOwners: CUSTOMER_OWNERS,
    activeEmails: ctx.activeEmails!,
    highestIdAssigned: options.highest ?? 0,
    now: NOW,
  });
  const input: ImportInput = {
    sheetKey: 'opportunities',
    text,
    layout: OPP_LAYOUT,
    existing,
    ctx,
    now: NOW,
    rules,
  };
  return planImport(input);
}

/** A planned row keyed by column key (the leading apostrophe of text kept: it is what setValues gets). */
const byKey = (layout: Array<string | null>, row: CellValue[]) =>
  Object.fromEntries(layout.flatMap((k, i) => (k ? [[k, row[i]]] : [])));

/** Planned rows as the sheet would then hold them, to import against. */
function asSheetRows(layout: Array<string | null>, rows: CellValue[][], first: number): SheetRow[] {
  return rows.map((cells, i) => {
    const values: Record<string, CellValue> = {};
    layout.forEach((k, j) => {
      if (k) values[k] = typeof cells[j] === 'string' ? (cells[j] as string).replace(/^'/, '') : cells[j];
    });
    return { row: first + i, values };
  });
}

const midnight = (iso: string) => new Date(`${iso}T00:00:00+08:00`);

describe('import into opportunities', () => {
  test('a new opportunity is completed as addOpportunity makes it: id, owner, probability, times', () => {
    const plan = opportunities(
      'customerId,title,stage,amount,expectedClose\nC000001,Renewal,Proposal,"¥128,000",2026年3月5日\n',
      { email: MANAGER, role: 'manager' },
      { highest: 7 },
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.ids).toEqual(['O000008']);
    expect(plan.highestIdAssigned).toBe(8);
    expect(byKey(OPP_LAYOUT, plan.rows[0])).toEqual({
      id: 'O000008',
      customerId: 'C000001',
      title: 'Renewal',
      stage: 'Proposal',
      amount: 128000,
      probability: 50,
      expectedClose: midnight('2026-03-05'),
      owner: REP1, // the customer's owner, not the manager who imported it
      createdAt: NOW,
      closedAt: '',
      lostReason: '',
      stageChangedAt: NOW,
    });
    expect(plan.rows[0]).toHaveLength(OPP_LAYOUT.length);
  });

  test('zh-CN as people type it: labels, 12.8万, dates; won and lost get closed now, probability 100 / 0', () => {
    const plan = opportunities(
      '客户编号,标题,阶段,金额,预计成交日期,丢单原因\n' +
        'C000001,二期,赢单,12.8万,2026/3/5,\n' +
        'C000001,三期,输单,"￥1,280.50",2026.4.1,价格太高\n',
      { email: REP1, role: 'accountManager' },
      { locale: 'zh-CN' },
    );
    expect(plan.rejected).toEqual([]);
    const [won, lost] = plan.rows.map((r) => byKey(OPP_LAYOUT, r));
    expect(won).toMatchObject({
      id: 'O000001',
      stage: 'Won',
      amount: 128000,
      probability: 100,
      closedAt: NOW,
    });
    expect(lost).toMatchObject({
      id: 'O000002',
      stage: 'Lost',
      amount: 1280.5,
      probability: 0,
      lostReason: '价格太高',
    });
    expect(plan.summary).toBe('已导入 2 行；跳过已存在的 0 行；拒绝 0 行。');
  });

  test("an account manager's row for another's customer is rejected with its line; their own rows are written", () => {
    const plan = opportunities(
      'customerId,title,stage,amount\nC000001,Mine,Lead,1\nC000002,Theirs,Lead,2\nC000003,Nobody,Lead,3\n',
      { email: REP1, role: 'accountManager' },
    );
    expect(plan.lines).toEqual([2]);
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [
        3,
        'customerId',
        'Customer C000002 is not yours: only its owner, managers and admins work on its opportunities.',
      ],
      [
        4,
        'customerId',
        'Customer C000003 is not yours: only its owner, managers and admins work on its opportunities.',
      ],
    ]);
    expect(byKey(OPP_LAYOUT, plan.rows[0]).owner).toBe(REP1);
  });

  test('owners: an account manager may name only themselves; anyone named must be active on the Roles sheet', () => {
    const text =
      'customerId,title,stage,amount,owner\n' +
      'C000001,Self,Lead,1,REP1@example.com\n' +
      'C000001,Other,Lead,1,rep2@example.com\n' +
      'C000001,Gone,Lead,1,gone@example.com\n';
    const rep = opportunities(text, { email: REP1, role: 'accountManager' });
    expect(rep.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [
        3,
        'owner',
        'Owner: account managers import only opportunities they own. Leave it blank or give your own address.',
      ],
      [4, 'owner', 'Owner: gone@example.com is not an active user on the Roles sheet.'],
    ]);
    expect(byKey(OPP_LAYOUT, rep.rows[0]).owner).toBe(REP1);
    const manager = opportunities(text, { email: MANAGER, role: 'manager' });
    expect(manager.rejectedLines).toEqual([4]);
    expect(manager.rows.map((r) => byKey(OPP_LAYOUT, r).owner)).toEqual([REP1, REP2]);
    // A customer with no owner: the importer owns what they import.
    const admin = opportunities('customerId,title,stage,amount\nC000003,X,Lead,1\n', {
      email: 'owner@example.com',
      role: 'admin',
    });
    expect(byKey(OPP_LAYOUT, admin.rows[0]).owner).toBe('owner@example.com');
  });

  test('cells are checked first: unknown customer, stage, money, dates, required columns; all reasons of a row listed', () => {
    const plan = opportunities(
      'customerId,title,stage,amount,expectedClose,probability\n' + 'C999999,,Maybe,lots,05/03/2026,150\n',
      { email: MANAGER, role: 'manager' },
    );
    expect(plan.rows).toEqual([]);
    expect(plan.rejected.map((r) => r.columnKey)).toEqual([
      'customerId',
      'title',
      'stage',
      'amount',
      'probability',
      'expectedClose',
    ]);
    expect(plan.rejected[0].message).toBe('Customer ID: there is no customer with ID C999999.');
  });

  test('closed time on an open stage and a lost reason on one not lost are refused', () => {
    const plan = opportunities(
      'customerId,title,stage,amount,closedAt,lostReason\n' +
        'C000001,A,Negotiation,1,2026-11-01,\n' +
        'C000001,B,Won,1,,too dear\n' +
        'C000001,C,Won,1,2026-11-01 10:00,\n',
      { email: MANAGER, role: 'manager' },
    );
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [
        2,
        'closedAt',
        'Closed: an opportunity in stage "Negotiation" is still open. Leave the closed time blank.',
      ],
      [3, 'lostReason', 'Lost reason: only a lost opportunity has a lost reason.'],
    ]);
    expect(byKey(OPP_LAYOUT, plan.rows[0]).closedAt).toEqual(new Date('2026-11-01T02:00:00Z'));
  });

  test('ids: never-assigned ones kept, retired or malformed ones refused, blanks numbered above the highest', () => {
    const plan = opportunities(
      'id,customerId,title,stage,amount\n' +
        'O000050,C000001,Kept,Lead,1\n' +
        'o000003,C000001,Retired,Lead,1\n' +
        'X12,C000001,Malformed,Lead,1\n' +
        ',C000001,New,Lead,1\n',
      { email: MANAGER, role: 'manager' },
      { highest: 10 },
    );
    expect(plan.ids).toEqual(['O000050', 'O000051']);
    expect(plan.highestIdAssigned).toBe(51);
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [
        3,
        null,
        'Opportunity ID O000003 was used before by an opportunity that was removed; IDs are never reused. Clear the ID to import this row as a new opportunity.',
      ],
      [
        4,
        'id',
        'Opportunity ID: "X12" is not an opportunity ID (O000001). Leave it blank and the next ID is assigned.',
      ],
    ]);
  });

  test('importing the same file twice adds nothing: by id, else the same customer, title, amount and close day', () => {
    const text =
      'id,customerId,title,stage,amount,expectedClose\n' +
      'O000020,C000001,With id,Lead,1,\n' +
      ',C000001,Renewal,Lead,"1,000",2026-03-05\n' +
      ',c000001,renewal ,Proposal,1000,2026/3/5\n'; // the line above, typed differently
    const first = opportunities(text, { email: MANAGER, role: 'manager' });
    expect(first.ids).toEqual(['O000020', 'O000021']);
    expect(first.skipped.map((s) => [s.line, s.reason, s.matchedLine, s.matchedId])).toEqual([
      [4, 'sameRow', 3, 'O000021'],
    ]);
    const existing = asSheetRows(OPP_LAYOUT, first.rows, 2);
    const again = opportunities(text, { email: MANAGER, role: 'manager' }, { existing, highest: 21 });
    expect(again.rows).toEqual([]);
    expect(again.skipped.map((s) => s.message)).toEqual([
      'Line 2: opportunity O000020 is already there, row 2; skipped.',
      'Line 3: the same opportunity (customer, title, amount and expected close) is already there (O000021, row 3); skipped.',
      'Line 4: the same opportunity (customer, title, amount and expected close) is already there (O000021, row 3); skipped.',
    ]);
  });

  test('formula-like text is stored as text', () => {
    const plan = opportunities('customerId,title,stage,amount\nC000001,"=HYPERLINK(""http://x"")",Lead,1\n', {
      email: MANAGER,
      role: 'manager',
    });
    expect(byKey(OPP_LAYOUT, plan.rows[0]).title).toBe('\'=HYPERLINK("http://x")');
  });
});

function targets(
  text: string,
  importer: { email: string; role: Role },
  existing: SheetRow[] = [],
  locale: Locale = 'en',
) {
  const ctx = ctxFor(locale);
  return planImport({
    sheetKey: 'targets',
    text,
    layout: TARGET_LAYOUT,
    existing,
    ctx,
    now: NOW,
    rules: targetImportRules({ locale, importer, existing, roles: ROLES }),
  });
}

describe('import into targets', () => {
  test('one target per person and period: the sheet and earlier lines count; periods normalised', () => {
    const existing: SheetRow[] = [
      { row: 2, values: { owner: 'Rep1@Example.com', period: '2026-Q4', revenueTarget: 5 } },
    ];
    const plan = targets(
      '人员（邮箱）,期间,销售额目标\n' +
        'rep1@example.com,2026q4,"¥1,000"\n' +
        'REP1@example.com,2027-1,12.8万\n' +
        'rep1@example.com,2027-01,1\n' +
        'rep1@example.com,2027,"1,000,000"\n',
      { email: 'owner@example.com', role: 'admin' },
      existing,
    );
    expect(plan.rows).toEqual([
      ['', REP1, "'2027-01", 128000],
      ['', REP1, "'2027", 1000000],
    ]);
    expect(plan.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [2, 'key', 'Line 2: rep1@example.com already has a target for 2026-Q4, row 2; skipped, not changed.'],
      [
        4,
        'key',
        'Line 4: rep1@example.com already has a target for 2027-01, line 3 of this file; skipped, not changed.',
      ],
    ]);
  });

  test('the person must be active on the Roles sheet; periods and amounts are checked; zh-CN reasons', () => {
    const plan = targets(
      'owner,period,revenueTarget\n' +
        'gone@example.com,2027-Q1,1\n' +
        'rep1@example.com,2027-13,1\n' +
        'rep1@example.com,2027-Q2,-5\n' +
        'not-an-email,2027-Q3,\n',
      { email: 'owner@example.com', role: 'admin' },
      [],
      'zh-CN',
    );
    expect(plan.rows).toEqual([]);
    expect(plan.rejected.map((r) => [r.line, r.column, r.message])).toEqual([
      [2, '人员（邮箱）', '人员（邮箱）：gone@example.com 不是"角色"表中的在职用户。'],
      [3, '期间', expect.stringMatching(/^未知期间“2027-13”。/)],
      [4, '销售额目标', '销售额目标：-5 是负数，必须大于或等于 0。'],
      [5, '人员（邮箱）', expect.stringContaining('"not-an-email"')],
      [5, '销售额目标', '销售额目标：必填。'],
    ]);
  });

  test('a manager sets targets for their own team only (people they manage or who share their team, and themselves)', () => {
    const plan = targets(
      'owner,period,revenueTarget\nrep1@example.com,2027-Q1,1\nmanager@example.com,2027-Q1,1\nrep2@example.com,2027-Q1,1\n',
      { email: MANAGER, role: 'manager' },
    );
    expect(plan.lines).toEqual([2, 3]);
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [
        4,
        'owner',
        'rep2@example.com is not in your team: managers set targets for their own team, admins for everyone.',
      ],
    ]);
  });
});
