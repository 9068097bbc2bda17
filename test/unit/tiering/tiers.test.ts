import { runInNewContext } from 'vm';
import { SheetRow, CellValue } from '../../../src/core/schema';
import {
  computeTiers,
  TierInput,
  TierResult,
  TierOptions,
  tierOptionsFromSettings,
} from '../../../src/core/tiering';

let nextRow = 2;
function customer(id: CellValue, values: Record<string, CellValue> = {}): SheetRow {
  return {
    row: nextRow++,
    values: { id, owner: 'rep@example.com', region: 'North', tier: '', tierLocked: '', ...values },
  };
}
function purchase(
  customerId: CellValue,
  amount: CellValue,
  date: CellValue = '2024-06-01',
  orderId: CellValue = '',
): SheetRow {
  return {
    row: nextRow++,
    values: { orderId: orderId === '' ? `O${nextRow}` : orderId, date, customerId, amount },
  };
}

const NOW = Date.UTC(2024, 5, 15, 12); // 2024-06-15 in UTC

function run(
  customers: SheetRow[],
  purchases: SheetRow[],
  options: Partial<TierOptions> = {},
  extra: Partial<TierInput> = {},
): TierResult {
  return computeTiers({
    customers,
    purchases,
    options: { ...tierOptionsFromSettings({}), ...options },
    now: NOW,
    timeZone: 'UTC',
    locale: 'en',
    ...extra,
  });
}

/** id -> newTier */
function tiers(result: TierResult): Record<string, string> {
  return Object.fromEntries(result.customers.map((c) => [c.id, c.newTier]));
}

/** customers C000001.. with the given revenues, one purchase each (0 = no purchase) */
function book(values: number[], extra: (i: number) => Record<string, CellValue> = () => ({})) {
  const customers = values.map((_, i) => customer(`C00000${i + 1}`.slice(-7), extra(i)));
  const purchases = values.flatMap((v, i) => (v === 0 ? [] : [purchase(customers[i].values.id, v)]));
  return { customers, purchases };
}

describe('cumulative method', () => {
  it('uses the share of value ranked before: exactly a is B, exactly b is C', () => {
    const { customers, purchases } = book([50, 30, 15, 5]);
    const r = run(customers, purchases);
    // prior shares: 0, 0.5, 0.8, 0.95
    expect(tiers(r)).toEqual({ C000001: 'A', C000002: 'A', C000003: 'B', C000004: 'C' });
    expect(r.customers.map((c) => c.rank)).toEqual([1, 2, 3, 4]);
    expect(r.totals).toEqual({ customers: 4, ranked: 4, value: 100, purchasesCounted: 4 });
  });

  it('keeps exact cut-offs exact for amounts with cents', () => {
    // 0.7 + 0.1 is 0.7999999999999999 in binary, but it is 80 % of 1.00: B, not A
    const { customers, purchases } = book([0.7, 0.1, 0.05, 0.05, 0.05, 0.05]);
    expect(
      run(customers, purchases)
        .customers.map((c) => c.newTier)
        .join(''),
    ).toBe('AABBBC');
  });

  it('breaks ties by id ascending', () => {
    const { customers, purchases } = book([40, 40, 20].reverse());
    // values: C001 20, C002 40, C003 40 -> order C002, C003, C001; priors 0, .4, .8
    const r = run(customers, purchases);
    const byId = Object.fromEntries(r.customers.map((c) => [c.id, c]));
    expect([byId.C000002.rank, byId.C000003.rank, byId.C000001.rank]).toEqual([1, 2, 3]);
    expect(tiers(r)).toEqual({ C000001: 'B', C000002: 'A', C000003: 'A' });
  });

  it('makes everyone C, unranked, when every value is zero or negative', () => {
    const { customers, purchases } = book([0, 0, -10]);
    const r = run(customers, purchases);
    expect(tiers(r)).toEqual({ C000001: 'C', C000002: 'C', C000003: 'C' });
    expect(r.customers.every((c) => c.rank === null)).toBe(true);
    expect(r.tiers.C).toEqual({ count: 3, value: 0, share: 0 });
    expect(r.pareto.n).toBe(0);
    expect(r.pareto.points).toEqual([]);
  });

  it('makes a single customer with value A', () => {
    const { customers, purchases } = book([7]);
    const r = run(customers, purchases);
    expect(tiers(r)).toEqual({ C000001: 'A' });
  });

  it('nets refunds: a negative total is C and does not count in the total', () => {
    const customers = [customer('C000001'), customer('C000002')];
    const purchases = [
      purchase('C000001', 100),
      purchase('C000001', -100),
      purchase('C000002', -5),
      purchase('C000002', 10),
    ];
    const r = run(customers, purchases);
    expect(r.customers.map((c) => [c.value, c.newTier, c.rank])).toEqual([
      [0, 'C', null],
      [5, 'A', 1],
    ]);
    expect(r.totals.value).toBe(5);
  });

  it('honours custom cut-offs', () => {
    const { customers, purchases } = book([50, 30, 15, 5]);
    // prior shares 0, 0.5, 0.8, 0.95 against 0.5 and 0.9
    expect(tiers(run(customers, purchases, { a: 0.5, b: 0.9 }))).toEqual({
      C000001: 'A',
      C000002: 'B',
      C000003: 'B',
      C000004: 'C',
    });
  });
});

describe('rank method', () => {
  const rankTiers = (n: number, options: Partial<TierOptions> = {}) => {
    const { customers, purchases } = book(Array.from({ length: n }, (_, i) => 100 - i));
    return run(customers, purchases, { method: 'rank', ...options })
      .customers.map((c) => c.newTier)
      .join('');
  };

  it('takes ceil(n * a) A and up to ceil(n * (a + b)) B', () => {
    expect(rankTiers(10)).toBe('AABBBCCCCC'); // 2, 5
    expect(rankTiers(7)).toBe('AABBCCC'); // ceil(1.4) = 2, ceil(3.5) = 4
    expect(rankTiers(1)).toBe('A'); // ceil(0.2) = 1
    expect(rankTiers(3)).toBe('ABC'); // ceil(0.6) = 1, ceil(1.5) = 2
  });

  it('is not fooled by binary noise in a + b', () => {
    // 10 * (0.1 + 0.2) = 3.0000000000000004, which must give 3, not 4
    expect(rankTiers(10, { rankA: 0.1, rankB: 0.2 })).toBe('ABBCCCCCCC');
  });

  it('ranks only positive values', () => {
    const { customers, purchases } = book([5, 0, 3, 0, 1]);
    const r = run(customers, purchases, { method: 'rank', rankA: 0.34, rankB: 0.33 });
    // n = 3: ceil(1.02) = 2 A, ceil(2.01) = 3 B
    expect(tiers(r)).toEqual({ C000001: 'A', C000002: 'C', C000003: 'A', C000004: 'C', C000005: 'B' });
  });
});

describe('absolute method', () => {
  it('compares with the thresholds inclusively', () => {
    const { customers, purchases } = book([100, 99.99, 10, 9, 0]);
    const r = run(customers, purchases, { method: 'absolute', absoluteA: 100, absoluteB: 10 });
    expect(r.customers.map((c) => c.newTier).join('')).toBe('ABBCC');
  });

  it('sums cents without missing a threshold', () => {
    const customers = [customer('C000001')];
    const purchases = [purchase('C000001', 0.1), purchase('C000001', 0.2)];
    const r = run(customers, purchases, { method: 'absolute', absoluteA: 0.3, absoluteB: 0.1 });
    expect(r.customers[0].value).toBe(0.3);
    expect(r.customers[0].newTier).toBe('A');
  });

  it('allows equal thresholds (no B)', () => {
    const { customers, purchases } = book([5, 4]);
    const r = run(customers, purchases, { method: 'absolute', absoluteA: 5, absoluteB: 5 });
    expect(r.customers.map((c) => c.newTier).join('')).toBe('AC');
  });
});

describe('orders metric', () => {
  it('counts distinct order ids, however many rows an order spans', () => {
    const customers = [customer('C000001'), customer('C000002')];
    const purchases = [
      purchase('C000001', 10, '2024-06-01', 'SO-1'),
      purchase('C000001', 20, '2024-06-01', 'SO-1'),
      purchase('C000002', 5, '2024-06-02', 'SO-2'),
      purchase('C000001', 30, '2024-06-01', 'SO-1'), // not adjacent to the others
      purchase('C000001', 'n/a', '2024-06-03', 1001), // number ids are fine; amount is not used
      purchase('C000001', 1, '2024-06-03', ' 1001 '),
      purchase('C000002', 1, '2024-06-03', 'SO-1'), // an id on two customers counts for each
      purchase('C000002', 1, '2024-06-04', 'SO-1'),
    ];
    const r = run(customers, purchases, { metric: 'orders' });
    expect(r.customers.map((c) => c.value)).toEqual([2, 2]);
    expect(r.warnings.invalidAmounts.count).toBe(0);
    expect(r.totals.purchasesCounted).toBe(8);
  });

  it('skips rows with no order id and reports them', () => {
    const customers = [customer('C000001')];
    const p = purchase('C000001', 10);
    p.values.orderId = '  ';
    const r = run(customers, [p], { metric: 'orders' });
    expect(r.customers[0].value).toBe(0);
    expect(r.warnings.missingOrderIds).toEqual({ count: 1, first: [p.row] });
  });

  it('counts only rows in the window', () => {
    const customers = [customer('C000001')];
    const purchases = [purchase('C000001', 1, '2023-06-15', 'X'), purchase('C000001', 1, '2023-06-16', 'Y')];
    expect(run(customers, purchases, { metric: 'orders' }).customers[0].value).toBe(1);
  });
});

describe('window', () => {
  const valueWith = (dates: CellValue[], windowMonths: number, now: number, timeZone: string) => {
    const customers = [customer('C000001')];
    const purchases = dates.map((d, i) => purchase('C000001', 10 ** i, d));
    return run(customers, purchases, { windowMonths }, { now, timeZone }).customers[0].value;
  };

  it('runs from addMonths(today, -W) + 1 through today, in calendar days', () => {
    // today 2024-06-15: 2023-06-16 .. 2024-06-15
    expect(valueWith(['2023-06-15', '2023-06-16', '2024-06-15', '2024-06-16'], 12, NOW, 'UTC')).toBe(110);
    const r = run([customer('C000001')], [], { windowMonths: 12 });
    expect(r.window).toMatchObject({ startIso: '2023-06-16', endIso: '2024-06-15' });
    expect(r.window.endDay - r.window.startDay!).toBe(365);
  });

  it('clamps month ends', () => {
    // today 2024-03-31, W = 1: addMonths gives 2024-02-29, so the window starts 2024-03-01
    const now = Date.UTC(2024, 2, 31, 12);
    expect(valueWith(['2024-02-29', '2024-03-01'], 1, now, 'UTC')).toBe(10);
  });

  it('W = 0 is all time up to today', () => {
    expect(valueWith(['1990-01-01', '2024-06-15', '2024-06-16'], 0, NOW, 'UTC')).toBe(11);
    expect(run([customer('C000001')], [], { windowMonths: 0 }).window.startIso).toBeNull();
  });

  it('uses calendar days in UTC+14', () => {
    const tz = 'Pacific/Kiritimati';
    const now = Date.UTC(2024, 5, 14, 10); // 2024-06-15 00:00 local
    const dates = [
      new Date(Date.UTC(2023, 5, 15, 9, 59, 59, 999)), // 2023-06-15 23:59:59.999 local: out
      new Date(Date.UTC(2023, 5, 15, 10)), // 2023-06-16 00:00 local: first day in
      new Date(Date.UTC(2024, 5, 15, 9, 59, 59, 999)), // 2024-06-15 23:59:59.999 local: in
      new Date(Date.UTC(2024, 5, 15, 10)), // 2024-06-16 local: out
      '2023-06-15', // out
      '2023-06-16T10:00:00Z', // ISO instant = 2023-06-17 local: in
    ];
    expect(valueWith(dates, 12, now, tz)).toBe(100110);
  });

  it('uses calendar days in UTC-10', () => {
    const tz = 'Pacific/Honolulu';
    const now = Date.UTC(2024, 5, 16, 9, 59); // 2024-06-15 23:59 local
    const dates = [
      new Date(Date.UTC(2023, 5, 16, 9, 59, 59, 999)), // 2023-06-15 23:59:59.999 local: out
      new Date(Date.UTC(2023, 5, 16, 10)), // 2023-06-16 00:00 local: in
      new Date(Date.UTC(2024, 5, 16, 9, 59)), // today: in
      new Date(Date.UTC(2024, 5, 16, 10)), // 2024-06-16 local: out
    ];
    expect(valueWith(dates, 12, now, tz)).toBe(110);
  });

  it('keeps day boundaries across daylight-saving changes', () => {
    // New York, today 2024-03-10 (clocks go forward at 02:00); W = 1 starts 2024-02-11 (EST)
    const ny = 'America/New_York';
    const nyDates = [
      new Date(Date.UTC(2024, 1, 11, 4, 59, 59, 999)), // 2024-02-10 23:59:59.999 EST: out
      new Date(Date.UTC(2024, 1, 11, 5)), // 2024-02-11 00:00 EST: in
      new Date(Date.UTC(2024, 2, 11, 3, 59, 59, 999)), // 2024-03-10 23:59:59.999 EDT: in
      new Date(Date.UTC(2024, 2, 11, 4)), // 2024-03-11 00:00 EDT: out
    ];
    expect(valueWith(nyDates, 1, Date.UTC(2024, 2, 10, 20), ny)).toBe(110);
    // Berlin, today 2024-11-15 (CET); W = 6 starts 2024-05-16, which began in summer time (CEST)
    const berlin = 'Europe/Berlin';
    const berlinDates = [
      new Date(Date.UTC(2024, 4, 15, 21, 59, 59, 999)), // 2024-05-15 23:59:59.999 CEST: out
      new Date(Date.UTC(2024, 4, 15, 22)), // 2024-05-16 00:00 CEST: in
      new Date(Date.UTC(2024, 10, 15, 22, 59)), // 2024-11-15 23:59 CET: in
      new Date(Date.UTC(2024, 10, 15, 23)), // 2024-11-16 00:00 CET: out
    ];
    expect(valueWith(berlinDates, 6, Date.UTC(2024, 10, 15, 8), berlin)).toBe(110);
  });

  it('treats Dates far from the edges by instant and near them by calendar day', () => {
    const dates = [
      new Date(Date.UTC(2024, 0, 1)),
      new Date(Date.UTC(2010, 0, 1)),
      new Date(Date.UTC(2030, 0, 1)),
    ];
    expect(valueWith(dates, 12, NOW, 'Asia/Shanghai')).toBe(1);
  });
});

describe('bad data', () => {
  it('skips and reports bad purchase rows, never throws', () => {
    const customers = [
      customer('C000001'),
      customer(''),
      customer('  '),
      customer('C000001'),
      customer(' C000002 '),
    ];
    const bad = [
      purchase('C000001', 10, 'not a date'),
      purchase('C000001', 10, 45000), // a number is not a date cell
      purchase('C000001', 10, new Date(NaN)),
      purchase('C000001', 'ten'),
      purchase('C000001', ''),
      purchase('C000001', true),
      purchase('C000001', Infinity),
      purchase('C999999', 10),
      purchase('', 10),
    ];
    const good = [purchase('C000001', '1,200.50'), purchase('C000002', 5), purchase(' C000002', 5)];
    const blank: SheetRow = { row: 99, values: { orderId: '', date: '', customerId: '', amount: '' } };
    const r = run(customers, [...bad, ...good, blank]);
    expect(r.customers.map((c) => [c.id, c.value])).toEqual([
      ['C000001', 1200.5],
      ['C000002', 10],
    ]);
    expect(r.warnings.invalidDates).toEqual({ count: 3, first: bad.slice(0, 3).map((p) => p.row) });
    expect(r.warnings.invalidAmounts).toEqual({ count: 4, first: bad.slice(3, 7).map((p) => p.row) });
    expect(r.warnings.unknownCustomers).toEqual({ count: 2, first: bad.slice(7).map((p) => p.row) });
    expect(r.warnings.duplicateIds).toEqual({ count: 1, first: ['C000001'] });
    expect(r.totals.purchasesCounted).toBe(3);
  });

  it('lists only the first few of each warning', () => {
    const customers = Array.from({ length: 8 }, (_, i) => customer(`C00000${i + 1}`, { owner: '' }));
    const r = run(customers, [], {}, { sampleSize: 3 });
    expect(r.warnings.noOwner).toEqual({ count: 8, first: ['C000001', 'C000002', 'C000003'] });
  });

  it('tells no purchases from no purchases in the window', () => {
    const customers = [customer('C000001'), customer('C000002'), customer('C000003')];
    const purchases = [purchase('C000002', 10, '2020-01-01'), purchase('C000003', 10)];
    const r = run(customers, purchases);
    expect(r.warnings.noPurchases).toEqual({ count: 1, first: ['C000001'] });
    expect(r.warnings.noPurchasesInWindow).toEqual({ count: 1, first: ['C000002'] });
  });

  it('accepts Dates from another realm', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2024, 5, 1))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(run([customer('C000001')], [purchase('C000001', 3, foreign)]).customers[0].value).toBe(3);
  });

  it('matches hand-typed ids that are not in the add-on form', () => {
    const customers = [customer('vip-7'), customer('C1'), customer('C0000001')];
    const purchases = [
      purchase('vip-7', 1),
      purchase(' C1 ', 2),
      purchase('C0000001', 4),
      purchase('C000001', 8),
    ];
    const r = run(customers, purchases);
    expect(r.customers.map((c) => c.value)).toEqual([1, 2, 4]);
    expect(r.warnings.unknownCustomers.count).toBe(1);
  });
});

describe('grouping', () => {
  it('tiers within each owner, with owners compared case-insensitively', () => {
    const owners = ['a@x.com', 'A@X.com ', 'a@x.com', 'b@x.com', 'b@x.com', ''];
    const { customers, purchases } = book([90, 10, 5, 2, 1, 3], (i) => ({ owner: owners[i] }));
    const r = run(customers, purchases, { groupBy: 'owner' });
    // a@x.com: 90 (prior 0), 10 (.857), 5 (.952) -> A B C; b@x.com: 2 (0), 1 (.667) -> A A; '' alone -> A
    expect(r.customers.map((c) => c.newTier).join('')).toBe('ABCAAA');
    expect(r.customers.map((c) => c.rank)).toEqual([1, 2, 3, 1, 2, 1]);
    expect(r.customers.map((c) => c.group)).toEqual([
      'a@x.com',
      'a@x.com',
      'a@x.com',
      'b@x.com',
      'b@x.com',
      '',
    ]);
    expect(r.pareto.grouped).toBe(true);
    expect(r.pareto.cutoffs.aRank).toBe(4);
  });

  it('tiers within each region with the rank method', () => {
    const regions = ['North', 'North', 'South', 'South', 'South'];
    const { customers, purchases } = book([5, 4, 3, 2, 1], (i) => ({ region: regions[i] }));
    const r = run(customers, purchases, { groupBy: 'region', method: 'rank', rankA: 0.5, rankB: 0.3 });
    // North n=2: ceil(1) A, ceil(1.6)=2 B; South n=3: ceil(1.5)=2 A, ceil(2.4)=3 B
    expect(r.customers.map((c) => c.newTier).join('')).toBe('ABAAB');
  });

  it('leaves group empty when not grouping', () => {
    const { customers, purchases } = book([1]);
    expect(run(customers, purchases).customers[0].group).toBe('');
  });
});

describe('locked tiers', () => {
  it('keep their tier but count in totals and ranks', () => {
    const locks: Record<number, Record<string, CellValue>> = {
      0: { tier: 'B', tierLocked: true },
      3: { tier: '', tierLocked: 'yes' },
    };
    const { customers, purchases } = book([50, 30, 15, 5], (i) => locks[i] ?? {});
    const r = run(customers, purchases);
    expect(r.customers.map((c) => [c.newTier, c.computedTier, c.rank, c.locked])).toEqual([
      ['B', 'A', 1, true],
      ['A', 'A', 2, false],
      ['B', 'B', 3, false],
      ['', 'C', 4, true],
    ]);
    expect(r.tiers).toEqual({
      A: { count: 1, value: 30, share: 0.3 },
      B: { count: 2, value: 65, share: 0.65 },
      C: { count: 0, value: 0, share: 0 },
      other: { count: 1, value: 5, share: 0.05 },
    });
    expect(r.changes.map((c) => c.id)).toEqual(['C000002', 'C000003']);
  });
});

describe('changes', () => {
  it('lists only real changes, in ranking order, with old and new tier', () => {
    const { customers, purchases } = book([5, 50, 0, 30], (i) => ({ tier: ['C', 'a', 'A', ' b '][i] }));
    const r = run(customers, purchases);
    // ranking: C002 50 (A), C004 30 (prior .588 -> A), C001 5 (prior .941 -> B), C003 0 (C)
    expect(r.changes).toEqual([
      { id: 'C000004', row: customers[3].row, oldTier: 'B', newTier: 'A', value: 30, rank: 2, group: '' },
      { id: 'C000001', row: customers[0].row, oldTier: 'C', newTier: 'B', value: 5, rank: 3, group: '' },
      { id: 'C000003', row: customers[2].row, oldTier: 'A', newTier: 'C', value: 0, rank: null, group: '' },
    ]);
  });

  it('is empty when nothing changes', () => {
    const { customers, purchases } = book([50, 30, 15, 5], (i) => ({ tier: 'AABC'[i] }));
    expect(run(customers, purchases).changes).toEqual([]);
  });
});

describe('aggregates and Pareto', () => {
  it('counts and shares per tier and the cut-off positions', () => {
    const { customers, purchases } = book([50, 30, 15, 5, 0]);
    const r = run(customers, purchases);
    expect(r.tiers.A).toEqual({ count: 2, value: 80, share: 0.8 });
    expect(r.tiers.B).toEqual({ count: 1, value: 15, share: 0.15 });
    expect(r.tiers.C).toEqual({ count: 2, value: 5, share: 0.05 });
    expect(r.pareto.points).toEqual([
      { rank: 1, value: 50, cumulativeShare: 0.5 },
      { rank: 2, value: 30, cumulativeShare: 0.8 },
      { rank: 3, value: 15, cumulativeShare: 0.95 },
      { rank: 4, value: 5, cumulativeShare: 1 },
    ]);
    expect(r.pareto.cutoffs).toEqual({ aRank: 2, bRank: 3, aShare: 0.8, bShare: 0.95 });
    expect(r.pareto).toMatchObject({ n: 4, total: 100, grouped: false });
  });

  it('downsamples large books', () => {
    const n = 1000;
    const { customers, purchases } = book(Array.from({ length: n }, (_, i) => n - i));
    const r = run(customers, purchases, {}, { maxParetoPoints: 50 });
    expect(r.pareto.points.length).toBeLessThanOrEqual(50);
    const ranks = r.pareto.points.map((p) => p.rank);
    expect(ranks).toEqual(expect.arrayContaining([1, n, r.pareto.cutoffs.aRank, r.pareto.cutoffs.bRank]));
  });
});

describe('options', () => {
  it('rejects invalid options with a localized error', () => {
    const { customers, purchases } = book([1]);
    expect(() => run(customers, purchases, { a: 0.9, b: 0.8 })).toThrow(
      'Cut-off A (0.9) must be smaller than cut-off B (0.8).',
    );
    expect(() => run(customers, purchases, { windowMonths: -1 }, { locale: 'zh-CN' })).toThrow(
      '统计窗口必须是不小于 0 的整数月数（0 表示全部时间）。',
    );
  });
});

describe('returns', () => {
  it('net revenue, whatever sign a return was typed with, and are no order', () => {
    const { customers, purchases } = book([50, 30, 15, 5]);
    const returns = [
      {
        ...purchase(customers[0].values.id, -45),
        values: { ...purchase(customers[0].values.id, -45).values, type: '退货' },
      },
      {
        ...purchase(customers[1].values.id, 0),
        values: { ...purchase(customers[1].values.id, 25).values, type: 'Return' },
      },
    ];
    const r = run(customers, [...purchases, ...returns]);
    expect(Object.fromEntries(r.customers.map((c) => [c.id, c.value]))).toEqual({
      C000001: 5,
      C000002: 5,
      C000003: 15,
      C000004: 5,
    });
    const byOrders = run(customers, [...purchases, ...returns], { metric: 'orders' });
    expect(byOrders.customers.map((c) => c.value)).toEqual([1, 1, 1, 1]);
  });
});
