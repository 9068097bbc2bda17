import {
  parseCsv,
  exportCell,
  exportCsv,
  ZoneClock,
  planImport,
  validationContext,
} from '../../../src/core/workbook';
import { SheetRow } from '../../../src/core/schema';

const shanghai = new ZoneClock('Asia/Shanghai');

describe('exportCell', () => {
  test('dates in the spreadsheet time zone', () => {
    const midnight = new Date('2024-03-30T16:00:00Z'); // 2024-03-31 00:00 in Shanghai
    expect(exportCell(midnight, 'date', shanghai)).toBe('2024-03-31');
    expect(exportCell(new Date('2024-03-31T06:30:15Z'), 'datetime', shanghai)).toBe('2024-03-31 14:30:15');
    expect(exportCell(midnight, 'text', shanghai)).toBe('2024-03-31');
    expect(exportCell(new Date('2024-03-30T16:00:00Z'), 'date', new ZoneClock('America/New_York'))).toBe(
      '2024-03-30',
    );
    expect(exportCell(new Date(NaN), 'date', shanghai)).toBe('');
  });

  test('across a daylight-saving change', () => {
    const ny = new ZoneClock('America/New_York');
    expect(exportCell(new Date('2024-03-10T06:59:00Z'), 'datetime', ny)).toBe('2024-03-10 01:59:00');
    expect(exportCell(new Date('2024-03-10T07:00:00Z'), 'datetime', ny)).toBe('2024-03-10 03:00:00');
  });

  test('numbers, booleans and text', () => {
    expect(exportCell(1234.5, 'money', shanghai)).toBe('1234.5');
    expect(exportCell(-5, 'number', shanghai)).toBe('-5'); // numbers are never neutralised
    expect(exportCell(true, 'boolean', shanghai)).toBe('TRUE');
    expect(exportCell('', 'text', shanghai)).toBe('');
    expect(exportCell('张伟', 'text', shanghai)).toBe('张伟');
  });

  test.each(['=1+1', '+86 138', '-x', '@x', '\tx', '\rx', '＝1'])(
    'formula trigger %j is neutralised',
    (v) => {
      expect(exportCell(v, 'text', shanghai)).toBe("'" + v);
    },
  );
});

const rows: SheetRow[] = [
  {
    row: 2,
    values: {
      id: 'C000001',
      name: '张伟',
      company: '=HYPERLINK("http://evil","点我")',
      phone: '+86 138 0013 8000',
      email: 'zw@example.com',
      birthday: new Date('1990-02-27T16:00:00Z'),
      satisfaction: 5,
      tierLocked: false,
      notes: '第一行\n第二行, "引号"',
      createdAt: new Date('2024-01-02T01:02:03Z'),
    },
  },
  { row: 3, values: { id: '', name: '' } },
  { row: 4, values: { id: 'C000002', name: 'Li', notes: '@SUM(A1)' } },
];

describe('exportCsv', () => {
  test('BOM, localized header, RFC 4180, neutralised, dates as YYYY-MM-DD, blank rows left out', () => {
    const text = exportCsv({ sheetKey: 'customers', rows, timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
    expect(text.startsWith('\ufeff客户编号,姓名,公司,职务,电话,邮箱,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text).records.map((r) => r.fields);
    expect(records).toHaveLength(3);
    const [head, first, second] = records;
    const get = (r: string[], label: string) => r[head.indexOf(label)];
    expect(get(first, '公司')).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(get(first, '电话')).toBe("'+86 138 0013 8000");
    expect(get(first, '生日')).toBe('1990-02-28');
    expect(get(first, '满意度')).toBe('5');
    expect(get(first, '锁定等级')).toBe('FALSE');
    expect(get(first, '备注')).toBe('第一行\n第二行, "引号"');
    expect(get(first, '创建时间')).toBe('2024-01-02 09:02:03');
    expect(get(second, '备注')).toBe("'@SUM(A1)");
    expect(text).toContain('"第一行\n第二行, ""引号"""');
  });

  test('header of keys, without BOM', () => {
    const text = exportCsv({
      sheetKey: 'feedback',
      rows: [],
      timeZone: 'UTC',
      locale: 'en',
      header: 'keys',
      bom: false,
    });
    expect(text).toBe('date,customerId,rating,comment,category,resolved\r\n');
  });

  test('an export imports back unchanged, and into the same sheet adds nothing', () => {
    const text = exportCsv({ sheetKey: 'customers', rows, timeZone: 'Asia/Shanghai', locale: 'en' });
    const ctx = validationContext({ locale: 'en', timeZone: 'Asia/Shanghai', settings: {} });
    const layout = ['id', 'name', 'company', 'phone', 'notes', 'birthday'];
    const fresh = planImport({
      sheetKey: 'customers',
      text,
      layout,
      existing: [],
      ctx,
      highestIdAssigned: 0,
      now: new Date(),
    });
    expect(fresh.rejected).toEqual([]);
    expect(fresh.rows[0]).toEqual([
      'C000001',
      '张伟',
      '\'=HYPERLINK("http://evil","点我")',
      '+86 138 0013 8000', // phone columns are text ('@'): written as typed
      '第一行\n第二行, "引号"',
      new Date('1990-02-27T16:00:00Z'),
    ]);
    const same = planImport({
      sheetKey: 'customers',
      text,
      layout,
      existing: rows,
      ctx,
      highestIdAssigned: 2,
      now: new Date(),
    });
    expect(same.rows).toEqual([]);
    expect(same.skipped.map((s) => s.reason)).toEqual(['id', 'id']);
  });

  test('50,000 customers export quickly (measured)', () => {
    const many: SheetRow[] = Array.from({ length: 50000 }, (_, i) => ({
      row: i + 2,
      values: {
        id: 'C' + String(i + 1).padStart(6, '0'),
        name: '客户' + i,
        birthday: new Date(Date.UTC(1970, 0, 1) + (i % 20000) * 86400000 - 8 * 3600000),
        lastContact: new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86400000),
        createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60000),
        amount: i,
      },
    }));
    const t0 = Date.now();
    const text = exportCsv({ sheetKey: 'customers', rows: many, timeZone: 'Asia/Shanghai', locale: 'en' });
    console.log(`exportCsv: 50,000 customers in ${Date.now() - t0} ms, ${text.length} chars`);
    expect(text.split('\r\n')).toHaveLength(50002);
  });
});
