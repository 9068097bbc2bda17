/**
 * The dashboard through the built bundle: blocks written in batches, charts updated in place,
 * account managers' own figures never written, refusals, and a constant number of spreadsheet
 * calls at two data sizes.
 */
import { Runtime } from '../../../src/local/runtime';
import { writeRecords } from '../../../src/local/sample';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { NOW, sampleData, setUpWorkbook, spreadsheetCallsByMethod } from '../../support/workbook';

/** Setup runs again after the data unless `protect` is false: the dashboard's protection lets managers write. */
function workbook(customers: number, purchasesPerCustomer = 10, protect = true): Runtime {
  const records = sampleData({ customers, purchasesPerCustomer, interactionsPerCustomer: 0 });
  return setUpWorkbook({ records, setUpAgain: protect });
}

const dashboardName = (rt: Runtime) => rt.spreadsheet.sheetNames().find((n) => n === 'Dashboard') ?? '';

type Payload = {
  scope: string;
  written: boolean;
  kpis: { customers: { total: number }; owner: string | null };
  blocks: Array<{ key: string; values: unknown[][] }>;
};

describe('Refresh dashboard', () => {
  const rt = workbook(60);

  test('writes the KPI table and breakdowns, with number formats, for a manager', () => {
    const payload = rt.run('menuRefreshDashboard', [], { as: 'manager@example.com' }) as Payload;
    expect(payload.scope).toBe('all');
    expect(payload.kpis.customers.total).toBe(60);
    const snap = rt.spreadsheet.snapshot(dashboardName(rt));
    expect(snap.values[0][0]).toBe('Sheets CRM dashboard');
    expect(snap.values[3].slice(0, 2)).toEqual(['Metric', 'Value']);
    expect(snap.values[4]).toEqual(expect.arrayContaining(['Customers', 60]));
    expect(snap.numberFormats[5][1]).toBe('"¥"#,##0.00'); // revenue
    expect(snap.values[20][0]).toBe('Tier');
    // one clear, one setValues per block: the stats say so
    expect(rt.lastStats!.calls['Sheet.clearContents']).toBe(1);
    expect(rt.lastStats!.calls['Range.setValues']).toBe(payload.blocks.length);
  });

  test('two refreshes leave exactly 6 charts, updated in place with the new ranges', () => {
    rt.run('menuRefreshDashboard');
    const first = rt.spreadsheet.snapshot(dashboardName(rt)).charts;
    expect(first).toHaveLength(6);
    // More industries: the industry table grows, and the same chart follows it.
    writeRecords(rt, {
      customers: [{ id: 'C900001', name: 'X', owner: 'rep1@example.com', industry: 'Mining' }],
    });
    rt.run('menuRefreshDashboard');
    const second = rt.spreadsheet.snapshot(dashboardName(rt)).charts;
    expect(second).toHaveLength(6);
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(second.map((c) => c.chartType).sort()).toEqual([
      'BAR',
      'BAR',
      'COLUMN',
      'COLUMN',
      'COLUMN',
      'PIE',
    ]);
    const bar = (list: typeof first) => list.find((c) => c.chartType === 'BAR')!.ranges[0];
    expect(bar(second)).not.toEqual(bar(first));
    expect(rt.lastStats!.calls['Sheet.insertChart'] ?? 0).toBe(0);
    expect(rt.lastStats!.calls['Sheet.updateChart']).toBe(6);
  });

  test('charts are found again by their ranges when the recorded ids are lost', () => {
    const docProps = rt.services.properties.global;
    for (const key of [
      'customersByTier',
      'revenueByMonth',
      'customersByIndustry',
      'customersByRegion',
      'pipelineByStage',
      'revenueVsTarget',
    ])
      docProps.getDocumentProperties().deleteProperty(`sheetsCrm.chart.${key}`);
    rt.run('menuRefreshDashboard');
    expect(rt.spreadsheet.snapshot(dashboardName(rt)).charts).toHaveLength(6);
  });

  test('an account manager gets their own figures and the shared sheet is not touched', () => {
    const before = JSON.stringify(rt.spreadsheet.snapshot(dashboardName(rt)));
    const own = rt.run('myFigures', [], { as: 'rep1@example.com' }) as Payload;
    expect(own.scope).toBe('own');
    expect(own.written).toBe(false);
    expect(own.kpis.owner).toBe('rep1@example.com');
    expect(own.kpis.customers.total).toBeLessThan(61);
    expect(own.kpis.customers.total).toBeGreaterThan(0);
    expect(String(own.blocks[0].values[0][0])).toContain('rep1@example.com');
    expect(rt.lastStats!.calls['Range.setValues'] ?? 0).toBe(0);
    expect(JSON.stringify(rt.spreadsheet.snapshot(dashboardName(rt)))).toBe(before);
  });

  test('"My figures" opens the dialog; refresh is refused to account managers and viewers', () => {
    const before = rt.services.ui._events().length;
    rt.run('menuMyFigures', [], { as: 'rep2@example.com' });
    const [dialog] = rt.services.ui._events().slice(before);
    expect(dialog.type).toBe('modal');
    expect(dialog.title).toBe('My figures');
    expect(dialog.html).toContain('myFigures');
    expect(() => rt.run('menuRefreshDashboard', [], { as: 'rep1@example.com' })).toThrow(/may not/);
    expect(() => rt.run('myFigures', [], { as: 'viewer@example.com' })).toThrow(/may not/);
    expect(() => rt.run('menuMyFigures', [], { as: 'assistant@example.com' })).toThrow(/may not/);
  });

  test('menus: managers see refresh and backups, account managers only "My figures"', () => {
    const captions = (as: string) => {
      rt.open(as);
      return rt.services.ui._menus()[0].items.map((i) => (i.type === 'item' ? i.functionName : i.type));
    };
    expect(captions('manager@example.com')).toEqual(
      expect.arrayContaining([
        'menuRefreshDashboard',
        'menuMyFigures',
        'menuBackupNow',
        'menuApplyBackupSchedule',
      ]),
    );
    const rep = captions('rep1@example.com');
    expect(rep).toContain('menuMyFigures');
    expect(rep).not.toContain('menuRefreshDashboard');
    expect(rep).not.toContain('menuBackupNow');
  });

  test('the daily refresh: the toggle installs one trigger, which refreshes as its installer; toggling again removes it', () => {
    rt.run('menuToggleDashboardRefresh', [], { as: 'manager@example.com' });
    rt.run('menuToggleDashboardRefresh', [], { as: 'manager@example.com' });
    expect(rt.services.scriptApp._all().filter((t) => t.handler === 'dashboardDailyRefresh')).toHaveLength(0);
    rt.run('menuToggleDashboardRefresh', [], { as: 'manager@example.com' });
    const mine = rt.services.scriptApp._all().filter((t) => t.handler === 'dashboardDailyRefresh');
    expect(mine).toHaveLength(1);
    expect(mine[0].creator).toBe('manager@example.com');
    rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(dashboardName(rt))!.clear();
    const fired = rt.tick(NOW + 86_400_000);
    expect(fired.filter((f) => f.handler === 'dashboardDailyRefresh' && !f.error)).toHaveLength(1);
    expect(rt.spreadsheet.snapshot(dashboardName(rt)).values[0][0]).toBe('Sheets CRM dashboard');
  });
});

describe('dashboard performance: constant spreadsheet calls', () => {
  test('2,000 and 20,000 customers (10 purchases each) make the same spreadsheet calls, column runs aside', () => {
    const counts = [2000, 20000].map((n) => {
      const rt = workbook(n, 10, false);
      rt.run('menuRefreshDashboard'); // first refresh inserts the charts
      rt.run('menuRefreshDashboard');
      return spreadsheetCallsByMethod(rt);
    });
    // a bigger sheet may read its needed columns in more runs (see Workbook.readColumns), no more
    // than one per KPI column
    const runsAside = (calls: Record<string, number>) => ({
      ...calls,
      'Range.getValues': 0,
      'Sheet.getRange': 0,
    });
    expect(runsAside(counts[1])).toEqual(runsAside(counts[0]));
    expect(counts[1]['Range.getValues'] - counts[0]['Range.getValues']).toBeLessThanOrEqual(16);
    const total = Object.values(counts[1]).reduce((a, b) => a + b, 0);
    // six charts (about 15 calls each to find and update), one width per label column, the blocks
    expect(total).toBeLessThan(220);
  }, 120_000);
});

describe('crm report', () => {
  test('--json as a manager writes the dashboard; --as rep1 prints own figures and writes nothing', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample', '--now', '2026-11-23T09:00:00+08:00');
    await crm(wb, 'setup'); // protections for the sample's roles (managers write the dashboard)
    const all = await crm(wb, 'report', '--json', '--as', 'manager@example.com');
    expect(all.code).toBe(0);
    expect((all.json() as Payload).kpis.customers.total).toBe(200);
    expect(loadRuntime(wb).spreadsheet.snapshot('Dashboard').charts).toHaveLength(6);

    const before = JSON.stringify(loadRuntime(wb).toFile().spreadsheet);
    const own = await crm(wb, 'report', '--as', 'rep1@example.com');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('customers of rep1@example.com');
    expect(own.stdout).toMatch(/Customers\s+100/);
    expect(JSON.stringify(loadRuntime(wb).toFile().spreadsheet)).toBe(before);

    const viewer = await crm(wb, 'report', '--as', 'viewer@example.com');
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('may not');
  });
});
