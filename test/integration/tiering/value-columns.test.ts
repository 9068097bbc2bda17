/**
 * Tiering from the 12-month value columns through the built bundle: once the values are recomputed
 * the default preview (12 months, revenue or orders) reads one run of customer cells, none of the
 * purchases, and gives the same tiers as summing every purchase row; any other window, or values
 * not computed today or yesterday, falls back to the purchases. The preview says which it used.
 */
import type { Runtime } from '../../../src/local/runtime';
import { records, tieringWorkbook } from '../../support/tiering';
import { MANAGER } from '../../support/people';
import { NOW, sheet } from '../../support/workbook';
import { readTable } from '../../../src/local/inspect';

type Preview = {
  tiers: Record<string, { count: number; value: number }>;
  totals: { customers: number; ranked: number; value: number };
  changes: { total: number; items: Array<{ id: string; newTier: string; value: number }> };
  pareto: unknown;
  sourceNote: string;
};
type Response = { ok: true; preview: Preview } | { ok: false; errors: unknown[] };

const COMPUTED = 'sheetsCrm.values.computed';

function preview(rt: Runtime, input: object = {}) {
  const r = rt.run('previewTiers', [input, 1], { as: MANAGER }) as Response;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { p: r.preview, cellsRead: rt.lastStats!.cellsRead };
}

/** Everything the preview shows except the note on its source. */
const split = (p: Preview) => ({
  tiers: p.tiers,
  totals: { ...p.totals, purchasesCounted: 0 },
  changes: p.changes,
  pareto: p.pareto,
});

/** Returns (typed with either sign) for every tenth customer, in and just outside the window. */
function addReturns(rt: Runtime, n: number): void {
  const keys = readTable(rt, 'purchases').keys;
  const rows: unknown[][] = [];
  for (let i = 1; i <= n; i += 10) {
    const id = `C${String(i).padStart(6, '0')}`;
    const daysAgo = i % 20 === 1 ? 30 : 366;
    const cells: Record<string, unknown> = {
      orderId: `R${i}`,
      date: new Date(NOW - daysAgo * 86400000),
      customerId: id,
      product: 'x',
      quantity: 1,
      amount: i % 3 === 0 ? -400 : 400,
      type: 'Return',
    };
    rows.push(keys.map((k) => cells[k] ?? ''));
  }
  const s = sheet(rt, 'purchases');
  for (const row of rows) s.appendRow(row);
}

const measured = [300, 1200].map((n) => {
  const rt = tieringWorkbook(n);
  addReturns(rt, n);
  const purchases = records(rt, 'purchases').length;
  const before = { revenue: preview(rt), orders: preview(rt, { metric: 'orders' }) };
  rt.run('recomputeCustomerValuesNow', [], { as: MANAGER });
  const after = { revenue: preview(rt), orders: preview(rt, { metric: 'orders' }) };
  return { n: n + 1, rt, purchases, before, after };
});

describe('the default preview reads the 12-month value columns once they are fresh', () => {
  test.each(['revenue', 'orders'] as const)('%s: the same tiers from both sources', (metric) => {
    for (const m of measured) {
      expect(m.before[metric].p.sourceNote).toMatch(/purchase rows/);
      expect(m.after[metric].p.sourceNote).toMatch(/12-month value columns/);
      expect(m.before[metric].p.totals.ranked).toBeGreaterThan(m.n / 2);
      expect(split(m.after[metric].p)).toEqual(split(m.before[metric].p));
    }
  });

  test('cells read drop to a constant per customer: no purchase cell is read', () => {
    for (const m of measured) {
      const { cellsRead } = m.after.revenue;
      const width = Object.keys(records(m.rt, 'customers')[0]).length;
      // at most one customers row per customer (and its header): no purchases column
      expect(cellsRead).toBeLessThanOrEqual((m.n + 1) * width);
      expect(cellsRead).toBeLessThan(m.before.revenue.cellsRead / 2);
      expect(m.before.revenue.cellsRead - cellsRead).toBeGreaterThan(3 * m.purchases);
    }
  });

  test('apply from the columns writes the tiers the purchases give', () => {
    const { rt, before } = measured[0];
    const result = rt.run('applyTiers', [{}], { as: MANAGER }) as { changed: number };
    expect(result.changed).toBe(before.revenue.p.changes.total);
    const tierOf = new Map(records(rt, 'customers').map((c) => [c.id, c.tier]));
    for (const c of before.revenue.p.changes.items) expect(tierOf.get(c.id)).toBe(c.newTier);
  });
});

describe('otherwise the purchases are summed', () => {
  const { rt } = measured[1];

  test('another window', () => {
    const { p, cellsRead } = preview(rt, { windowMonths: 6 });
    expect(p.sourceNote).toMatch(/purchase rows/);
    expect(cellsRead).toBeGreaterThan(measured[1].purchases);
  });

  test('values computed two days ago are stale; yesterday is fresh', () => {
    const props = rt.services.properties.global.getDocumentProperties();
    const saved = JSON.parse(props.getProperty(COMPUTED)!) as { day: string; timeZone: string };
    const shifted = (days: number) => {
      const d = new Date(`${saved.day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - days);
      return JSON.stringify({ ...saved, day: d.toISOString().slice(0, 10) });
    };
    props.setProperty(COMPUTED, shifted(1));
    expect(preview(rt).p.sourceNote).toMatch(/12-month value columns/);
    props.setProperty(COMPUTED, shifted(2));
    expect(preview(rt).p.sourceNote).toMatch(/purchase rows/);
    props.setProperty(COMPUTED, JSON.stringify({ ...saved, timeZone: 'Pacific/Kiritimati' }));
    expect(preview(rt).p.sourceNote).toMatch(/purchase rows/);
  });
});
