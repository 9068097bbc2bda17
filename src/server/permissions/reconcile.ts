/**
 * The permission reconciler: the plan from core (bounded by people, not rows), the protected ranges
 * Sheets has (one Sheets.Spreadsheets.get with a fields mask), and only the difference sent as
 * batchUpdate requests. Entry points: the menu item "Apply permissions" (admins), `applyPermissions`
 * (the runner's `crm protect`), `previewOwnerGrouping`, and the hourly trigger
 * `reconcileProtectionsTrigger` installed by setup.
 *
 * The hourly check stops after a few calls when the fingerprint (core fingerprintText: people and
 * roles, the customers' columns, sheet ids and sizes) is the one of the last complete run; a full
 * check runs daily anyway, to repair protections a user changed by hand. A run with more requests
 * than its budget sends the first ones (creates first) and leaves the rest to the next run, which
 * reads again and continues: nothing is lost between executions, and no run outlives its limit.
 */
import {
  diffProtections,
  driftReport,
  DriftReport,
  fingerprintDigest,
  fingerprintText,
  planProtections,
} from '../../core/permissions';
import { resolveRole } from '../../core/roles';
import { Locale } from '../../i18n';
import { flushPendingAudit, recordAction } from '../audit';
import { diffRequests } from './apply';
import { groupCustomersByOwner, GroupingSummary, previewGrouping } from './group';
import { readPlanInput } from './read';
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
  batchUpdate,
  DOC_KEYS,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  readJson,
  readNumber,
  withDocumentLock,
  writeJson,
} from '../document';

export const RECONCILE_HANDLER = 'reconcileProtectionsTrigger';
/** The hourly trigger skips work while the fingerprint is unchanged, but checks fully daily. */
const FULL_CHECK_MS = 24 * 3600 * 1000;
/** Requests one execution sends at most; the rest waits for the next run (tests inject a tiny one). */
const REQUESTS_PER_RUN = 2000;

export interface ReconcileResult {
  report: DriftReport;
  /** localized notes: sheets whose own whole-sheet protection was left alone, work left for later */
  notes: string[];
  /** requests left for the next run (0: the workbook is in sync) */
  pending: number;
  /** batchUpdate calls made */
  batchCalls: number;
}

export interface ApplyPermissionsResult extends ReconcileResult {
  grouped: GroupingSummary | null;
}

interface State {
  /** digest of the fingerprint of the last complete run */
  fingerprint?: string;
  at?: number;
  installer?: string;
  /** requests the last run left for the next one */
  pending?: number;
}

function readState(): State {
  return readJson(DOC_KEYS.protections, (v) => asRecord(v) as State | null) ?? {};
}

function writeState(state: State): void {
  writeJson(DOC_KEYS.protections, state);
}

const digest = fingerprintDigest;

const effectiveUser = () => Session.getEffectiveUser().getEmail();

/** Full reconcile of every sheet of the add-on. The caller checked the role and holds the lock. */
export function reconcile(ex: Execution, locale: Locale = ex.locale): ReconcileResult {
  const read = readPlanInput(ex, true);
  const plan = planProtections({ ...read.input, locale });
  // An execution's effective user is the person it revealed as active (a run as the user) or as
  // effective (a trigger): no Session call then.
  const me = ex.identity === 'active' || ex.identity === 'effective' ? ex.user.email : effectiveUser();
  const diff = diffProtections(plan.protections, read.existing, {
    owner: plan.owner,
    effectiveUser: me,
    sizes: plan.layouts,
  });
  // Sheets has one whole-sheet protection per sheet: someone else's stays, and is reported.
  const notes: string[] = [];
  diff.create = diff.create.filter((c) => {
    const blocked = c.desired.range === null && read.foreignSheetProtection.has(c.desired.sheetKey);
    if (blocked)
      notes.push(ex.t('perm.foreignSheetProtection', { sheet: ex.t(`sheet.${c.desired.sheetKey}`) }));
    return !blocked;
  });
  const requests = diffRequests(diff, { sheetIds: read.sheetIds, effectiveUser: me });
  const budget = Math.max(1, readNumber(DOC_KEYS.protectionsRequestsPerRun) ?? REQUESTS_PER_RUN);
  const now = requests.slice(0, budget);
  const pending = requests.length - now.length;
  const batchCalls = batchUpdate(ex.wb.id(), now);
  if (pending) notes.push(ex.t('perm.resumed', { done: now.length, left: pending }));
  const fingerprint = pending ? undefined : digest(fingerprintText(plan, read.sheetIds));
  writeState({ ...readState(), fingerprint, at: Date.now(), pending: pending || undefined });
  return { report: driftReport(diff, locale), notes, pending, batchCalls };
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

/**
 * Menu "Apply permissions": reconciles and shows the drift report. Protections no longer depend on
 * the row order, so grouping rows by owner is not offered here (`crm protect --group-by-owner` still
 * sorts them, for people who like their rows grouped).
 */
export function menuApplyPermissions(): ApplyPermissionsResult {
  const ex = begin();
  requireAction(ex, 'applyPermissions');
  const ui = SpreadsheetApp.getUi();
  const result = run(ex, false);
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
 * The hourly trigger (runs as the admin who installed it): stops after a few calls when the
 * fingerprint equals the last complete run's and no work is pending; otherwise reconciles, going on
 * from where a run with too much to do stopped.
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
        if (state.fingerprint && !state.pending && state.at && Date.now() - state.at < FULL_CHECK_MS) {
          const read = readPlanInput(ex, false);
          const plan = planProtections(read.input);
          if (digest(fingerprintText(plan, read.sheetIds)) === state.fingerprint) return null;
        }
        return reconcile(ex);
      });
    },
    e,
  );
}
