/**
 * CSV import and export through the runner and the built bundle: rejects listed and
 * written to <file>.rejects.csv, re-import adds nothing, formula-like text stored as text,
 * non-UTF-8 refused with a clear message, export with BOM / CRLF / ISO dates / neutralised formulas.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { readTable } from '../../../src/local/inspect';
import { setUpRuntime, sheet, spreadsheetCallCount } from '../../support/workbook';

const CUSTOMERS_CSV = [
  '\ufeff姓名,公司,邮箱,电话,区域,备注,Satisfaction',
  '赵六,新达贸易,zhao6@xinda.cn,+86 139 0000 1111,North,"first, with comma",5',
  'Bad Email,Foo Ltd,not-an-email,12345678,South,,3',
  'Formula Guy,Evil Inc,evil@example.com,020-1234-5678,East,"=SUM(1,2)",',
  '"Multi ""Line""",Quote Co,multi@example.com,,West,"line 1\r\nline 2",9',
  '',
].join('\r\n');

describe('crm import / export', () => {
  let wb: string;
  let dir: string;
  beforeAll(async () => {
    wb = tempWorkbook();
    dir = path.dirname(wb);
    expect((await crm(wb, 'init', '--sample')).code).toBe(0);
  });

  test('valid rows are appended, invalid rows listed with line, column and reason, and never written', async () => {
    const file = path.join(dir, 'new.csv');
    writeFileSync(file, CUSTOMERS_CSV);
    const r = await crm(wb, 'import', 'customers', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 2 rows; skipped 0 already there; rejected 2.');
    expect(r.stdout).toContain('rejected line 3, Email: Email: "not-an-email" is not an e-mail address.');
    expect(r.stdout).toContain('rejected line 5, Satisfaction');
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects.startsWith('\ufeff')).toBe(true);
    expect(rejects).toContain('not-an-email');
    expect(rejects).not.toContain('zhao6');

    const rows = (await crm(wb, 'dump', 'customers', '--json')).json() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(202);
    expect(rows.slice(200).map((x) => [x.id, x.name, x.owner])).toEqual([
      ['C000201', '赵六', ''],
      ['C000202', 'Formula Guy', ''],
    ]);
    expect(rows.some((x) => x.email === 'not-an-email' || x.email === 'multi@example.com')).toBe(false);

    // The emulator stores what Sheets would: the formula-like note is text, not a formula.
    const rt = loadRuntime(wb);
    const view = readTable(rt, 'customers');
    const cell = sheet(rt, 'customers').getRange(203, view.keys.indexOf('notes') + 1);
    expect(cell.getFormula()).toBe('');
    expect(cell.getValue()).toBe('=SUM(1,2)');
    // The import is in the audit log.
    const log = (await crm(wb, 'dump', 'auditLog', '--json')).json() as Array<{
      action: string;
      sheet: string;
    }>;
    expect(log[log.length - 1]).toMatchObject({
      sheet: 'customers',
      action: 'import rows=2 skipped=0 rejected=2',
    });
  });

  test('importing the same file again adds nothing', async () => {
    const file = path.join(dir, 'new.csv');
    const r = await crm(wb, 'import', 'customers', file, '--json');
    expect(r.code).toBe(0);
    const result = r.json() as { added: number; skipped: Array<{ reason: string }>; rejectsFile: string };
    expect(result.added).toBe(0);
    expect(result.skipped.map((s) => s.reason)).toEqual(['email', 'email']);
    expect(((await crm(wb, 'dump', 'customers', '--json')).json() as unknown[]).length).toBe(202);
  });

  test('a file that is not UTF-8 is refused with a clear message and nothing is written', async () => {
    const file = path.join(dir, 'gbk.csv');
    // "姓名,公司" and "张三,公司" in GBK
    writeFileSync(file, Buffer.from('d0d5c3fb2cb9abcbbe0d0ad5c5c8fd2cb9abcbbe0d0a', 'hex'));
    const before = readFileSync(wb, 'utf8');
    const r = await crm(wb, 'import', 'customers', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GBK/GB18030');
    expect(readFileSync(wb, 'utf8')).toBe(before);
  });

  test('account managers may not import; interactions import checks customer ids', async () => {
    const file = path.join(dir, 'interactions.csv');
    writeFileSync(
      file,
      'date,customerId,channel,summary\n2026-11-01,C000001,Phone,Call\n2026-11-02,C999999,Phone,Ghost\n',
    );
    const refused = await crm(wb, 'import', 'interactions', file, '--as', 'rep1@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your role (Account manager) may not import into Interactions.');
    const r = await crm(wb, 'import', 'interactions', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'rejected line 3, Customer ID: Customer ID: there is no customer with ID C999999.',
    );
    expect(existsSync(`${file}.rejects.csv`)).toBe(true);
  });

  test('export: UTF-8 with BOM, CRLF, dates as YYYY-MM-DD, formula injection neutralised; it imports back', async () => {
    const file = path.join(dir, 'export.csv');
    const r = await crm(wb, 'export', 'customers', file);
    expect(r.code).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0].startsWith('Customer ID,Name,Company')).toBe(true);
    expect(lines).toHaveLength(204); // header, 202 customers, final CRLF
    expect(lines[1]).toMatch(/^C000001,.*,\d{4}-\d{2}-\d{2},/);
    expect(text).toContain("'=SUM(1,2)");
    expect(text).not.toMatch(/,=/);
    const back = await crm(wb, 'import', 'customers', file, '--json');
    expect((back.json() as { added: number }).added).toBe(0);
  });
});

describe('import performance', () => {
  function csvOf(n: number, from: number): string {
    const lines = ['name,company,email,phone,region,satisfaction'];
    for (let i = 0; i < n; i++)
      lines.push(
        `Person ${from + i},Company ${from + i},p${from + i}@example.com,+86 138${String(from + i).padStart(8, '0')},North,4`,
      );
    return lines.join('\n');
  }

  test('importing 1,000 and 10,000 rows makes the same number of spreadsheet service calls', () => {
    const calls = [1000, 10000].map((n) => {
      const { rt } = setUpRuntime(20, 'en', { sameOwner: true });
      const result = rt.run('importCsv', ['customers', Buffer.from(csvOf(n, 1000)).toString('base64')]) as {
        added: number;
      };
      expect(result.added).toBe(n);
      return spreadsheetCallCount(rt);
    });
    expect(calls[1]).toBe(calls[0]);
  });
});
