import { UserError } from '../../../src/i18n';
import {
  activeCutoffs,
  parseSettingNumber,
  TierOptions,
  tierOptionProblems,
  tierOptionsFromJson,
  tierOptionsFromSettings,
  tierOptionsToSettings,
  validateTierOptions,
  withActiveCutoffs,
} from '../../../src/core/tiering';

const defaults = tierOptionsFromSettings({});

describe('options from settings', () => {
  it('takes the documented defaults', () => {
    expect(defaults).toEqual({
      method: 'cumulative',
      metric: 'revenue',
      groupBy: '',
      windowMonths: 12,
      a: 0.8,
      b: 0.95,
      rankA: 0.2,
      rankB: 0.3,
      absoluteA: 100000,
      absoluteB: 10000,
    });
    expect(tierOptionProblems(defaults)).toEqual([]);
  });

  it('reads values as people type them', () => {
    const o = tierOptionsFromSettings({
      'tier.method': ' Rank ',
      'tier.metric': 'ORDERS',
      'tier.groupBy': 'Owner',
      'tier.windowMonths': '6',
      'tier.a': '70%',
      'tier.b': '',
      'tier.absoluteA': '100,000',
    });
    expect(o).toMatchObject({
      method: 'rank',
      metric: 'orders',
      groupBy: 'owner',
      windowMonths: 6,
      a: 0.7,
      b: 0.95,
    });
    expect(o.absoluteA).toBe(100000);
  });

  it('parses numbers strictly', () => {
    expect(parseSettingNumber('0.8')).toBe(0.8);
    expect(parseSettingNumber('.5')).toBe(0.5);
    expect(parseSettingNumber(' 95 % ')).toBe(0.95);
    expect(parseSettingNumber('80％')).toBe(0.8);
    expect(parseSettingNumber('1,234,567.5')).toBe(1234567.5);
    expect(parseSettingNumber(12)).toBe(12);
    for (const bad of ['', 'abc', '1e5', '12,34', '%', '0x10', '1.2.3'])
      expect(parseSettingNumber(bad)).toBeNaN();
  });

  it('round-trips through settings', () => {
    const o: TierOptions = {
      ...defaults,
      method: 'absolute',
      windowMonths: 0,
      absoluteA: 5000,
      groupBy: 'region',
    };
    const saved = tierOptionsToSettings(o);
    expect(saved['tier.method']).toBe('absolute');
    expect(saved['tier.windowMonths']).toBe('0');
    expect(saved['tier.groupBy']).toBe('region');
    expect(Object.keys(saved).sort()).toEqual(
      ['a', 'b', 'rankA', 'rankB', 'absoluteA', 'absoluteB', 'method', 'metric', 'windowMonths', 'groupBy']
        .map((k) => `tier.${k}`)
        .sort(),
    );
    expect(tierOptionsFromSettings(saved)).toEqual(o);
  });

  it('maps --a/--b to the chosen method', () => {
    expect(activeCutoffs(defaults)).toEqual({ a: 0.8, b: 0.95 });
    const rank = withActiveCutoffs({ ...defaults, method: 'rank' }, 0.1);
    expect(rank).toMatchObject({ rankA: 0.1, rankB: 0.3, a: 0.8 });
    expect(activeCutoffs(rank)).toEqual({ a: 0.1, b: 0.3 });
    const abs = withActiveCutoffs({ ...defaults, method: 'absolute' }, 500, 50);
    expect(activeCutoffs(abs)).toEqual({ a: 500, b: 50 });
    expect(defaults.absoluteA).toBe(100000); // not mutated
  });
});

describe('validation', () => {
  const cases: Array<[string, Partial<TierOptions>, string, string]> = [
    ['method', { method: 'magic' }, 'Unknown tiering method "magic"', '未知的分级方法"magic"'],
    ['metric', { metric: 'profit' }, 'Unknown value metric "profit"', '未知的价值指标"profit"'],
    ['groupBy', { groupBy: 'team' }, 'Unknown grouping "team"', '未知的分组方式"team"'],
    [
      'negative W',
      { windowMonths: -1 },
      'The window must be a whole number of months',
      '统计窗口必须是不小于 0 的整数月数',
    ],
    [
      'fractional W',
      { windowMonths: 1.5 },
      'The window must be a whole number of months',
      '统计窗口必须是不小于 0 的整数月数',
    ],
    ['blank W', { windowMonths: NaN }, 'The window must be a whole number of months', '统计窗口'],
    ['a = 0', { a: 0 }, 'Cut-off A must be a number between 0 and 1', '分界点 A 必须是介于 0 和 1 之间'],
    ['a = 1', { a: 1, b: 0.95 }, 'Cut-off A must be a number between 0 and 1', '分界点 A'],
    ['b > 1', { b: 1.2 }, 'Cut-off B must be a number between 0 and 1', '分界点 B'],
    ['b not a number', { b: NaN }, 'Cut-off B must be a number between 0 and 1', '分界点 B'],
    [
      'a = b',
      { a: 0.8, b: 0.8 },
      'Cut-off A (0.8) must be smaller than cut-off B (0.8).',
      '分界点 A（0.8）必须小于分界点 B（0.8）。',
    ],
    [
      'a > b',
      { a: 0.9, b: 0.5 },
      'Cut-off A (0.9) must be smaller than cut-off B (0.5).',
      '分界点 A（0.9）必须小于分界点 B（0.5）。',
    ],
    ['rank a = 0', { method: 'rank', rankA: 0 }, 'Cut-off A must be a number between 0 and 1', '分界点 A'],
    ['rank b = 1', { method: 'rank', rankB: 1 }, 'Cut-off B must be a number between 0 and 1', '分界点 B'],
    [
      'rank a + b > 1',
      { method: 'rank', rankA: 0.6, rankB: 0.5 },
      'The share of A customers (0.6) and of B customers (0.5) together cannot exceed 1.',
      'A 类客户比例（0.6）与 B 类客户比例（0.5）之和不能超过 1。',
    ],
    [
      'absolute x < 0',
      { method: 'absolute', absoluteA: -1 },
      'Threshold A must be a number, 0 or more.',
      '阈值 A 必须是不小于 0 的数。',
    ],
    ['absolute y blank', { method: 'absolute', absoluteB: NaN }, 'Threshold B must be a number', '阈值 B'],
    [
      'absolute x < y',
      { method: 'absolute', absoluteA: 10, absoluteB: 100 },
      'The A threshold (10) cannot be lower than the B threshold (100).',
      'A 类阈值（10）不能低于 B 类阈值（100）。',
    ],
  ];

  it.each(cases)('rejects %s in both locales', (_name, patch, en, zh) => {
    const o = { ...defaults, ...patch };
    expect(() => validateTierOptions(o, 'en')).toThrow(UserError);
    expect(() => validateTierOptions(o, 'en')).toThrow(en);
    expect(() => validateTierOptions(o, 'zh-CN')).toThrow(zh);
  });

  it('checks only the chosen method’s cut-offs', () => {
    expect(tierOptionProblems({ ...defaults, method: 'rank', a: 5 })).toEqual([]);
    expect(tierOptionProblems({ ...defaults, method: 'absolute', rankA: -1 })).toEqual([]);
  });

  it('accepts the edges that are allowed', () => {
    expect(tierOptionProblems({ ...defaults, windowMonths: 0 })).toEqual([]);
    expect(tierOptionProblems({ ...defaults, method: 'rank', rankA: 0.7, rankB: 0.3 })).toEqual([]);
    expect(tierOptionProblems({ ...defaults, method: 'absolute', absoluteA: 0, absoluteB: 0 })).toEqual([]);
  });

  it('reports every problem with its field', () => {
    const problems = tierOptionProblems({ ...defaults, metric: 'x', windowMonths: -2, a: 2 });
    expect(problems.map((p) => p.field)).toEqual(['metric', 'windowMonths', 'a']);
    expect(() => validateTierOptions({ ...defaults, metric: 'x', windowMonths: -2 }, 'en')).toThrow(
      /Unknown value metric "x".*\nThe window must be/s,
    );
  });
});

describe('options read back from JSON (a continuing apply saves them)', () => {
  it('gives back exactly what was saved', () => {
    const o: TierOptions = { ...defaults, method: 'rank', groupBy: 'owner', rankA: 0.1 };
    expect(tierOptionsFromJson(JSON.parse(JSON.stringify(o)))).toEqual(o);
  });

  it('refuses a value without every field, or with a field of the wrong type', () => {
    const { rankB: _dropped, ...missing } = defaults;
    expect(tierOptionsFromJson(missing)).toBeNull();
    expect(tierOptionsFromJson({ ...defaults, a: '0.8' })).toBeNull();
    expect(tierOptionsFromJson({ ...defaults, method: 1 })).toBeNull();
    expect(tierOptionsFromJson([defaults])).toBeNull();
    expect(tierOptionsFromJson(null)).toBeNull();
  });

  it('keeps only the option fields', () => {
    expect(tierOptionsFromJson({ ...defaults, extra: true })).toEqual(defaults);
  });
});
