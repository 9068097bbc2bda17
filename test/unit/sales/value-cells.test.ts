/**
 * The nightly recompute's comparison with plain data: which value cells differ from what the
 * purchases give (money to the cent, counts exactly, dates by day, blanks only as blanks), the
 * first part under a cap (whole rows in row order), and the blocks that write only changed cells.
 */
import { CellValue, SheetRow } from '../../../src/core/schema';
import {
  holdsValue,
  KEPT_VALUE_COLUMNS,
  nextValuePart,
  valueBlocks,
  valueCellsOf,
  valueChanges,
  ValueChange,
} from '../../../src/core/sales';
import { dayReader, parseIsoDay } from '../../../src/core/shared';

const TZ = 'Asia/Shanghai';
const TODAY = parseIsoDay('2026-11-23')!;
const day = (iso: string) => parseIsoDay(iso)!;
const date = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const readDay = dayReader(TZ);

let n = 2;
const purchase = (
  customerId: string,
  iso: string,
  amount: number,
  orderId = `O${n}`,
  type = '',
): SheetRow => ({
  row: n++,
  values: { customerId, date: date(iso), amount, orderId, type },
});
const customer = (row: number, id: string, cells: Partial<Record<string, CellValue>> = {}): SheetRow => ({
  row,
  values: { id, ...Object.fromEntries(KEPT_VALUE_COLUMNS.map((k) => [k, cells[k] ?? ''])) },
});

const PURCHASES = [
  purchase('C1', '2026-10-03', 1000, 'A1'),
  purchase('C1', '2026-10-03', 200.1, 'A1'),
  purchase('C1', '2025-06-01', 50, 'A0'), // outside the 12 months
  purchase('C3', '2026-11-03', 700, 'B1'),
];
/** What C1 and C3 should hold with PURCHASES on TODAY. */
const C1 = {
  revenue: 1250.1,
  orders: 2,
  avgOrder: 625.05,
  lastPurchase: date('2026-10-03'),
  revenue12m: 1200.1,
  orders12m: 1,
};
const C3 = {
  revenue: 700,
  orders: 1,
  avgOrder: 700,
  lastPurchase: date('2026-11-03'),
  revenue12m: 700,
  orders12m: 1,
};
const NONE = { revenue: 0, orders: 0, revenue12m: 0, orders12m: 0 };

describe('holdsValue', () => {
  test('money within half a cent, counts exactly', () => {
    expect(holdsValue('revenue', 1200.004, 1200, readDay)).toBe(true);
    expect(holdsValue('revenue', 1200.01, 1200, readDay)).toBe(false);
    expect(holdsValue('revenue12m', 0.1 + 0.2, 0.3, readDay)).toBe(true);
    expect(holdsValue('orders', 2, 2, readDay)).toBe(true);
    expect(holdsValue('orders12m', 2.001, 2, readDay)).toBe(false);
  });

  test('a blank is only a blank: 0 is written over a blank, a blank over 0; text is rewritten', () => {
    expect(holdsValue('revenue', '', 0, readDay)).toBe(false);
    expect(holdsValue('avgOrder', 0, '', readDay)).toBe(false);
    expect(holdsValue('avgOrder', '', '', readDay)).toBe(true);
    expect(holdsValue('lastPurchase', undefined, '', readDay)).toBe(true);
    expect(holdsValue('revenue', '100', 100, readDay)).toBe(false);
  });

  test("dates by day in the spreadsheet's zone; text that reads as the day is rewritten as a date", () => {
    const wanted = day('2026-10-03');
    expect(holdsValue('lastPurchase', date('2026-10-03'), wanted, readDay)).toBe(true);
    expect(holdsValue('lastPurchase', new Date('2026-10-03T23:59:00+08:00'), wanted, readDay)).toBe(true);
    expect(holdsValue('lastPurchase', new Date('2026-10-03T23:59:00Z'), wanted, readDay)).toBe(false);
    expect(holdsValue('lastPurchase', '2026-10-03', wanted, readDay)).toBe(false);
    expect(holdsValue('lastPurchase', '', wanted, readDay)).toBe(false);
  });
});

describe('valueChanges', () => {
  test('an empty sheet: every cell of customers with an id; a customer without purchases gets 0s and blanks', () => {
    const changes = valueChanges(
      [customer(2, 'C1'), customer(3, 'C2'), customer(4, 'c3')],
      KEPT_VALUE_COLUMNS,
      PURCHASES,
      TZ,
      TODAY,
    );
    expect(changes).toEqual([
      { row: 2, cells: { ...C1, lastPurchase: day('2026-10-03') } },
      { row: 3, cells: NONE },
      { row: 4, cells: { ...C3, lastPurchase: day('2026-11-03') } },
    ]);
    expect(valueCellsOf(undefined, undefined)).toEqual({ ...NONE, avgOrder: '', lastPurchase: '' });
  });

  test('up to date: no change; only the differing cells of a row, in row order', () => {
    const current = [customer(2, 'C1', C1), customer(5, 'C2', NONE), customer(9, 'C3', C3)];
    expect(valueChanges(current, KEPT_VALUE_COLUMNS, PURCHASES, TZ, TODAY)).toEqual([]);
    const more = [...PURCHASES, purchase('C3', '2026-11-20', 300, 'B2')];
    expect(valueChanges(current, KEPT_VALUE_COLUMNS, more, TZ, TODAY)).toEqual([
      {
        row: 9,
        cells: {
          revenue: 1000,
          orders: 2,
          avgOrder: 500,
          lastPurchase: day('2026-11-20'),
          revenue12m: 1000,
          orders12m: 2,
        },
      },
    ]);
  });

  test("a purchase leaving the 12 months changes that customer's 12-month cells only", () => {
    const current = [customer(2, 'C1', C1), customer(3, 'C2', NONE), customer(4, 'C3', C3)];
    // On 2027-10-03 the October purchase is a year old: outside ("the day after a year ago" onward).
    expect(valueChanges(current, KEPT_VALUE_COLUMNS, PURCHASES, TZ, day('2027-10-03'))).toEqual([
      { row: 2, cells: { revenue12m: 0, orders12m: 0 } },
    ]);
  });

  test('a row without an id is blanked; columns the sheet lacks are left out', () => {
    const rows = [customer(2, '', { revenue: 5, orders: 1 }), customer(3, 'C1', C1)];
    expect(valueChanges(rows, KEPT_VALUE_COLUMNS, PURCHASES, TZ, TODAY)).toEqual([
      { row: 2, cells: { revenue: '', orders: '' } },
    ]);
    const partial = [customer(2, 'C1', { revenue: 1250.1 })];
    expect(valueChanges(partial, ['revenue', 'orders'], PURCHASES, TZ, TODAY)).toEqual([
      { row: 2, cells: { orders: 2 } },
    ]);
  });
});

describe('nextValuePart', () => {
  const changes: ValueChange[] = [
    { row: 2, cells: { revenue: 1, orders: 1 } },
    { row: 3, cells: { revenue: 2, orders: 1, avgOrder: 2 } },
    { row: 7, cells: { orders12m: 4 } },
  ];
  test('whole rows in row order up to the cap, and the row the next part goes on from', () => {
    expect(nextValuePart(changes, 2, 5)).toEqual({ now: changes.slice(0, 2), cellsNow: 5, nextRow: 4 });
    expect(nextValuePart(changes, 2, 4)).toEqual({ now: changes.slice(0, 1), cellsNow: 2, nextRow: 3 });
    expect(nextValuePart(changes, 2, 100)).toEqual({ now: changes, cellsNow: 6, nextRow: null });
    expect(nextValuePart([], 2, 10)).toEqual({ now: [], cellsNow: 0, nextRow: null });
  });

  test('a cap below one row still writes one row: every execution makes progress', () => {
    expect(nextValuePart(changes, 2, 1)).toEqual({ now: changes.slice(0, 1), cellsNow: 2, nextRow: 3 });
  });

  test('a later part goes on from its row; the last one fills its room from the top (rows that differ again)', () => {
    expect(nextValuePart(changes, 3, 3)).toEqual({ now: [changes[1]], cellsNow: 3, nextRow: 4 });
    expect(nextValuePart(changes, 4, 3)).toEqual({
      now: [changes[0], changes[2]],
      cellsNow: 3,
      nextRow: null,
    });
  });

  test('rows that differ after every write (cells that never take the value) cannot hold the sweep up', () => {
    // Each part sees rows 2..k still differing in one cell; the sweep still reaches the end.
    const stuck = (upTo: number): ValueChange[] =>
      Array.from({ length: 40 }, (_, i) => ({
        row: i + 2,
        cells: i + 2 < upTo ? { lastPurchase: 1 } : { revenue: 1, orders: 1, lastPurchase: 1 },
      }));
    let from = 2;
    let parts = 0;
    for (; parts < 40; parts++) {
      const part = nextValuePart(stuck(from), from, 10);
      if (part.nextRow === null) break;
      expect(part.nextRow).toBeGreaterThan(from);
      from = part.nextRow;
    }
    // 40 rows of 3 cells, 3 rows (9 cells) a part: 14 parts, the last of which ends the sweep
    expect(parts + 1).toBe(14);
  });
});

describe('valueBlocks', () => {
  test('per run of adjacent columns, consecutive changed rows as one block; unchanged cells null; days as ISO', () => {
    const runs = [
      { start: 23, keys: ['revenue', 'orders', 'avgOrder', 'lastPurchase'] as const },
      { start: 30, keys: ['revenue12m', 'orders12m'] as const },
    ];
    const blocks = valueBlocks(
      [
        { row: 2, cells: { revenue: 0, lastPurchase: '' } },
        { row: 3, cells: { lastPurchase: day('2026-10-03') } },
        { row: 4, cells: { revenue12m: 5 } },
        { row: 6, cells: { orders: 3, orders12m: 1 } },
      ],
      runs,
    );
    expect(blocks).toEqual([
      {
        row: 2,
        column: 24,
        values: [
          [0, null, null, ''],
          [null, null, null, '2026-10-03'],
        ],
      },
      { row: 6, column: 24, values: [[null, 3, null, null]] },
      { row: 4, column: 31, values: [[5, null]] },
      { row: 6, column: 31, values: [[null, 1]] },
    ]);
    expect(valueBlocks([], runs)).toEqual([]);
  });
});
