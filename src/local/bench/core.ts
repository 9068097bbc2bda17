/**
 * The pure core of each action, timed in node on the same workbook data the action reads: rows as
 * getValues returns them (Dates at midnight, numbers, booleans), found by column key as the shell
 * finds them. Reading the rows is not timed; only the core call is.
 */
import { checkDataQuality, findDuplicateGroups } from '../../core/workbook';
import {
  mapHeader,
  CellValue,
  SheetKey,
  SheetRow,
  SHEETS,
  SettingsMap,
  withDefaults,
} from '../../core/schema';
import { dayNumberOf } from '../../core/shared';
import { planProtections } from '../../core/permissions';
import type { SheetLayout } from '../../core/permissions';
import { planRun } from '../../core/reminders';
import { computeKpis, dashboardBlocks } from '../../core/reports';
import { parseRoles } from '../../core/roles';
import { computeTiers, tierOptionsFromSettings } from '../../core/tiering';
import { sheetOf } from '../inspect';
import type { Runtime } from '../runtime';
import { BENCH_NOW, BENCH_OWNER, BENCH_TIME_ZONE } from './workload';

export interface SheetData {
  rows: SheetRow[];
  layout: SheetLayout;
}

/** A sheet's data rows keyed by column key (blank rows left out), and its layout. */
export function readSheet(rt: Runtime, key: SheetKey): SheetData {
  const sheet = sheetOf(rt, key);
  if (!sheet) throw new Error(`no ${key} sheet`);
  const lastRow = Math.max(sheet.getLastRow(), 1);
  const width = Math.max(sheet.getLastColumn(), 1);
  const values = sheet.getRange(1, 1, lastRow, width).getValues() as CellValue[][];
  const notes = sheet.getRange(1, 1, 1, width).getNotes()[0];
  const byKey = mapHeader(SHEETS[key], values[0], notes).byKey;
  const keys = Object.entries(byKey);
  const rows: SheetRow[] = [];
  for (let r = 1; r < values.length; r++) {
    const line = values[r];
    if (!line.some((v) => v !== '')) continue;
    const rec: Record<string, CellValue> = {};
    for (const [k, i] of keys) rec[k] = line[i];
    rows.push({ row: r + 1, values: rec });
  }
  const columns: Record<string, number> = {};
  for (const [k, i] of keys) columns[k] = i + 1;
  return {
    rows,
    layout: { maxRows: sheet.getMaxRows(), maxColumns: sheet.getMaxColumns(), lastRow, columns },
  };
}

export type CoreKey = 'audit' | 'dedupe' | 'protect' | 'tier' | 'remind' | 'report';

export interface CoreTiming {
  /** the core function(s) timed */
  fn: string;
  ms: number;
  /** heap growth across the core call, MB (garbage included: an upper bound of what it keeps) */
  heapDeltaMb: number;
  /** for reminders: planning for the first 50,000 customers, the size the reminders feature targets */
  slice?: { customers: number; ms: number };
}

type Loaded = Record<
  'customers' | 'purchases' | 'interactions' | 'feedback' | 'roles' | 'settings',
  SheetData
>;

export function loadSheets(rt: Runtime): Loaded {
  const keys = ['customers', 'purchases', 'interactions', 'feedback', 'roles', 'settings'] as const;
  return Object.fromEntries(keys.map((k) => [k, readSheet(rt, k)])) as Loaded;
}

function settingsOf(data: Loaded): SettingsMap {
  const raw: SettingsMap = {};
  for (const r of data.settings.rows) {
    const key = String(r.values.key ?? '').trim();
    if (key) raw[key] = String(r.values.value ?? '');
  }
  return withDefaults(raw);
}

function timed(fn: () => unknown): { ms: number; heapDeltaMb: number } {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  fn();
  const ms = performance.now() - started;
  return { ms: Math.round(ms * 10) / 10, heapDeltaMb: round1((process.memoryUsage().heapUsed - heap) / 1e6) };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Times the core of `key` on the workbook's current data. */
export function timeCore(key: CoreKey, data: Loaded): CoreTiming {
  const settings = settingsOf(data);
  const today = dayNumberOf(BENCH_NOW, BENCH_TIME_ZONE);
  const customers = data.customers.rows;
  switch (key) {
    case 'audit':
      return {
        fn: 'checkDataQuality',
        ...timed(() =>
          checkDataQuality({
            sheets: {
              customers,
              interactions: data.interactions.rows,
              purchases: data.purchases.rows,
              feedback: data.feedback.rows,
              roles: data.roles.rows,
            },
            settings,
            locale: 'en',
            timeZone: BENCH_TIME_ZONE,
          }),
        ),
      };
    case 'dedupe':
      return { fn: 'findDuplicateGroups', ...timed(() => findDuplicateGroups(customers)) };
    case 'protect': {
      return {
        fn: 'planProtections',
        ...timed(() =>
          planProtections({
            roles: parseRoles(data.roles.rows),
            owner: BENCH_OWNER,
            locale: 'en',
            layouts: {
              customers: data.customers.layout,
              interactions: data.interactions.layout,
              purchases: data.purchases.layout,
              feedback: data.feedback.layout,
              roles: data.roles.layout,
              settings: data.settings.layout,
            },
          }),
        ),
      };
    }
    case 'tier':
      return {
        fn: 'computeTiers',
        ...timed(() =>
          computeTiers({
            customers,
            purchases: data.purchases.rows,
            options: tierOptionsFromSettings(settings),
            now: BENCH_NOW,
            timeZone: BENCH_TIME_ZONE,
            locale: 'en',
          }),
        ),
      };
    case 'remind': {
      const plan = (rows: SheetRow[]) => () =>
        planRun({
          now: BENCH_NOW,
          customers: rows,
          roles: data.roles.rows,
          settings,
          ledger: [],
          remainingQuota: Infinity,
          timeZone: BENCH_TIME_ZONE,
          owner: BENCH_OWNER,
        });
      const full = timed(plan(customers));
      const slice = customers.length > 50_000 ? customers.slice(0, 50_000) : null;
      return {
        fn: 'planRun',
        ...full,
        slice: slice ? { customers: slice.length, ms: timed(plan(slice)).ms } : undefined,
      };
    }
    case 'report':
      return {
        fn: 'computeKpis + dashboardBlocks',
        ...timed(() =>
          dashboardBlocks(
            computeKpis({
              today,
              timeZone: BENCH_TIME_ZONE,
              customers,
              purchases: data.purchases.rows,
              feedback: data.feedback.rows,
            }),
            'en',
          ),
        ),
      };
  }
}
