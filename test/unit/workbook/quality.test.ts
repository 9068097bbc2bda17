import {
  checkDataQuality,
  planQualityStages,
  QualityInput,
  QualitySheet,
  StagePart,
} from '../../../src/core/workbook';
import { SheetRow } from '../../../src/core/schema';

const row = (n: number, values: SheetRow['values']): SheetRow => ({ row: n, values });

const input: QualityInput = {
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  settings: {},
  sheets: {
    roles: [
      row(2, { email: 'am@example.com', role: 'accountManager', active: true }),
      row(3, { email: 'gone@example.com', role: 'accountManager', active: false }),
    ],
    customers: [
      row(2, { id: 'C000001', name: '张伟', company: '华为', email: 'zw@x.com', owner: 'am@example.com' }),
      row(3, { id: 'C000002', name: '', phone: '12', owner: 'gone@example.com', birthday: 'soon' }),
      row(4, { id: '', name: '' }), // blank row in the middle
      row(5, { id: 'C000003', name: '张 伟', company: '华为', email: 'ZW@X.COM', satisfaction: 7 }),
      row(6, { id: 'C000003', name: 'Copy' }),
      row(7, { id: '', name: '' }), // trailing blank: not reported
    ],
    interactions: [
      row(2, { date: new Date('2024-01-01T00:00:00+08:00'), customerId: 'C000001' }),
      row(3, { date: '2024-01-02', customerId: 'C000404' }),
      row(5, { date: 'yesterday', customerId: 'C000002' }), // row 4 is missing: a gap is a blank row
    ],
    purchases: [],
    feedback: [row(2, { date: '2024-01-01', customerId: 'C000003', rating: 3 })],
  },
};

describe('checkDataQuality', () => {
  const report = checkDataQuality(input);
  const brief = report.findings.map((f) => [f.kind, f.sheetKey, f.row, f.columnKey]);

  test('every finding with its kind, sheet, row and column', () => {
    expect(brief).toEqual([
      ['duplicate', 'customers', 2, null],
      ['required', 'customers', 3, 'name'],
      ['invalid', 'customers', 3, 'phone'],
      ['invalid', 'customers', 3, 'owner'],
      ['invalid', 'customers', 3, 'birthday'],
      ['blankRow', 'customers', 4, null],
      ['invalid', 'customers', 5, 'satisfaction'],
      ['duplicateId', 'customers', 6, 'id'],
      ['orphan', 'interactions', 3, 'customerId'],
      ['blankRow', 'interactions', 4, null],
      ['invalid', 'interactions', 5, 'date'],
    ]);
  });

  test('counts per kind and total', () => {
    expect(report.counts).toEqual({
      invalid: 5,
      required: 1,
      orphan: 1,
      duplicateId: 1,
      duplicate: 1,
      blankRow: 2,
      missingColumn: 0,
    });
    expect(report.total).toBe(11);
    expect(report.rowsChecked).toEqual({
      customers: 4,
      interactions: 3,
      purchases: 0,
      feedback: 1,
      roles: 2,
    });
  });

  test('messages and values are there for the report sheet', () => {
    const f = (kind: string, rowNo: number | null) =>
      report.findings.find((x) => x.kind === kind && x.row === rowNo);
    expect(f('invalid', 3)).toMatchObject({ column: 'Phone', value: '12' });
    expect(f('duplicate', 2)?.message).toBe(
      'Likely duplicates in rows 2, 5 (C000001, C000003): same e-mail, very similar name and company.',
    );
    expect(f('duplicateId', 6)?.message).toBe('Customer ID C000003 is also used in row 5.');
    expect(f('blankRow', 4)?.message).toBe('Row 4 is blank, with data below it.');
    expect(report.duplicateGroups).toHaveLength(1);
  });

  test('zh-CN', () => {
    const zh = checkDataQuality({ ...input, locale: 'zh-CN' });
    expect(zh.findings.find((x) => x.kind === 'required')?.message).toBe('姓名：必填。');
    expect(zh.findings.find((x) => x.kind === 'orphan')?.message).toBe(
      '客户编号：不存在编号为 C000404 的客户。',
    );
  });

  test('a column missing from the layout is reported once, not per row', () => {
    const r = checkDataQuality({
      ...input,
      sheets: { customers: input.sheets.customers },
      layouts: { customers: ['id', 'phone', 'email', 'owner', 'birthday', 'satisfaction', 'company'] },
    });
    const missing = r.findings.filter((x) => x.kind === 'missingColumn').map((x) => x.columnKey);
    expect(missing).toContain('name');
    expect(r.findings.filter((x) => x.columnKey === 'name' && x.kind !== 'missingColumn')).toEqual([]);
    expect(r.findings.find((x) => x.kind === 'missingColumn' && x.columnKey === 'name')?.message).toBe(
      'The Customers sheet has no "Name" column. Run "Set up workbook" to restore it.',
    );
  });

  test('empty sheets give an empty report', () => {
    const r = checkDataQuality({ ...input, sheets: { customers: [], interactions: [] } });
    expect(r.total).toBe(0);
    expect(r.findings).toEqual([]);
  });

  test('50,000 customers (measured)', () => {
    const customers: SheetRow[] = Array.from({ length: 50000 }, (_, i) =>
      row(i + 2, {
        id: 'C' + String(i + 1).padStart(6, '0'),
        name: '客户' + i,
        company: '公司' + (i % 3000),
        email: `u${i}@x.com`,
        phone: String(13000000000 + i),
        owner: 'am@example.com',
        region: 'North',
        birthday: new Date(Date.UTC(1980, 0, 1) + (i % 9000) * 86400000),
        satisfaction: (i % 5) + 1,
        notes: i % 1000 === 0 ? 'x'.repeat(50001) : '',
      }),
    );
    const t0 = Date.now();
    const r = checkDataQuality({ ...input, sheets: { roles: input.sheets.roles, customers } });
    console.log(`checkDataQuality: 50,000 customers in ${Date.now() - t0} ms, ${r.total} findings`);
    expect(r.counts.invalid).toBe(50);
  });
});

describe('planQualityStages', () => {
  const extents = [
    { sheet: 'customers' as const, lastRow: 101, width: 27 }, // 2,700 cells
    { sheet: 'interactions' as const, lastRow: 301, width: 8 }, // 2,400
    { sheet: 'purchases' as const, lastRow: 1001, width: 7 }, // 7,000
    { sheet: 'feedback' as const, lastRow: 101, width: 6 }, // 600
    { sheet: 'roles' as const, lastRow: 11, width: 6 }, // 60
  ];
  const cells = (stage: StagePart[]) =>
    stage.reduce((n, p) => n + (p.to - p.from + 1) * extents.find((e) => e.sheet === p.sheet)!.width, 0);

  test('a workbook that fits is one stage of whole sheets', () => {
    expect(planQualityStages(extents, 20_000)).toEqual([
      extents.map((e) => ({ sheet: e.sheet, from: 2, to: e.lastRow })),
    ]);
  });

  test('stages stay within the size, in audit order, splitting sheets by rows; every row once', () => {
    const stages = planQualityStages(extents, 4_500);
    expect(stages.length).toBe(3);
    for (const s of stages) expect(cells(s)).toBeLessThanOrEqual(4_500);
    const flat = stages.flat();
    for (const e of extents) {
      const parts = flat.filter((p) => p.sheet === e.sheet);
      expect(parts[0].from).toBe(2);
      expect(parts[parts.length - 1].to).toBe(e.lastRow);
      for (let i = 1; i < parts.length; i++) expect(parts[i].from).toBe(parts[i - 1].to + 1);
    }
    expect(flat.map((p) => p.sheet).filter((k, i, a) => a.indexOf(k) === i)).toEqual([
      'customers',
      'interactions',
      'purchases',
      'feedback',
      'roles',
    ]);
  });

  test('customers are never split, even beyond the stage size', () => {
    const stages = planQualityStages(extents, 1_000);
    expect(stages[0]).toEqual([{ sheet: 'customers', from: 2, to: 101 }]);
    expect(stages.slice(1).every((s) => cells(s) <= 1_000)).toBe(true);
  });
});

describe('an audit in stages finds what one pass finds', () => {
  const ids = Array.from({ length: 40 }, (_, i) => 'C' + String(i + 1).padStart(6, '0'));
  const customers: SheetRow[] = ids.map((id, i) =>
    row(i + 2, {
      id: i === 30 ? ids[3] : id,
      name: i === 12 ? '' : `Person ${i}`,
      company: 'Co',
      email: i === 20 ? 'p5@x.com' : `p${i}@x.com`,
      owner: i % 7 === 0 ? 'gone@example.com' : 'am@example.com',
    }),
  );
  // purchases with gaps (blank rows) at row 10 and at the end of a part (rows 46, 47)
  const purchases: SheetRow[] = [];
  for (let r = 2; r <= 80; r++) {
    if (r === 10 || r === 46 || r === 47) continue;
    purchases.push(
      row(r, {
        orderId: `SO${r}`,
        date: r === 45 ? 'soon' : '2024-01-01',
        customerId: r % 11 === 0 ? 'C999999' : ids[r % 40],
        amount: 10,
      }),
    );
  }
  const interactions: SheetRow[] = Array.from({ length: 20 }, (_, i) =>
    row(i + 2, { date: '2024-01-02', customerId: i === 5 ? 'X1' : ids[i], loggedBy: 'nope' }),
  );
  const roles = input.sheets.roles!;
  const all = { customers, interactions, purchases, feedback: [], roles };
  const layouts = { purchases: ['orderId', 'date', 'customerId', 'product', 'quantity', 'amount'] };
  const base = { locale: 'en' as const, timeZone: 'Asia/Shanghai', settings: {}, layouts };
  const lastRow = { customers: 41, interactions: 21, purchases: 80, feedback: 1, roles: 3 };
  const brief = (f: {
    kind: string;
    sheetKey: string;
    row: number | null;
    columnKey: string | null;
    message: string;
  }) => [f.kind, f.sheetKey, f.row, f.columnKey, f.message].join('|');

  test('the stages’ findings, one after the other, are the single pass’s findings in order', () => {
    const whole = checkDataQuality({ ...base, sheets: all });
    const stages = planQualityStages(
      (Object.keys(lastRow) as QualitySheet[]).map((sheet) => ({ sheet, lastRow: lastRow[sheet], width: 6 })),
      200,
    );
    expect(stages.length).toBeGreaterThan(2);
    const found: string[] = [];
    stages.forEach((stage, i) => {
      const later = stages.slice(i + 1).flat();
      const sheets: QualityInput['sheets'] = {};
      const parts: QualityInput['parts'] = {};
      for (const p of stage) {
        sheets[p.sheet] = all[p.sheet].filter((r) => r.row >= p.from && r.row <= p.to);
        if (p.sheet !== 'customers')
          parts[p.sheet] = { from: p.from, to: p.to, last: !later.some((q) => q.sheet === p.sheet) };
      }
      const r = checkDataQuality({
        ...base,
        sheets,
        parts,
        context: { customerIds: customers.map((c) => String(c.values.id)), roles },
      });
      found.push(...r.findings.map(brief));
    });
    expect(whole.counts.blankRow).toBeGreaterThanOrEqual(3);
    expect(whole.counts.orphan).toBeGreaterThan(3);
    expect(found).toEqual(whole.findings.map(brief));
  });
});
