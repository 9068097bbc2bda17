/**
 * One benchmark run: for each size, a fresh workbook, then every action in order on it (each one an
 * emulated execution), then the budgets over all sizes.
 */
import os from 'node:os';
import { ACTIONS, ActionSpec } from './actions';
import { allBudgets, BudgetCheck } from './budgets';
import { Measurement, measureAction } from './measure';
import { buildWorkbook, Composition, compositionFor, gridCells, importCsvText } from './workload';

export interface SizeRun {
  composition: Composition;
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
  /** time each action's pure core too (the bench does; the jest budget test counts calls only) */
  timeCores?: boolean;
  log?: (line: string) => void;
}

export function runBench(sizes: number[], options: RunOptions = {}): BenchRun {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const actions = (options.actions ?? ACTIONS).map((a) =>
    options.timeCores === false ? { ...a, core: undefined } : a,
  );
  const sizeRuns: SizeRun[] = [];
  const results: Measurement[] = [];
  for (const customers of sizes) {
    const composition = compositionFor(customers);
    const buildStarted = Date.now();
    const wb = buildWorkbook(composition, options.distDir);
    const buildMs = Date.now() - buildStarted;
    log(
      `${customers.toLocaleString('en')} customers: workbook built in ${buildMs} ms (${wb.cells.toLocaleString('en')} cells)`,
    );
    const functions = new Set(wb.rt.functionNames());
    const input = { importCsv: importCsvText(composition.importRows, composition.accountManagers) };
    for (const spec of actions) {
      const m = measureAction(wb.rt, spec, input, customers, functions);
      results.push(m);
      log(
        `  ${spec.key.padEnd(12)} ${m.status === 'ok' ? `${m.spreadsheetCalls} spreadsheet calls, ${m.emulatedWallMs} ms` : m.status}` +
          (m.error ? `: ${m.error}` : ''),
      );
    }
    sizeRuns.push({
      composition,
      rows: wb.rows as Record<string, number>,
      cellsBefore: wb.cells,
      cellsAfter: gridCells(wb.rt),
      buildMs,
    });
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
