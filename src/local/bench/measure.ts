/**
 * Runs one action as one emulated execution and records what it cost: service calls (spreadsheet
 * classes and all services), cells, node wall time of the whole emulated run (emulator included),
 * memory around it, the core timed separately, and the modeled Apps Script time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SPREADSHEET_CLASSES } from '../emulator/spreadsheet';
import type { Runtime } from '../runtime';
import type { ActionInput, ActionSpec } from './actions';
import { CoreTiming, loadSheets, timeCore } from './core';
import { modeledTime, ModeledTime, RANGE_PROPERTY_SETTER } from './cost-model';

export type ActionStatus = 'ok' | 'not built yet' | 'failed' | 'stopped';

/**
 * One execution is stopped after this many service calls: 100,000 calls are 16,000 s in the cost
 * model, 44 times Apps Script's 6-minute limit, so the action fails its budgets either way and the
 * bench does not spend hours emulating an execution Google would have killed long before.
 */
export const CALL_CAP = 100_000;
export const CALL_CAP_MESSAGE = `stopped after ${CALL_CAP.toLocaleString('en')} service calls (over ${Math.round((CALL_CAP * 0.16) / 60)} modeled minutes; Apps Script stops an execution at 6)`;

export interface Measurement {
  action: string;
  label: string;
  customers: number;
  /** the workload's shape (workload.ts WORKLOADS) */
  workload: string;
  /** the data sheets filled for this action (all, unless the whole workbook cannot fit) */
  sheets: string[];
  /** protections in the spreadsheet after the action */
  protections: number;
  entryPoint: string | null;
  status: ActionStatus;
  error?: string;
  /** a short JSON excerpt of what the entry point returned: proof the action did its work */
  returned?: string;
  /** blocks the action changed (actions whose calls may follow them: see ActionSpec) */
  changedBlocks: number | null;
  spreadsheetCalls: number;
  totalCalls: number;
  /** spreadsheet calls per "Class.method" */
  spreadsheetCallsByMethod: Record<string, number>;
  /** calls of the other services per "Service.method" */
  otherCallsByMethod: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  /** of cellsWritten, those given one property by a range-wide setter (not charged per cell) */
  cellsWrittenByRangeSetters: number;
  /** cells read and written per "Class.method" */
  cellsByMethod: Record<string, { read: number; written: number }>;
  /** node wall time of the whole emulated execution (bundle load, emulator and core included) */
  emulatedWallMs: number;
  /** heapUsed after minus before the emulated execution, MB, after a GC before it */
  heapDeltaMb: number;
  /** resident set size right after the execution, MB */
  rssAfterMb: number;
  /** the process's peak resident set size so far (monotonic), MB */
  processPeakRssMb: number;
  core: CoreTiming | null;
  modeled: ModeledTime;
}

let gcFn: (() => void) | null | undefined;
/** A full GC before measuring heap, when node lets us have one (no flag needed). */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

export function resolveEntryPoint(spec: ActionSpec, functions: Set<string>): string | null {
  return spec.candidates.find((c) => functions.has(c)) ?? null;
}

function excerpt(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

export function measureAction(
  rt: Runtime,
  spec: ActionSpec,
  input: ActionInput,
  customers: number,
  functions: Set<string>,
  where: { workload: string; sheets: string[] } = { workload: 'interleaved', sheets: [] },
): Measurement {
  const entryPoint = resolveEntryPoint(spec, functions);
  const base = { action: spec.key, label: spec.label, customers, entryPoint, ...where };
  const protections = () => rt.spreadsheet.workbook.protections.length;
  if (!entryPoint) return { ...base, status: 'not built yet', ...empty(), protections: protections() };

  const core = spec.core ? timeCore(spec.core, loadSheets(rt)) : null;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let status: ActionStatus = 'ok';
  let error: string | undefined;
  let returned: string | undefined;
  let changedBlocks: number | null = null;
  const cells = attributeCells(rt);
  try {
    const as = typeof spec.as === 'function' ? spec.as(input) : spec.as;
    const value = rt.run(entryPoint, spec.args(input), { as, mode: spec.mode });
    returned = excerpt(value);
    changedBlocks = spec.perChangedBlock ? spec.perChangedBlock.blocks(value) : null;
  } catch (e) {
    status = cells.capped() ? 'stopped' : 'failed';
    error = cells.capped() ? CALL_CAP_MESSAGE : ((e as Error).message ?? String(e));
  } finally {
    cells.restore();
  }
  const emulatedWallMs = Math.round(performance.now() - started);
  const memory = process.memoryUsage();
  const stats = rt.lastStats ?? { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
  const spreadsheetCallsByMethod: Record<string, number> = {};
  const otherCallsByMethod: Record<string, number> = {};
  let spreadsheetCalls = 0;
  for (const [method, n] of Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b))) {
    if (SPREADSHEET_CLASSES.includes(method.split('.')[0])) {
      spreadsheetCallsByMethod[method] = n;
      spreadsheetCalls += n;
    } else otherCallsByMethod[method] = n;
  }
  return {
    ...base,
    status,
    error,
    returned,
    changedBlocks,
    spreadsheetCalls,
    totalCalls: stats.totalCalls,
    spreadsheetCallsByMethod,
    otherCallsByMethod,
    cellsRead: stats.cellsRead,
    cellsWritten: stats.cellsWritten,
    cellsWrittenByRangeSetters: cells.rangeSetterCells(),
    cellsByMethod: cells.byMethod,
    emulatedWallMs,
    heapDeltaMb: mb(memory.heapUsed - heapBefore),
    rssAfterMb: mb(memory.rss),
    processPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    core,
    protections: protections(),
    modeled: modeledTime({
      calls: stats.calls,
      cellsRead: stats.cellsRead,
      cellsWritten: stats.cellsWritten - cells.rangeSetterCells(),
      coreMs: core?.ms,
    }),
  };
}

/**
 * Attributes the cells the emulator counts to the method that counted them (the call counted last:
 * a counted method does not call other counted methods), for this execution only.
 */
function attributeCells(rt: Runtime) {
  const counter = rt.ctx.counter;
  const byMethod: Record<string, { read: number; written: number }> = {};
  let last = '';
  let calls = 0;
  const entry = () => (byMethod[last] ??= { read: 0, written: 0 });
  const call = counter.call.bind(counter);
  const read = counter.read.bind(counter);
  const written = counter.written.bind(counter);
  counter.call = (service, method) => {
    last = `${service}.${method}`;
    call(service, method);
    // Every call past the cap throws again, so a script that catches one still stops.
    if (++calls > CALL_CAP) throw new Error(CALL_CAP_MESSAGE);
  };
  counter.read = (n) => {
    entry().read += n;
    read(n);
  };
  counter.written = (n) => {
    entry().written += n;
    written(n);
  };
  return {
    byMethod,
    capped: () => calls > CALL_CAP,
    rangeSetterCells: () =>
      Object.entries(byMethod).reduce(
        (sum, [m, c]) => sum + (RANGE_PROPERTY_SETTER.test(m) ? c.written : 0),
        0,
      ),
    restore: () => {
      counter.call = call;
      counter.read = read;
      counter.written = written;
    },
  };
}

function empty(): Omit<
  Measurement,
  | 'action'
  | 'label'
  | 'customers'
  | 'entryPoint'
  | 'status'
  | 'returned'
  | 'workload'
  | 'sheets'
  | 'protections'
> {
  return {
    changedBlocks: null,
    spreadsheetCalls: 0,
    totalCalls: 0,
    spreadsheetCallsByMethod: {},
    otherCallsByMethod: {},
    cellsRead: 0,
    cellsWritten: 0,
    cellsWrittenByRangeSetters: 0,
    cellsByMethod: {},
    emulatedWallMs: 0,
    heapDeltaMb: 0,
    rssAfterMb: 0,
    processPeakRssMb: 0,
    core: null,
    modeled: { seconds: 0, remoteCalls: 0, callsSeconds: 0, cellsSeconds: 0, cpuSeconds: 0 },
  };
}
