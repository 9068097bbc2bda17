/**
 * What the tiering sidebar receives: aggregates, the Pareto data, the warnings and one page of
 * changes, never every row (google.script.run payloads stay small at 100,000 customers).
 */
import { Locale, MessageKey, t } from '../../i18n';
import { TierChange, TierResult, TierWarnings, WarningSample } from './tiers';

export interface Page<T> {
  items: T[];
  /** 1-based, clamped to 1..pages */
  page: number;
  pageSize: number;
  total: number;
  /** at least 1, so "page 1 of 1" reads right for an empty list */
  pages: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * One page of a list. Page and size come from the client, so anything odd is clamped rather than
 * refused: size to 1..MAX_PAGE_SIZE (default when not a number), page to 1..pages.
 */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number = DEFAULT_PAGE_SIZE): Page<T> {
  const size = Number.isFinite(pageSize)
    ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)))
    : DEFAULT_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Number.isFinite(page) ? Math.min(pages, Math.max(1, Math.floor(page))) : 1;
  return {
    items: items.slice((p - 1) * size, p * size),
    page: p,
    pageSize: size,
    total: items.length,
    pages,
  };
}

export type TierPreview = Omit<TierResult, 'customers' | 'changes'> & { changes: Page<TierChange> };

/** The sidebar payload: everything but the per-customer list, and one page of changes. */
export function tierPreview(result: TierResult, page = 1, pageSize = DEFAULT_PAGE_SIZE): TierPreview {
  const { customers: _all, changes, ...rest } = result;
  return { ...rest, changes: pageOf(changes, page, pageSize) };
}

const WARNING_KEYS = {
  noOwner: 'tier.warning.noOwner',
  noPurchases: 'tier.warning.noPurchases',
  noPurchasesInWindow: 'tier.warning.noPurchasesInWindow',
  duplicateIds: 'tier.warning.duplicateIds',
  invalidDates: 'tier.warning.invalidDates',
  invalidAmounts: 'tier.warning.invalidAmounts',
  missingOrderIds: 'tier.warning.missingOrderIds',
  unknownCustomers: 'tier.warning.unknownCustomers',
} as const satisfies Record<keyof TierWarnings, MessageKey>;

/** The warnings as localized sentences (plain text: the UI escapes it), empty ones left out. */
export function tierWarningMessages(warnings: TierWarnings, locale: Locale): string[] {
  const out: string[] = [];
  for (const name of Object.keys(WARNING_KEYS) as Array<keyof TierWarnings>) {
    const key = WARNING_KEYS[name];
    const w: WarningSample<string | number> = warnings[name];
    if (w.count === 0) continue;
    const first = w.first.join(', ') + (w.count > w.first.length ? ', …' : '');
    out.push(t(locale, key, { count: w.count, first }));
  }
  return out;
}
