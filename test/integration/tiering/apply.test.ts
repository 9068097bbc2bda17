import { expectUserError } from '../../support/runner';
/**
 * ABC tiering through the built bundle: preview is read-only, apply writes the tier column, one
 * tierHistory row per change, the settings, the colour rules and an audit row; a second apply
 * writes nothing; roles are checked on the server; a hostile customer name stays data; batch I/O
 * is the same at 1,000 and 10,000 customers and the preview payload stays small.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Runtime } from '../../../src/local/runtime';
import { chartMarkup, HOSTILE, records, sheetName, tieringWorkbook } from '../../support/tiering';
import { MANAGER, OWNER, REP, VIEWER } from '../../support/people';
import { spreadsheetCallsByMethod } from '../../support/workbook';
import { DIST } from '../../support/paths';

type Change = { id: string; name: string; oldTier: string; newTier: string; value: number; row: number };
type Preview = {
  options: Record<string, unknown>;
  tiers: Record<string, { count: number; share: number }>;
  changes: { items: Change[]; total: number; page: number; pages: number; pageSize: number };
  pareto: { n: number; points: unknown[] };
  warnings: string[];
  locked: number;
};
type PreviewResponse =
  { ok: true; preview: Preview } | { ok: false; errors: Array<{ field: string; message: string }> };
type ApplyResult = {
  changed: number;
  settingsSaved: boolean;
  coloursUpdated: boolean;
  message: string;
  preview: Preview;
};

const preview = (rt: Runtime, input: object = {}, page = 1, as = MANAGER) => {
  const r = rt.run('previewTiers', [input, page], { as }) as PreviewResponse;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.preview;
};
const apply = (rt: Runtime, input: object = {}, as = MANAGER) =>
  rt.run('applyTiers', [input], { as }) as ApplyResult;

/** The add-on's colour rules on the customers sheet: [criteria value, A1, background]. */
function colourRules(rt: Runtime) {
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'customers'))!;
  return sheet.getConditionalFormatRules().map((r) => {
    const c = r.getBooleanCondition()!;
    return [String(c.getCriteriaValues()[0]), r.getRanges()[0].getA1Notation(), c.getBackground()];
  });
}

describe('preview and apply (200 customers)', () => {
  const rt = tieringWorkbook(200);

  test('preview is read-only: counts, shares, one page of changes with names, nothing written', () => {
    const before = JSON.stringify(records(rt, 'customers'));
    const p = preview(rt);
    expect(rt.lastStats!.calls['Range.setValues'] ?? 0).toBe(0);
    expect(JSON.stringify(records(rt, 'customers'))).toBe(before);
    expect(p.tiers.A.count + p.tiers.B.count + p.tiers.C.count).toBe(201);
    expect(p.tiers.A.share + p.tiers.B.share + p.tiers.C.share).toBeCloseTo(1);
    expect(p.changes.total).toBe(201); // no tier was set yet
    expect(p.changes.items).toHaveLength(50);
    expect(p.changes.pages).toBe(5);
    // the hostile name is plain data in the payload and escaped in the chart markup
    expect(p.changes.items[0]).toMatchObject({ id: 'C900001', name: HOSTILE, oldTier: '', newTier: 'A' });
    expect(chartMarkup(p.pareto as never)).not.toContain('<img');
    expect(preview(rt, {}, 5).changes.items).toHaveLength(1);
    expect(preview(rt, {}, 99).changes.page).toBe(5);
  });

  test('apply writes tiers, one tierHistory row per change, colour rules and an audit row', () => {
    const p = preview(rt);
    const result = apply(rt);
    expect(result.changed).toBe(201);
    expect(result.message).toBe('Tiers applied: 201 customers changed tier.');
    const tiers = records(rt, 'customers').map((c) => c.tier);
    expect(tiers.filter((t) => t === 'A')).toHaveLength(p.tiers.A.count);
    expect(tiers.filter((t) => t === 'B')).toHaveLength(p.tiers.B.count);
    expect(tiers.filter((t) => t === 'C')).toHaveLength(p.tiers.C.count);
    const history = records(rt, 'tierHistory');
    expect(history).toHaveLength(201);
    expect(history[0]).toMatchObject({
      customerId: 'C900001',
      oldTier: '',
      newTier: 'A',
      value: 50_000_000,
      method: 'cumulative revenue 12m',
    });
    // the changed tier cells by one RangeList per tier; one block each for history and audit row
    expect(rt.lastStats!.calls['RangeList.setValue']).toBe(3);
    expect(rt.lastStats!.calls['Range.setValues']).toBe(2);
    expect(colourRules(rt)).toEqual([
      ['A', 'M2:M', '#ceead6'],
      ['B', 'M2:M', '#feefc3'],
      ['C', 'M2:M', '#e8eaed'],
    ]);
    const audit = records(rt, 'auditLog').map((r) => String(r.action));
    expect(audit.filter((a) => a.startsWith('tierApply'))).toEqual([
      'tierApply changed=201 method=cumulative metric=revenue windowMonths=12',
    ]);
    expect(preview(rt).changes.total).toBe(0);
  });

  test('a second apply with nothing changed writes nothing at all', () => {
    const auditRows = records(rt, 'auditLog').length;
    const result = apply(rt);
    expect(result.changed).toBe(0);
    expect(result.message).toBe('Tiers are up to date: no customer changed tier.');
    expect(rt.lastStats!.calls['Range.setValues'] ?? 0).toBe(0);
    expect(rt.lastStats!.calls['Sheet.setConditionalFormatRules'] ?? 0).toBe(0);
    expect(rt.lastStats!.cellsWritten).toBe(0);
    expect(records(rt, 'tierHistory')).toHaveLength(201);
    expect(records(rt, 'auditLog')).toHaveLength(auditRows);
  });

  test("new options are saved to settings (admin); the user's own colour rules stay, ours appear once", () => {
    const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'customers'))!;
    const mine = rt.spreadsheet.app
      .newConditionalFormatRule()
      .whenTextEqualTo('VIP')
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('B2:B')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), mine]);
    const result = apply(rt, { method: 'rank', cutoffA: '10%', cutoffB: '20%' }, OWNER);
    expect(result.settingsSaved).toBe(true);
    expect(result.changed).toBeGreaterThan(0);
    const settings = Object.fromEntries(records(rt, 'settings').map((r) => [r.key, String(r.value)]));
    expect(settings).toMatchObject({
      'tier.method': 'rank',
      'tier.rankA': '0.1',
      'tier.rankB': '0.2',
      'tier.a': '0.8',
    });
    expect(records(rt, 'settings').filter((r) => r.key === 'tier.method')).toHaveLength(1);
    apply(rt, {}, OWNER); // the saved options are the defaults now: nothing to do
    expect(rt.lastStats!.cellsWritten).toBe(0);
    // ours were up to date, so the rules were not rewritten: the user's stays where they put it
    expect(colourRules(rt)).toEqual([
      ['A', 'M2:M', '#ceead6'],
      ['B', 'M2:M', '#feefc3'],
      ['C', 'M2:M', '#e8eaed'],
      ['VIP', 'B2:B', '#ff0000'],
    ]);
    // a rule of ours gone (say, deleted by hand): ours are rebuilt once, behind the user's
    sheet.setConditionalFormatRules(sheet.getConditionalFormatRules().slice(1));
    expect(apply(rt, {}, OWNER).coloursUpdated).toBe(true);
    expect(colourRules(rt)).toEqual([
      ['VIP', 'B2:B', '#ff0000'],
      ['A', 'M2:M', '#ceead6'],
      ['B', 'M2:M', '#feefc3'],
      ['C', 'M2:M', '#e8eaed'],
    ]);
    const data = rt.run('tierSidebarData', [], { as: OWNER }) as {
      options: { method: string };
      canApply: boolean;
    };
    expect(data).toMatchObject({ options: { method: 'rank' }, canApply: true });
  });

  test('a locked customer keeps its tier and counts in the totals', () => {
    const customers = records(rt, 'customers');
    const target = customers.find((c) => c.id === 'C900001')!;
    const ss = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'customers'))!;
    ss.getRange(`M${target._row}:N${target._row}`).setValues([['C', true]]);
    const p = preview(rt, { method: 'cumulative' });
    expect(p.locked).toBe(1);
    expect(p.changes.items.find((c) => c.id === 'C900001')).toBeUndefined();
    apply(rt, { method: 'cumulative' }, OWNER);
    expect(records(rt, 'customers').find((c) => c.id === 'C900001')!.tier).toBe('C');
  });

  test('a manager applies but does not save settings (the settings sheet is admins’)', () => {
    const result = apply(rt, { method: 'absolute', cutoffA: '100000', cutoffB: '10000' }, MANAGER);
    expect(result.settingsSaved).toBe(false);
    expect(result.message).toContain('only admins may change settings');
    const settings = Object.fromEntries(records(rt, 'settings').map((r) => [r.key, String(r.value)]));
    expect(settings['tier.method']).toBe('cumulative');
  });
});

describe('roles and invalid options', () => {
  const rt = tieringWorkbook(30);

  test('an account manager previews every customer read-only and is refused apply', () => {
    const p = preview(rt, {}, 1, REP);
    expect(p.changes.total).toBe(31);
    const data = rt.run('tierSidebarData', [], { as: REP }) as { canApply: boolean; role: string };
    expect(data).toMatchObject({ canApply: false, role: 'accountManager' });
    expectUserError(() => apply(rt, {}, REP), 'error.notAllowed');
    expect(records(rt, 'tierHistory')).toHaveLength(0);
    expect(records(rt, 'customers').every((c) => c.tier === '')).toBe(true);
  });

  test('a viewer may not even preview; the menu offers the items by role', () => {
    expectUserError(() => preview(rt, {}, 1, VIEWER), 'error.notAllowed');
    expectUserError(() => rt.run('menuTiering', [], { as: VIEWER }), 'error.notAllowed');
    rt.open(REP);
    const repItems = rt.services.ui._menus()[0].items.map((i) => ('functionName' in i ? i.functionName : ''));
    expect(repItems).toContain('menuTiering');
    expect(repItems).not.toContain('menuTierSchedule');
    rt.open(MANAGER);
    const managerItems = rt.services.ui
      ._menus()[0]
      .items.map((i) => ('functionName' in i ? i.functionName : ''));
    expect(managerItems).toEqual(expect.arrayContaining(['menuTiering', 'menuTierSchedule']));
  });

  test('the menu item opens the sidebar; its strings come from the server in the workbook language', () => {
    const before = rt.services.ui._events().length;
    rt.run('menuTiering', [], { as: REP });
    const event = rt.services.ui._events().slice(before)[0] as { type: string; title?: string };
    expect(event).toMatchObject({ type: 'sidebar', title: 'ABC tiering' });
    const data = rt.run('tierSidebarData', [], { as: REP }) as { messages: Record<string, string> };
    expect(data.messages['tier.ui.apply']).toBe('Apply');
    expect(Object.keys(data.messages).every((k) => k.startsWith('tier.ui.'))).toBe(true);
  });

  test('invalid options: field errors from preview, a localized refusal from apply, nothing written', () => {
    const r = rt.run('previewTiers', [{ cutoffA: '0.9', cutoffB: '0.5', windowMonths: 'x' }, 1], {
      as: MANAGER,
    }) as PreviewResponse;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['cutoffB', 'windowMonths']);
    expectUserError(() => apply(rt, { method: 'pareto' }), 'tier.error.method', { value: 'pareto' });
    expect(records(rt, 'tierHistory')).toHaveLength(0);
  });
});

describe('the built sidebar page', () => {
  test('is one self-contained file that builds its DOM without markup APIs', () => {
    const html = readFileSync(path.join(DIST, 'TierSidebar.html'), 'utf8');
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/\.innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(html).toContain('createElementNS');
    expect(html).toContain('tierSidebarData');
  });
});

describe('batch I/O at 1,000 and 10,000 customers', () => {
  const sizes = [1000, 10000];
  const measured = sizes.map((n) => {
    const rt = tieringWorkbook(n);
    const firstPreview = preview(rt);
    const previewCalls = spreadsheetCallsByMethod(rt);
    const previewStats = rt.lastStats!;
    const previewJson = JSON.stringify(rt.run('previewTiers', [{}, 1], { as: MANAGER }));
    apply(rt);
    const firstApply = spreadsheetCallsByMethod(rt);
    apply(rt);
    const secondApply = spreadsheetCallsByMethod(rt);
    const history = records(rt, 'tierHistory').length;
    return { n, firstPreview, previewCalls, previewStats, previewJson, firstApply, secondApply, history };
  });

  test('apply and preview make the same spreadsheet calls at both sizes', () => {
    const [small, large] = measured;
    // only the number of column runs read may differ: wider runs pay off on smaller sheets
    const runsAside = (calls: Record<string, number>) => ({
      ...calls,
      'Range.getValues': 0,
      'Sheet.getRange': 0,
    });
    expect(runsAside(large.firstApply)).toEqual(runsAside(small.firstApply));
    expect(runsAside(large.secondApply)).toEqual(runsAside(small.secondApply));
    expect(runsAside(large.previewCalls)).toEqual(runsAside(small.previewCalls));
    expect(small.firstApply['Range.setValues']).toBe(2);
    expect(small.firstApply['RangeList.setValue']).toBe(3);
    expect(large.history).toBe(10001);
  });

  test('an apply writes only the tier cells that change, not the rows between them', () => {
    const rt = tieringWorkbook(1000);
    apply(rt);
    const before = records(rt, 'tierHistory').length;
    const result = apply(rt, { method: 'rank', cutoffA: '10%', cutoffB: '20%' });
    expect(result.changed).toBeGreaterThan(0);
    expect(result.changed).toBeLessThan(1000);
    expect(records(rt, 'tierHistory').length - before).toBe(result.changed);
    const historyWidth = Object.keys(records(rt, 'tierHistory')[0]).length;
    // the changed tier cells, their history rows and one audit row; nothing for the others
    expect(rt.lastStats!.cellsWritten).toBeLessThan(result.changed * (1 + historyWidth) + 20);
  });

  test('customers and purchases are read once each, only the columns tiering needs', () => {
    for (const m of measured) {
      // settings, roles (begin); the header and at most one run per needed column of customers
      // (6) and purchases (4)
      expect(m.previewCalls['Range.getValues']).toBeLessThanOrEqual(2 + 2 + 6 + 4);
      // 10 purchases of 7 columns and a customer row of about 30 would be 100 cells a customer
      expect(m.previewStats.cellsRead / m.n).toBeLessThan(80);
      expect(m.firstPreview.changes.total).toBe(m.n + 1);
    }
  });

  test('the preview payload stays small at 10,000 customers', () => {
    const large = measured[1];
    expect(large.previewJson.length).toBeLessThan(64 * 1024);
    expect(large.firstPreview.pareto.points.length).toBeLessThanOrEqual(204);
  });
});
