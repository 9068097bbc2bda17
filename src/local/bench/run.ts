/**
 * One benchmark run: for each workload (interleaved, grouped) and size, fresh workbooks, then every
 * action in order (each one an emulated execution), then the budgets over all of them.
 *
 * When the whole workbook fits Google Sheets' 10,000,000-cell limit, every action runs in order on
 * one workbook. When it does not (100,000 customers with 1,000,000 purchases and 300,000
 * interactions cannot be one spreadsheet), actions are grouped by the data sheets they read and
 * each group runs, in order, on a workbook holding only those sheets' data at full size (setup run
 * first, unmeasured, when the group does not measure it).
 */
import os from 'node:os';
import type { Runtime } from '../runtime';
import type { SheetKey } from '../../core/schema';
import { ACTIONS, ActionSpec } from './actions';
import { allBudgets, BudgetCheck } from './budgets';
import { Measurement, measureAction } from './measure';
import {
  buildWorkbook,
  Composition,
  compositionFor,
  DATA_SHEETS,
  gridCells,
  importCsvText,
  wholeWorkbookFits,
  WORKLOADS,
  WorkloadKey,
} from './workload';

export interface SizeRun {
  workload: WorkloadKey;
  composition: Composition;
  /** the actions run on this workbook */
  actions: string[];
  /** rows generated per sheet */
  rows: Record<string, number>;
  /** grid cells of the workbook before the actions / after them */
  cellsBefore: number;
  cellsAfter: number;
  /** node time to generate and write the workbook (not an action) */
  buildMs: number;
}

export interface BenchRun {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; platform: string };
  sizes: SizeRun[];
  results: Measurement[];
  budgets: BudgetCheck[];
  totalMs: number;
}

export interface RunOptions {
  distDir?: string;
  actions?: ActionSpec[];
  /** the workloads to run (default: both) */
  workloads?: WorkloadKey[];
  /** time each action's pure core too (the bench does; the jest budget test counts calls only) */
  timeCores?: boolean;
  log?: (line: string) => void;
}

/** Actions in order, grouped by the sheets they read when the whole workbook cannot fit. */
export function planGroups(
  customers: number,
  actions: ActionSpec[],
): { sheets: SheetKey[]; actions: ActionSpec[] }[] {
  if (wholeWorkbookFits(customers)) return [{ sheets: DATA_SHEETS, actions }];
  const groups = new Map<string, { sheets: SheetKey[]; actions: ActionSpec[] }>();
  for (const a of actions) {
    const sheets = DATA_SHEETS.filter((k) => a.reads.includes(k));
    const key = sheets.join(',');
    if (!groups.has(key)) groups.set(key, { sheets, actions: [] });
    groups.get(key)!.actions.push(a);
  }
  return [...groups.values()];
}

/** More continuations than any split action needs: a chain that never ends is a bug, not a wait. */
const MAX_CONTINUATIONS = 50;

/**
 * Fires the handler's pending one-off trigger at its due time until none is pending (each part
 * schedules the next, the last removes it); returns the executions run. Throws when a part fails.
 */
export function finishContinuation(rt: Runtime, handler: string): number {
  let parts = 0;
  for (;;) {
    const now = rt.ctx.clock.now();
    const next = rt.services.scriptApp
      ._due(now, now + 24 * 3_600_000)
      .find((f) => f.trigger.handler === handler && f.trigger.clock?.kind === 'once');
    if (!next) return parts;
    if (++parts > MAX_CONTINUATIONS)
      throw new Error(`${handler}: more than ${MAX_CONTINUATIONS} continuations`);
    const fired = rt.tick(next.at).filter((f) => f.handler === handler);
    const failed = fired.find((f) => f.error);
    if (failed) throw new Error(`${handler} failed: ${failed.error}`);
  }
}

export function runBench(sizes: number[], options: RunOptions = {}): BenchRun {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const actions = (options.actions ?? ACTIONS).map((a) =>
    options.timeCores === false ? { ...a, core: undefined } : a,
  );
  const workloads = WORKLOADS.filter((w) =>
    (options.workloads ?? WORKLOADS.map((x) => x.key)).includes(w.key),
  );
  const sizeRuns: SizeRun[] = [];
  const results: Measurement[] = [];
  for (const workload of workloads) {
    for (const customers of sizes) {
      for (const group of planGroups(customers, actions)) {
        const composition = compositionFor(customers, group.sheets);
        const buildStarted = Date.now();
        const wb = buildWorkbook(composition, workload, options.distDir);
        const buildMs = Date.now() - buildStarted;
        log(
          `${workload.key}, ${customers.toLocaleString('en')} customers (${group.sheets.join(', ')}): ` +
            `workbook built in ${buildMs} ms (${wb.cells.toLocaleString('en')} cells)`,
        );
        const functions = new Set(wb.rt.functionNames());
        const input = {
          importCsv: importCsvText(composition.importRows, composition.accountManagers),
          formCustomer: wb.formCustomer,
        };
        // A group without setup still starts from a set-up workbook with its data, as in real use
        // (setup is measured in its own group; here it only prepares, capped like any execution).
        const setupSpec = actions.find((a) => a.key === 'setup');
        if (setupSpec && !group.actions.includes(setupSpec)) {
          const prep = measureAction(wb.rt, setupSpec, input, customers, functions);
          log(`  (setup to prepare: ${prep.status}, ${prep.protections} protections)`);
        }
        for (const spec of group.actions) {
          const m = measureAction(wb.rt, spec, input, customers, functions, {
            workload: workload.key,
            sheets: group.sheets,
          });
          results.push(m);
          log(
            `  ${spec.key.padEnd(12)} ${m.status === 'ok' ? `${m.spreadsheetCalls} spreadsheet calls, ${m.emulatedWallMs} ms, ${m.protections} protections` : m.status}` +
              (m.error ? `: ${m.error}` : ''),
          );
          if (spec.continuedBy && m.status === 'ok') {
            const parts = finishContinuation(wb.rt, spec.continuedBy);
            if (parts) log(`  (${spec.continuedBy}: ${parts} more executions, unmeasured)`);
          }
        }
        sizeRuns.push({
          workload: workload.key,
          composition,
          actions: group.actions.map((a) => a.key),
          rows: wb.rows as Record<string, number>,
          cellsBefore: wb.cells,
          cellsAfter: gridCells(wb.rt),
          buildMs,
        });
      }
    }
  }
  const cpus = os.cpus();
  return {
    startedAt: new Date(started).toISOString(),
    machine: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? '?',
      platform: process.platform,
    },
    sizes: sizeRuns,
    results,
    budgets: allBudgets(results),
    totalMs: Date.now() - started,
  };
}
