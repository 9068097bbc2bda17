/**
 * The budgets the benchmark enforces. Each check gives one line; a failed one makes `npm run bench`
 * exit non-zero. Call-count budgets compare sizes (batch I/O: calls must not grow with rows); time
 * budgets apply at 100,000 customers; core budgets are the figures each feature sets for its core computation.
 */
import { ACTIONS, ActionSpec } from './actions';
import { COST_MODEL } from './cost-model';
import type { Measurement } from './measure';

export interface BudgetCheck {
  ok: boolean;
  line: string;
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
 * Spreadsheet calls at every size at most those at the smallest size, plus BRANCH_ALLOWANCE, and for actions that work per changed block, their per-block calls times
 * the extra blocks changed. Anything else that grows with the number of rows fails.
 */
export function callBudgets(results: Measurement[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const spec of ACTIONS) {
    const runs = results
      .filter((r) => r.action === spec.key && r.status === 'ok')
      .sort((a, b) => a.customers - b.customers);
    if (runs.length < 2) continue;
    const base = runs[0];
    const sizes = runs.map((r) => `${n(r.spreadsheetCalls)} at ${n(r.customers)}`).join(', ');
    let worst: BudgetCheck | null = null;
    for (const r of runs.slice(1)) {
      const growth = r.spreadsheetCalls - base.spreadsheetCalls;
      const block = spec.perChangedBlock;
      const extraBlocks = block ? Math.max(0, (r.changedBlocks ?? 0) - (base.changedBlocks ?? 0)) : 0;
      const allowed = BRANCH_ALLOWANCE + (block ? block.calls * extraBlocks : 0);
      const why = [
        `${BRANCH_ALLOWANCE} for a branch taken once (a sheet that must grow)`,
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
        line: `${ok ? 'ok  ' : 'FAIL'} calls  ${spec.key}: spreadsheet calls ${sizes} customers${detail}`,
      };
      if (!worst || (!check.ok && worst.ok) || (check.ok === worst.ok && growth > 0)) worst = check;
    }
    checks.push(worst!);
  }
  return checks;
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
          line: `${ok ? 'ok  ' : 'FAIL'} time   ${r.action} at ${n(r.customers)}: modeled ${s} s (budget < ${own.seconds} s; ${own.source})`,
        };
      }
      const note = split ? `; one execution, splits by design: ${split}` : '';
      if (s <= limit)
        return {
          ok: true,
          line: `ok   time   ${r.action} at ${n(r.customers)}: modeled ${s} s <= ${limit} s${note}`,
        };
      return {
        ok: false,
        line: `FAIL time   ${r.action} at ${n(r.customers)}: modeled ${s} s > the ${limit} s execution limit${note}`,
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
        line: `FAIL run    ${r.action} at ${n(r.customers)}: ${r.entryPoint} threw: ${r.error}`,
      });
  }
  const missing = [...new Set(results.filter((r) => r.status === 'not built yet').map((r) => r.action))];
  for (const key of missing) {
    const spec = specOf(key)!;
    checks.push({
      ok: true,
      line: `note run    ${key}: not built yet (no entry point ${spec.candidates.join(' / ')})`,
    });
  }
  return checks;
}

export function allBudgets(results: Measurement[]): BudgetCheck[] {
  return [...runChecks(results), ...callBudgets(results), ...timeBudgets(results), ...coreBudgets(results)];
}
