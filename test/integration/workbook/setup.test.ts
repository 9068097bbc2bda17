/**
 * Setup on a workbook with data is a migration: rules replaced in place, headers
 * repaired, user data and user columns untouched, through the built bundle.
 */
import { readTable } from '../../../src/local/inspect';
import { Runtime } from '../../../src/local/runtime';
import { OWNER } from '../../support/people';
import { NOW, setUpRuntime, sheet, spreadsheetCallCount, values } from '../../support/workbook';

type Rule = { criteria: string; allowInvalid: boolean; helpText: string | null } | null;

function rulesOf(rt: Runtime, tab: string): Array<{ rect: unknown; rule: Rule }> {
  return rt.spreadsheet.toState().sheets.find((s) => s.name === tab)!.validations as never;
}

function header(rt: Runtime): { keys: string[]; records: Array<Record<string, unknown>> } {
  const view = readTable(rt, 'customers');
  return { keys: view.keys, records: view.records };
}

describe('setup: validation rules', () => {
  test('every rule covers its whole column below the header, refuses invalid input, has help text', () => {
    const { rt } = setUpRuntime(0);
    const customers = sheet(rt, 'customers');
    const email = customers.getRange('F2:F').getDataValidation()!;
    expect(String(email.getCriteriaType())).toBe('TEXT_IS_VALID_EMAIL');
    expect(email.getAllowInvalid()).toBe(false);
    expect(email.getHelpText()).toBe('Enter an e-mail address.');
    expect(customers.getRange('F1').getDataValidation()).toBeNull();
    const rules = rulesOf(rt, 'Customers');
    expect(rules.length).toBeGreaterThan(10);
    for (const r of rules) {
      expect(r.rule!.allowInvalid).toBe(false);
      expect(r.rule!.helpText).not.toBe('');
      expect((r.rect as unknown as unknown[])[2]).toBeNull(); // rows: Infinity (stored as null), open-ended
    }
    // Rows added later are covered: the ranges are open-ended (F2:F), not the first 1000 rows.
    customers.insertRowsAfter(customers.getMaxRows(), 5000);
    expect(customers.getRange(`F${customers.getMaxRows()}`).getDataValidation()).not.toBeNull();
  });

  test('zh-CN workbooks get Chinese help text', () => {
    const { rt } = setUpRuntime(0, 'zh-CN');
    expect(sheet(rt, 'customers').getRange('F2').getDataValidation()!.getHelpText()).toBe('请输入邮箱地址。');
  });

  test('re-running setup replaces the rules in place: the same rules, never more', () => {
    const { rt } = setUpRuntime(20);
    const before = JSON.stringify(rt.spreadsheet.toState().sheets.map((s) => s.validations));
    rt.run('menuSetup');
    rt.run('menuSetup');
    expect(JSON.stringify(rt.spreadsheet.toState().sheets.map((s) => s.validations))).toBe(before);
  });

  test('the owner rule follows the roles sheet as it grows; dropdowns come from the settings sheet', () => {
    const { rt } = setUpRuntime(5);
    const roles = sheet(rt, 'roles');
    const next = roles.getLastRow() + 1;
    expect(() => rt.userEdit(OWNER, 'Customers', 'K2', 'new.rep@example.com')).toThrow(/active user/);
    roles.getRange(next, 1, 1, 6).setValues([['new.rep@example.com', 'New', 'accountManager', '', '', true]]);
    rt.userEdit(OWNER, 'Customers', 'K2', 'new.rep@example.com');
    expect(sheet(rt, 'customers').getRange('K2').getValue()).toBe('new.rep@example.com');

    const settings = sheet(rt, 'settings');
    const grid = settings.getDataRange().getValues();
    const row = grid.findIndex((r) => r[0] === 'list.region') + 1;
    settings.getRange(row, 2).setValue('North, South, Mars');
    expect(() => rt.userEdit(OWNER, 'Customers', 'H2', 'Mars')).toThrow(/list/);
    rt.run('menuSetup');
    rt.userEdit(OWNER, 'Customers', 'H2', 'Mars');
  });
});

describe('setup: a migration that never loses data', () => {
  test('500 customers, moved and renamed columns, a user column: setup changes no cell', () => {
    const { rt } = setUpRuntime(500);
    const customers = sheet(rt, 'customers');
    const before = header(rt);
    // Move Email (F) to the end, rename Company, add a user column between Name and Company.
    customers.moveColumns(customers.getRange('F:F'), customers.getLastColumn() + 1);
    customers.getRange('C1').setValue('Firma');
    customers.insertColumnBefore(3);
    const n = customers.getLastRow();
    customers
      .getRange(1, 3, n, 1)
      .setValues([['My column'], ...Array.from({ length: n - 1 }, (_, i) => [`mine ${i}`])]);
    const grid = values(rt, 'customers');

    const result = rt.run('menuSetup') as { columnsAdded: Record<string, string[]> };
    expect(result.columnsAdded).toEqual({});
    expect(values(rt, 'customers')).toEqual(grid);
    const after = header(rt);
    expect(after.records).toEqual(before.records); // every customer, every column found by key
    expect(after.keys[2]).toBe('');
    expect(after.keys[after.keys.length - 1]).toBe('email');
    // The moved column's rule is where the column is now.
    const last = customers.getLastColumn();
    expect(String(customers.getRange(2, last).getDataValidation()!.getCriteriaType())).toBe(
      'TEXT_IS_VALID_EMAIL',
    );
  });

  test('a deleted column the add-on needs comes back at the end; nothing else moves', () => {
    const { rt } = setUpRuntime(30);
    const customers = sheet(rt, 'customers');
    customers.deleteColumn(7); // address
    const grid = values(rt, 'customers');
    const result = rt.run('menuSetup') as { columnsAdded: Record<string, string[]> };
    expect(result.columnsAdded).toEqual({ customers: ['address'] });
    const now = values(rt, 'customers');
    expect(now.map((r) => r.slice(0, grid[0].length))).toEqual(grid);
    expect(now[0][grid[0].length]).toBe('Address');
    expect(now.slice(1).every((r) => r[grid[0].length] === '')).toBe(true);
  });

  test('a header row deleted by a user: setup puts one back above the data, columns where they were', () => {
    const { rt } = setUpRuntime(30);
    const customers = sheet(rt, 'customers');
    customers.moveColumns(customers.getRange('B:B'), 10); // columns move first, then the header goes
    const before = header(rt).records;
    const data = values(rt, 'customers').slice(1);
    customers.deleteRow(1);
    const result = rt.run('menuSetup') as {
      headersRestored: string[];
      columnsAdded: Record<string, string[]>;
    };
    expect(result.headersRestored).toEqual(['customers']);
    expect(result.columnsAdded).toEqual({});
    expect(values(rt, 'customers').slice(1)).toEqual(data);
    expect(header(rt).records).toEqual(before);
  });

  test('blank rows in the middle, 50,000-character cells and mixed date types survive setup', () => {
    const { rt } = setUpRuntime(10);
    const customers = sheet(rt, 'customers');
    customers.insertRowsAfter(4, 3); // blank rows 5-7
    customers.getRange('U3').setValue('x'.repeat(50000)); // notes
    customers.getRange('O2').setValue(45000); // birthday as a serial number: a date Sheets reads
    customers.getRange('P2').setValue('soon'); // contract end: not a date
    customers.getRange('O3').setValue('2024-02-30'); // not a date, text
    customers.getRange('O4').setValue(new Date(Date.UTC(1990, 4, 6)));
    const grid = values(rt, 'customers');
    rt.run('menuSetup');
    expect(values(rt, 'customers')).toEqual(grid);
    const audit = rt.run('runDataQuality') as { counts: Record<string, number> };
    expect(audit.counts.blankRow).toBe(3);
    expect(audit.counts.invalid).toBeGreaterThanOrEqual(2);
  });

  test('setup makes the same number of spreadsheet service calls at 100 and 2,000 customers', () => {
    const calls = [100, 2000].map((n) => {
      const { rt } = setUpRuntime(n, 'en', { sameOwner: true });
      rt.run('menuSetup');
      return spreadsheetCallCount(rt);
    });
    expect(calls[1]).toBe(calls[0]);
  });
});

test('fixture clock', () => expect(NOW).toBeGreaterThan(0));
