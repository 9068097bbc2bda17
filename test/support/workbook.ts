/** Shared set-up of the workbook tests: a set-up runtime with generated data of a chosen size. */
import { Runtime } from '../../src/local/runtime';
import { DEMO_SIZE, generateData, writeRecords, Records } from '../../src/local/sample';
import { sheetOf } from '../../src/local/inspect';
import { SheetKey } from '../../src/core/schema';
import { SPREADSHEET_CLASSES } from '../../src/local/emulator/spreadsheet';

export const OWNER = 'owner@example.com';
export const NOW = Date.parse('2026-11-23T09:00:00+08:00');

/**
 * A set-up workbook with `customers` generated customers (and their purchases, interactions and
 * feedback). `sameOwner` gives every customer one owner, so per-owner work elsewhere in setup
 * (protections of each owner's row blocks) does not grow with the row count.
 */
export function setUpRuntime(
  customers = 0,
  locale: 'en' | 'zh-CN' = 'en',
  options: { sameOwner?: boolean } = {},
): { rt: Runtime; data: Records } {
  const rt = Runtime.create({ owner: OWNER, now: NOW, locale, timeZone: 'Asia/Shanghai' });
  rt.run('menuSetup', [locale]);
  const data = generateData(OWNER, { ...DEMO_SIZE, customers }, NOW, 'Asia/Shanghai');
  if (options.sameOwner) for (const c of data.customers ?? []) c.owner = 'rep1@example.com';
  if (customers === 0) writeRecords(rt, { roles: data.roles });
  else writeRecords(rt, data);
  // Setup again now that the roles exist, so protections know the users, as in real use.
  rt.run('menuSetup');
  return { rt, data };
}

export function sheet(rt: Runtime, key: SheetKey): GoogleAppsScript.Spreadsheet.Sheet {
  const s = sheetOf(rt, key);
  if (!s) throw new Error(`no ${key} sheet`);
  return s;
}

/** Every value of a sheet (getValues of its data range). */
export function values(rt: Runtime, key: SheetKey): unknown[][] {
  return sheet(rt, key).getDataRange().getValues();
}

/** Spreadsheet service calls of the last run (the classes the emulator counts as such). */
export function spreadsheetCalls(rt: Runtime): number {
  const calls = rt.lastStats?.calls ?? {};
  return Object.entries(calls)
    .filter(([name]) => SPREADSHEET_CLASSES.includes(name.split('.')[0]))
    .reduce((sum, [, n]) => sum + n, 0);
}
