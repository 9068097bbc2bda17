/**
 * The tiering sidebar's view model, pure (no DOM, no google.script): what each field, table row and
 * line of text says, from the server's data. main.ts turns it into DOM with h(), which puts every
 * string in as a text node, so names like `<img src=x onerror=alert(1)>` show as typed.
 */
import type { TierMethod, TierOptions, TierFormInput } from '../../core/tiering';
import type { TierPreviewData, TierUiMessages } from '../../server/tiering';
import { formatMessage } from '../../i18n/format';

export type Messages = TierUiMessages;
/** A key of the sidebar's own texts. */
export type UiKey = keyof TierUiMessages;

export const METHOD_LABELS: Record<TierMethod, UiKey> = {
  cumulative: 'tier.ui.method.cumulative',
  rank: 'tier.ui.method.rank',
  absolute: 'tier.ui.method.absolute',
};
export const METRIC_LABELS: Record<string, UiKey> = {
  revenue: 'tier.ui.metric.revenue',
  orders: 'tier.ui.metric.orders',
};
export const GROUP_LABELS: Record<string, UiKey> = {
  '': 'tier.ui.groupBy.none',
  owner: 'tier.ui.groupBy.owner',
  region: 'tier.ui.groupBy.region',
};
const CUTOFF_LABELS: Record<TierMethod, [UiKey, UiKey]> = {
  cumulative: ['tier.ui.cutoff.cumulative.a', 'tier.ui.cutoff.cumulative.b'],
  rank: ['tier.ui.cutoff.rank.a', 'tier.ui.cutoff.rank.b'],
  absolute: ['tier.ui.cutoff.absolute.a', 'tier.ui.cutoff.absolute.b'],
};

export function cutoffLabels(method: string): [UiKey, UiKey] {
  return CUTOFF_LABELS[(method in CUTOFF_LABELS ? method : 'cumulative') as TierMethod];
}

/** Shares show as percentages people type back ("80%"); thresholds as plain numbers. */
export function cutoffText(method: string, value: number): string {
  if (!Number.isFinite(value)) return '';
  if (method === 'absolute') return String(value);
  return `${Math.round(value * 10000) / 100}%`;
}

/** The chosen method's two cut-offs (as core's activeCutoffs; not imported, to keep the catalogs out of the page). */
export function cutoffsOf(options: TierOptions, method: string): { a: number; b: number } {
  if (method === 'rank') return { a: options.rankA, b: options.rankB };
  if (method === 'absolute') return { a: options.absoluteA, b: options.absoluteB };
  return { a: options.a, b: options.b };
}

/** The form's initial values from the saved options. */
export function formFromOptions(options: TierOptions): Required<TierFormInput> {
  const { a, b } = cutoffsOf(options, options.method);
  return {
    method: options.method,
    metric: options.metric,
    windowMonths: Number.isFinite(options.windowMonths) ? String(options.windowMonths) : '',
    groupBy: options.groupBy,
    cutoffA: cutoffText(options.method, a),
    cutoffB: cutoffText(options.method, b),
  };
}

export function shareText(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function valueText(value: number, metric: string, currency: string, locale: string): string {
  if (metric === 'orders') return value.toLocaleString(locale);
  const amount = value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? `${currency}${amount}` : amount;
}

export interface TierRowView {
  tier: string;
  customers: string;
  share: string;
  followUp: string;
}

export function tierRows(
  preview: TierPreviewData,
  cadence: Record<'A' | 'B' | 'C', number>,
  messages: Messages,
  locale: string,
): TierRowView[] {
  return (['A', 'B', 'C'] as const).map((tier) => ({
    tier,
    customers: preview.tiers[tier].count.toLocaleString(locale),
    share: shareText(preview.tiers[tier].share),
    followUp: formatMessage(messages, 'tier.ui.followUpDays', { days: cadence[tier] }),
  }));
}

export interface ChangeRowView {
  /** "Name (C000012)" */
  customer: string;
  /** "– → A" */
  change: string;
  value: string;
}

export function changeRows(preview: TierPreviewData, currency: string, locale: string): ChangeRowView[] {
  return preview.changes.items.map((c) => ({
    customer: c.name ? `${c.name} (${c.id})` : c.id,
    change: `${c.oldTier || '–'} → ${c.newTier}`,
    value: valueText(c.value, preview.options.metric, currency, locale),
  }));
}

export function windowText(preview: TierPreviewData, messages: Messages): string {
  const w = preview.window;
  return w.startIso
    ? formatMessage(messages, 'tier.ui.windowRange', { start: w.startIso, end: w.endIso })
    : formatMessage(messages, 'tier.ui.allTime', { end: w.endIso });
}
