import {
  chooseSurvivors,
  findDuplicateGroups,
  findLikelyDuplicates,
  planMerge,
  repointColumn,
  repointRanges,
  repointReferences,
} from '../../../src/core/workbook';
import { SheetRow } from '../../../src/core/schema';

const c = (row: number, id: string, values: Record<string, string | number | Date | boolean>): SheetRow => ({
  row,
  values: { id, name: '', company: '', email: '', phone: '', ...values },
});

const customers: SheetRow[] = [
  c(2, 'C000005', { name: '张伟', company: '华为技术有限公司', email: 'zw@huawei.com', notes: 'kept note' }),
  c(3, 'C000002', { name: '张 伟', company: '华为技术', phone: '+86 138 0013 8000', title: '经理' }),
  c(4, 'C000009', {
    name: 'Zhang Wei',
    phone: '１３８００１３８０００',
    email: 'other@x.com',
    notes: 'later note',
  }),
  c(5, 'C000010', { name: 'Someone', email: 'OTHER@X.COM' }),
  c(6, 'C000011', { name: 'John Smith', company: 'Acme Trading Co., Ltd.' }),
  c(7, 'C000012', { name: 'Jon Smith', company: 'ACME TRADING' }),
  c(8, 'C000013', { name: '王小明', company: '华为' }),
  c(9, 'C000014', { name: '王小红', company: '华为' }),
  c(10, 'C000015', { name: '李娜', company: '' }),
  c(11, 'C000016', { name: '李娜', company: '' }),
];

describe('findDuplicateGroups', () => {
  test('e-mail, phone and name+company links merge transitively; the oldest id is kept', () => {
    const groups = findDuplicateGroups(customers);
    expect(groups).toHaveLength(2);
    const [zhang, smith] = groups;
    // C000005 ~ C000002 by name+company, C000002 ~ C000009 by phone, C000009 ~ C000010 by e-mail.
    expect(zhang.keep).toEqual({ row: 3, id: 'C000002', reasons: ['nameCompany', 'phone'] });
    expect(zhang.others.map((m) => m.id)).toEqual(['C000005', 'C000009', 'C000010']);
    expect(zhang.others.map((m) => m.reasons)).toEqual([['nameCompany'], ['email', 'phone'], ['email']]);
    expect(zhang.reasons).toEqual(['email', 'nameCompany', 'phone']);
    expect(smith.keep.id).toBe('C000011');
    expect(smith.others.map((m) => m.id)).toEqual(['C000012']);
    expect(smith.reasons).toEqual(['nameCompany']);
  });

  test('rows without a valid id rank after, top to bottom; no duplicates gives no groups', () => {
    const g = findDuplicateGroups([
      c(5, '', { email: 'a@x.com' }),
      c(3, 'bad', { email: 'A@x.com' }),
      c(9, 'C000100', { email: 'a@X.com' }),
    ]);
    expect([g[0].keep.row, ...g[0].others.map((m) => m.row)]).toEqual([9, 3, 5]);
    expect(findDuplicateGroups([c(2, 'C000001', { name: 'A' })])).toEqual([]);
    expect(findDuplicateGroups([])).toEqual([]);
  });

  test('a company variant is found through the second blocking pass', () => {
    const g = findDuplicateGroups([
      c(2, 'C000001', { name: 'Mary Jones', company: 'Globex International' }),
      c(3, 'C000002', { name: 'Mary Jones', company: 'Globex Internatonal' }),
    ]);
    expect(g).toHaveLength(1);
  });
});

describe('findLikelyDuplicates (the form warning)', () => {
  test('same e-mail, same phone or very similar name and company; the edited row left out', () => {
    const hits = findLikelyDuplicates(
      { name: '张伟', company: '华为技术', phone: '0086 13800138000', email: '' },
      customers,
    );
    expect(hits.map((h) => [h.row, h.reasons])).toEqual([
      [2, ['nameCompany']],
      [3, ['phone', 'nameCompany']],
      [4, ['phone']],
    ]);
    expect(findLikelyDuplicates({ email: 'other@x.com' }, customers, 4).map((h) => h.row)).toEqual([5]);
  });
});

describe('planMerge', () => {
  test('the kept row keeps its values and fills blanks from the others, oldest first', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    const groups = findDuplicateGroups(customers);
    const plan = planMerge(customers, groups, now);
    const zhang = plan.merged[0];
    expect(zhang.keptId).toBe('C000002');
    expect(zhang.mergedIds).toEqual(['C000005', 'C000009', 'C000010']);
    expect(zhang.values).toMatchObject({
      id: 'C000002',
      name: '张 伟', // kept value wins
      company: '华为技术',
      phone: '+86 138 0013 8000',
      title: '经理',
      email: 'zw@huawei.com', // from C000005, the oldest donor
      notes: 'kept note',
      updatedAt: now,
    });
    expect(zhang.filled).toEqual(['email', 'notes']);
    expect(plan.archive.map((r) => r.row)).toEqual([2, 4, 5, 7]);
    expect(plan.repoint).toEqual({
      C000005: 'C000002',
      C000009: 'C000002',
      C000010: 'C000002',
      C000012: 'C000011',
    });
    expect(plan.audit[0]).toEqual({
      sheet: 'customers',
      row: 3,
      oldValue: 'C000005, C000009, C000010',
      newValue: 'C000002',
      action: 'merge',
    });
  });

  test('references are re-pointed to the kept id', () => {
    const interactions: SheetRow[] = [
      { row: 2, values: { customerId: 'C000009' } },
      { row: 3, values: { customerId: 'C000002' } },
      { row: 4, values: { customerId: ' c000012 ' } },
      { row: 5, values: { customerId: 'CONSTRUCTOR' } },
    ];
    expect(repointReferences(interactions, { C000009: 'C000002', C000012: 'C000011' })).toEqual([
      { row: 2, from: 'C000009', to: 'C000002' },
      { row: 4, from: 'C000012', to: 'C000011' },
    ]);
  });

  test('a column alone gives the same cells (rows from 2), blanks and unknown ids untouched', () => {
    const column = ['C000009', 'C000002', ' c000012 ', '', 'CONSTRUCTOR', 'C000009'];
    expect(repointColumn(column, { C000009: 'C000002', C000012: 'C000011' })).toEqual([
      { row: 2, from: 'C000009', to: 'C000002' },
      { row: 4, from: 'C000012', to: 'C000011' },
      { row: 7, from: 'C000009', to: 'C000002' },
    ]);
  });

  test('re-pointed cells become one list of A1 ranges per new id, consecutive rows joined', () => {
    const change = (row: number, to: string) => ({ row, from: 'X', to });
    const changes = [10, 11, 12, 15, 3, 40].map((row) => change(row, 'C000002'));
    changes.push(change(13, 'C000011'), change(11, 'C000002'));
    expect(repointRanges(changes, 3)).toEqual([
      { to: 'C000002', a1: ['C3', 'C10:C12', 'C15', 'C40'] },
      { to: 'C000011', a1: ['C13'] },
    ]);
    expect(repointRanges([change(2, 'C1')], 28)).toEqual([{ to: 'C1', a1: ['AB2'] }]);
    expect(repointRanges([], 3)).toEqual([]);
  });
});

describe('size', () => {
  test('50,000 customers (measured; no all-pairs comparison)', () => {
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
    const rows: SheetRow[] = [];
    for (let i = 0; i < 50000; i++) {
      const name = surnames[i % 20] + given[Math.floor(i / 20) % 20] + given[Math.floor(i / 400) % 20];
      const company = `上海${i % 4999}贸易有限公司`; // one block per company, not per row
      rows.push(
        c(i + 2, 'C' + String(i + 1).padStart(6, '0'), {
          name,
          company,
          email: `u${i}@x.com`,
          phone: String(13000000000 + i),
        }),
      );
    }
    // 500 planted duplicates of earlier customers: full-width phone, upper-case e-mail, spaced name.
    for (let k = 0; k < 500; k++) {
      const src = rows[k * 97].values;
      const r = rows[49000 + k].values;
      if (k % 3 === 0)
        r.phone = String(src.phone).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      else if (k % 3 === 1) r.email = String(src.email).toUpperCase();
      else
        Object.assign(r, {
          name: String(src.name).split('').join(' '),
          company: String(src.company).replace('有限公司', ''),
        });
    }
    const t0 = Date.now();
    const groups = findDuplicateGroups(rows);
    const ms = Date.now() - t0;
    console.log(`findDuplicateGroups: 50,000 customers, ${groups.length} groups in ${ms} ms`);
    expect(groups.length).toBeGreaterThanOrEqual(500);
    expect(groups.length).toBeLessThan(1000);
    const planted = new Set(Array.from({ length: 500 }, (_, k) => rows[49000 + k].row));
    const found = new Set(groups.flatMap((g) => [g.keep, ...g.others].map((m) => m.row)));
    for (const row of planted) expect(found.has(row)).toBe(true);
    expect(ms).toBeLessThan(30000);
  });

  test('a huge block (one common name at 5,000 companies starting alike) stays bounded', () => {
    const rows: SheetRow[] = Array.from({ length: 5000 }, (_, i) =>
      c(i + 2, 'C' + String(i + 1).padStart(6, '0'), {
        name: '张伟',
        company: `北京${String.fromCharCode(0x4e00 + i)}科技`,
      }),
    );
    const t0 = Date.now();
    const groups = findDuplicateGroups(rows);
    console.log(`findDuplicateGroups: 5,000 rows in one block in ${Date.now() - t0} ms`);
    expect(groups).toEqual([]);
  });
});

describe('chooseSurvivors (the record a person keeps)', () => {
  test('a chosen member becomes the kept one; the rest stay oldest first; other groups keep the default', () => {
    const { groups, unknown, twice } = chooseSurvivors(findDuplicateGroups(customers), ['c000009']);
    expect(unknown).toEqual([]);
    expect(twice).toEqual([]);
    expect(groups[0].keep.id).toBe('C000009');
    expect(groups[0].others.map((m) => m.id)).toEqual(['C000002', 'C000005', 'C000010']);
    expect(groups[1].keep.id).toBe('C000011');
    const plan = planMerge(customers, groups.slice(0, 1), new Date(0));
    expect(plan.merged[0].keptId).toBe('C000009');
    expect(plan.archive.map((r) => r.row).sort()).toEqual([2, 3, 5]);
  });

  test('an id in no group, and two ids of one group, are reported for a refusal', () => {
    const groups = findDuplicateGroups(customers);
    expect(chooseSurvivors(groups, ['C000015']).unknown).toEqual(['C000015']);
    expect(chooseSurvivors(groups, ['C000005', 'C000010']).twice).toEqual([['C000005', 'C000010']]);
  });
});
