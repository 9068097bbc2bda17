/**
 * The benchmark's call-count budgets at 1,000 and 10,000 customers, through the built bundle: every
 * action makes the same number of spreadsheet service calls at both sizes (batch I/O), within a few
 * calls for a branch taken once (a sheet that must grow) or, for protections and merges, calls per
 * changed block. Counters only; time budgets live in `npm run bench`.
 */
import { ACTIONS } from '../../../src/local/bench/actions';
import { callBudgets, timeBudgets } from '../../../src/local/bench/budgets';
import type { Measurement } from '../../../src/local/bench/measure';
import { BenchRun, runBench } from '../../../src/local/bench/run';

let run: BenchRun;

beforeAll(() => {
  run = runBench([1_000, 10_000], { timeCores: false });
}, 120_000);

const at = (action: string, customers: number) =>
  run.results.find((r) => r.action === action && r.customers === customers)!;

test('every action of the benchmark exists in the bundle and runs at both sizes', () => {
  const problems = run.results
    .filter((r) => r.status !== 'ok')
    .map((r) => `${r.action} at ${r.customers}: ${r.status}${r.error ? ` (${r.error})` : ''}`);
  expect(problems).toEqual([]);
});

test('the actions did real work on the larger workbook', () => {
  expect(run.sizes.map((s) => s.rows.customers)).toEqual([1_000, 10_000]);
  // The import appended its 1,000 rows in one block; the apply wrote tiers and history.
  expect(at('import', 10_000).cellsWritten).toBeGreaterThan(at('import', 1_000).cellsWritten * 5);
  expect(at('tierApply', 10_000).cellsWritten).toBeGreaterThan(10_000);
  expect(at('audit', 10_000).cellsRead).toBeGreaterThan(10_000 * 23);
});

test.each(ACTIONS.map((a) => a.key))('%s: spreadsheet calls do not grow with rows', (action) => {
  const small = at(action, 1_000);
  const large = at(action, 10_000);
  const check = callBudgets([small, large]);
  expect(check.filter((c) => !c.ok).map((c) => c.line)).toEqual([]);
  expect(large.spreadsheetCalls).toBeGreaterThan(0);
});

test('the call budget fails an action whose calls grow with rows', () => {
  const fake = (customers: number, getValues: number): Measurement =>
    ({
      ...at('audit', 1_000),
      customers,
      spreadsheetCalls: getValues,
      spreadsheetCallsByMethod: { 'Range.getValues': getValues },
    }) as Measurement;
  const [check] = callBudgets([fake(1_000, 10), fake(10_000, 100)]);
  expect(check.ok).toBe(false);
  expect(check.line).toMatch(/^FAIL calls {2}audit: .* grow with rows: \+90 at 10,000/);
  const grown = {
    ...fake(10_000, 10),
    spreadsheetCalls: 11,
    spreadsheetCallsByMethod: { 'Range.getValues': 10, 'Sheet.insertRowsAfter': 1 },
  };
  expect(callBudgets([fake(1_000, 10), grown as Measurement])[0].ok).toBe(true);
});

test('the time budget fails one execution over the limit, even of an action that splits by design', () => {
  const fake = (action: string, seconds: number): Measurement =>
    ({
      ...at(action, 10_000),
      customers: 100_000,
      modeled: { ...at(action, 10_000).modeled, seconds },
    }) as Measurement;
  const [over, under, other] = timeBudgets([
    fake('dedupeMerge', 442),
    fake('dedupeMerge', 300),
    fake('audit', 442),
  ]);
  expect(over.ok).toBe(false);
  expect(over.line).toMatch(
    /^FAIL time {3}dedupeMerge at 100,000: modeled 442 s > the 360 s execution limit; one execution, splits by design: one execution merges at most 200 groups/,
  );
  expect(under.ok).toBe(true);
  expect(under.line).toMatch(
    /^ok {3}time {3}dedupeMerge at 100,000: modeled 300 s <= 360 s; one execution, splits by design/,
  );
  expect(other.ok).toBe(false);
});
