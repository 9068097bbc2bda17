/**
 * `crm tier` through the built bundle: dry run and apply print counts, value shares and changes;
 * invalid options give the add-on's localized message and exit 1; unknown flags exit 2; an account
 * manager may preview and is refused apply.
 */
import { crm, tempWorkbook } from '../../support/runner';

type TierJson = {
  applied: boolean;
  changed?: number;
  counts: Record<'A' | 'B' | 'C', number>;
  share: Record<'A' | 'B' | 'C', number>;
  options: { method: string; groupBy: string; windowMonths: number };
  changes: {
    total: number;
    page: number;
    pages: number;
    items: Array<{ id: string; name: string; oldTier: string; newTier: string; value: number }>;
  };
  warnings: string[];
};

describe('crm tier', () => {
  const wb = tempWorkbook();
  beforeAll(async () => {
    expect((await crm(wb, 'init', '--sample', '--now', '2026-11-23T09:00:00+08:00')).code).toBe(0);
  });

  test('--dry-run --json: counts, shares and a page of changes; nothing written', async () => {
    const r = await crm(wb, 'tier', '--dry-run', '--json');
    expect(r.code).toBe(0);
    const out = r.json() as TierJson;
    expect(out.applied).toBe(false);
    expect(out.counts.A + out.counts.B + out.counts.C).toBe(200);
    expect(out.share.A + out.share.B + out.share.C).toBeCloseTo(1);
    expect(out.changes).toMatchObject({ total: 200, page: 1, pages: 4 });
    expect(out.changes.items[0]).toEqual(
      expect.objectContaining({ oldTier: '', newTier: 'A', id: expect.stringMatching(/^C\d{6}$/) }),
    );
    const page2 = (await crm(wb, 'tier', '--dry-run', '--json', '--page', '2')).json() as TierJson;
    expect(page2.changes.page).toBe(2);
    expect(page2.changes.items[0].id).not.toBe(out.changes.items[0].id);
    const dump = (await crm(wb, 'dump', 'tierHistory', '--json')).json() as unknown[];
    expect(dump).toEqual([]);
  });

  test('flags map to the options: method, metric, window, cut-offs, grouping', async () => {
    const r = await crm(
      wb,
      'tier',
      '--dry-run',
      '--json',
      '--method',
      'rank',
      '--metric',
      'orders',
      '--window-months',
      '0',
      '--a',
      '0.1',
      '--b',
      '20%',
      '--group-by',
      'owner',
    );
    expect(r.code).toBe(0);
    const out = r.json() as TierJson;
    expect(out.options).toMatchObject({
      method: 'rank',
      metric: 'orders',
      windowMonths: 0,
      groupBy: 'owner',
    });
    // ranks within each of the two reps' books: about 10% A in each
    expect(out.counts.A).toBeGreaterThanOrEqual(18);
    expect(out.counts.A).toBeLessThanOrEqual(22);
  });

  test('apply, then apply again: the second writes nothing', async () => {
    const first = await crm(wb, 'tier', '--json');
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ applied: true, changed: 200 });
    expect(((await crm(wb, 'dump', 'tierHistory', '--json')).json() as unknown[]).length).toBe(200);
    const second = await crm(wb, 'tier');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Tiers are up to date: no customer changed tier.');
    const stats = (await crm(wb, 'stats', '--json')).json() as { cellsWritten: number };
    expect(stats.cellsWritten).toBe(0);
  });

  test('invalid options: the localized message, exit 1, file unchanged; unknown flags exit 2', async () => {
    const bad = await crm(wb, 'tier', '--a', '0.9', '--b', '0.5');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Cut-off A (0.9) must be smaller than cut-off B (0.5).');
    const badDry = await crm(wb, 'tier', '--dry-run', '--method', 'pareto');
    expect(badDry.code).toBe(1);
    expect(badDry.stderr).toContain('Unknown tiering method "pareto"');
    expect((await crm(wb, 'tier', '--colour', 'red')).code).toBe(2);
    expect((await crm(wb, 'tier', '--page', 'two')).code).toBe(2);
  });

  test('zh-CN workbook: the error in Chinese', async () => {
    const zh = tempWorkbook();
    await crm(zh, 'init', '--locale', 'zh-CN');
    const r = await crm(zh, 'tier', '--dry-run', '--window-months', '-3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('统计窗口必须是不小于 0 的整数月数');
  });

  test('an account manager previews but may not apply', async () => {
    expect((await crm(wb, 'tier', '--dry-run', '--as', 'rep1@example.com')).code).toBe(0);
    const refused = await crm(wb, 'tier', '--method', 'rank', '--as', 'rep1@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('may not apply ABC tiers');
  });
});
