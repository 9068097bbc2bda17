/**
 * The nightly value recompute through the built bundle, counted by the emulator: it writes only the
 * cells that changed (nothing when nothing did), a purchase leaving the 12 months rewrites only its
 * customer's 12-month cells, and a run with more changed cells than one execution may write writes
 * the first rows, leaves the rest to a one-off continuation trigger that finishes, removes itself
 * and only then records the day, with the same values a single full recompute gives.
 */
import type { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, rep, roleRow } from '../../support/people';
import { customerRecord } from '../../support/rows';
import { sampleData, setUpWorkbook, sheet } from '../../support/workbook';

const date = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const COMPUTED = 'sheetsCrm.values.computed';
const CAP = 'sheetsCrm.values.cellsPerRun';
const CONTINUE = 'continueCustomerValues';
const VALUE_KEYS = ['revenue', 'orders', 'avgOrder', 'lastPurchase', 'revenue12m', 'orders12m'];

const props = (rt: Runtime) => rt.services.properties.global.getDocumentProperties();
const continuations = (rt: Runtime) => rt.services.scriptApp._all().filter((t) => t.handler === CONTINUE);
const valueColumns = (rt: Runtime): Record<string, unknown[]> =>
  Object.fromEntries(
    readTable(rt, 'customers').records.map((c) => [c.id, VALUE_KEYS.map((k) => c[k] as unknown)]),
  );
/** The nightly trigger's run, as its installer (the owner who ran setup). */
const nightly = (rt: Runtime) => rt.run('nightlyCustomerValues', [], { as: OWNER, mode: 'trigger' });
const batchUpdates = (rt: Runtime) => rt.lastStats!.calls['Sheets.Spreadsheets.Values.batchUpdate'] ?? 0;

const purchase = (orderId: string, iso: string, customerId: string, amount: number) => ({
  orderId,
  date: date(iso),
  customerId,
  product: 'p',
  quantity: 1,
  amount,
});

const small = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager', { team: 'East' }),
        roleRow(REP, 'accountManager', { team: 'East', managerEmail: MANAGER }),
        roleRow(rep(2), 'accountManager', { team: 'West' }),
      ],
      customers: [customerRecord(1, REP), customerRecord(2, REP), customerRecord(3, rep(2))],
      purchases: [
        purchase('A1', '2026-10-03', 'C000001', 1000),
        purchase('A1', '2026-10-03', 'C000001', 200),
        // NOW is 2026-11-23: the window runs from 2025-11-24, so this leaves it on 2026-11-25
        purchase('A0', '2025-11-24', 'C000002', 300),
        purchase('B1', '2026-11-03', 'C000003', 700),
      ],
    },
    setUpAgain: true,
  });

describe('only changed cells are written', () => {
  test('a second run with nothing changed writes nothing; a new row of an order rewrites only the cells it changes', () => {
    const rt = small();
    nightly(rt);
    expect(rt.lastStats!.cellsWritten).toBe(6 * 3);
    const before = valueColumns(rt);
    expect(before).toEqual({
      C000001: [1200, 1, 1200, '2026-10-03', 1200, 1],
      C000002: [300, 1, 300, '2025-11-24', 300, 1],
      C000003: [700, 1, 700, '2026-11-03', 700, 1],
    });

    nightly(rt);
    expect(rt.lastStats!.cellsWritten).toBe(0);
    expect(batchUpdates(rt)).toBe(0);

    // Another line of order B1, the same day: revenue, average and 12-month revenue change; the
    // order count and the last purchase do not.
    sheet(rt, 'purchases').appendRow(['B1', date('2026-11-03'), 'C000003', 'q', 1, 300]);
    nightly(rt);
    expect(batchUpdates(rt)).toBe(1);
    expect(rt.lastStats!.cellsWritten).toBe(3);
    expect(valueColumns(rt)).toEqual({ ...before, C000003: [1000, 1, 1000, '2026-11-03', 1000, 1] });
  });

  test("a purchase leaving the 12 months changes only that customer's 12-month cells", () => {
    const rt = small();
    nightly(rt);
    const before = valueColumns(rt);
    rt.ctx.clock.set(Date.parse('2026-11-25T09:00:00+08:00'));
    nightly(rt);
    expect(rt.lastStats!.cellsWritten).toBe(2);
    expect(valueColumns(rt)).toEqual({ ...before, C000002: [300, 1, 300, '2025-11-24', 0, 0] });
    expect(JSON.parse(props(rt).getProperty(COMPUTED)!)).toMatchObject({ day: '2026-11-25' });
  });
});

describe('a recompute over the cells one execution may write', () => {
  const workbook = () =>
    setUpWorkbook({
      records: sampleData({ customers: 40, interactionsPerCustomer: 0, feedbackPerCustomer: 0 }),
      setUpAgain: true,
    });
  /** The same workbook recomputed whole in one execution: what the parts must add up to. */
  const whole = (() => {
    const rt = workbook();
    nightly(rt);
    return { values: valueColumns(rt), cells: rt.lastStats!.cellsWritten };
  })();

  test('writes the first rows, continues by trigger until done, then records the day: the values of one full run', () => {
    const rt = workbook();
    const cap = 50;
    props(rt).setProperty(CAP, String(cap));
    expect(whole.cells).toBeGreaterThan(3 * cap);

    nightly(rt);
    const first = rt.lastStats!.cellsWritten;
    expect(first).toBeGreaterThan(cap - 6);
    expect(first).toBeLessThanOrEqual(cap);
    // whole rows in row order: a prefix of the customers is filled, the others still blank
    const rows = Object.values(valueColumns(rt));
    const filled = rows.filter((r) => r[0] !== '').length;
    expect(filled).toBeGreaterThan(0);
    expect(rows.slice(0, filled).every((r) => r[0] !== '' && r[1] !== '' && r[4] !== '')).toBe(true);
    expect(rows.slice(filled).every((r) => r.every((v) => v === ''))).toBe(true);
    expect(continuations(rt)).toHaveLength(1);
    expect(props(rt).getProperty(COMPUTED)).toBeNull();

    const fired = [];
    for (let i = 0; i < 20 && continuations(rt).length; i++)
      fired.push(...rt.tick(rt.ctx.clock.now() + 2 * 60_000).filter((f) => f.handler === CONTINUE));
    expect(fired.length).toBe(Math.ceil((whole.cells - first) / cap));
    expect(fired.filter((f) => f.error)).toEqual([]);
    expect(continuations(rt)).toHaveLength(0);
    expect(JSON.parse(props(rt).getProperty(COMPUTED)!)).toMatchObject({ day: '2026-11-23' });
    expect(valueColumns(rt)).toEqual(whole.values);

    // nothing left to write
    expect(rt.run('recomputeCustomerValuesNow', [], { as: MANAGER })).toMatchObject({
      changed: 0,
      continues: false,
    });
  });

  test('cells that never take the value written do not hold the parts up: they sweep the sheet once', () => {
    const rt = workbook();
    props(rt).setProperty(CAP, '30');
    // A last-purchase column formatted as plain text keeps the ISO day as text: those cells never
    // take the date written and differ again in every part.
    const customers = sheet(rt, 'customers');
    const column = readTable(rt, 'customers').keys.indexOf('lastPurchase') + 1;
    customers.getRange(2, column, customers.getLastRow() - 1, 1).setNumberFormat('@');

    nightly(rt);
    const fired = [];
    for (let i = 0; i < 40 && continuations(rt).length; i++)
      fired.push(...rt.tick(rt.ctx.clock.now() + 2 * 60_000).filter((f) => f.handler === CONTINUE));
    expect(continuations(rt)).toHaveLength(0);
    // 30 cells a part are 5 rows of 6: 8 parts for 40 customers, each going on from the last
    expect(fired.length).toBe(7);
    expect(fired.filter((f) => f.error)).toEqual([]);
    expect(JSON.parse(props(rt).getProperty(COMPUTED)!)).toMatchObject({ day: '2026-11-23' });
    expect(props(rt).getProperty('sheetsCrm.values.nextRow')).toBeNull();
    // every other cell was written; the last purchases hold text, not dates
    const values = valueColumns(rt);
    for (const [id, line] of Object.entries(whole.values))
      expect([id, values[id][0], values[id][4]]).toEqual([id, line[0], line[4]]);
    const days = customers
      .getRange(2, column, customers.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
    expect(days.filter((d) => typeof d === 'string' && /^\d{4}-\d\d-\d\d$/.test(d)).length).toBeGreaterThan(
      30,
    );
    expect(days.some((d) => Object.prototype.toString.call(d) === '[object Date]')).toBe(false);
  });

  test('recomputeCustomerValuesNow says how many changed and that the rest continues in the background', () => {
    const rt = workbook();
    props(rt).setProperty(CAP, '60');
    const r = rt.run('recomputeCustomerValuesNow', [], { as: MANAGER }) as {
      customers: number;
      changed: number;
      written: number;
      continues: boolean;
    };
    expect(r).toMatchObject({ customers: 40, changed: 40, written: 10, continues: true });
    expect(rt.spreadsheet.toasts().slice(-1)[0].message).toBe(
      'Customer value recomputed: 40 of 40 customers changed. The first 10 are written; the rest continues in the background in about a minute.',
    );
    expect(continuations(rt).map((t) => t.creator)).toEqual([MANAGER]);
    expect(readTable(rt, 'auditLog').records.slice(-1)[0].action).toMatch(
      /recomputeValues.*changed=40.*written=10.*continues=true/,
    );
  });
});
