/**
 * Applies a protection diff to the spreadsheet: create, then update, then delete (a half-applied
 * run errs on the side of too much protection), each item's steps in the order core gives them.
 * Nothing here decides anything; the calls are proportional to the diff, never to rows.
 */
import { normalizeEmail } from '../../core/roles';
import {
  CreateItem,
  DesiredProtection,
  ExistingProtection,
  ProtectionDiff,
  ProtectionStep,
  rangeToA1,
} from '../../core/permissions';
import { SheetKey } from '../../core/schema';
import type { Handle } from './read';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ApplyOptions {
  sheets: Partial<Record<SheetKey, Sheet>>;
  /** the account this runs as */
  effectiveUser: string;
  /** sheets whose one whole-sheet protection belongs to someone else: the add-on does not take it over */
  foreignSheetProtection: Set<SheetKey>;
  /**
   * The per-row path, run as whoever wrote the rows: skip what this user may not change, and what
   * they could not create without staying one of its editors (Sheets never removes the caller).
   */
  onlyEditable?: { owner: string };
}

export interface ApplyResult {
  /** items not applied: whole-sheet protections left to their owner, or not editable by this user */
  skipped: DesiredProtection[];
}

export function applyDiff(diff: ProtectionDiff<Handle>, options: ApplyOptions): ApplyResult {
  const skipped: DesiredProtection[] = [];
  // Sheets has one whole-sheet protection per sheet: a stale marked one is reused, not re-created.
  const staleSheetLevel = new Map<SheetKey, ExistingProtection<Handle>>();
  for (const d of diff.delete) if (d.existing.range === null) staleSheetLevel.set(d.sheetKey, d.existing);
  const reused = new Set<Handle>();

  for (const item of diff.create) {
    const created = create(item, options, staleSheetLevel, reused);
    if (!created) {
      skipped.push(item.desired);
      continue;
    }
    // A new protection mirrors the spreadsheet's permissions (nobody is kept out) until its editor
    // list is changed; when the plan adds nobody (an admins-only sheet protected by the owner),
    // adding the effective user is the change that makes it real.
    if (!item.steps.some((s) => s.kind === 'addEditors')) created.protection.addEditor(options.effectiveUser);
    runSteps(created.protection, created.sheet, item.steps);
  }
  for (const item of diff.update) {
    const p = item.existing.handle.protection;
    if (options.onlyEditable && !p.canEdit()) {
      skipped.push(item.desired);
      continue;
    }
    runSteps(p, item.existing.handle.sheet, item.steps);
  }
  for (const item of diff.delete) {
    if (reused.has(item.existing.handle)) continue;
    const p = item.existing.handle.protection;
    if (options.onlyEditable && !p.canEdit()) continue;
    p.remove();
  }
  return { skipped };
}

function create(
  item: CreateItem,
  options: ApplyOptions,
  staleSheetLevel: Map<SheetKey, ExistingProtection<Handle>>,
  reused: Set<Handle>,
): Handle | null {
  const { desired } = item;
  const sheet = options.sheets[desired.sheetKey];
  if (!sheet) return null;
  const only = options.onlyEditable;
  const me = normalizeEmail(options.effectiveUser);
  if (only && me !== normalizeEmail(only.owner) && !desired.editors.includes(me)) return null;
  if (desired.range) return { protection: sheet.getRange(rangeToA1(desired.range)).protect(), sheet };
  if (options.foreignSheetProtection.has(desired.sheetKey)) return null;
  const stale = staleSheetLevel.get(desired.sheetKey);
  if (stale) {
    // create steps set editors and description; what else a stale one may carry is reset here
    const p = stale.handle.protection;
    if (stale.warningOnly) p.setWarningOnly(false);
    if (stale.unprotectedRanges?.length && !desired.unprotectedRanges.length) p.setUnprotectedRanges([]);
    reused.add(stale.handle);
    return stale.handle;
  }
  return { protection: sheet.protect(), sheet };
}

function runSteps(p: Protection, sheet: Sheet, steps: ProtectionStep[]): void {
  for (const step of steps) runStep(p, sheet, step);
}

function runStep(p: Protection, sheet: Sheet, step: ProtectionStep): void {
  switch (step.kind) {
    case 'setWarningOnly':
      p.setWarningOnly(step.value);
      return;
    case 'addEditors':
      p.addEditors(step.emails);
      return;
    case 'removeEditors':
      p.removeEditors(step.emails);
      return;
    case 'removeEditorsExcept': {
      const keep = new Set(step.keep);
      const drop = p
        .getEditors()
        .map((u) => normalizeEmail(u.getEmail()))
        .filter((e) => e && !keep.has(e));
      if (drop.length) p.removeEditors(drop);
      return;
    }
    case 'disableDomainEdit':
      // true is only possible on a Workspace domain, where turning it off is allowed
      if (p.canDomainEdit()) p.setDomainEdit(false);
      return;
    case 'setRange':
      p.setRange(sheet.getRange(rangeToA1(step.range)));
      return;
    case 'setUnprotectedRanges':
      p.setUnprotectedRanges(step.ranges.map((r) => sheet.getRange(rangeToA1(r))));
      return;
    case 'setDescription':
      p.setDescription(step.description);
      return;
  }
}
