import { computeKpis, dashboardBlocks, DashboardLayout } from '../../../src/core/reports';
import { a1Range } from '../../../src/core/shared';
import { CATALOGS, displayWidth } from '../../../src/i18n';
import { dayNumber } from '../../support/dates';
import { sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const TODAY = dayNumber('2026-11-23');

const kpis = computeKpis({
  today: TODAY,
  timeZone: TZ,
  customers: sheetRows([
    {
      id: 'C1',
      owner: 'a@x.com',
      tier: 'A',
      status: 'Active',
      industry: 'Retail',
      region: '007',
      nextFollowUp: '2026-11-01',
      lastContact: '2026-01-01',
    },
    { id: 'C2', owner: 'b@x.com', tier: 'B', status: 'Active', industry: '=HYPERLINK("x")', region: 'North' },
    { id: 'C3', owner: 'b@x.com', tier: '', status: 'Archived', industry: 'Retail', region: 'North' },
  ]),
  purchases: sheetRows([
    { orderId: 'O1', date: '2026-11-02', customerId: 'C1', amount: 120 },
    { orderId: 'O2', date: '2026-01-02', customerId: 'C2', amount: 80 },
  ]),
  feedback: sheetRows([{ customerId: 'C1', rating: 4, resolved: '' }]),
});

const byKey = (l: DashboardLayout, key: string) => l.blocks.find((b) => b.key === key)!;

function cells(l: DashboardLayout): Set<string> {
  const seen = new Set<string>();
  for (const b of l.blocks)
    b.values.forEach((r, i) =>
      r.forEach((_, j) => {
        const id = `${b.row + i}:${b.column + j}`;
        expect(seen.has(id)).toBe(false); // blocks never overlap
        seen.add(id);
      }),
    );
  return seen;
}

describe.each(['en', 'zh-CN'] as const)('dashboardBlocks in %s', (locale) => {
  const layout = dashboardBlocks(kpis, locale, { currency: '¥' });
  const cat = CATALOGS[locale];

  test('every block is rectangular, positioned, and its a1 matches its size', () => {
    for (const b of layout.blocks) {
      const width = b.values[0].length;
      expect(b.values.every((r) => r.length === width)).toBe(true);
      expect(b.a1).toBe(a1Range(b.row, b.column, b.values.length, width));
      if (b.formats) {
        const f = b.formats;
        expect(f.values.every((r) => r.length === f.values[0].length)).toBe(true);
        expect(f.row).toBeGreaterThanOrEqual(b.row);
        expect(f.row + f.values.length).toBeLessThanOrEqual(b.row + b.values.length);
        expect(f.column + f.values[0].length).toBeLessThanOrEqual(b.column + width);
      }
    }
    cells(layout);
    expect(layout.blocks.map((b) => b.key)).toEqual([
      'title',
      'kpis',
      'tiers',
      'months',
      'industries',
      'statuses',
      'regions',
      'owners',
    ]);
  });

  test('labels come from the locale’s catalog', () => {
    expect(byKey(layout, 'title').values[0][0]).toBe(cat['report.title']);
    const kpiTable = byKey(layout, 'kpis').values;
    expect(kpiTable[0]).toEqual([cat['report.col.metric'], cat['report.col.value']]);
    expect(kpiTable[1]).toEqual([cat['report.kpi.customers'], 3]);
    expect(kpiTable[2]).toEqual([cat['report.kpi.revenue'], 200]);
    expect(kpiTable.find((r) => r[0] === cat['report.kpi.atRisk'].replace('{days}', '90'))).toBeDefined();
    expect(byKey(layout, 'tiers').values[0]).toEqual([
      cat['col.customers.tier'],
      cat['report.col.customers'],
      cat['report.col.revenue'],
    ]);
    expect(byKey(layout, 'tiers').values).toContainEqual([cat['report.blank'], 1, 0]);
    expect(layout.charts.map((c) => c.title)).toEqual([
      cat['report.chart.customersByTier'],
      cat['report.chart.revenueByMonth'],
      cat['report.chart.customersByIndustry'],
      cat['perf.chart.customersByRegion'],
    ]);
  });

  test('charts: stable keys and types, ranges inside their tables', () => {
    expect(layout.charts.map((c) => [c.key, c.type])).toEqual([
      ['customersByTier', 'PIE'],
      ['revenueByMonth', 'COLUMN'],
      ['customersByIndustry', 'BAR'],
      ['customersByRegion', 'COLUMN'],
    ]);
    const sources = {
      customersByTier: 'tiers',
      revenueByMonth: 'months',
      customersByIndustry: 'industries',
      customersByRegion: 'regions',
      pipelineByStage: 'pipeline',
      revenueVsTarget: 'targets',
    } as const;
    const all = cells(layout);
    for (const c of layout.charts) {
      const b = byKey(layout, sources[c.key]);
      expect(c.range.row).toBe(b.row);
      expect(c.range.column).toBe(b.column);
      expect(c.range.numColumns).toBe(2);
      expect(c.range.numRows).toBe(b.values.length);
      expect(c.range.a1).toBe(a1Range(c.range.row, c.range.column, c.range.numRows, 2));
      // the chart sits on empty cells
      expect(all.has(`${c.anchor.row}:${c.anchor.column}`)).toBe(false);
    }
  });
});

describe('dashboardBlocks content', () => {
  const layout = dashboardBlocks(kpis, 'en', { currency: '¥' });

  test('months: 13 text labels (kept as text; the first and last are partial), revenue and new customers, money format', () => {
    const m = byKey(layout, 'months');
    expect(m.values).toHaveLength(14);
    expect(m.values[1]).toEqual(["'2025-11", 0, 0]);
    expect(m.values[2]).toEqual(["'2025-12", 0, 0]);
    expect(m.values[3]).toEqual(["'2026-01", 80, 0]);
    expect(m.values[13]).toEqual(["'2026-11", 120, 0]);
    expect(m.formats!.values[0]).toEqual(['"¥"#,##0.00', '#,##0']);
    expect(m.formats!.column).toBe(m.column + 1);
  });

  test('user text that Sheets would parse is neutralised', () => {
    expect(byKey(layout, 'industries').values).toContainEqual(['\'=HYPERLINK("x")', 1]);
    expect(byKey(layout, 'regions').values).toContainEqual(["'007", 1]);
  });

  test('owners table joins customers, overdue and at risk', () => {
    expect(byKey(layout, 'owners').values.slice(1)).toEqual([
      ['b@x.com', 2, 0, 0],
      ['a@x.com', 1, 1, 1],
    ]);
  });

  test('owner dashboards say whose they are; empty figures are blank cells', () => {
    const own = dashboardBlocks(
      computeKpis({ today: TODAY, timeZone: TZ, customers: [], owner: 'c@x.com' }),
      'en',
    );
    expect(own.blocks[0].values[0][0]).toBe('Sheets CRM dashboard: customers of c@x.com');
    const k = byKey(own, 'kpis').values;
    expect(k.find((r) => r[0] === 'Average order value')![1]).toBe('');
    expect(byKey(own, 'industries').values).toHaveLength(1);
    expect(own.charts[2].range.numRows).toBe(2);
    expect(byKey(own, 'kpis').formats!.values[1]).toEqual(['#,##0.00']);
  });

  test('sales: pipeline by stage (funnel order) and revenue vs target per rep, charted in place', () => {
    const withSales = dashboardBlocks(kpis, 'en', {
      sales: {
        period: '2026-Q4',
        pipeline: [
          { stage: 'Lead', amount: 900 },
          { stage: 'Proposal', amount: 300 },
        ],
        people: [
          { email: 'r1@x', revenue: 50, target: 100 },
          { email: 'r2@x', revenue: 70, target: null },
        ],
      },
    });
    expect(byKey(withSales, 'pipeline').values).toEqual([
      ['Stage', 'Open amount'],
      ['Lead', 900],
      ['Proposal', 300],
    ]);
    expect(byKey(withSales, 'targets').values).toEqual([
      ['Person', 'Revenue', 'Target'],
      ['r1@x', 50, 100],
      ['r2@x', 70, ''],
    ]);
    const target = withSales.charts.find((c) => c.key === 'revenueVsTarget')!;
    expect([target.type, target.title, target.range.numColumns]).toEqual([
      'COLUMN',
      'Revenue vs target, 2026-Q4',
      3,
    ]);
    expect(withSales.charts.find((c) => c.key === 'pipelineByStage')!.type).toBe('BAR');
    const anchors = withSales.charts.map((c) => `${c.anchor.row}:${c.anchor.column}`);
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  test('column widths fit the longest label, so nothing is cut', () => {
    const a = layout.columnWidths.find((w) => w.column === 1)!.width;
    const longest = Math.max(...byKey(layout, 'kpis').values.map((line) => String(line[0]).length));
    expect(a).toBeGreaterThanOrEqual(longest * 7);
  });
});

describe('the label column fits its labels', () => {
  test('width follows the longest label in display columns (a Chinese character is two) in both locales', () => {
    const en = dashboardBlocks(kpis, 'en');
    const zh = dashboardBlocks(kpis, 'zh-CN');
    const longest = (layout: DashboardLayout) =>
      Math.max(
        ...layout.blocks
          .filter((b) => b.column === 1 && b.key !== 'title')
          .flatMap((b) => b.values.map((line) => displayWidth(String(line[0])))),
      );
    // 7 px a display column (a Chinese character is two) plus padding: every label fits.
    expect(labelWidth(en)).toBeGreaterThan(longest(en) * 7);
    expect(labelWidth(zh)).toBeGreaterThan(longest(zh) * 7);
    expect(labelWidth(en)).toBeLessThanOrEqual(420);
  });

  test('the title row does not widen the column (it overflows into empty cells)', () => {
    const layout = dashboardBlocks({ ...kpis, owner: 'someone-with-a-very-long-address@example.com' }, 'en');
    expect(labelWidth(layout)).toBe(labelWidth(dashboardBlocks(kpis, 'en')));
  });
});

function labelWidth(layout: { columnWidths: Array<{ column: number; width: number }> }): number {
  return layout.columnWidths.find((c) => c.column === 1)!.width;
}
