/**
 * .xlsx export through the runner and the built bundle: the spreadsheet's own export (UrlFetchApp
 * with the user's token), every sheet including roles and the audit log, phone numbers as text
 * without a quote, in both languages; roles that may not export are refused.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { crm, tempWorkbook } from '../../support/runner';
import { CATALOGS } from '../../../src/i18n';
import { SHEET_KEYS } from '../../../src/core/schema';

describe.each(['en', 'zh-CN'] as const)('crm export <sheet> file.xlsx in %s', (locale) => {
  let wb: string;
  let dir: string;
  beforeAll(async () => {
    wb = tempWorkbook();
    dir = path.dirname(wb);
    expect((await crm(wb, 'init', '--sample', '--locale', locale)).code).toBe(0);
  });

  test('every sheet exports as a real .xlsx with its localized tab name', async () => {
    for (const key of SHEET_KEYS) {
      const file = path.join(dir, `${key}.xlsx`);
      const r = await crm(wb, 'export', key, file);
      expect([key, r.code, r.stderr]).toEqual([key, 0, '']);
      const book = XLSX.read(readFileSync(file), { type: 'buffer' });
      expect(book.SheetNames).toEqual([CATALOGS[locale][`sheet.${key}`]]);
    }
  });

  test('customers: phone numbers are text cells without a quote, dates are dates, headers localized', async () => {
    const file = path.join(dir, 'c.xlsx');
    expect((await crm(wb, 'export', 'customers', file)).code).toBe(0);
    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
      header: 1,
      raw: false,
    });
    const header = rows[0] as string[];
    expect(header[0]).toBe(CATALOGS[locale]['col.customers.id']);
    const phone = header.indexOf(CATALOGS[locale]['col.customers.phone']);
    const phones = rows
      .slice(1)
      .map((r) => (r as unknown[])[phone])
      .filter((p) => p !== undefined) as string[];
    expect(phones.length).toBeGreaterThan(100);
    for (const p of phones) expect(p).toMatch(/^[+\d][\d ()+-]*$/); // never "'138..."
    const ws = book.Sheets[book.SheetNames[0]];
    expect(ws[XLSX.utils.encode_cell({ r: 1, c: phone })].t).toBe('s');
  });

  test('a viewer may not export; an account manager and an assistant may', async () => {
    const file = path.join(dir, 'r.xlsx');
    const viewer = await crm(wb, 'export', 'auditLog', file, '--as', 'viewer@example.com');
    expect(viewer.code).toBe(1);
    for (const as of ['rep1@example.com', 'assistant@example.com'])
      expect((await crm(wb, 'export', 'roles', file, '--as', as)).code).toBe(0);
  });
});
