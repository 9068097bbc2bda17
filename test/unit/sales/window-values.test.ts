/**
 * The 12-month value columns with plain data: tiering's window and definitions (returns net,
 * distinct non-return orders), the purchase hook's increment, when tiering may use them, and the
 * same tiers from the columns as from every purchase row.
 */
import { CellValue, SheetRow } from '../../../src/core/schema';
import { addWindowPurchases, customerWindowValues, windowValuesServe } from '../../../src/core/sales';
import { parseIsoDay } from '../../../src/core/shared';
import { computeTiers, tierOptionsFromSettings } from '../../../src/core/tiering';

const TODAY = parseIsoDay('2024-06-15')!;
const NOW = Date.UTC(2024, 5, 15, 12);

let row = 2;
const p = (
  customerId: CellValue,
  date: CellValue,
  amount: CellValue,
  orderId: CellValue = `O${row}`,
  type: CellValue = '',
): SheetRow => ({ row: row++, values: { customerId, date, amount, orderId, type } });

describe('customerWindowValues', () => {
  test('counts the day after the same day a year ago through today, nothing later', () => {
    const v = customerWindowValues(
      [
        p('C000001', '2023-06-15', 1), // the same day a year ago: outside
        p('C000001', '2023-06-16', 10),
        p('C000001', new Date(Date.UTC(2024, 5, 15, 23)), 100),
        p('C000001', '2024-06-16', 1000), // tomorrow: not yet
      ],
      'UTC',
      TODAY,
    );
    expect(v.get('C000001')).toEqual({ revenue12m: 110, orders12m: 2 });
  });

  test('a return subtracts its amount whatever its sign and is no order; orders are distinct', () => {
    const v = customerWindowValues(
      [
        p('C000001', '2024-01-01', 100, 'A'),
        p('C000001', '2024-01-01', 50, 'A'),
        p('C000001', '2024-02-01', -30, 'R1', 'return'),
        p('C000001', '2024-02-02', 20, 'R2', 'return'),
        p('c000001 ', '2024-03-01', 'n/a', 'B'), // no amount: an order, no revenue
        p('C000002', 'not a date', 500, 'X'),
      ],
      'UTC',
      TODAY,
    );
    expect(v.get('C000001')).toEqual({ revenue12m: 100, orders12m: 2 });
    expect(v.has('C000002')).toBe(false);
  });

  test('the purchase hook adds only rows in the window, counting a repeated order of the batch once', () => {
    const next = addWindowPurchases(
      { revenue12m: 100, orders12m: 2 },
      [
        p('C000001', '2024-06-10', 40, 'N'),
        p('C000001', '2024-06-10', 60, 'N'),
        p('C000001', '2020-01-01', 999, 'OLD'),
        p('C000001', '2024-06-11', 25, 'N2', 'return'),
      ],
      'UTC',
      TODAY,
    );
    expect(next).toEqual({ revenue12m: 175, orders12m: 3 });
    expect(addWindowPurchases({ revenue12m: '', orders12m: '' }, [], 'UTC', TODAY)).toEqual({
      revenue12m: 0,
      orders12m: 0,
    });
  });
});

describe('windowValuesServe', () => {
  const o = (windowMonths: number, metric: string) => ({ windowMonths, metric });
  test('12 months, revenue or orders, computed today or yesterday', () => {
    expect(windowValuesServe(o(12, 'revenue'), TODAY, TODAY)).toBe('revenue12m');
    expect(windowValuesServe(o(12, 'orders'), TODAY - 1, TODAY)).toBe('orders12m');
  });
  test('otherwise purchases are read', () => {
    expect(windowValuesServe(o(12, 'revenue'), TODAY - 2, TODAY)).toBeNull();
    expect(windowValuesServe(o(12, 'revenue'), null, TODAY)).toBeNull();
    expect(windowValuesServe(o(12, 'revenue'), TODAY + 1, TODAY)).toBeNull();
    expect(windowValuesServe(o(6, 'revenue'), TODAY, TODAY)).toBeNull();
    expect(windowValuesServe(o(0, 'orders'), TODAY, TODAY)).toBeNull();
    expect(windowValuesServe(o(12, 'margin'), TODAY, TODAY)).toBeNull();
  });
});

describe('tiers from the columns equal tiers from purchases', () => {
  // A small deterministic generator: dates around the window edge, returns, shared orders, cents.
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const customers: SheetRow[] = [];
  const purchases: SheetRow[] = [];
  for (let i = 1; i <= 60; i++) {
    const id = `C${String(i).padStart(6, '0')}`;
    customers.push({
      row: i + 1,
      values: { id, owner: `r${i % 3}@x`, region: '', tier: '', tierLocked: '' },
    });
    const n = Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const day = TODAY - Math.floor(rand() * 420);
      const iso = new Date(day * 86400000).toISOString().slice(0, 10);
      const amount = Math.round(rand() * 100000) / 100;
      purchases.push(p(id, iso, amount, `O${i}-${Math.floor(rand() * 3)}`, rand() < 0.1 ? 'return' : ''));
    }
  }
  const window = customerWindowValues(purchases, 'UTC', TODAY);
  const withColumns = customers.map((c) => ({
    ...c,
    values: { ...c.values, ...(window.get(String(c.values.id)) ?? { revenue12m: 0, orders12m: 0 }) },
  }));

  test.each([
    ['revenue', 'cumulative', 'revenue12m'],
    ['orders', 'rank', 'orders12m'],
    ['revenue', 'rank', 'revenue12m'],
  ] as const)('%s, %s', (metric, method, column) => {
    const options = { ...tierOptionsFromSettings({}), metric, method, groupBy: 'owner' };
    const base = { options, now: NOW, timeZone: 'UTC', locale: 'en' as const };
    const fromPurchases = computeTiers({ ...base, customers, purchases });
    const fromColumns = computeTiers({ ...base, customers: withColumns, purchases: [], valueColumn: column });
    expect(fromPurchases.source).toBe('purchases');
    expect(fromColumns.source).toBe(column);
    expect(fromPurchases.totals.ranked).toBeGreaterThan(10);
    const view = (r: typeof fromColumns) => r.customers.map((c) => [c.id, c.value, c.newTier, c.rank]);
    expect(view(fromColumns)).toEqual(view(fromPurchases));
    expect(fromColumns.changes).toEqual(fromPurchases.changes);
  });
});
