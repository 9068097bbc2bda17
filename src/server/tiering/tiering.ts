/**
 * ABC tiering in the shell: the sidebar's data, the live preview and apply (sidebar, CLI and the
 * monthly trigger all come through here). Reads customers and purchases once each, computes with
 * core/tiering, and on apply writes the tier column as one block, tierHistory as one append, the
 * tier settings as one block, the A/B/C colour rules and one audit row, under the document lock.
 * An apply of more than TIER_CHANGES_PER_RUN changes writes that many and saves its options; a
 * one-off trigger (continueTierApply) recomputes with them and writes the next part, a minute later.
 *
 * The default options (12 months, revenue or orders) read each customer's 12-month value column
 * when the nightly job or a recompute filled it today or yesterday: a constant number of cells per
 * customer instead of every purchase row; otherwise, or for any other window, purchases are summed.
 *
 * Account managers may preview (core/roles: previewTiers, not applyTiers) and see the preview over
 * every customer, as managers do: tiers rank customers against each other, so a slice of one rep's
 * customers would give other tiers than apply writes, and Sheets lets every user read every row
 * anyway. The preview stays read-only: nothing is written and apply refuses them.
 */
import {
  cadenceFromSettings,
  CadenceDays,
  computeTiers,
  TierChange,
  TierResult,
  settingHolds,
  tierFieldErrors,
  TierFieldError,
  tierOptionsFromForm,
  TierOptions,
  tierOptionsFromJson,
  tierOptionsFromSettings,
  tierOptionsToSettings,
  validateTierOptions,
  Page,
  tierPreview,
  tierWarningMessages,
} from '../../core/tiering';
import { can, normalizeEmail } from '../../core/roles';
import { Role } from '../../core/schema';
import { Locale, MessageKey, messagesWithPrefix, UserError } from '../../i18n';
import { recordAction } from '../audit';
import { begin, Execution, requireAction, requireTable, runContinuation, underLockOrLater } from '../session';
import { ensureTierColours } from './colours';
import { TierScheduleState, tierScheduleState } from './schedule-state';
import {
  asRecord,
  continueLater,
  deleteKey,
  DOC_KEYS,
  Layout,
  readJson,
  readNumber,
  readText,
  removeTriggers,
  withDocumentLock,
  writeJson,
} from '../document';
import { columnLetter, dayNumberOf, dayNumberToIso } from '../../core/shared';
import { windowValuesServe } from '../../core/sales';
import { valuesComputedDay } from '../sales';

export interface TierChangeView extends TierChange {
  /** the customer's name as in the sheet (plain text: the sidebar renders it as a text node) */
  name: string;
}

/** What the sidebar and the CLI get: aggregates, the chart data and one page of changes. */
export interface TierPreviewData {
  options: ReturnType<typeof tierPreview>['options'];
  window: TierResult['window'];
  totals: TierResult['totals'];
  tiers: TierResult['tiers'];
  pareto: TierResult['pareto'];
  changes: Page<TierChangeView>;
  /** localized sentences */
  warnings: string[];
  /** customers whose tier is locked (they keep it) */
  locked: number;
  /** a localized sentence saying where the values came from (value columns or purchase rows) */
  sourceNote: string;
}

export type TierPreviewResponse =
  { ok: true; preview: TierPreviewData } | { ok: false; errors: TierFieldError[] };

export interface TierApplyResult {
  /** customers whose tier cell this execution rewrote (one tierHistory row each) */
  changed: number;
  /** changes left to the continuation trigger (0 when the apply is done) */
  continuing: number;
  /** false when nothing differed, or for managers (the settings sheet is admins') */
  settingsSaved: boolean;
  coloursUpdated: boolean;
  /** localized summary */
  message: string;
  /** the split as applied; `changes` holds one page of the changes found (written and continuing) */
  preview: TierPreviewData;
}

/** The sidebar's own texts: every `tier.ui.` message. */
export type TierUiMessages = Record<Extract<MessageKey, `tier.ui.${string}`>, string>;

export interface TierSidebarData {
  locale: Locale;
  /** the sidebar's strings (tier.ui.*) in the user's locale */
  messages: TierUiMessages;
  /** the saved options: the form's defaults */
  options: TierOptions;
  role: Role;
  canApply: boolean;
  currency: string;
  cadence: CadenceDays;
  schedule: TierScheduleState | null;
}

/** Menu "ABC tiering": opens the sidebar (managers and admins; account managers preview). */
export function menuTiering(): void {
  const ex = begin();
  requireAction(ex, 'previewTiers');
  const html = HtmlService.createHtmlOutputFromFile('TierSidebar').setTitle(ex.t('tier.ui.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** google.script.run: what the sidebar needs to draw its form in the user's language. */
export function tierSidebarData(): TierSidebarData {
  const ex = begin();
  requireAction(ex, 'previewTiers');
  const messages = messagesWithPrefix(ex.locale, 'tier.ui.');
  return {
    locale: ex.locale,
    messages,
    options: tierOptionsFromSettings(ex.settings),
    role: ex.user.role,
    canApply: can(ex.user.role, 'applyTiers'),
    currency: ex.settings.currency ?? '',
    cadence: cadenceFromSettings(ex.settings),
    schedule: tierScheduleState(),
  };
}

/**
 * google.script.run and `crm tier --dry-run`: the split the options would give, read-only. Invalid
 * options come back as localized errors per form field (the sidebar marks the fields).
 */
export function previewTiers(options: unknown, page?: unknown): TierPreviewResponse {
  const ex = begin();
  requireAction(ex, 'previewTiers');
  const chosen = tierOptionsFromForm(ex.settings, options);
  const errors = tierFieldErrors(chosen, ex.locale);
  if (errors.length > 0) return { ok: false, errors };
  const { result, customers } = computeFor(ex, chosen);
  return { ok: true, preview: previewData(ex, result, customers, result.changes, page) };
}

/** google.script.run and `crm tier`: applies the options (managers and admins). */
export function applyTiers(options: unknown, page?: unknown): TierApplyResult {
  const ex = begin();
  requireAction(ex, 'applyTiers');
  const chosen = validateTierOptions(tierOptionsFromForm(ex.settings, options), ex.locale);
  return withDocumentLock(ex, () => applyTierOptions(ex, chosen, { page, scheduled: false }));
}

/**
 * Tier changes one execution writes at most; the rest continue by trigger. A change costs its tier
 * cell and a Tier history row of 6 cells: 7 cells at 0.15 ms (the bench's cost model) is 1.05 ms,
 * so 40,000 changes are 42 s. At 100,000 customers, reading the customer columns (about 600,000
 * cells at 0.01 ms: 6 s), about 50 calls (reads, settings, colours, audit row, trigger: 8 s) and
 * computing the tiers (about 2 s in node, 3x on Apps Script: 6 s) add about 20 s: about 62 s an
 * execution, a third under the 90 s an action may take. A first apply over 100,000 customers is
 * three executions a minute apart.
 */
export const TIER_CHANGES_PER_RUN = 40_000;
export const TIER_CONTINUE_HANDLER = 'continueTierApply';

/** What the continuation of a large apply needs, kept in DOC_KEYS.tierApplyContinuation. */
interface TierContinuation {
  options: TierOptions;
  /** who applied (normalized e-mail): only their trigger continues, as them */
  by: string;
  /** changes written so far, over every part */
  applied: number;
  started: string;
}

function asContinuation(value: unknown): TierContinuation | null {
  const r = asRecord(value);
  const options = r ? tierOptionsFromJson(r.options) : null;
  if (!r || !options || typeof r.by !== 'string' || typeof r.started !== 'string') return null;
  if (typeof r.applied !== 'number' || !Number.isInteger(r.applied)) return null;
  return { options, by: r.by, applied: r.applied, started: r.started };
}

function changesPerRun(): number {
  const n = readNumber(DOC_KEYS.tierChangesPerRun);
  return n !== null && n >= 1 ? Math.floor(n) : TIER_CHANGES_PER_RUN;
}

/** The acting person's address: the user, or the installer when a trigger runs. */
export function actingEmail(ex: Execution): string {
  return normalizeEmail(ex.user.email || Session.getEffectiveUser().getEmail());
}

/**
 * The apply itself; the caller holds the document lock and has checked the role. Writes nothing
 * when nothing changed (no tier, setting or colour rule differs). Writes at most
 * TIER_CHANGES_PER_RUN changes and leaves the rest to the continuation trigger; the settings,
 * colours and audit row are this first part's.
 */
export function applyTierOptions(
  ex: Execution,
  options: TierOptions,
  how: { page?: unknown; scheduled: boolean },
): TierApplyResult {
  const { result, customers } = computeFor(ex, options);
  const part = applyPart(ex, result, customers.layout, {
    options,
    by: actingEmail(ex),
    applied: 0,
    started: new Date().toISOString(),
  });
  // The settings sheet is admins'; a manager's apply uses the options without saving them.
  const mayEditSettings = can(ex.user.role, 'editSettings');
  const settingsSaved = mayEditSettings && saveTierSettings(ex, options);
  const settingsKept = !mayEditSettings && !savedSettingsHold(ex, options);
  const coloursUpdated = ensureTierColours(customers.layout);
  if (result.changes.length > 0 || settingsSaved) {
    recordAction(ex, {
      action: 'tierApply',
      sheet: 'customers',
      details: {
        changed: result.changes.length,
        continuing: part.continuing || undefined,
        method: result.options.method,
        metric: result.options.metric,
        windowMonths: result.options.windowMonths,
        groupBy: result.options.groupBy,
        scheduled: how.scheduled || undefined,
      },
    });
  }
  return applyResult(ex, result, customers, part, { settingsSaved, coloursUpdated, settingsKept }, how.page);
}

/**
 * The continuation trigger's handler (and `crm tier`'s loop): recomputes with the options the
 * apply saved, as the person who applied, and writes the next part of the changes: those left are
 * the ones not yet written, since the written tiers are in the cells now. Null when no apply of
 * this person continues (finished, or replaced by someone's later apply): its trigger is removed.
 */
export function continueTierApply(e?: { triggerUid?: unknown }): TierApplyResult | null {
  return runContinuation(TIER_CONTINUE_HANDLER, 'applyTiers', e, (ex) =>
    underLockOrLater(ex, TIER_CONTINUE_HANDLER, e, () => {
      const state = readJson(DOC_KEYS.tierApplyContinuation, asContinuation);
      if (!state || normalizeEmail(state.by) !== actingEmail(ex)) {
        removeTriggers(TIER_CONTINUE_HANDLER);
        return null;
      }
      const options = validateTierOptions(state.options, ex.locale);
      const { result, customers } = computeFor(ex, options);
      const part = applyPart(ex, result, customers.layout, state);
      const settingsKept = !can(ex.user.role, 'editSettings') && !savedSettingsHold(ex, options);
      const flags = { settingsSaved: false, coloursUpdated: false, settingsKept };
      return applyResult(ex, result, customers, part, flags, 1);
    }),
  );
}

interface AppliedPart {
  /** changes this execution wrote */
  written: number;
  /** changes left to the continuation */
  continuing: number;
  /** changes written over every part so far */
  applied: number;
}

/**
 * Writes the first TIER_CHANGES_PER_RUN changes (in the order computeTiers lists them, the order
 * their history rows take, so the parts' rows together are those one apply would write), then
 * saves the state for the continuation and schedules it, or, when none are left, ends any
 * continuing apply: this one, or an earlier one this apply replaces.
 */
function applyPart(ex: Execution, result: TierResult, layout: Layout, state: TierContinuation): AppliedPart {
  const now = result.changes.slice(0, changesPerRun());
  if (now.length > 0) {
    requireTable(ex, 'tierHistory');
    writeTierColumn(ex, layout, now);
    ex.wb.append('tierHistory', historyRows(result, now));
  }
  const continuing = result.changes.length - now.length;
  const applied = state.applied + now.length;
  if (continuing > 0) {
    writeJson(DOC_KEYS.tierApplyContinuation, { ...state, applied });
    continueLater(TIER_CONTINUE_HANDLER);
  } else if (readText(DOC_KEYS.tierApplyContinuation) !== null) {
    deleteKey(DOC_KEYS.tierApplyContinuation);
    // Another person's trigger finds no state and removes itself when it fires.
    removeTriggers(TIER_CONTINUE_HANDLER);
  }
  return { written: now.length, continuing, applied };
}

function applyResult(
  ex: Execution,
  result: TierResult,
  customers: Customers,
  part: AppliedPart,
  flags: { settingsSaved: boolean; coloursUpdated: boolean; settingsKept: boolean },
  page: unknown,
): TierApplyResult {
  const headline =
    part.continuing > 0
      ? ex.t('tier.appliedContinuing', { count: part.applied, continuing: part.continuing })
      : part.applied > 0
        ? ex.t('tier.applied', { count: part.applied })
        : ex.t('tier.appliedNothing');
  return {
    changed: part.written,
    continuing: part.continuing,
    settingsSaved: flags.settingsSaved,
    coloursUpdated: flags.coloursUpdated,
    message: [headline, flags.settingsKept ? ex.t('tier.settingsNotSaved') : ''].filter(Boolean).join(' '),
    preview: previewData(ex, result, customers, result.changes, page),
  };
}

/**
 * The customer columns tiering reads: identity, the tier and its lock, the owner (grouping and the
 * no-owner warning), the preview's name; region only to group by it (each column read apart is
 * another call on a large sheet).
 */
const CUSTOMER_COLUMNS = ['id', 'name', 'owner', 'tier', 'tierLocked'] as const;
/** The purchase columns the value of a customer is summed from. */
const PURCHASE_COLUMNS = ['orderId', 'date', 'customerId', 'amount', 'type'] as const;

interface Customers {
  layout: Layout;
  /** customer name by sheet row, for the preview's change list */
  nameAt: (row: number) => string;
  /** the day (day number) the value column used was computed; null when purchases were summed */
  computedDay: number | null;
}

/** The 12-month value column that may stand in for purchases with these options, if any. */
function valueColumnFor(ex: Execution, options: TierOptions, now: Date) {
  const column = windowValuesServe(options, valuesComputedDay(ex.timeZone), dayNumberOf(now, ex.timeZone));
  if (column === null) return null;
  // An older sheet may lack the column until setup runs again.
  const layout = ex.wb.layout('customers');
  return layout && layout.header.byKey[column] !== undefined ? column : null;
}

function computeFor(ex: Execution, options: TierOptions): { result: TierResult; customers: Customers } {
  const now = new Date();
  const valueColumn = valueColumnFor(ex, options, now);
  const columns: string[] = [...CUSTOMER_COLUMNS];
  if (options.groupBy === 'region') columns.push('region');
  if (valueColumn) columns.push(valueColumn);
  const customers = ex.wb.readColumns('customers', columns);
  const purchases = valueColumn ? { rows: [] } : ex.wb.readColumns('purchases', PURCHASE_COLUMNS);
  if (!customers || !purchases) throw new UserError(ex.locale, 'error.notSetUp');
  const result = computeTiers({
    customers: customers.rows,
    purchases: purchases.rows,
    valueColumn: valueColumn ?? undefined,
    options,
    now,
    timeZone: ex.timeZone,
    locale: ex.locale,
  });
  const names = new Map<number, string>();
  for (const r of customers.rows) names.set(r.row, String(r.values.name ?? ''));
  return {
    result,
    customers: {
      layout: customers.layout,
      nameAt: (row) => names.get(row) ?? '',
      computedDay: valueColumn ? valuesComputedDay(ex.timeZone) : null,
    },
  };
}

function previewData(
  ex: Execution,
  result: TierResult,
  customers: Customers,
  changes: TierChange[],
  page: unknown,
): TierPreviewData {
  const p = tierPreview({ ...result, changes }, typeof page === 'number' ? page : Number(page ?? 1));
  const { nameAt } = customers;
  let locked = 0;
  for (const c of result.customers) if (c.locked) locked++;
  return {
    options: p.options,
    window: p.window,
    totals: p.totals,
    tiers: p.tiers,
    pareto: p.pareto,
    changes: { ...p.changes, items: p.changes.items.map((c) => ({ ...c, name: nameAt(c.row) })) },
    warnings: tierWarningMessages(result.warnings, ex.locale),
    locked,
    sourceNote:
      customers.computedDay === null
        ? ex.t('tier.source.purchases', { count: result.totals.purchasesCounted })
        : ex.t('tier.source.valueColumns', { day: dayNumberToIso(customers.computedDay) }),
  };
}

/**
 * Writes only the tier cells that change: one RangeList per new tier, each setValue one call,
 * whatever the number of rows. Rows between changes keep their cells untouched.
 */
function writeTierColumn(ex: Execution, customers: Layout, changes: TierChange[]): void {
  const column = customers.header.byKey.tier;
  if (column === undefined) throw new UserError(ex.locale, 'error.notSetUp');
  const letter = columnLetter(column + 1);
  const byTier = new Map<string, number[]>();
  for (const c of changes) {
    const rows = byTier.get(c.newTier) ?? [];
    rows.push(c.row);
    byTier.set(c.newTier, rows);
  }
  for (const [tier, rows] of byTier) {
    customers.sheet.getRangeList(rowRuns(rows).map(([a, b]) => `${letter}${a}:${letter}${b}`)).setValue(tier);
  }
}

/** Sorted runs [first, last] of consecutive row numbers. */
function rowRuns(rows: number[]): Array<[number, number]> {
  const sorted = [...rows].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/** A stable, readable description of how a tier was decided: `cumulative revenue 12m by owner`. */
function methodText(o: TierOptions): string {
  return [o.method, o.metric, `${o.windowMonths}m`, o.groupBy ? `by ${o.groupBy}` : '']
    .filter(Boolean)
    .join(' ');
}

function historyRows(result: TierResult, changes: TierChange[]): Record<string, unknown>[] {
  const date = new Date();
  const method = methodText(result.options);
  return changes.map((c) => ({
    date,
    customerId: c.id,
    oldTier: c.oldTier,
    newTier: c.newTier,
    value: c.value,
    method,
  }));
}

/** Whether the saved settings already hold these options. */
function savedSettingsHold(ex: Execution, options: TierOptions): boolean {
  return Object.entries(tierOptionsToSettings(options)).every(([key, value]) =>
    settingHolds(ex.settings[key] ?? '', value),
  );
}

/**
 * Saves the tier.* settings: existing rows whose value differs are rewritten as one block of the
 * value column; keys the sheet lacks are appended. Returns whether anything was written.
 */
function saveTierSettings(ex: Execution, options: TierOptions): boolean {
  ex.wb.forget('settings'); // begin() read it before the lock was taken
  const table = requireTable(ex, 'settings');
  const keyColumn = table.header.byKey.key;
  const valueColumn = table.header.byKey.value;
  if (keyColumn === undefined || valueColumn === undefined) throw new UserError(ex.locale, 'error.notSetUp');
  const indexOf = new Map<string, number>();
  table.grid.forEach((line, i) => {
    const key = String(line[keyColumn] ?? '').trim();
    if (key && !indexOf.has(key)) indexOf.set(key, i);
  });
  const updates = new Map<number, string>();
  const missing: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(tierOptionsToSettings(options))) {
    const i = indexOf.get(key);
    if (i === undefined) missing.push({ key, value });
    else if (!settingHolds(table.grid[i][valueColumn], value)) updates.set(i, value);
  }
  if (updates.size > 0) {
    const first = Math.min(...updates.keys());
    const last = Math.max(...updates.keys());
    const block: unknown[][] = [];
    for (let i = first; i <= last; i++) block.push([updates.get(i) ?? table.grid[i][valueColumn] ?? '']);
    table.sheet.getRange(first + 2, valueColumn + 1, block.length, 1).setValues(block);
  }
  if (missing.length > 0) ex.wb.append('settings', missing);
  if (updates.size > 0 || missing.length > 0) ex.wb.forget('settings');
  return updates.size > 0 || missing.length > 0;
}
