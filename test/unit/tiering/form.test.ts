import { withDefaults } from '../../../src/core/schema';
import { settingHolds, tierFieldErrors, tierOptionsFromForm } from '../../../src/core/tiering';

const saved = withDefaults({});

describe('tierOptionsFromForm', () => {
  test('no input gives the saved options', () => {
    expect(tierOptionsFromForm(saved, {})).toMatchObject({
      method: 'cumulative',
      a: 0.8,
      b: 0.95,
      windowMonths: 12,
    });
    expect(tierOptionsFromForm(saved, null)).toMatchObject({ method: 'cumulative' });
  });

  test('the cut-offs go to the chosen method, others keep their saved values', () => {
    const rank = tierOptionsFromForm(saved, { method: 'Rank', cutoffA: '10%', cutoffB: 0.4 });
    expect(rank).toMatchObject({ method: 'rank', rankA: 0.1, rankB: 0.4, a: 0.8, b: 0.95 });
    const abs = tierOptionsFromForm(saved, { method: 'absolute', cutoffA: '50,000', cutoffB: '5000' });
    expect(abs).toMatchObject({ absoluteA: 50000, absoluteB: 5000 });
  });

  test('window, metric and grouping parse like settings; blank grouping means none', () => {
    const o = tierOptionsFromForm(
      { ...saved, 'tier.groupBy': 'owner' },
      {
        windowMonths: '0',
        metric: ' ORDERS ',
        groupBy: '',
      },
    );
    expect(o).toMatchObject({ windowMonths: 0, metric: 'orders', groupBy: '' });
  });

  test('blank or junk numbers are invalid, not the default; odd types are ignored', () => {
    expect(tierOptionsFromForm(saved, { windowMonths: '' }).windowMonths).toBeNaN();
    expect(tierOptionsFromForm(saved, { cutoffA: 'abc' }).a).toBeNaN();
    expect(tierOptionsFromForm(saved, { method: { evil: true } }).method).toBe('cumulative');
  });

  test('long text is cut before it can reach a message', () => {
    const o = tierOptionsFromForm(saved, { method: 'x'.repeat(10000) });
    expect(o.method.length).toBe(60);
  });
});

describe('tierFieldErrors', () => {
  test('valid options: none', () => {
    expect(tierFieldErrors(tierOptionsFromForm(saved, {}), 'en')).toEqual([]);
  });

  test('each problem lands on its form field, localized', () => {
    const o = tierOptionsFromForm(saved, {
      cutoffA: '0.9',
      cutoffB: '0.5',
      windowMonths: '-1',
      method: 'cumulative',
    });
    const errors = tierFieldErrors(o, 'en');
    expect(errors.map((e) => e.field).sort()).toEqual(['cutoffB', 'windowMonths']);
    expect(errors.find((e) => e.field === 'cutoffB')!.message).toContain('must be smaller');
    const zh = tierFieldErrors(tierOptionsFromForm(saved, { method: 'pareto' }), 'zh-CN');
    expect(zh).toEqual([{ field: 'method', message: expect.stringContaining('未知的分级方法') }]);
  });

  test('threshold problems of the absolute method land on the cut-off fields', () => {
    const o = tierOptionsFromForm(saved, { method: 'absolute', cutoffA: '10', cutoffB: '20' });
    expect(tierFieldErrors(o, 'en').map((e) => e.field)).toEqual(['cutoffB']);
  });
});

describe('settingHolds', () => {
  test('numbers compare as numbers, words without case', () => {
    expect(settingHolds('80%', '0.8')).toBe(true);
    expect(settingHolds(0.8, '0.8')).toBe(true);
    expect(settingHolds('100,000', '100000')).toBe(true);
    expect(settingHolds(' Rank ', 'rank')).toBe(true);
    expect(settingHolds('', '')).toBe(true);
    expect(settingHolds('0.8', '0.7')).toBe(false);
    expect(settingHolds('', 'owner')).toBe(false);
  });
});
