/** Workbooks for the tiering integration tests: set up, sample data, helpers to read sheets by key. */
import { paretoSvg, svgToString } from '../../src/core/tiering';
import { columnLetter } from '../../src/core/shared';
import { SPREADSHEET_CLASSES } from '../../src/local/emulator/spreadsheet';
import { columnIndexOf, readTable } from '../../src/local/inspect';
import { Runtime } from '../../src/local/runtime';
import { DEMO_SIZE, generateData, writeRecords } from '../../src/local/sample';
import type { SheetKey } from '../../src/core/schema';

export const NOW = Date.parse('2026-11-23T09:00:00+08:00');
export const OWNER = 'owner@example.com';
export const MANAGER = 'manager@example.com';
export const REP = 'rep1@example.com';
export const VIEWER = 'viewer@example.com';
export const HOSTILE = '<img src=x onerror=alert(1)>';

/** A set-up workbook with `customers` sample customers, plus C900001 named HOSTILE, the top spender. */
export function tieringWorkbook(customers: number, purchasesPerCustomer = 10): Runtime {
  const rt = Runtime.create({ owner: OWNER, now: NOW });
  rt.run('menuSetup', ['en']);
  const size = {
    ...DEMO_SIZE,
    customers,
    purchasesPerCustomer,
    interactionsPerCustomer: 0,
    feedbackPerCustomer: 0,
  };
  const data = generateData(OWNER, size, NOW, 'Asia/Shanghai');
  data.customers!.push({
    id: 'C900001',
    name: HOSTILE,
    owner: REP,
    region: 'North',
    tier: '',
    tierLocked: false,
  });
  data.purchases!.push({
    orderId: 'SO9999999',
    date: new Date(NOW - 86400000),
    customerId: 'C900001',
    product: 'CRM Pro',
    quantity: 1,
    amount: 50_000_000,
  });
  writeRecords(rt, data);
  // Setup again, as an admin would after filling the roles sheet: protections now know everyone.
  rt.run('menuSetup', ['en']);
  return rt;
}

/**
 * Deletes the owner's time-driven triggers that setup installed (the hourly permission reconcile),
 * so `rt.tick` over weeks runs only the trigger under test. Done with the ScriptApp API, as the owner.
 */
export function removeSetupClockTriggers(rt: Runtime): void {
  rt.ctx.identity = { active: OWNER, effective: OWNER, mode: 'user' };
  const scriptApp = (rt.services.globals() as { ScriptApp: GoogleAppsScript.Script.ScriptApp }).ScriptApp;
  for (const t of scriptApp.getProjectTriggers())
    if (String(t.getEventType()) === 'CLOCK') scriptApp.deleteTrigger(t);
}

/** The rows of a sheet as objects by column key (sheet order). */
export function records(rt: Runtime, key: SheetKey): Array<Record<string, unknown>> {
  return readTable(rt, key).records;
}

/** A1 of a cell by column key and sheet row. */
export function cellA1(rt: Runtime, key: SheetKey, columnKey: string, row: number): string {
  return `${columnLetter(columnIndexOf(readTable(rt, key), columnKey))}${row}`;
}

export function sheetName(rt: Runtime, key: SheetKey): string {
  return readTable(rt, key).sheetName;
}

/** Spreadsheet service calls of the last run, by "Class.method". */
export function spreadsheetCalls(rt: Runtime): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const [k, n] of Object.entries(rt.lastStats!.calls))
    if (SPREADSHEET_CLASSES.includes(k.split('.')[0])) calls[k] = n;
  return calls;
}

/** The sidebar's chart markup for a preview, with a hostile label. */
export function chartMarkup(pareto: Parameters<typeof paretoSvg>[0]): string {
  return svgToString(paretoSvg(pareto, { title: HOSTILE, xAxis: HOSTILE, empty: HOSTILE }));
}
