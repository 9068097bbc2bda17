import { withDefaults } from '../../../src/core/schema';
import { tierOptionsFromSettings } from '../../../src/core/tiering';
import { en } from '../../../src/i18n/catalog/tiering';
import type { TierPreviewData } from '../../../src/server/tiering';
import { formatMessage } from '../../../src/i18n';
import {
  changeRows,
  cutoffLabels,
  cutoffText,
  formFromOptions,
  shareText,
  tierRows,
  valueText,
  windowText,
} from '../../../src/ui/tier-sidebar/view';

const HOSTILE = '<img src=x onerror=alert(1)>';

function preview(): TierPreviewData {
  const options = {
    ...tierOptionsFromSettings(withDefaults({})),
    method: 'cumulative',
    metric: 'revenue',
    groupBy: '',
  };
  return {
    options: options as TierPreviewData['options'],
    window: { startDay: 1, endDay: 2, startIso: '2025-11-24', endIso: '2026-11-23' },
    totals: { customers: 3, ranked: 2, value: 300, purchasesCounted: 4 },
    sourceNote: 'Values summed from 4 purchase rows.',
    tiers: {
      A: { count: 1, value: 250, share: 250 / 300 },
      B: { count: 1, value: 50, share: 50 / 300 },
      C: { count: 1, value: 0, share: 0 },
      other: { count: 0, value: 0, share: 0 },
    },
    pareto: {
      n: 2,
      total: 300,
      points: [],
      cutoffs: { aRank: 1, bRank: 2, aShare: 0.83, bShare: 1 },
      grouped: false,
    },
    changes: {
      items: [
        {
          id: 'C000001',
          row: 2,
          oldTier: '',
          newTier: 'A',
          value: 1234.5,
          rank: 1,
          group: '',
          name: HOSTILE,
        },
      ],
      page: 1,
      pageSize: 50,
      total: 1,
      pages: 1,
    },
    warnings: [],
    locked: 0,
  };
}

describe('tier sidebar view model', () => {
  test('a customer name is carried as plain text, never parsed (h() renders it as a text node)', () => {
    const [row] = changeRows(preview(), '¥', 'en');
    expect(row).toEqual({ customer: `${HOSTILE} (C000001)`, change: '– → A', value: '¥1,234.50' });
  });

  test('tier rows: counts, shares and the follow-up cadence per tier', () => {
    const rows = tierRows(preview(), { A: 14, B: 30, C: 90 }, en, 'en');
    expect(rows.map((r) => [r.tier, r.customers, r.share, r.followUp])).toEqual([
      ['A', '1', '83.3%', 'every 14 days'],
      ['B', '1', '16.7%', 'every 30 days'],
      ['C', '1', '0.0%', 'every 90 days'],
    ]);
  });

  test('the form starts from the saved options, shares as percentages', () => {
    const saved = tierOptionsFromSettings(withDefaults({ 'tier.method': 'rank' }));
    expect(formFromOptions(saved)).toEqual({
      method: 'rank',
      metric: 'revenue',
      windowMonths: '12',
      groupBy: '',
      cutoffA: '20%',
      cutoffB: '30%',
    });
    expect(cutoffText('absolute', 100000)).toBe('100000');
    expect(cutoffText('cumulative', 0.955)).toBe('95.5%');
    expect(cutoffLabels('absolute')).toEqual(['tier.ui.cutoff.absolute.a', 'tier.ui.cutoff.absolute.b']);
    expect(cutoffLabels('nonsense')[0]).toBe('tier.ui.cutoff.cumulative.a');
  });

  test('texts: window, shares, values, placeholders', () => {
    expect(windowText(preview(), en)).toBe('Purchases from 2025-11-24 to 2026-11-23');
    expect(windowText({ ...preview(), window: { ...preview().window, startIso: null } }, en)).toBe(
      'All purchases up to 2026-11-23',
    );
    expect(shareText(0.8)).toBe('80.0%');
    expect(valueText(12, 'orders', '¥', 'en')).toBe('12');
    expect(formatMessage({ k: 'a {x} b' }, 'k', { x: HOSTILE })).toBe(`a ${HOSTILE} b`);
    expect(formatMessage<string>({}, 'missing.key')).toBe('missing.key');
  });
});
