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
  duplicateRate: 0.01,
};
/** New customers in the import CSV, as a share of the workbook's customers. */
export const IMPORT_SHARE = 0.1;

/** Account managers per size: a small team, a department, a company (5, 50 and 200). */
export function accountManagersFor(customers: number): number {
  return customers <= 1_000 ? 5 : customers <= 10_000 ? 50 : 200;
}

/**
 * The two shapes the data comes in. `interleaved` is how rows arrive: customers in entry order
 * with owners taking turns, purchases, interactions and feedback appended in date order (every
 * budget must hold on it). `grouped` is the same data after sorting by owner: one block of rows per
 * account manager on every sheet.
 */
export const WORKLOADS = [
  {
    key: 'interleaved',
    label: 'entry order: owners interleaved, purchases/interactions/feedback in date order',
    ownerLayout: 'interleaved',
    transactionOrder: 'date',
  },
  {
    key: 'grouped',
    label: 'grouped: one block of rows per owner on every sheet',
    ownerLayout: 'grouped',
    transactionOrder: 'customer',
  },
] as const;
export type WorkloadKey = (typeof WORKLOADS)[number]['key'];
export type WorkloadSpec = (typeof WORKLOADS)[number];

/** The sheets the bench fills with generated rows (the others hold setup's defaults). */
export const DATA_SHEETS: SheetKey[] = ['customers', 'purchases', 'interactions', 'feedback'];

export interface Composition {
  customers: number;
  purchasesPerCustomer: number;
  interactionsPerCustomer: number;
  feedbackPerCustomer: number;
  accountManagers: number;
  importRows: number;
  /** the data sheets filled (all of DATA_SHEETS unless the whole workbook cannot fit) */
  sheets: SheetKey[];
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
/** An unfilled data sheet keeps setup's 1,000-row grid. */
const EMPTY_SHEET_ROWS = 1000;

/**
 * The composition at `customers` filling `sheets` (all data sheets by default): TARGET when it fits
 * the cell limit with room for what the actions write (import rows, one tier-history row per
 * customer); otherwise purchases stay at 10 per customer and interactions and feedback shrink by
 * the same factor until it fits. The bench fills only the sheets an action reads when the whole
 * workbook cannot fit (run.ts), so that shrinking is the last resort.
 */
export function compositionFor(customers: number, sheets: SheetKey[] = DATA_SHEETS): Composition {
  const importRows = Math.round(customers * IMPORT_SHARE);
  const has = (k: SheetKey) => sheets.includes(k);
  const rows = (k: SheetKey, n: number) => (has(k) ? n : EMPTY_SHEET_ROWS) * width(k);
  const round2 = (v: number) => Math.floor(v * 100) / 100;
  const fixed =
    (customers + importRows) * (width('customers') + width('tierHistory')) +
    Math.ceil(customers * OPPORTUNITY_SHARE) * width('opportunities') +
    (has('interactions') ? 0 : rows('interactions', 0)) +
    (has('feedback') ? 0 : rows('feedback', 0)) +
    FIXED_CELLS +
    MARGIN_CELLS;
  const perCustomerOptional =
    (has('interactions') ? TARGET.interactions * width('interactions') : 0) +
    (has('feedback') ? TARGET.feedback * width('feedback') : 0);
  // Purchases shrink only when customers and purchases alone cannot fit (the customer sheet's
  // value columns made it wide); a tenth of the interactions and feedback keeps a place.
  const purchaseRoom = SHEETS_CELL_LIMIT - fixed - 0.1 * customers * perCustomerOptional;
  const purchases = has('purchases')
    ? Math.min(TARGET.purchases, round2(purchaseRoom / (customers * width('purchases'))))
    : TARGET.purchases;
  if (purchases <= 0) throw new Error(`${customers} customers cannot fit Google Sheets' cell limit`);
  const rest = fixed + rows('purchases', customers * purchases);
  const room = SHEETS_CELL_LIMIT - rest;
  const factor = perCustomerOptional === 0 ? 1 : Math.min(1, room / (customers * perCustomerOptional));
  if (factor < 0 || room < 0) throw new Error(`${customers} customers cannot fit Google Sheets' cell limit`);
  const interactions = factor < 1 ? round2(TARGET.interactions * factor) : TARGET.interactions;
  const feedback = factor < 1 ? round2(TARGET.feedback * factor) : TARGET.feedback;
  const plannedCells =
    rest -
    MARGIN_CELLS +
    customers *
      ((has('interactions') ? interactions * width('interactions') : 0) +
        (has('feedback') ? feedback * width('feedback') : 0));
  return {
    customers,
    purchasesPerCustomer: purchases,
    interactionsPerCustomer: interactions,
    feedbackPerCustomer: feedback,
    accountManagers: accountManagersFor(customers),
    importRows,
    sheets: [...sheets],
    plannedCells: Math.round(plannedCells),
    adjusted:
      factor < 1 || purchases < TARGET.purchases
        ? `${TARGET.purchases} purchases, ${TARGET.interactions} interactions and ${TARGET.feedback} feedback ` +
          `per customer would take the workbook past Google Sheets' ` +
          `${SHEETS_CELL_LIMIT.toLocaleString('en')}-cell limit; ${purchases}, ${interactions} and ${feedback} fit`
        : null,
  };
}

/** Whether every data sheet fits at TARGET in one workbook. */
export function wholeWorkbookFits(customers: number): boolean {
  return compositionFor(customers).adjusted === null;
}

export function sampleSizeOf(
  c: Composition,
  workload: WorkloadSpec = WORKLOADS[0],
  seed = BENCH_SEED,
): SampleSize {
  return {
    customers: c.customers,
    purchasesPerCustomer: c.purchasesPerCustomer,
    interactionsPerCustomer: c.interactionsPerCustomer,
    feedbackPerCustomer: c.feedbackPerCustomer,
    accountManagers: c.accountManagers,
    seed,
    exact: true,
    ownerLayout: workload.ownerLayout,
    transactionOrder: workload.transactionOrder,
    uniqueCompanies: true,
    duplicateRate: TARGET.duplicateRate,
  };
}

export interface Workbook {
  rt: Runtime;
  composition: Composition;
  workload: WorkloadKey;
  /** the first customer that is not a repeat, and its owner (the customer form opens it) */
  formCustomer: { id: string; owner: string };
  /** rows written per sheet */
  rows: Partial<Record<SheetKey, number>>;
  /** the workbook's grid cells after filling */
  cells: number;
}

/**
 * A new workbook: setup by the bundle as the owner (which trims the sheets it creates to their own
 * columns), then the generated records, one setValues per sheet.
 */
export function buildWorkbook(
  composition: Composition,
  workload: WorkloadSpec = WORKLOADS[0],
  distDir?: string,
): Workbook {
  const rt = Runtime.create({ owner: BENCH_OWNER, now: BENCH_NOW, timeZone: BENCH_TIME_ZONE, distDir });
  rt.run('menuSetup', ['en']);
  const all = generateData(BENCH_OWNER, sampleSizeOf(composition, workload), BENCH_NOW, BENCH_TIME_ZONE);
  const records: typeof all = { roles: all.roles };
  for (const k of composition.sheets) records[k] = all[k];
  writeRecords(rt, records);
  const rows: Partial<Record<SheetKey, number>> = {};
  for (const [k, v] of Object.entries(records)) rows[k as SheetKey] = v?.length ?? 0;
  const first = all.customers?.[0] ?? {};
  return {
    rt,
    composition,
    workload: workload.key,
    formCustomer: { id: String(first.id ?? ''), owner: String(first.owner ?? BENCH_OWNER) },
    rows,
    cells: gridCells(rt),
  };
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
      WORKLOADS[0],
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
