import { RoleEntry } from '../../../src/core/roles';
import {
  columnRules,
  MAX_CELL_CHARS,
  openColumnRange,
  parseBoolean,
  parseNumber,
  RangeResolver,
  sheetValidationRules,
  SheetValidationRule,
  validateRecord,
  validationContext,
} from '../../../src/core/workbook';

const roles: RoleEntry[] = [
  {
    row: 2,
    email: 'am@example.com',
    name: 'AM',
    role: 'accountManager',
    team: '',
    managerEmail: '',
    active: true,
  },
  {
    row: 3,
    email: 'gone@example.com',
    name: 'Gone',
    role: 'accountManager',
    team: '',
    managerEmail: '',
    active: false,
  },
];
const ctx = validationContext({
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  settings: {},
  roles,
  customerIds: ['C000001', 'C000002'],
});
const zh = { ...ctx, locale: 'zh-CN' as const };

const customer = (values: Record<string, unknown>) =>
  validateRecord('customers', { id: 'C000001', name: '张伟', ...values }, ctx);
const codes = (r: { issues: Array<{ columnKey: string; code: string }> }) =>
  r.issues.map((i) => `${i.columnKey}:${i.code}`);

describe('one rule per column, from the schema', () => {
  test('customers columns get their kinds', () => {
    const kinds = Object.fromEntries(columnRules('customers').map((r) => [r.columnKey, r.kind]));
    expect(kinds).toMatchObject({
      id: 'id',
      phone: 'phone',
      email: 'email',
      owner: 'activeEmail',
      region: 'list',
      tier: 'list',
      tierLocked: 'boolean',
      birthday: 'date',
      satisfaction: 'rating',
      createdAt: 'datetime',
      notes: 'text',
    });
    const purchases = Object.fromEntries(columnRules('purchases').map((r) => [r.columnKey, r.kind]));
    expect(purchases).toMatchObject({
      customerId: 'reference',
      quantity: 'nonNegative',
      amount: 'money',
      type: 'list',
    });
  });
});

describe('validateRecord', () => {
  test('a valid customer parses every value', () => {
    const r = customer({
      phone: '＋86 138-0013-8000',
      email: ' Li@Example.com ',
      owner: 'AM@example.com',
      region: 'north',
      tierLocked: '是',
      birthday: '1990-02-28',
      contractEnd: new Date('2025-01-01T00:00:00+08:00'),
      satisfaction: '５',
      notes: '  VIP  ',
    });
    expect(r.issues).toEqual([]);
    expect(r.values.phone).toBe('+86 138-0013-8000');
    expect(r.values.email).toBe('Li@Example.com');
    expect(r.values.region).toBe('North'); // the list's spelling
    expect(r.values.tierLocked).toBe(true);
    expect((r.values.birthday as Date).toISOString()).toBe('1990-02-27T16:00:00.000Z'); // midnight in Shanghai
    expect(r.values.satisfaction).toBe(5);
    expect(r.values.notes).toBe('VIP');
    expect(r.values.company).toBe('');
  });

  test('required fields, and new records may leave assigned columns blank', () => {
    expect(codes(validateRecord('customers', {}, ctx))).toEqual(['id:required', 'name:required']);
    expect(codes(validateRecord('customers', { name: 'x' }, ctx, { newRecord: true }))).toEqual([]);
    expect(codes(validateRecord('purchases', { orderId: ' ' }, ctx))).toEqual([
      'orderId:required',
      'date:required',
      'customerId:required',
      'amount:required',
    ]);
  });

  test('e-mail and owner', () => {
    expect(codes(customer({ email: 'no-at-sign' }))).toEqual(['email:email']);
    expect(codes(customer({ email: 'a@b' }))).toEqual(['email:email']);
    expect(codes(customer({ owner: 'gone@example.com' }))).toEqual(['owner:owner']);
    expect(codes(customer({ owner: 'stranger@example.com' }))).toEqual(['owner:owner']);
    expect(codes(customer({ owner: 'not an email' }))).toEqual(['owner:email']);
    // Without roles in the context, any e-mail will do (e.g. a form preview).
    const noRoles = validationContext({ locale: 'en', timeZone: 'UTC', settings: {} });
    expect(
      validateRecord('customers', { id: 'C000001', name: 'x', owner: 'x@y.com' }, noRoles).issues,
    ).toEqual([]);
  });

  test('phone numbers', () => {
    for (const ok of [
      '13800138000',
      '+86 138 0013 8000',
      '(010) 8888-0000',
      '123456',
      '+44 20 7946 0958',
      13800138000,
    ])
      expect(codes(customer({ phone: ok }))).toEqual([]);
    for (const bad of ['12345', '123456789012345678901', '138x0013', '86+138', '+', '1.38e10', -13800138000])
      expect(codes(customer({ phone: bad }))).toEqual(['phone:phone']);
  });

  test('dates: Date cells, serials and year-first text, never day- or month-first', () => {
    const iso = (v: unknown) => (customer({ birthday: v }).values.birthday as Date).toISOString();
    for (const ok of [
      '2026-03-05',
      '2026/3/5',
      '2026.3.5',
      '2026年3月5日',
      '２０２６年３月５日',
      '2026/03/05',
      46086,
      '46086',
    ])
      expect([ok, iso(ok)]).toEqual([ok, '2026-03-04T16:00:00.000Z']); // midnight in Shanghai
    expect(codes(customer({ birthday: '2024-02-29' }))).toEqual([]);
    expect(codes(customer({ birthday: '２０２４－０２－２９' }))).toEqual([]);
    for (const bad of [
      '2023-02-29',
      '2026年2月30日',
      '2026/13/1',
      '03/31/2024',
      '31.03.2024',
      '5/3',
      -3,
      true,
      new Date(NaN),
      '2024-03-31T10:00',
    ])
      expect(codes(customer({ birthday: bad }))).toEqual(['birthday:date']);
  });

  test('datetimes accept YYYY-MM-DD HH:MM[:SS] in the spreadsheet time zone or with an offset', () => {
    const r = customer({ createdAt: '2024-03-31 14:30', updatedAt: '2024-03-31T14:30:15Z' });
    expect(r.issues).toEqual([]);
    expect((r.values.createdAt as Date).toISOString()).toBe('2024-03-31T06:30:00.000Z');
    expect((r.values.updatedAt as Date).toISOString()).toBe('2024-03-31T14:30:15.000Z');
    expect(codes(customer({ createdAt: '2024-03-31 25:00' }))).toEqual(['createdAt:datetime']);
  });

  test('numbers are parsed explicitly', () => {
    expect(parseNumber('1,234.50')).toBe(1234.5);
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber(' -3 ')).toBe(-3);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('１２３')).toBe(123);
    for (const bad of ['1.234,50', '1,23', '12,34.5', '1e5', '¥100', '', '.', '1 234', 'NaN'])
      expect(parseNumber(bad)).toBeNull();
    expect(parseNumber(Infinity)).toBeNull();
    const ok = validateRecord(
      'purchases',
      { orderId: 'O1', date: '2024-01-01', customerId: 'C000001', quantity: '3', amount: '1,234.50' },
      ctx,
    );
    expect(ok.issues).toEqual([]);
    expect(ok.values).toMatchObject({ quantity: 3, amount: 1234.5, customerId: 'C000001' });
    const bad = validateRecord(
      'purchases',
      { orderId: 'O1', date: '2024-01-01', customerId: 'c000002', quantity: -1, amount: '1.234,50' },
      ctx,
    );
    expect(codes(bad)).toEqual(['quantity:nonNegative', 'amount:money']);
    expect(bad.values.customerId).toBe('C000002');
  });

  test('ratings are whole numbers from 1 to 5', () => {
    for (const ok of [1, 5, '3', '3.0']) expect(codes(customer({ satisfaction: ok }))).toEqual([]);
    for (const bad of [0, 6, 2.5, '4.5', 'good'])
      expect(codes(customer({ satisfaction: bad }))).toEqual(['satisfaction:rating']);
  });

  test('booleans', () => {
    expect([true, 'TRUE', 'yes', '是', 1, 'ｙｅｓ'].map(parseBoolean)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([false, 'False', 'no', '否', 0].map(parseBoolean)).toEqual([false, false, false, false, false]);
    expect([2, 'maybe', new Date(0)].map(parseBoolean)).toEqual([null, null, null]);
    expect(
      codes(
        validateRecord('feedback', { date: '2024-01-01', customerId: 'C000001', resolved: 'maybe' }, ctx),
      ),
    ).toEqual(['resolved:boolean']);
  });

  test('dropdown lists come from settings, which an admin can extend', () => {
    expect(codes(customer({ region: 'Mars' }))).toEqual(['region:list']);
    const extended = { ...ctx, settings: { ...ctx.settings, 'list.region': 'North, 华东，Mars' } };
    expect(
      validateRecord('customers', { id: 'C000001', name: 'x', region: '华东' }, extended).issues,
    ).toEqual([]);
    expect(
      validateRecord('customers', { id: 'C000001', name: 'x', region: 'mars' }, extended).values.region,
    ).toBe('Mars');
  });

  test('ids and references', () => {
    expect(codes(customer({ id: 'X1' }))).toEqual(['id:id']);
    expect(customer({ id: 'c000123' }).values.id).toBe('C000123');
    const r = validateRecord('interactions', { date: '2024-01-01', customerId: 'C000099' }, ctx);
    expect(codes(r)).toEqual(['customerId:reference']);
    expect(r.issues[0].message).toBe('Customer ID: there is no customer with ID C000099.');
  });

  test('cells up to 50,000 characters pass; longer ones are refused', () => {
    expect(codes(customer({ notes: 'x'.repeat(MAX_CELL_CHARS) }))).toEqual([]);
    const r = customer({ notes: '长'.repeat(MAX_CELL_CHARS + 1) });
    expect(codes(r)).toEqual(['notes:tooLong']);
    expect(r.issues[0].message).toBe('Notes: 50001 characters is more than the 50000 a cell can hold.');
  });

  test('messages are localized and name the column by its label', () => {
    const en = customer({ email: 'nope', birthday: '31/12/1990' }).issues.map((i) => i.message);
    expect(en).toEqual([
      'Email: "nope" is not an e-mail address.',
      'Birthday: "31/12/1990" is not a date. Accepted: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or a Sheets date number.',
    ]);
    const cn = validateRecord('customers', { id: 'C000001', email: 'nope' }, zh).issues.map((i) => i.message);
    expect(cn).toEqual(['姓名：必填。', '邮箱："nope" 不是有效的邮箱地址。']);
  });
});

describe('sheetValidationRules', () => {
  const ranges: Record<string, string> = {
    'roles.email': "'Roles'!$A$2:$A",
    'roles.active': "'Roles'!$F$2:$F",
    'customers.id': "'Customers'!$A$2:$A",
  };
  const resolve: RangeResolver = (ref) => ranges[`${ref.sheetKey}.${ref.columnKey}`];
  const rules = sheetValidationRules('customers', {}, { locale: 'en' });
  const byKey = Object.fromEntries(rules.map((r) => [r.columnKey, r])) as Record<string, SheetValidationRule>;
  const formula = (r: SheetValidationRule, col: string) =>
    r.criteria.kind === 'formula' ? r.criteria.formula(col, 2, resolve, () => 'G') : null;

  test('every rule refuses invalid input and has localized help text', () => {
    expect(rules.every((r) => r.allowInvalid === false && r.helpText.length > 0)).toBe(true);
    expect(Object.keys(byKey).sort()).toEqual(
      [
        'id',
        'phone',
        'email',
        'region',
        'industry',
        'type',
        'owner',
        'status',
        'tier',
        'tierLocked',
        'birthday',
        'contractEnd',
        'lastContact',
        'nextFollowUp',
        'satisfaction',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    const zhRules = sheetValidationRules('customers', {}, { locale: 'zh-CN' });
    expect(zhRules.find((r) => r.columnKey === 'email')?.helpText).toBe('请输入邮箱地址。');
  });

  test('opportunities: stage dropdown from list.stage, amount at least 0, probability 0-100, dates', () => {
    const opp = Object.fromEntries(
      sheetValidationRules('opportunities', {}, { locale: 'en' }).map((r) => [r.columnKey, r]),
    ) as Record<string, SheetValidationRule>;
    expect(opp.stage.criteria).toEqual({
      kind: 'list',
      values: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'],
    });
    expect(opp.amount.criteria).toEqual({ kind: 'numberAtLeast', min: 0 });
    expect(opp.expectedClose.criteria).toEqual({ kind: 'date' });
    expect(formula(opp.probability, 'F')).toBe(
      '=OR(ISBLANK(F2),REGEXMATCH(TO_TEXT(F2),"^(100|[1-9]?[0-9])(\\.0+)?$"))',
    );
    const ctx = validationContext({ locale: 'en', timeZone: 'Asia/Shanghai', settings: {} });
    const check = (probability: unknown) =>
      validateRecord('opportunities', { probability }, ctx).issues.filter(
        (i) => i.columnKey === 'probability',
      );
    expect(check('101').map((i) => i.message)).toEqual([
      'Probability (%): "101" is not a whole number from 0 to 100.',
    ]);
    expect(check('-1')).toHaveLength(1);
    expect(check('2.5')).toHaveLength(1);
    expect(check('100')).toEqual([]);
    expect(check(0)).toEqual([]);
  });

  test('builder criteria', () => {
    expect(byKey.email.criteria).toEqual({ kind: 'email' });
    expect(byKey.birthday.criteria).toEqual({ kind: 'date' });
    expect(byKey.tierLocked.criteria).toEqual({ kind: 'checkbox' });
    expect(byKey.tier.criteria).toEqual({ kind: 'list', values: ['A', 'B', 'C'] });
    const extended = sheetValidationRules('customers', { 'list.region': 'North，华东' }, { locale: 'en' });
    expect(extended.find((r) => r.columnKey === 'region')?.criteria).toEqual({
      kind: 'list',
      values: ['North', '华东'],
    });
    const purchases = sheetValidationRules('purchases', {}, { locale: 'en' });
    const amount = purchases.find((r) => r.columnKey === 'amount')!;
    expect(amount.criteria.kind === 'formula' && amount.criteria.formula('F', 2, resolve, () => 'G')).toBe(
      '=OR(ISBLANK(F2),AND(ISNUMBER(F2),IF(OR(TRIM(LOWER(G2))="return",TRIM(LOWER(G2))="退货",' +
        'TRIM(LOWER(G2))="refund",TRIM(LOWER(G2))="退款"),F2<=0,F2>=0)))',
    );
    expect(amount.helpText).toBe('Enter an amount: 0 or more for a sale, 0 or less for a return.');
    expect(
      sheetValidationRules('purchases', {}, { locale: 'zh-CN' }).find((r) => r.columnKey === 'amount')
        ?.helpText,
    ).toBe('请输入金额：销售为 0 或正数，退货为 0 或负数。');
  });

  test('formulas use only the supported functions and relative first cells', () => {
    expect(formula(byKey.phone, 'E')).toBe(
      '=OR(ISBLANK(E2),REGEXMATCH(TO_TEXT(E2),"^\\+?[ ()\\-]*([0-9][ ()\\-]*){6,20}$"))',
    );
    expect(formula(byKey.owner, 'K')).toBe(
      `=OR(ISBLANK(K2),COUNTIFS('Roles'!$A$2:$A,K2,'Roles'!$F$2:$F,TRUE)+COUNTIFS('Roles'!$A$2:$A,K2,'Roles'!$F$2:$F,"")>0)`,
    );
    expect(formula(byKey.satisfaction, 'S')).toBe(
      '=OR(ISBLANK(S2),REGEXMATCH(TO_TEXT(S2),"^[1-5](\\.0+)?$"))',
    );
    expect(formula(byKey.id, 'A')).toBe(
      `=OR(ISBLANK(A2),AND(REGEXMATCH(TO_TEXT(A2),"^C[0-9]{6,}$"),COUNTIF('Customers'!$A$2:$A,A2)=1))`,
    );
    if (byKey.owner.criteria.kind === 'formula')
      expect(byKey.owner.criteria.refs).toEqual([
        { sheetKey: 'roles', columnKey: 'email' },
        { sheetKey: 'roles', columnKey: 'active' },
      ]);
    const interactions = sheetValidationRules('interactions', {}, { locale: 'en' });
    const ref = interactions.find((r) => r.columnKey === 'customerId') as SheetValidationRule;
    expect(formula(ref, 'B')).toBe(`=OR(ISBLANK(B2),COUNTIF('Customers'!$A$2:$A,B2)>0)`);
    const all = [...rules, ...interactions]
      .map((r) => formula(r, 'C'))
      .filter((f): f is string => !!f)
      .join(' ');
    const functions = new Set(all.match(/[A-Z_]+(?=\()/g));
    for (const f of functions)
      expect([
        'REGEXMATCH',
        'TO_TEXT',
        'LEN',
        'AND',
        'OR',
        'NOT',
        'ISBLANK',
        'COUNTIF',
        'COUNTIFS',
        'MATCH',
        'IFERROR',
      ]).toContain(f);
  });

  test('the phone formula pattern agrees with the core check', () => {
    const re = new RegExp('^\\+?[ ()\\-]*([0-9][ ()\\-]*){6,20}$');
    expect(re.test('+86 138 0013 8000')).toBe(true);
    expect(re.test('12345')).toBe(false);
  });

  test('system sheets and settings get no rules; roles get theirs', () => {
    expect(sheetValidationRules('auditLog', {}, { locale: 'en' })).toEqual([]);
    expect(sheetValidationRules('settings', {}, { locale: 'en' })).toEqual([]);
    const r = sheetValidationRules('roles', {}, { locale: 'en' }).map((x) => [x.columnKey, x.criteria.kind]);
    expect(r).toEqual([
      ['email', 'email'],
      ['role', 'list'],
      ['managerEmail', 'email'],
      ['active', 'checkbox'],
    ]);
  });

  test('a list emptied by an admin gets no rule rather than an invalid one', () => {
    const r = sheetValidationRules('customers', { 'list.region': ' , ' }, { locale: 'en' });
    expect(r.find((x) => x.columnKey === 'region')).toBeUndefined();
  });

  test('range helpers', () => {
    expect(openColumnRange('Roles', 'A')).toBe("'Roles'!$A$2:$A");
    expect(openColumnRange("Bob's 角色", 'F', 3)).toBe("'Bob''s 角色'!$F$3:$F");
  });
});
