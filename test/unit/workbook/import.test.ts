import { parseCsv, mapHeaders, planImport, ImportInput, validationContext } from '../../../src/core/workbook';
import { RoleEntry } from '../../../src/core/roles';
import { CellValue, SheetRow } from '../../../src/core/schema';
import { UserError } from '../../../src/i18n';

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
];
const ctx = validationContext({
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  settings: {},
  roles,
  customerIds: [],
});
const now = new Date('2024-05-01T02:00:00Z');
// The sheet as a user arranged it: email first, a column of their own, name, id, phone, ...
const layout = [
  'email',
  null,
  'name',
  'id',
  'phone',
  'company',
  'birthday',
  'notes',
  'owner',
  'createdAt',
  'updatedAt',
];

function customersInput(text: string, extra: Partial<ImportInput> = {}): ImportInput {
  return { sheetKey: 'customers', text, layout, existing: [], ctx, highestIdAssigned: 7, now, ...extra };
}

/** The planned rows as the sheet would hold them, keyed again by column key. */
function asSheetRows(rows: CellValue[][], firstRow: number): SheetRow[] {
  return rows.map((cells, i) => {
    const values: Record<string, CellValue> = {};
    layout.forEach((k, j) => {
      if (k) values[k] = typeof cells[j] === 'string' ? (cells[j] as string).replace(/^'/, '') : cells[j];
    });
    return { row: firstRow + i, values };
  });
}

describe('header mapping', () => {
  test('by column key or either label, ignoring case, width and spaces', () => {
    const { keys, unknown } = mapHeaders(
      'customers',
      [' CUSTOMER  ID ', '姓名', 'EMAIL', 'Ｐｈｏｎｅ', 'account manager', '合同到期 '],
      'en',
    );
    expect(keys).toEqual(['id', 'name', 'email', 'phone', 'owner', 'contractEnd']);
    expect(unknown).toEqual([]);
  });

  test('keys, en and zh-CN labels all map', () => {
    expect(
      mapHeaders('customers', ['Customer ID', 'name', '邮箱', 'next follow-up', 'My column', ''], 'en'),
    ).toEqual({
      keys: ['id', 'name', 'email', 'nextFollowUp', null, null],
      unknown: ['My column'],
    });
  });

  test('two headers for one column are refused', () => {
    expect(() => mapHeaders('customers', ['name', 'email', '邮箱'], 'en')).toThrow(
      'The headers "email" and "邮箱" are the same column.',
    );
  });

  test('missing required columns are refused (the assigned id is not required)', () => {
    expect(() => mapHeaders('customers', ['email'], 'en')).toThrow('lacks required columns: Name.');
    expect(() => mapHeaders('purchases', ['订单号', 'amount'], 'zh-CN')).toThrow(
      '缺少必需的列：日期, 客户编号',
    );
    expect(mapHeaders('customers', ['name'], 'en').keys).toEqual(['name']);
  });

  test('opportunities, targets and roles: the assigned opportunity id may be left out; common Chinese headers', () => {
    expect(mapHeaders('opportunities', ['客户编号', '机会名称', '阶段', '预计金额'], 'zh-CN').keys).toEqual([
      'customerId',
      'title',
      'stage',
      'amount',
    ]);
    expect(() => mapHeaders('opportunities', ['id', 'customerId', 'stage', 'amount'], 'en')).toThrow(
      'lacks required columns: Title.',
    );
    expect(mapHeaders('targets', ['负责人', '月份', '目标金额'], 'zh-CN').keys).toEqual([
      'owner',
      'period',
      'revenueTarget',
    ]);
    expect(() => mapHeaders('targets', ['owner', 'revenueTarget'], 'zh-CN')).toThrow('缺少必需的列：期间');
    expect(mapHeaders('roles', ['电子邮箱', '角色', '上级邮箱', '是否在职'], 'zh-CN').keys).toEqual([
      'email',
      'role',
      'managerEmail',
      'active',
    ]);
  });
});

describe('planImport: customers', () => {
  const csv =
    '\ufeff姓名,Email,Phone,Company,Birthday,Notes,Extra\r\n' +
    '张伟,ZW@Example.com,＋８６ １３８ ００１３ ８０００,华为技术有限公司,1990-02-28,"多行\r\n备注",x\r\n' +
    '\r\n' +
    ',,,,,,\r\n' +
    'Evil,evil@example.com,,"=HYPERLINK(""http://x"")",,"@SUM(A1)",\r\n' +
    'Bad,bad-email,12,,28/02/1990,,\r\n' +
    'Quoted,q@example.com,13900139000,,,"\'=1+1",\r\n';

  test('valid rows become one block in the sheet layout; invalid rows are listed, never written', () => {
    const plan = planImport(customersInput(csv));
    expect(plan.unknownHeaders).toEqual(['Extra']);
    expect(plan.blankLines).toBe(1);
    expect(plan.lines).toEqual([2, 6, 8]);
    expect(plan.ids).toEqual(['C000008', 'C000009', 'C000010']);
    expect(plan.highestIdAssigned).toBe(10);
    const [zw, evil, quoted] = plan.rows;
    expect(zw).toEqual([
      'ZW@Example.com',
      '',
      '张伟',
      'C000008',
      '+86 138 0013 8000', // phone columns are text ('@'): written as typed, no quote
      '华为技术有限公司',
      new Date('1990-02-27T16:00:00Z'),
      '多行\r\n备注',
      '',
      now,
      now,
    ]);
    expect(evil[5]).toBe('\'=HYPERLINK("http://x")');
    expect(evil[7]).toBe("'@SUM(A1)");
    expect(quoted[7]).toBe("'=1+1"); // the file's escaped text is text, and stays text
    expect(quoted[4]).toBe('13900139000'); // the text-formatted phone column keeps it text, no quote

    expect(plan.rejectedLines).toEqual([7]);
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.column])).toEqual([
      [7, 'phone', 'Phone'],
      [7, 'email', 'Email'],
      [7, 'birthday', 'Birthday'],
    ]);
    expect(plan.summary).toBe('Imported 3 rows; skipped 0 already there; rejected 1.');
  });

  test('rejects CSV: the header, the rejected lines as given, line and reason', () => {
    const plan = planImport(customersInput(csv));
    const rejects = parseCsv(plan.rejectsCsv).records.map((r) => r.fields);
    expect(plan.rejectsCsv.startsWith('\ufeff')).toBe(true);
    expect(rejects[0]).toEqual([
      '姓名',
      'Email',
      'Phone',
      'Company',
      'Birthday',
      'Notes',
      'Extra',
      'Line',
      'Reason',
    ]);
    expect(rejects[1].slice(0, 8)).toEqual(['Bad', 'bad-email', '12', '', '28/02/1990', '', '', '7']);
    expect(rejects[1][8]).toContain('Email: "bad-email" is not an e-mail address.');
    expect(planImport(customersInput('name\nok\n')).rejectsCsv).toBe('');
  });

  test('re-importing the same file adds nothing', () => {
    const first = planImport(customersInput(csv));
    const existing = asSheetRows(first.rows, 2);
    const again = planImport(customersInput(csv, { existing, highestIdAssigned: first.highestIdAssigned }));
    expect(again.rows).toEqual([]);
    expect(again.skipped.map((s) => [s.line, s.reason, s.matchedRow, s.matchedId])).toEqual([
      [2, 'email', 2, 'C000008'],
      [6, 'email', 3, 'C000009'],
      [8, 'email', 4, 'C000010'],
    ]);
    expect(again.skipped[0].message).toBe(
      'Line 2: a customer with this e-mail is already there (C000008, row 2); skipped.',
    );
    expect(again.highestIdAssigned).toBe(10);
  });

  test('matching: id, else normalized e-mail, else normalized phone; earlier lines of the file count', () => {
    const existing: SheetRow[] = [
      { row: 2, values: { id: 'C000001', name: 'A', email: 'a@x.com', phone: '' } },
      { row: 3, values: { id: 'C000002', name: 'B', email: '', phone: '13800138000' } },
    ];
    const text =
      'id,name,email,phone\n' +
      'c000001,A again,,\n' + // by id
      ',A2,Ａ@X.COM,\n' + // by e-mail, full-width and case folded
      ',B2,,0086 138-0013-8000\n' + // by phone
      ',New,new@x.com,\n' +
      ',New dup,NEW@x.com,\n'; // the line above
    const plan = planImport(customersInput(text, { existing, highestIdAssigned: 2 }));
    expect(plan.skipped.map((s) => [s.line, s.reason, s.matchedRow, s.matchedLine, s.matchedId])).toEqual([
      [2, 'id', 2, null, 'C000001'],
      [3, 'email', 2, null, 'C000001'],
      [4, 'phone', 3, null, 'C000002'],
      [6, 'email', null, 5, 'C000003'],
    ]);
    expect(plan.ids).toEqual(['C000003']);
    expect(plan.skipped[3].message).toBe(
      'Line 6: a customer with this e-mail is already there (C000003, line 5 of this file); skipped.',
    );
  });

  test('ids in the file: never-assigned ones are kept, retired ones refused', () => {
    const text = 'id,name\nC000050,Kept\nC000003,Retired\n,New\n';
    const plan = planImport(customersInput(text, { highestIdAssigned: 10 }));
    expect(plan.ids).toEqual(['C000050', 'C000051']);
    expect(plan.highestIdAssigned).toBe(51);
    expect(plan.rejected.map((r) => [r.line, r.columnKey])).toEqual([[3, null]]);
    expect(plan.rejected[0].message).toContain('C000003 was used before');
  });

  test('50,000-character cells pass, longer ones are refused', () => {
    const ok = 'x'.repeat(50000);
    const plan = planImport(customersInput(`name,notes\nA,${ok}\nB,${ok}y\n`));
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0][7]).toBe(ok);
    expect(plan.rejected.map((r) => [r.line, r.columnKey])).toEqual([[3, 'notes']]);
  });

  test('ragged lines with extra data and cut-off lines are refused; empty extra fields are fine', () => {
    const plan = planImport(customersInput('name,email\nA\nB,b@x.com,extra\nC,c@x.com,\n'));
    expect(plan.lines).toEqual([4]);
    expect(plan.rejected.map((r) => r.message)).toEqual([
      'Line 2 has 1 fields but the header has 2: the line looks cut off (a truncated file?), so it was not imported.',
      'Line 3 has 3 fields but the header has 2.',
    ]);
    const zh = planImport({
      ...customersInput('姓名,邮箱\n张三,z@x.com\n李四'),
      ctx: { ...customersInput('').ctx, locale: 'zh-CN' },
    });
    expect(zh.lines).toEqual([2]);
    expect(zh.rejected[0].message).toContain('第 3 行只有 1 个字段，但表头有 2 个');
  });

  test('defaults fill blank cells and are validated', () => {
    const plan = planImport(
      customersInput('name,owner\nA,\nB,x@unknown.com\n', { defaults: { owner: 'am@example.com' } }),
    );
    expect(plan.rows.map((r) => r[8])).toEqual(['am@example.com']);
    expect(plan.rejected.map((r) => [r.line, r.columnKey])).toEqual([[3, 'owner']]);
  });

  test('whole-file problems refuse the import with a localized message', () => {
    expect(() => planImport(customersInput(''))).toThrow(UserError);
    expect(() => planImport(customersInput('\ufeff\r\n'))).toThrow('The CSV file is empty');
    expect(() =>
      planImport({ ...customersInput('email\na@b.com\n'), ctx: { ...ctx, locale: 'zh-CN' } }),
    ).toThrow('缺少必需的列：姓名');
  });
});

describe('planImport: other sheets', () => {
  const pctx = { ...ctx, customerIds: new Set(['C000001']) };
  const input = (text: string, existing: SheetRow[] = []): ImportInput => ({
    sheetKey: 'purchases',
    text,
    layout: ['orderId', 'date', 'customerId', 'product', 'quantity', 'amount'],
    existing,
    ctx: pctx,
    now,
  });
  const text =
    '订单号,日期,客户编号,产品,数量,金额\nO-1,2024-03-31,C000001,-Widget,2,"1,234.50"\nO-2,2024-03-31,C000404,Gadget,1,5\n';

  test('references are checked, numbers parsed, text neutralized', () => {
    const plan = planImport(input(text));
    expect(plan.rows).toEqual([
      ["'O-1".replace("'", ''), new Date('2024-03-30T16:00:00Z'), 'C000001', "'-Widget", 2, 1234.5],
    ]);
    expect(plan.rejected.map((r) => [r.line, r.columnKey, r.message])).toEqual([
      [3, 'customerId', 'Customer ID: there is no customer with ID C000404.'],
    ]);
  });

  test('rows already in the sheet are skipped', () => {
    const existing: SheetRow[] = [
      {
        row: 2,
        values: {
          orderId: 'O-1',
          date: new Date('2024-03-30T16:00:00Z'),
          customerId: 'C000001',
          product: '-Widget',
          quantity: 2,
          amount: 1234.5,
        },
      },
    ];
    const plan = planImport(input(text, existing));
    expect(plan.rows).toEqual([]);
    expect(plan.skipped.map((s) => [s.line, s.reason])).toEqual([[2, 'sameRow']]);
  });
});

describe('planImport: size', () => {
  test('10,000 customer rows against 50,000 existing (measured, not asserted tightly)', () => {
    const existing: SheetRow[] = Array.from({ length: 50000 }, (_, i) => ({
      row: i + 2,
      values: {
        id: 'C' + String(i + 1).padStart(6, '0'),
        name: 'N' + i,
        email: `e${i}@x.com`,
        phone: String(13000000000 + i),
      },
    }));
    const lines = ['name,email,phone,company,birthday,notes'];
    for (let i = 0; i < 10000; i++)
      lines.push(
        `客户${i},new${i}@x.com,+86 139 ${String(i).padStart(8, '0')},公司${i % 97},1990-01-${String((i % 28) + 1).padStart(2, '0')},备注`,
      );
    const t0 = Date.now();
    const plan = planImport(customersInput(lines.join('\r\n'), { existing, highestIdAssigned: 50000 }));
    const ms = Date.now() - t0;
    console.log(`planImport: 10,000 rows against 50,000 existing in ${ms} ms`);
    expect(plan.rows).toHaveLength(10000);
    expect(plan.ids[9999]).toBe('C060000');
    expect(ms).toBeLessThan(20000);
  });
});
