/** The drift report of a reconcile run: counts and one localized line per change (never per unchanged). */
import { Locale, translator, Translate } from '../../i18n';
import { SheetKey } from '../schema';
import { GridRange, rangeToA1 } from './range';
import { ProtectionDiff, UpdateChanges } from './diff';

export interface DriftReport {
  counts: { created: number; updated: number; deleted: number; unchanged: number; ignored: number };
  summary: string;
  lines: string[];
}

/** `maxLines` caps the per-item lines (a first run on an ungrouped sheet may create thousands). */
export function driftReport(diff: ProtectionDiff<unknown>, locale: Locale, maxLines = 200): DriftReport {
  const t = translator(locale);
  const counts = {
    created: diff.create.length,
    updated: diff.update.length,
    deleted: diff.delete.length,
    unchanged: diff.unchanged.length,
    ignored: diff.ignored,
  };
  const inSync = counts.created + counts.updated + counts.deleted === 0;
  let summary = t(inSync ? 'perm.drift.inSync' : 'perm.drift.summary', counts);
  if (counts.ignored) summary += ' ' + t('perm.drift.ignored', { count: counts.ignored });

  const lines: string[] = [];
  for (const c of diff.create) {
    const what = place(t, c.desired.sheetKey, c.desired.range);
    lines.push(t('perm.drift.created', { what, editors: c.desired.editors.join(', ') }));
  }
  for (const u of diff.update) {
    const what = place(t, u.desired.sheetKey, u.existing.range);
    lines.push(t('perm.drift.updated', { what, changes: changeText(t, u.changes) }));
  }
  for (const d of diff.delete) {
    lines.push(t('perm.drift.deleted', { what: place(t, d.sheetKey, d.existing.range) }));
  }
  if (lines.length > maxLines) {
    const more = lines.length - maxLines;
    lines.length = maxLines;
    lines.push(t('perm.drift.more', { count: more }));
  }
  return { counts, summary, lines };
}

function place(t: Translate, sheetKey: SheetKey, range: GridRange | null): string {
  const sheet = t(`sheet.${sheetKey}`);
  return range
    ? t('perm.drift.range', { sheet, range: rangeToA1(range) })
    : t('perm.drift.wholeSheet', { sheet });
}

function changeText(t: Translate, c: UpdateChanges): string {
  const parts: string[] = [];
  if (c.warningOnly) parts.push(t('perm.drift.change.warningOnly'));
  if (c.addEditors.length) parts.push(t('perm.drift.change.added', { emails: c.addEditors.join(', ') }));
  if (c.removeEditors.length)
    parts.push(t('perm.drift.change.removed', { emails: c.removeEditors.join(', ') }));
  if (c.domainEdit) parts.push(t('perm.drift.change.domainEdit'));
  if (c.range?.to) parts.push(t('perm.drift.change.range', { range: rangeToA1(c.range.to) }));
  if (c.unprotectedRanges) parts.push(t('perm.drift.change.unprotected'));
  if (c.description) parts.push(t('perm.drift.change.description'));
  return parts.join('; ');
}
