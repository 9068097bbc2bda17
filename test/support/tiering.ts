/** Workbooks for the tiering integration tests: set up, sample data, helpers to read sheets by key. */
import { paretoSvg, svgToString } from '../../src/core/tiering';
import { columnLetter } from '../../src/core/shared';
import { columnIndexOf, readTable } from '../../src/local/inspect';
import type { Runtime } from '../../src/local/runtime';
import type { SheetKey } from '../../src/core/schema';
import { OWNER, REP } from './people';
import { NOW, sampleData, setUpWorkbook, switchUser } from './workbook';

export const HOSTILE = '<img src=x onerror=alert(1)>';

/** A set-up workbook with `customers` sample customers, plus C900001 named HOSTILE, the top spender. */
export function tieringWorkbook(customers: number, purchasesPerCustomer = 10): Runtime {
  const data = sampleData({
    customers,
    purchasesPerCustomer,
    interactionsPerCustomer: 0,
    feedbackPerCustomer: 0,
  });
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
  return setUpWorkbook({ records: data, setUpAgain: true });
}

/**
 * Deletes the owner's time-driven triggers that setup installed (the hourly permission reconcile),
 * so `rt.tick` over weeks runs only the trigger under test. Done with the ScriptApp API, as the owner.
 */
export function removeSetupClockTriggers(rt: Runtime): void {
  switchUser(rt, OWNER);
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

/** The sidebar's chart markup for a preview, with a hostile label. */
export function chartMarkup(pareto: Parameters<typeof paretoSvg>[0]): string {
  return svgToString(paretoSvg(pareto, { title: HOSTILE, xAxis: HOSTILE, empty: HOSTILE }));
}
