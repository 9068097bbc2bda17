import { SheetRow } from '../../../src/core/schema';
import {
  computeTiers,
  tierOptionsFromSettings,
  downsampleRanks,
  paretoChart,
  pageOf,
  tierPreview,
  tierWarningMessages,
} from '../../../src/core/tiering';

describe('pageOf', () => {
  const items = Array.from({ length: 23 }, (_, i) => i + 1);

  it('cuts one page, 1-based', () => {
    expect(pageOf(items, 1, 10)).toEqual({
      items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      page: 1,
      pageSize: 10,
      total: 23,
      pages: 3,
    });
    expect(pageOf(items, 3, 10).items).toEqual([21, 22, 23]);
  });

  it('clamps what the client sends', () => {
    expect(pageOf(items, 9, 10).page).toBe(3);
    expect(pageOf(items, 0, 10).page).toBe(1);
    expect(pageOf(items, NaN, 10).page).toBe(1);
    expect(pageOf(items, 2.7, 10).page).toBe(2);
    expect(pageOf(items, 1, 0).pageSize).toBe(1);
    expect(pageOf(items, 1, 10_000).pageSize).toBe(500);
    expect(pageOf(items, 1, NaN).pageSize).toBe(50);
  });

  it('has one empty page for an empty list', () => {
    expect(pageOf([], 5, 10)).toEqual({ items: [], page: 1, pageSize: 10, total: 0, pages: 1 });
  });
});

describe('downsampleRanks', () => {
  it('keeps every rank of a small chart', () => {
    expect(downsampleRanks(5, 200, [2, 3])).toEqual([1, 2, 3, 4, 5]);
    expect(downsampleRanks(0, 200)).toEqual([]);
  });

  it('spreads at most maxPoints ranks, with the ends and the cut-offs', () => {
    const ranks = downsampleRanks(100_000, 200, [20_000, 20_001, 35_123, 35_124]);
    expect(ranks.length).toBeLessThanOrEqual(200);
    expect(ranks.length).toBeGreaterThan(190);
    expect(ranks[0]).toBe(1);
    expect(ranks[ranks.length - 1]).toBe(100_000);
    expect(ranks).toEqual(expect.arrayContaining([20_000, 20_001, 35_123, 35_124]));
    expect(ranks).toEqual([...new Set(ranks)].sort((x, y) => x - y));
  });

  it('ignores cut-offs outside 1..n', () => {
    expect(downsampleRanks(300, 10, [0, 301])).toHaveLength(10);
  });
});

describe('paretoChart', () => {
  it('gives the cumulative share at each point and at the cut-offs', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i); // total 500500
    const chart = paretoChart(values, 100, 200, false, 20);
    expect(chart.points.length).toBeLessThanOrEqual(20);
    const at = (rank: number) => chart.points.find((p) => p.rank === rank)!;
    expect(at(1)).toEqual({ rank: 1, value: 1000, cumulativeShare: 1000 / 500500 });
    expect(at(1000).cumulativeShare).toBe(1);
    expect(at(101).value).toBe(900);
    // top 100 hold (1000 + 901) * 100 / 2 = 95050
    expect(chart.cutoffs).toEqual({
      aRank: 100,
      bRank: 300,
      aShare: 95050 / 500500,
      bShare: 255150 / 500500,
    });
    expect(at(100).cumulativeShare).toBe(chart.cutoffs.aShare);
  });

  it('has zero shares and no points without positive values', () => {
    expect(paretoChart([], 0, 0, false)).toEqual({
      n: 0,
      total: 0,
      points: [],
      cutoffs: { aRank: 0, bRank: 0, aShare: 0, bShare: 0 },
      grouped: false,
    });
  });
});

describe('tierPreview', () => {
  const customers: SheetRow[] = Array.from({ length: 120 }, (_, i) => ({
    row: i + 2,
    values: {
      id: `C${String(i + 1).padStart(6, '0')}`,
      owner: i < 7 ? '' : 'rep@x.com',
      tier: 'C',
      name: '<img src=x onerror=alert(1)>',
    },
  }));
  const purchases: SheetRow[] = customers.map((c, i) => ({
    row: i + 2,
    values: {
      orderId: `O${i}`,
      date: '2024-06-01',
      customerId: c.values.id,
      amount: i % 10 === 0 ? 0 : 1000 - i,
    },
  }));
  const result = computeTiers({
    customers,
    purchases,
    options: tierOptionsFromSettings({}),
    now: Date.UTC(2024, 5, 15),
    timeZone: 'Asia/Shanghai',
    locale: 'en',
  });

  it('sends aggregates and one page of changes, never every customer', () => {
    const preview = tierPreview(result, 2, 25);
    expect(preview).not.toHaveProperty('customers');
    expect(preview.changes.items).toEqual(result.changes.slice(25, 50));
    expect(preview.changes).toMatchObject({ page: 2, pageSize: 25, total: result.changes.length });
    expect(preview.tiers).toBe(result.tiers);
    expect(preview.pareto.points.length).toBeLessThanOrEqual(200);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });

  it('phrases the warnings in both languages', () => {
    expect(tierWarningMessages(result.warnings, 'en')).toEqual([
      '7 customers have no account manager: C000001, C000002, C000003, C000004, C000005, ….',
    ]);
    expect(tierWarningMessages(result.warnings, 'zh-CN')).toEqual([
      '7 位客户没有客户经理：C000001, C000002, C000003, C000004, C000005, …。',
    ]);
    const rows = { ...result.warnings, invalidDates: { count: 2, first: [5, 9] } };
    expect(tierWarningMessages(rows, 'en')[1]).toBe(
      '2 purchase rows have a date that cannot be read and were skipped (rows 5, 9).',
    );
  });
});
