/**
 * The benchmark's output: bench/results.json (everything measured) and bench/RESULTS.md (tables a
 * reviewer reads: one row per action and size, calls per method at the largest size, budgets).
 */
import { ACTIONS } from './actions';
import { COST_MODEL_NOTES } from './cost-model';
import type { Measurement } from './measure';
import type { BenchRun } from './run';
import { accountManagersFor, BENCH_SEED, DATA_SHEETS, TARGET, WORKLOADS } from './workload';

const n = (v: number) => v.toLocaleString('en');
const s1 = (v: number) => (v < 10 ? v.toFixed(1) : n(Math.round(v)));

export function resultsJson(run: BenchRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The main table: one row per action and size. */
export function mainTable(results: Measurement[]): string {
  const rows = results.map((r) =>
    r.status !== 'ok'
      ? [
          r.action,
          r.workload,
          n(r.customers),
          r.entryPoint ?? '-',
          r.status + (r.error ? `: ${r.error.slice(0, 80)}` : ''),
          ...Array(8).fill(''),
          n(r.modeled.remoteCalls),
          s1(r.modeled.seconds),
          n(r.protections),
        ]
      : [
          r.action,
          r.workload,
          n(r.customers),
          r.entryPoint ?? '',
          n(r.spreadsheetCalls),
          n(r.totalCalls),
          n(r.cellsRead),
          r.cellsWrittenByRangeSetters
            ? `${n(r.cellsWritten)} (${n(r.cellsWrittenByRangeSetters)} by range setters)`
            : n(r.cellsWritten),
          n(r.emulatedWallMs),
          r.core
            ? `${n(r.core.ms)}${r.core.slice ? ` (${n(r.core.slice.ms)} for ${n(r.core.slice.customers)})` : ''}`
            : '-',
          s1(r.heapDeltaMb),
          n(r.processPeakRssMb),
          n(r.modeled.remoteCalls),
          s1(r.modeled.seconds),
          n(r.protections),
        ],
  );
  return table(
    [
      'action',
      'workload',
      'customers',
      'entry point',
      'spreadsheet calls',
      'all service calls',
      'cells read',
      'cells written',
      'emulated run, node ms',
      'core, node ms',
      'heap delta, MB',
      'peak RSS so far, MB',
      'remote calls (model)',
      'modeled Apps Script, s',
      'protections after',
    ],
    rows,
  );
}

/** Both workloads side by side: remote calls, modeled time and protections after each action. */
export function sideBySideTable(results: Measurement[], sizes: number[]): string {
  const rows: string[][] = [];
  const cell = (r: Measurement | undefined) =>
    !r
      ? ['-', '-', '-']
      : [
          n(r.modeled.remoteCalls) + (r.status === 'ok' ? '' : ` (${r.status})`),
          s1(r.modeled.seconds),
          n(r.protections),
        ];
  for (const spec of ACTIONS)
    for (const c of sizes) {
      const by = (w: string) =>
        results.find((r) => r.action === spec.key && r.customers === c && r.workload === w);
      if (!by('interleaved') && !by('grouped')) continue;
      rows.push([spec.key, n(c), ...cell(by('interleaved')), ...cell(by('grouped'))]);
    }
  return table(
    [
      'action',
      'customers',
      'interleaved: remote calls',
      'interleaved: modeled s',
      'interleaved: protections',
      'grouped: remote calls',
      'grouped: modeled s',
      'grouped: protections',
    ],
    rows,
  );
}

/** Spreadsheet calls per method, one column per size, for each action. */
export function methodTable(results: Measurement[], sizes: number[], workload = 'interleaved'): string {
  const rows: string[][] = [];
  for (const spec of ACTIONS) {
    const runs = sizes.map((c) =>
      results.find((r) => r.action === spec.key && r.customers === c && r.workload === workload),
    );
    const methods = new Set<string>();
    for (const r of runs) for (const m of Object.keys(r?.spreadsheetCallsByMethod ?? {})) methods.add(m);
    for (const m of [...methods].sort()) {
      const counts = runs.map((r) => r?.spreadsheetCallsByMethod[m] ?? 0);
      rows.push([spec.key, m, ...counts.map(n), counts.every((c) => c === counts[0]) ? '' : 'differs']);
    }
  }
  return table(['action', 'method', ...sizes.map((c) => `at ${n(c)}`), ''], rows);
}

export function resultsMarkdown(run: BenchRun): string {
  const sizes = [...new Set(run.sizes.map((s) => s.composition.customers))];
  const failed = run.budgets.filter((b) => !b.ok);
  const notBuilt = [...new Set(run.results.filter((r) => r.status === 'not built yet').map((r) => r.action))];
  const workload = table(
    [
      'workload',
      'customers',
      'account managers',
      'sheets filled (actions)',
      'purchases',
      'interactions',
      'feedback',
      'import rows',
      'grid cells before / after',
      'build, ms',
      'composition',
    ],
    run.sizes.map((s) => [
      s.workload,
      n(s.composition.customers),
      n(s.composition.accountManagers),
      s.composition.sheets.length === DATA_SHEETS.length && s.actions.length >= 10
        ? 'all (every action)'
        : `${s.composition.sheets.join(', ')} (${s.actions.join(', ')})`,
      n(s.rows.purchases ?? 0),
      n(s.rows.interactions ?? 0),
      n(s.rows.feedback ?? 0),
      n(s.composition.importRows),
      `${n(s.cellsBefore)} / ${n(s.cellsAfter)}`,
      n(s.buildMs),
      s.composition.adjusted ?? 'as specified',
    ]),
  );
  return [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${run.startedAt.slice(0, 10)} (node ${run.machine.node}, ${run.machine.cpus} x ${run.machine.cpuModel}); ` +
      `the whole run took ${n(Math.round(run.totalMs / 1000))} s. Do not edit: run the bench again.`,
    '',
    `**Budgets: ${failed.length === 0 ? 'all passed' : `${failed.length} failed`}.**` +
      (notBuilt.length ? ` Not built yet: ${notBuilt.join(', ')}.` : ''),
    '',
    '## Workload',
    '',
    `Seed ${BENCH_SEED}; ${sizes.map((c) => `${n(accountManagersFor(c))} account managers at ${n(c)} customers`).join(', ')}; ` +
      `${TARGET.purchases} purchase rows, ${TARGET.interactions} interactions and ${TARGET.feedback} feedback row per customer on average; ` +
      `${TARGET.duplicateRate * 100}% of customers repeat an earlier customer's e-mail. Two workloads: ` +
      WORKLOADS.map((w) => `**${w.key}** (${w.label})`).join(' and ') +
      '. Every budget must hold on the interleaved one. Setup trims the sheets it creates to their own columns ' +
      '(Google Sheets counts every grid cell against its 10,000,000-cell limit). Where the whole workbook fits, the actions run in the order below on one workbook per size; where it cannot (the full workload at 100,000 customers is more than 10,000,000 cells), the bench builds, per group of actions, a workbook holding only the data sheets those actions read, at full size (the table says which), and the actions of each group run in order on it.',
    '',
    workload,
    '',
    '## Actions',
    '',
    'Spreadsheet calls count the spreadsheet service classes (SpreadsheetApp, Spreadsheet, Sheet, Range, Protection, ...); ' +
      'all service calls add Properties, Lock, Mail, Script, Session, Utilities. "Emulated run" is node wall time of the whole ' +
      'emulated execution (bundle load, emulator and core included): it is not Apps Script time. "Core" is the pure core ' +
      'function timed alone in node on the same data. Heap delta is heapUsed after minus before the run (GC first); peak RSS is ' +
      "the process's high-water mark so far. Modeled Apps Script time comes from the cost model below.",
    '',
    '### Both workloads side by side',
    '',
    'Remote calls and modeled time as in the cost model; protections are those in the spreadsheet after the action.',
    '',
    sideBySideTable(run.results, sizes),
    '',
    '### Every measurement',
    '',
    mainTable(run.results),
    '',
    '## Spreadsheet calls per method (interleaved workload)',
    '',
    methodTable(run.results, sizes),
    '',
    '## Budgets',
    '',
    '```text',
    ...run.budgets.map((b) => b.line),
    '```',
    '',
    '## Cost model',
    '',
    ...COST_MODEL_NOTES.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
