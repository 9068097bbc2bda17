/**
 * The benchmark's workbooks: deterministic (fixed seed) customers, purchases, interactions and
 * feedback at a given size, set up by the built add-on and filled in memory, plus the CSV of new
 * customers that the import action reads. Google Sheets counts every cell of every sheet's grid
 * against its 10,000,000-cell limit (the emulator enforces it), so the workload is fitted to it.
 */
import { dayNumberOf, dayNumberToIso } from '../../core/shared';
import { serializeCsv } from '../../core/workbook';
import { SheetKey, SHEETS } from '../../core/schema';
import { CATALOGS } from '../../i18n';
import { isDate } from '../emulator/context';
import { generateData, OPPORTUNITY_SHARE, SampleSize, writeRecords } from '../sample';
import { Runtime } from '../runtime';

export const BENCH_OWNER = 'owner@example.com';
/** 09:00 in Shanghai on a Monday: reminders are due, the clock is the same every run. */
export const BENCH_NOW = Date.UTC(2025, 5, 16, 1);
export const BENCH_TIME_ZONE = 'Asia/Shanghai';
export const BENCH_SEED = 20250616;
export const DEFAULT_SIZES = [1_000, 10_000, 100_000];
/** Google Sheets' cell limit per spreadsheet (the emulator's MAX_CELLS). */
export const SHEETS_CELL_LIMIT = 10_000_000;

/** A real team's workbook, per customer on average. */
export const TARGET = {
  purchases: 10,
  interactions: 3,
  feedback: 1,
  accountManagers: 50,
  duplicateRate: 0.01,
};
/** New customers in the import CSV, as a share of the workbook's customers. */
export const IMPORT_SHARE = 0.1;

export interface Composition {
  customers: number;
  purchasesPerCustomer: number;
  interactionsPerCustomer: number;
  feedbackPerCustomer: number;
  accountManagers: number;
  importRows: number;
  /** cells the grid is expected to reach after every action (trimmed columns) */
  plannedCells: number;
  /** why the composition differs from TARGET, or null */
  adjusted: string | null;
}

const width = (key: SheetKey) => SHEETS[key].columns.length;
/** Grid cells the bench does not generate: the other sheets at their default 1,000 rows, a dashboard
 * and a dedupe archive at 26 columns, log rows; a margin for what features add. */
const FIXED_CELLS =
  1000 * (width('roles') + width('settings') + width('reminderLog') + width('auditLog')) + 3 * 26_000;
const MARGIN_CELLS = 150_000;

/**
 * The composition at `customers`: TARGET when it fits the cell limit with room for what the actions
 * write (import rows, one tier-history row per customer); otherwise purchases stay at 10 per
 * customer (the 100,000 / 1,000,000 workload of the tiering and report budgets) and interactions
 * and feedback shrink by the same factor until it fits.
 */
export function compositionFor(customers: number): Composition {
  const importRows = Math.round(customers * IMPORT_SHARE);
  const rest =
    (customers + importRows) * (width('customers') + width('tierHistory')) +
    customers * TARGET.purchases * width('purchases') +
    Math.ceil(customers * OPPORTUNITY_SHARE) * width('opportunities') +
    FIXED_CELLS +
    MARGIN_CELLS;
  const perCustomerOptional =
    TARGET.interactions * width('interactions') + TARGET.feedback * width('feedback');
  const room = SHEETS_CELL_LIMIT - rest;
  const factor = Math.min(1, room / (customers * perCustomerOptional));
  if (factor <= 0) throw new Error(`${customers} customers cannot fit Google Sheets' cell limit`);
  const round2 = (v: number) => Math.floor(v * 100) / 100;
  const interactions = factor < 1 ? round2(TARGET.interactions * factor) : TARGET.interactions;
  const feedback = factor < 1 ? round2(TARGET.feedback * factor) : TARGET.feedback;
  const plannedCells =
    rest - MARGIN_CELLS + customers * (interactions * width('interactions') + feedback * width('feedback'));
  return {
    customers,
    purchasesPerCustomer: TARGET.purchases,
    interactionsPerCustomer: interactions,
    feedbackPerCustomer: feedback,
    accountManagers: TARGET.accountManagers,
    importRows,
    plannedCells: Math.round(plannedCells),
    adjusted:
      factor < 1
        ? `${TARGET.interactions} interactions and ${TARGET.feedback} feedback per customer would take the ` +
          `workbook past Google Sheets' ${SHEETS_CELL_LIMIT.toLocaleString('en')}-cell limit; ` +
          `${interactions} and ${feedback} fit`
        : null,
  };
}

export function sampleSizeOf(c: Composition, seed = BENCH_SEED): SampleSize {
  return {
    customers: c.customers,
    purchasesPerCustomer: c.purchasesPerCustomer,
    interactionsPerCustomer: c.interactionsPerCustomer,
    feedbackPerCustomer: c.feedbackPerCustomer,
    accountManagers: c.accountManagers,
    seed,
    exact: true,
    // One block of rows per account manager: protections stay one per owner (the owner grouping of permissions).
    ownerLayout: 'grouped',
    uniqueCompanies: true,
    duplicateRate: TARGET.duplicateRate,
  };
}

export interface Workbook {
  rt: Runtime;
  composition: Composition;
  /** rows written per sheet */
  rows: Partial<Record<SheetKey, number>>;
  /** the workbook's grid cells after filling */
  cells: number;
}

/**
 * A new workbook: setup by the bundle as the owner (which trims the sheets it creates to their own
 * columns), then the generated records, one setValues per sheet.
 */
export function buildWorkbook(composition: Composition, distDir?: string): Workbook {
  const rt = Runtime.create({ owner: BENCH_OWNER, now: BENCH_NOW, timeZone: BENCH_TIME_ZONE, distDir });
  rt.run('menuSetup', ['en']);
  const records = generateData(BENCH_OWNER, sampleSizeOf(composition), BENCH_NOW, BENCH_TIME_ZONE);
  writeRecords(rt, records);
  const rows: Partial<Record<SheetKey, number>> = {};
  for (const [k, v] of Object.entries(records)) rows[k as SheetKey] = v?.length ?? 0;
  return { rt, composition, rows, cells: gridCells(rt) };
}

export function gridCells(rt: Runtime): number {
  let cells = 0;
  for (const s of rt.spreadsheet.app.getActiveSpreadsheet().getSheets())
    cells += s.getMaxRows() * s.getMaxColumns();
  return cells;
}

/**
 * `rows` new customers as a CSV with English header labels and no ids (the add-on assigns them),
 * from another seed so they do not repeat the workbook's customers.
 */
export function importCsvText(rows: number, accountManagers: number): string {
  const size: SampleSize = {
    ...sampleSizeOf(
      { ...compositionFor(Math.max(rows, 1)), customers: rows, accountManagers },
      BENCH_SEED + 1,
    ),
    purchasesPerCustomer: 0,
    interactionsPerCustomer: 0,
    feedbackPerCustomer: 0,
    duplicateRate: 0,
  };
  const customers = generateData(BENCH_OWNER, size, BENCH_NOW, BENCH_TIME_ZONE).customers ?? [];
  const keys = SHEETS.customers.columns.map((c) => c.key).filter((k) => k !== 'id');
  const header = keys.map((k) => CATALOGS.en[`col.customers.${k}`] ?? k);
  const cell = (v: unknown): string =>
    isDate(v)
      ? dayNumberToIso(dayNumberOf(v, BENCH_TIME_ZONE))
      : v === undefined || v === null
        ? ''
        : String(v);
  const body = customers.map((c) =>
    keys.map((k) => (k === 'email' ? `import.${cell(c.email)}` : cell(c[k]))),
  );
  return serializeCsv([header, ...body]);
}
