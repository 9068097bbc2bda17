/**
 * What the benchmark runs, in order, on one workbook per size: every action of the add-on through
 * its entry point in the built bundle, as the user (or trigger) that runs it in real use. An action
 * lists the entry-point names that implement it; the first one the bundle has is used, and none
 * means the feature has not landed ("not built yet" in the results, never silently left out).
 */
import type { SheetKey } from '../../core/schema';
import type { CoreKey } from './core';
import { BENCH_OWNER } from './workload';

export interface ActionInput {
  /** the CSV of new customers the import reads */
  importCsv: string;
  /** the customer the form opens and saves, and its owner (who does it) */
  formCustomer: { id: string; owner: string };
}

export interface ActionSpec {
  key: string;
  label: string;
  candidates: string[];
  args: (input: ActionInput) => unknown[];
  /** who runs it: an address, or a function of the input (the customer form: the customer's owner) */
  as?: string | ((input: ActionInput) => string);
  /**
   * The data sheets the action reads (of customers, purchases, interactions, feedback). When the
   * whole workbook cannot fit Google Sheets' cell limit, the bench fills only these (run.ts).
   */
  reads: SheetKey[];
  mode?: 'user' | 'trigger';
  /** the pure core timed on the data the action reads */
  core?: CoreKey;
  /**
   * why one execution of this action is not all of its work: it continues in another execution.
   * The one execution the bench measures must still fit the limit (budgets.ts timeBudgets).
   */
  splitsByDesign?: string;
  /**
   * The handler of the one-off trigger that continues a split action. After measuring the action the
   * bench fires it (unmeasured) until it stops rescheduling itself, as Apps Script would a minute
   * apart, so the actions after see the work finished.
   */
  continuedBy?: string;
  /**
   * For actions whose work is proportional to what changed, not to rows: the number of changed
   * blocks, read from what the entry point returned, and the calls each changed block may cost.
   */
  perChangedBlock?: { blocks: (returned: unknown) => number; calls: number; why: string };
  /** a modeled-time budget tighter than the execution limit, with the figure's source */
  timeBudget?: { seconds: number; source: string };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const field = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    v,
  );
/** Protections a reconcile looked at plus those it changed (its drift report's counts). */
const protectionBlocks = (r: unknown) => {
  const count = (k: string) => num(field(r, 'report', 'counts', k));
  const changed = count('created') + count('updated') + count('deleted');
  return count('unchanged') + 2 * changed;
};
const PROTECTION_BLOCK = {
  blocks: protectionBlocks,
  calls: 12,
  why:
    'the reconciler reads each protection (description, range, A1 notation, editors and their e-mails, domain and ' +
    'warning flags: 2,552 calls for 220 protections at 1,000 customers) and a changed one costs a few writes more, so ' +
    'calls follow the protections (owner blocks), not rows',
};

export const ACTIONS: ActionSpec[] = [
  {
    key: 'setup',
    label: 'setup (again, on the full workbook)',
    candidates: ['menuSetup'],
    args: () => ['en'],
    reads: ['customers', 'purchases', 'interactions', 'feedback'],
  },
  {
    key: 'import',
    label: 'import (CSV of new customers, 10% of the size)',
    candidates: ['importCsv'],
    reads: ['customers'],
    args: (input) => ['customers', input.importCsv, 'text'],
  },
  {
    key: 'audit',
    label: 'audit (data-quality report)',
    candidates: ['runDataQuality', 'menuDataQuality'],
    reads: ['customers', 'purchases', 'interactions', 'feedback'],
    args: () => [],
    core: 'audit',
    splitsByDesign:
      'one execution reads at most QUALITY_STAGE_CELLS (4.5M) cells; a one-off trigger runs the next stage',
  },
  {
    key: 'dedupe',
    label: 'dedupe (find duplicate groups)',
    candidates: ['findDuplicates', 'menuDedupe'],
    reads: ['customers'],
    args: () => [],
    core: 'dedupe',
  },
  {
    key: 'dedupeMerge',
    label: 'dedupe merge (one execution: up to 200 groups)',
    candidates: ['mergeDuplicates'],
    reads: ['customers', 'purchases', 'interactions', 'feedback'],
    args: () => [null],
    perChangedBlock: {
      blocks: (r) => num(field(r, 'archived')),
      calls: 10,
      why:
        "each merged group's kept row is written by its own getRange + setValues (keeping the user's formulas), " +
        'a merged-away row not adjacent to another needs its own deleteRows and the protections of the owner ' +
        'blocks it touched are refreshed (about 3.6 calls), and the references to it are re-pointed by one ' +
        'getRangeList + setValue of only the changed cells in each of interactions, purchases and feedback that ' +
        'holds any (at most 6 calls): about 8.8 calls per group measured at 10,000 customers, 4.8 at 100,000 ' +
        '(fewer interactions and feedback per customer)',
    },
    splitsByDesign:
      'one execution merges at most 200 groups (MERGE_GROUPS_PER_RUN); the next run merges the rest',
  },
  {
    key: 'protect',
    label: 'protect (reconcile protections)',
    candidates: ['applyPermissions', 'menuApplyPermissions'],
    args: () => [],
    reads: ['customers', 'interactions', 'feedback', 'purchases'],
    core: 'protect',
    perChangedBlock: PROTECTION_BLOCK,
  },
  {
    key: 'protectAgain',
    label: 'protect again (nothing changed)',
    candidates: ['applyPermissions', 'menuApplyPermissions'],
    args: () => [],
    reads: ['customers', 'interactions', 'feedback', 'purchases'],
    perChangedBlock: PROTECTION_BLOCK,
  },
  {
    key: 'hourlyCheck',
    label: 'hourly protection check (trigger, nothing changed)',
    candidates: ['reconcileProtectionsTrigger'],
    args: () => [],
    as: BENCH_OWNER,
    mode: 'trigger',
    reads: ['customers', 'interactions', 'feedback', 'purchases'],
  },
  // The nightly value job runs before tiering, as it has every night in real use: the preview and
  // apply then read the fresh 12-month value columns instead of every purchase row.
  {
    key: 'values',
    label: 'customer value (nightly recompute from all purchases)',
    candidates: ['nightlyCustomerValues'],
    reads: ['customers', 'purchases'],
    args: () => [],
    as: BENCH_OWNER,
    mode: 'trigger',
    splitsByDesign:
      'the first fill of an empty workbook writes all 600,000 value cells at 100,000 customers: one execution ' +
      'writes at most VALUES_CELLS_PER_RUN (150,000) changed cells, whole rows; a one-off trigger writes the rest',
    continuedBy: 'continueCustomerValues',
  },
  // The steady state: the cells now hold the values, so the run reads and compares, writing only
  // what changed (nothing was bought since).
  {
    key: 'valuesAgain',
    label: 'customer value, the next night: only changed cells (none bought since)',
    candidates: ['nightlyCustomerValues'],
    reads: ['customers', 'purchases'],
    args: () => [],
    as: BENCH_OWNER,
    mode: 'trigger',
  },
  {
    key: 'tierPreview',
    label: 'tier preview (saved settings)',
    candidates: ['previewTiers'],
    reads: ['customers', 'purchases'],
    args: () => [{}],
    as: 'manager@example.com',
    core: 'tier',
  },
  {
    key: 'tierApply',
    label: 'tier apply (saved settings)',
    candidates: ['applyTiers'],
    reads: ['customers', 'purchases'],
    args: () => [{}],
    as: 'manager@example.com',
    core: 'tier',
    splitsByDesign:
      'one execution writes at most TIER_CHANGES_PER_RUN (40,000) tier changes, each a tier cell and a 6-cell ' +
      'Tier history row; a one-off trigger recomputes with the saved options and writes the next part',
  },
  {
    key: 'formOpen',
    label: 'customer form: open a customer (its owner)',
    candidates: ['customerFormData'],
    args: (input) => [input.formCustomer.id],
    as: (input) => input.formCustomer.owner,
    reads: ['customers'],
  },
  {
    key: 'formSave',
    label: 'customer form: save a changed note (its owner)',
    candidates: ['saveCustomer'],
    args: (input) => [
      { notes: 'Called back: wants a quote' },
      { id: input.formCustomer.id, confirmDuplicates: true },
    ],
    as: (input) => input.formCustomer.owner,
    reads: ['customers'],
  },
  {
    key: 'remind',
    label: 'remind (daily trigger run)',
    candidates: ['runDailyReminders'],
    reads: ['customers', 'interactions'],
    args: () => [],
    as: BENCH_OWNER,
    mode: 'trigger',
    core: 'remind',
    splitsByDesign:
      'the reminder job stops before the 6-minute limit, saves its position and a follow-up trigger finishes',
  },
  {
    key: 'report',
    label: 'report (refresh the dashboard)',
    candidates: ['menuRefreshDashboard', 'runReport'],
    reads: ['customers', 'purchases', 'feedback'],
    args: () => [],
    core: 'report',
  },
  {
    key: 'sidebarOpen',
    label: 'customer sidebar (open on a customer with its history)',
    candidates: ['customerSidebarData'],
    reads: ['customers', 'interactions', 'purchases', 'feedback'],
    args: () => ['C000001'],
  },
  {
    key: 'sidebarSearch',
    label: 'customer sidebar search',
    candidates: ['searchCustomers'],
    reads: ['customers'],
    args: () => ['C00001'],
  },
  {
    key: 'logFollowUp',
    label: 'log a follow-up (customer sidebar)',
    candidates: ['logFollowUp'],
    reads: ['customers', 'interactions'],
    args: () => [{ customerId: 'C000001', summary: 'Bench follow-up', channel: 'Phone' }],
  },
  {
    key: 'perf',
    label: 'perf (per-rep performance for a quarter, as an admin: everyone)',
    candidates: ['salesPerformance'],
    reads: ['customers', 'purchases', 'interactions'],
    args: () => ['2026-Q4'],
    timeBudget: { seconds: 60, source: 'sales: crm perf for 100,000 customers < 60 s modeled' },
  },
];
