/**
 * The budgets the benchmark enforces. Each check gives one line; a failed one makes `npm run bench`
 * exit non-zero. Call-count budgets compare sizes (batch I/O: calls must not grow with rows); time
 * budgets apply at 100,000 customers; core budgets are the figures each feature sets for its core
 * computation; the permission and interaction budgets (PERMISSION_BUDGETS, ...) hold on every workload.
 * Each check carries the `name` of its budget, the same at every size and workload, so a test can
 * list the budgets it expects to pass.
 */
import { ACTIONS, ActionSpec } from './actions';
import { COST_MODEL } from './cost-model';
import type { Measurement } from './measure';
import { accountManagersFor } from './workload';

export interface BudgetCheck {
  ok: boolean;
  line: string;
  /** the budget this check belongs to, e.g. "calls grow: audit", "remote calls <= 30: protect" */
  name: string;
}

/** Core-time budgets per feature (ms), and the smallest size each applies to. */
export const CORE_BUDGETS: Array<{
  action: string;
  ms: number;
  from: number;
  slice?: boolean;
  source: string;
}> = [
  {
    action: 'tierPreview',
    ms: 2000,
    from: 100_000,
    source: 'ABC tiering: 100,000 customers / 1,000,000 purchases < 2 s',
  },
  {
    action: 'tierApply',
    ms: 2000,
    from: 100_000,
    source: 'ABC tiering: 100,000 customers / 1,000,000 purchases < 2 s',
  },
  {
    action: 'remind',
    ms: 1000,
    from: 50_000,
    slice: true,
    source: 'reminders: planning for 50,000 customers < 1 s',
  },
  { action: 'report', ms: 2000, from: 100_000, source: 'reports: dashboard for 100,000 / 1,000,000 < 2 s' },
];

export const TIME_BUDGET_FROM = 100_000;

const n = (v: number) => v.toLocaleString('en');

function specOf(key: string): ActionSpec | undefined {
  return ACTIONS.find((a) => a.key === key);
}

/**
 * A branch taken at one size and not at another costs a few calls once, whatever the rows: a sheet
 * that outgrows its 1,000-row default grid needs an insertRowsAfter (a small workbook's log may
 * still fit), and a grown system sheet has its protection checked again. Per-row calls would cost
 * thousands at 100,000 customers, so a constant 5 calls (0.8 s in the cost model) cannot hide them.
 */
export const BRANCH_ALLOWANCE = 5;

/**
 * Workbook.readColumns reads the columns an action needs in runs, merging neighbours when reading
 * the cells between costs less than another call: a bigger sheet may take a few more runs, at most
 * one more getValues (and its getRange) per needed column, whatever the rows. Two per column, for
 * the up to 8 columns an action reads from its biggest sheet.
 */
export const COLUMN_RUNS_ALLOWANCE = 16;

/**
 * Spreadsheet calls at every size at most those at the smallest size, plus BRANCH_ALLOWANCE, and for actions that work per changed block, their per-block calls times
 * the extra blocks changed. Anything else that grows with the number of rows fails.
 */
export function callBudgets(results: Measurement[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const workload of [...new Set(results.map((r) => r.workload))])
    for (const spec of ACTIONS) {
      const check = callBudget(
        spec,
        results.filter((r) => r.workload === workload),
      );
      if (check) checks.push(check);
    }
  return checks;
}

function callBudget(spec: ActionSpec, results: Measurement[]): BudgetCheck | null {
  {
    const runs = results
      .filter((r) => r.action === spec.key && r.status === 'ok')
      .sort((a, b) => a.customers - b.customers);
    if (runs.length < 2) return null;
    const base = runs[0];
    const wl = base.workload;
    const sizes = runs.map((r) => `${n(r.spreadsheetCalls)} at ${n(r.customers)}`).join(', ');
    let worst: BudgetCheck | null = null;
    for (const r of runs.slice(1)) {
      const growth = r.spreadsheetCalls - base.spreadsheetCalls;
      const block = spec.perChangedBlock;
      const extraBlocks = block ? Math.max(0, (r.changedBlocks ?? 0) - (base.changedBlocks ?? 0)) : 0;
      const allowed = BRANCH_ALLOWANCE + COLUMN_RUNS_ALLOWANCE + (block ? block.calls * extraBlocks : 0);
      const why = [
        `${BRANCH_ALLOWANCE} for a branch taken once (a sheet that must grow), ${COLUMN_RUNS_ALLOWANCE} for column runs`,
        block && extraBlocks ? `${n(extraBlocks)} more changed blocks x ${block.calls}: ${block.why}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const ok = growth <= allowed;
      const detail = ok
        ? growth <= 0
          ? growth === 0
            ? ' (equal)'
            : ` (fewer at ${n(r.customers)})`
          : ` (+${n(growth)}, allowed +${n(allowed)}: ${why})`
        : ` grow with rows: +${n(growth)} at ${n(r.customers)} (allowed +${n(allowed)}${why ? `: ${why}` : ''})`;
      const check = {
        ok,
        name: `calls grow: ${spec.key}`,
        line: `${ok ? 'ok  ' : 'FAIL'} calls  ${spec.key} (${wl}): spreadsheet calls ${sizes} customers${detail}`,
      };
      if (!worst || (!check.ok && worst.ok) || (check.ok === worst.ok && growth > 0)) worst = check;
    }
    return worst!;
  }
}

/**
 * Modeled Apps Script time under one execution's limit at 100,000 customers. An action that splits
 * its work by design (continues in another execution) is measured as ONE execution, and that one
 * execution must fit too: splitting bounds the work per execution, it does not exempt it.
 */
export function timeBudgets(results: Measurement[]): BudgetCheck[] {
  const limit = COST_MODEL.EXECUTION_LIMIT_SECONDS;
  return results
    .filter((r) => r.status === 'ok' && r.customers >= TIME_BUDGET_FROM)
    .map((r) => {
      const s = Math.round(r.modeled.seconds);
      const split = specOf(r.action)?.splitsByDesign;
      const own = specOf(r.action)?.timeBudget;
      if (own) {
        const ok = r.modeled.seconds < own.seconds;
        return {
          ok,
          name: `time < ${own.seconds} s: ${r.action}`,
          line: `${ok ? 'ok  ' : 'FAIL'} time   ${r.action} at ${n(r.customers)}: modeled ${s} s (budget < ${own.seconds} s; ${own.source})`,
        };
      }
      const note = split ? `; one execution, splits by design: ${split}` : '';
      const name = `time <= ${limit} s: ${r.action}`;
      if (s <= limit)
        return {
          ok: true,
          name,
          line: `ok   time   ${r.action} at ${n(r.customers)} (${r.workload}): modeled ${s} s <= ${limit} s${note}`,
        };
      return {
        ok: false,
        name,
        line: `FAIL time   ${r.action} at ${n(r.customers)} (${r.workload}): modeled ${s} s > the ${limit} s execution limit${note}`,
      };
    });
}

/** Core computation times within each feature's budget. */
export function coreBudgets(results: Measurement[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const b of CORE_BUDGETS) {
    for (const r of results.filter(
      (x) => x.action === b.action && x.status === 'ok' && x.customers >= b.from,
    )) {
      if (!r.core) continue;
      const ms = b.slice ? (r.core.slice?.ms ?? r.core.ms) : r.core.ms;
      const what =
        b.slice && r.core.slice
          ? `${n(r.core.slice.customers)} of ${n(r.customers)} customers`
          : `${n(r.customers)} customers`;
      checks.push({
        ok: ms < b.ms,
        name: `core: ${b.action}`,
        line: `${ms < b.ms ? 'ok  ' : 'FAIL'} core   ${b.action} ${r.core.fn} for ${what}: ${ms} ms (budget < ${b.ms} ms; ${b.source})`,
      });
    }
  }
  return checks;
}

/** An action that threw is a failure at any size; one that has not landed is listed, not failed. */
export function runChecks(results: Measurement[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const r of results) {
    if (r.status === 'failed')
      checks.push({
        ok: false,
        name: `runs: ${r.action}`,
        line: `FAIL run    ${r.action} at ${n(r.customers)} (${r.workload}): ${r.entryPoint} threw: ${r.error}`,
      });
    if (r.status === 'stopped')
      checks.push({
        ok: false,
        name: `runs: ${r.action}`,
        line: `FAIL run    ${r.action} at ${n(r.customers)} (${r.workload}): ${r.entryPoint} ${r.error}`,
      });
  }
  const missing = [...new Set(results.filter((r) => r.status === 'not built yet').map((r) => r.action))];
  for (const key of missing) {
    const spec = specOf(key)!;
    checks.push({
      ok: true,
      name: `runs: ${key}`,
      line: `note run    ${key}: not built yet (no entry point ${spec.candidates.join(' / ')})`,
    });
  }
  return checks;
}

/**
 * Setup and the protection reconciler write protections, validation and formats in a few batched
 * requests, whatever the rows and their order: at most 30 remote calls and under 30 s modeled at
 * every size and workload; the hourly check with nothing changed notices it cheaply (under 5 s).
 */
export const PERMISSION_BUDGETS: Array<{ action: string; remoteCalls?: number; seconds: number }> = [
  { action: 'setup', remoteCalls: 30, seconds: 30 },
  { action: 'protect', remoteCalls: 30, seconds: 30 },
  { action: 'protectAgain', remoteCalls: 30, seconds: 30 },
  { action: 'hourlyCheck', seconds: 5 },
];
/** What a person waits for in a sidebar or dialog: under 30 s at every size. */
export const INTERACTIVE_BUDGETS = ['tierPreview', 'formOpen', 'formSave'];
export const INTERACTIVE_SECONDS = 30;
/** Every other action at 100,000 customers: under 90 s modeled. */
export const ACTION_SECONDS = 90;
/** Protections the add-on keeps: bounded by people, not rows. */
export const PROTECTIONS_PER_ACCOUNT_MANAGER = 4;
export const PROTECTIONS_CONSTANT = 20;

const where = (r: Measurement) => `at ${n(r.customers)} (${r.workload})`;

function secondsCheck(r: Measurement, limit: number, why: string): BudgetCheck {
  const s = r.modeled.seconds;
  const ok = r.status === 'ok' && s < limit;
  const shown = s < 10 ? s.toFixed(1) : n(Math.round(s));
  return {
    ok,
    name: `time < ${limit} s: ${r.action}`,
    line:
      `${ok ? 'ok  ' : 'FAIL'} time   ${r.action} ${where(r)}: modeled ${shown} s ${ok ? '<' : 'not under'} ${limit} s (${why})` +
      (r.status === 'ok' ? '' : `: ${r.status}`),
  };
}

/** The permission, interaction and per-action time budgets, and the protections kept. */
export function scaleBudgets(results: Measurement[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  const measured = results.filter((r) => r.status === 'ok' || r.status === 'stopped');
  for (const b of PERMISSION_BUDGETS)
    for (const r of measured.filter((x) => x.action === b.action)) {
      if (b.remoteCalls !== undefined) {
        const ok = r.status === 'ok' && r.modeled.remoteCalls <= b.remoteCalls;
        checks.push({
          ok,
          name: `remote calls <= ${b.remoteCalls}: ${r.action}`,
          line: `${ok ? 'ok  ' : 'FAIL'} remote ${r.action} ${where(r)}: ${n(r.modeled.remoteCalls)} remote calls ${ok ? '<=' : '>'} ${b.remoteCalls}${r.status === 'ok' ? '' : `: ${r.status}`}`,
        });
      }
      checks.push(secondsCheck(r, b.seconds, 'permissions'));
    }
  for (const r of measured.filter((x) => INTERACTIVE_BUDGETS.includes(x.action)))
    checks.push(secondsCheck(r, INTERACTIVE_SECONDS, 'a person waits for it'));
  const other = (a: string) =>
    !INTERACTIVE_BUDGETS.includes(a) && !PERMISSION_BUDGETS.some((b) => b.action === a);
  for (const r of measured.filter((x) => other(x.action) && x.customers >= TIME_BUDGET_FROM))
    checks.push(secondsCheck(r, ACTION_SECONDS, `every action at ${n(TIME_BUDGET_FROM)} customers`));
  // Protections kept: the most any action left, per workload and size.
  const keys = [...new Set(results.map((r) => `${r.workload}|${r.customers}`))];
  for (const key of keys) {
    const runs = results.filter((r) => `${r.workload}|${r.customers}` === key);
    const most = runs.reduce((m, r) => (r.protections > m.protections ? r : m), runs[0]);
    const ams = accountManagersFor(most.customers);
    const limit = PROTECTIONS_PER_ACCOUNT_MANAGER * ams + PROTECTIONS_CONSTANT;
    const ok = most.protections <= limit;
    checks.push({
      ok,
      name: 'protections kept',
      line: `${ok ? 'ok  ' : 'FAIL'} protections ${where(most)}: ${n(most.protections)} kept (most after ${most.action}) ${ok ? '<=' : '>'} ${PROTECTIONS_PER_ACCOUNT_MANAGER} x ${ams} account managers + ${PROTECTIONS_CONSTANT} = ${n(limit)}`,
    });
  }
  return checks;
}

export function allBudgets(results: Measurement[]): BudgetCheck[] {
  return [
    ...runChecks(results),
    ...callBudgets(results),
    ...timeBudgets(results),
    ...scaleBudgets(results),
    ...coreBudgets(results),
  ];
}
