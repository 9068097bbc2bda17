/**
 * The permission reconciler: the plan from core, the protections Sheets has, and only
 * the difference applied. Entry points: the menu item "Apply permissions" (admins; asks before
 * grouping rows by owner), `applyPermissions` (the runner's `crm protect`), `previewOwnerGrouping`,
 * and the hourly trigger `reconcileProtectionsTrigger` installed by setup. The form and import
 * protect the rows they write at once through `protectCustomerRows` (a hook, see hooks.ts).
 *
 * Decisions (see core/permissions): log sheets are admins-only plus `systemWriters` (the
 * managers, whose actions append to them); row blocks are open-ended A1 rows ("2:40"); ranges
 * Sheets reports closed are compared through the sheet sizes.
 */
import {
  diffProtections,
  driftReport,
  DriftReport,
  GridRange,
  PermissionPlan,
  planProtections,
} from '../../core/permissions';
import { resolveRole } from '../../core/roles';
import { messageOf } from '../../core/shared';
import { SheetKey } from '../../core/schema';
import { Locale } from '../../i18n';
import { flushPendingAudit, recordAction } from '../audit';
import { applyDiff } from './apply';
import { groupCustomersByOwner, GroupingSummary, previewGrouping } from './group';
import { MarkedRef, readExisting, readPlanInput } from './read';
import {
  begin,
  beginAsInstaller,
  Execution,
  reportingFailures,
  requireAction,
  requireInstallerAction,
} from '../session';
import {
  asRecord,
  DOC_KEYS,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  readJson,
  withDocumentLock,
  writeJson,
} from '../document';

export const RECONCILE_HANDLER = 'reconcileProtectionsTrigger';
/** Document property: {hash, at} of the last fully applied plan, and who installed the trigger. */
/** The hourly trigger skips reading protections while the plan is unchanged, but checks fully daily. */
const FULL_CHECK_MS = 24 * 3600 * 1000;

export interface ReconcileResult {
  report: DriftReport;
  /** localized notes: sheets whose own whole-sheet protection was left alone */
  notes: string[];
}

export interface ApplyPermissionsResult extends ReconcileResult {
  grouped: GroupingSummary | null;
}

interface State {
  hash?: string;
  at?: number;
  installer?: string;
}

function readState(): State {
  return readJson(DOC_KEYS.protections, (v) => asRecord(v) as State | null) ?? {};
}

function writeState(state: State): void {
  writeJson(DOC_KEYS.protections, state);
}

/** A digest of everything the plan wants: equal digests, equal protections wanted. */
function planHash(plan: PermissionPlan): string {
  const text = plan.protections.map((p) => `${p.id}|${p.editors.join(',')}|${p.description}`).join('\n');
  return Utilities.base64Encode(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text));
}

const effectiveUser = () => Session.getEffectiveUser().getEmail();

/** Full reconcile of every sheet of the add-on. The caller checked the role and holds the lock. */
export function reconcile(ex: Execution, locale: Locale = ex.locale): ReconcileResult {
  const { input, sheets } = readPlanInput(ex);
  const plan = planProtections({ ...input, locale });
  const keys = Object.keys(sheets) as SheetKey[];
  const { existing, foreignSheetProtection } = readExisting(sheets, keys);
  const me = effectiveUser();
  const diff = diffProtections(plan.protections, existing, {
    owner: plan.owner,
    effectiveUser: me,
    sizes: plan.layouts,
  });
  // Sheets has one whole-sheet protection per sheet: someone else's stays, and is reported.
  const notes: string[] = [];
  diff.create = diff.create.filter((c) => {
    const blocked = c.desired.range === null && foreignSheetProtection.has(c.desired.sheetKey);
    if (blocked)
      notes.push(ex.t('perm.foreignSheetProtection', { sheet: ex.t(`sheet.${c.desired.sheetKey}`) }));
    return !blocked;
  });
  applyDiff(diff, { sheets, foreignSheetProtection, effectiveUser: me });
  writeState({ ...readState(), hash: planHash(plan), at: Date.now() });
  return { report: driftReport(diff, locale), notes };
}

// ---- the cheap path: rows the form or import just wrote -------------------------------------

const isRowBlock = (id: string) => /^crm:customers:(owner:.*|unowned):rows:/.test(id);
const isColumnGroup = (id: string) => /^crm:customers:(noncontact|locked):cols:/.test(id);

interface Span {
  from: number;
  to: number;
}

const rowsOf = (r: GridRange | null): Span | null =>
  r && r.numRows !== null ? { from: r.row, to: r.row + r.numRows - 1 } : null;
const overlaps = (a: Span, b: Span) => a.from <= b.to && b.from <= a.to;

/**
 * The row blocks a change of `rows` touches: desired blocks over those rows, then every existing
 * or desired block overlapping what is picked, until nothing new joins (a moved block takes its
 * neighbours along, never a block far away).
 */
export function touchedBlocks(
  desired: ReadonlyArray<{ range: GridRange | null }>,
  existing: ReadonlyArray<{ range: GridRange | null }>,
  rows: number[],
): { desired: Set<number>; existing: Set<number> } {
  const d = new Set<number>();
  const e = new Set<number>();
  const written = new Set(rows);
  let span: Span | null = null;
  const widen = (s: Span) =>
    (span = span ? { from: Math.min(span.from, s.from), to: Math.max(span.to, s.to) } : s);
  desired.forEach((p, i) => {
    const s = rowsOf(p.range);
    if (!s) return;
    for (let r = s.from; r <= s.to; r++) {
      if (!written.has(r)) continue;
      d.add(i);
      widen(s);
      break;
    }
  });
  for (let changed = span !== null; changed;) {
    changed = false;
    for (const [list, picked] of [
      [existing, e],
      [desired, d],
    ] as const) {
      list.forEach((p, i) => {
        const s = rowsOf(p.range);
        if (picked.has(i) || !s || !span || !overlaps(s, span)) return;
        picked.add(i);
        widen(s);
        changed = true;
      });
    }
  }
  return { desired: d, existing: e };
}

/**
 * Protects customer rows just written (form, import, merge) for their owner at once, touching only
 * the row blocks around them and the column groups' extent. Runs as the user who wrote them: what
 * that user may not change is left to the hourly reconcile. Never fails the write that called it.
 */
export function protectCustomerRows(ex: Execution, rows: number[]): void {
  if (!rows.length) return;
  try {
    ex.wb.forget('customers');
    const { input, sheets } = readPlanInput(ex, ['customers']);
    const plan = planProtections(input);
    const rowBlocks = plan.protections.filter((p) => isRowBlock(p.id));
    const columns = plan.protections.filter((p) => isColumnGroup(p.id));
    let picked = { desired: new Set<number>(), existing: new Set<number>() };
    const { existing } = readExisting(sheets, ['customers'], (marked) => {
      const blockAt: number[] = [];
      const blockRefs: MarkedRef[] = [];
      marked.forEach((m, i) => {
        if (!isRowBlock(m.id)) return;
        blockAt.push(i);
        blockRefs.push(m);
      });
      picked = touchedBlocks(rowBlocks, blockRefs, rows);
      const chosen = new Set([...picked.existing].map((j) => blockAt[j]));
      marked.forEach((m, i) => isColumnGroup(m.id) && chosen.add(i));
      return chosen;
    });
    const desired = [...columns, ...rowBlocks.filter((_, i) => picked.desired.has(i))];
    const have = existing.filter((p) => p.sheetKey !== null);
    const me = effectiveUser();
    const diff = diffProtections(desired, have, {
      owner: plan.owner,
      effectiveUser: me,
      sizes: plan.layouts,
    });
    applyDiff(diff, {
      sheets,
      foreignSheetProtection: new Set(),
      effectiveUser: me,
      onlyEditable: { owner: ex.owner },
    });
  } catch (e) {
    // the rows are saved; the hourly reconcile protects them if this could not
    console.warn(`Sheets CRM: protecting new customer rows failed: ${messageOf(e)}`);
  }
}

// ---- setup ------------------------------------------------------------------------------------

/**
 * Setup step: one hourly reconcile trigger for the workbook (recorded with its installer, so a
 * second admin re-running setup does not add another) and the protections applied now.
 */
export function setUpProtections(ex: Execution, locale: Locale): void {
  const { installer } = installDocumentTrigger(
    RECONCILE_HANDLER,
    () => ScriptApp.newTrigger(RECONCILE_HANDLER).timeBased().everyHours(1).create(),
    (who) => resolveRole(who, ex.owner, ex.roles).role === 'admin',
  );
  writeState({ ...readState(), installer });
  reconcile(ex, locale);
}

// ---- entry points -----------------------------------------------------------------------------

function groupOption(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as { groupByOwner?: unknown }).groupByOwner === true
  );
}

function run(ex: Execution, group: boolean): ApplyPermissionsResult {
  return withDocumentLock(ex, () => {
    const grouped = group ? groupCustomersByOwner(ex) : null;
    const result = reconcile(ex);
    const { created, updated, deleted, unchanged } = result.report.counts;
    recordAction(ex, {
      action: 'protections',
      details: { created, updated, deleted, unchanged, grouped: grouped ? grouped.moved : undefined },
    });
    return { ...result, grouped };
  });
}

/** `crm protect` and google.script.run: reconcile; `{groupByOwner: true}` sorts rows by owner first. */
export function applyPermissions(options?: unknown): ApplyPermissionsResult {
  const ex = begin();
  requireAction(ex, 'applyPermissions');
  return run(ex, groupOption(options));
}

/** What grouping by owner would move (for the confirmation), nothing written. */
export function previewOwnerGrouping(): GroupingSummary {
  const ex = begin();
  requireAction(ex, 'applyPermissions');
  return previewGrouping(ex);
}

/** Menu "Apply permissions": offers grouping when it saves protections, then shows the drift report. */
export function menuApplyPermissions(): ApplyPermissionsResult {
  const ex = begin();
  requireAction(ex, 'applyPermissions');
  const ui = SpreadsheetApp.getUi();
  const g = previewGrouping(ex);
  let group = false;
  if (g.moved > 0 && g.blocksAfter < g.blocksBefore) {
    const answer = ui.alert(
      ex.t('perm.group.title'),
      ex.t('perm.group.confirm', { ...g }),
      ui.ButtonSet.YES_NO,
    );
    group = answer === ui.Button.YES;
  }
  const result = run(ex, group);
  ui.alert(ex.t('perm.title'), resultText(ex, result), ui.ButtonSet.OK);
  return result;
}

export function resultText(ex: Execution, result: ApplyPermissionsResult): string {
  const lines: string[] = [];
  if (result.grouped && result.grouped.moved)
    lines.push(ex.t('perm.group.done', { moved: result.grouped.moved }));
  lines.push(result.report.summary, ...result.notes, ...result.report.lines.slice(0, 20));
  return lines.join('\n');
}

/**
 * The hourly trigger (runs as the admin who installed it): reconciles when the plan changed since
 * the last full run or a day has passed, so a quiet hour costs one read of the data, not of every
 * protection.
 */
export function reconcileProtectionsTrigger(e?: { triggerUid?: string }): ReconcileResult | null {
  return reportingFailures(
    RECONCILE_HANDLER,
    () => {
      if (e?.triggerUid !== undefined && !isDocumentTriggerEvent(RECONCILE_HANDLER, e.triggerUid))
        return null;
      const ex = beginAsInstaller();
      requireInstallerAction(ex, 'applyPermissions', RECONCILE_HANDLER);
      return withDocumentLock(ex, () => {
        flushPendingAudit(ex.wb); // the hourly run appends what account managers' saves parked
        const state = readState();
        if (state.hash && state.at && Date.now() - state.at < FULL_CHECK_MS) {
          const { input } = readPlanInput(ex);
          if (planHash(planProtections(input)) === state.hash) return null;
        }
        return reconcile(ex);
      });
    },
    e,
  );
}
