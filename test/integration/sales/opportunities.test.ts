/**
 * Sales opportunities through the built bundle: the google.script.run targets (addOpportunity,
 * moveOpportunity, listOpportunities) with their role and ownership checks, ids never reused,
 * localized editable stages, a won one recording its purchase, the sheet's validation and
 * protections, and `crm opportunity`.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, rep, roleRow, VIEWER } from '../../support/people';
import { crm, expectUserError, loadRuntime, tempWorkbook } from '../../support/runner';
import { customerRecord } from '../../support/rows';
import { NOW, reveal, setUpWorkbook, sheet, writeSettings } from '../../support/workbook';

const ASSISTANT = 'assistant@example.com';

const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager'),
        roleRow(REP, 'accountManager'),
        roleRow(rep(2), 'accountManager'),
        roleRow(ASSISTANT, 'assistant'),
        roleRow(VIEWER, 'viewer'),
      ],
      customers: [customerRecord(1, REP), customerRecord(2, rep(2))],
    },
    setUpAgain: true,
  });

type View = Record<string, unknown>;
const add = (rt: Runtime, as: string, input: Record<string, unknown>) =>
  rt.run('addOpportunity', [input], { as }) as View;

describe('opportunities', () => {
  test('a rep adds one on their own customer: next id, owner, lead with its probability, plain values', () => {
    const rt = workbook();
    const o = add(rt, REP, {
      customerId: 'c000001',
      title: 'Pumps',
      amount: '12,000',
      expectedClose: '2026-12-20',
    });
    expect(o).toMatchObject({
      id: 'O000001',
      customerId: 'C000001',
      stage: 'lead',
      stageLabel: 'Lead',
      amount: 12000,
      probability: 10,
      expectedClose: '2026-12-20',
      owner: REP,
      createdAt: new Date(NOW).toISOString(),
      closedAt: '',
    });
    // google.script.run returns no Dates: everything is a string, number or null
    expect(Object.values(o).every((v) => v === null || ['string', 'number'].includes(typeof v))).toBe(true);
    const [row] = readTable(rt, 'opportunities').records;
    expect(row).toMatchObject({
      id: 'O000001',
      stage: 'Lead',
      amount: 12000,
      expectedClose: '2026-12-20',
      owner: REP,
    });
    add(rt, OWNER, { customerId: 'C000001', title: 'Seals', amount: 1 });
    expect(readTable(rt, 'auditLog').records.map((r) => r.action)).toContain('addOpportunity id=O000002');
  });

  test("refuses another rep's customer, an unknown customer, bad input, assistants and viewers", () => {
    const rt = workbook();
    expectUserError(
      () => add(rt, REP, { customerId: 'C000002', title: 'X', amount: 1 }),
      'sales.error.notYourCustomer',
    );
    expectUserError(
      () => add(rt, REP, { customerId: 'C000009', title: 'X', amount: 1 }),
      'sales.error.unknownCustomer',
    );
    expectUserError(
      () => add(rt, REP, { customerId: 'C000001', title: 'X', amount: -5 }),
      'sales.error.badAmount',
    );
    expectUserError(
      () => add(rt, REP, { customerId: 'C000001', title: 'X', amount: 1, probability: 120 }),
      'sales.error.badProbability',
    );
    expectUserError(
      () => add(rt, ASSISTANT, { customerId: 'C000001', title: 'X', amount: 1 }),
      'error.notAllowed',
    );
    expectUserError(() => rt.run('listOpportunities', [{}], { as: VIEWER }), 'error.notAllowed');
    expect(readTable(rt, 'opportunities').records).toEqual([]);
    // a manager works on anyone's customer; the owner stays the customer's
    expect(add(rt, MANAGER, { customerId: 'C000002', title: 'X', amount: 1 }).owner).toBe(rep(2));
    expect(rt.run('listOpportunities', [{}], { as: ASSISTANT })).toHaveLength(1);
  });

  test('moves: lost keeps its reason and closes it, back to open reopens it, unknown ids and stages refused', () => {
    const rt = workbook();
    add(rt, REP, { customerId: 'C000001', title: 'A', amount: 100, stage: 'proposal' });
    rt.ctx.clock.advance(3_600_000);
    const lost = rt.run('moveOpportunity', ['O000001', 'Lost', 'price too high'], { as: REP }) as View;
    expect(lost).toMatchObject({ stage: 'lost', probability: 0, lostReason: 'price too high' });
    expect(lost.closedAt).toBe(new Date(NOW + 3_600_000).toISOString());
    expect(readTable(rt, 'opportunities').records[0]).toMatchObject({
      stage: 'Lost',
      lostReason: 'price too high',
    });
    const reopened = rt.run('moveOpportunity', ['O000001', 'negotiation'], { as: REP }) as View;
    expect(reopened).toMatchObject({ stage: 'negotiation', probability: 75, closedAt: '', lostReason: '' });
    expectUserError(
      () => rt.run('moveOpportunity', ['O000009', 'won'], { as: REP }),
      'sales.error.unknownOpportunity',
    );
    expectUserError(
      () => rt.run('moveOpportunity', ['O000001', 'maybe'], { as: REP }),
      'sales.error.badStage',
    );
    expectUserError(
      () => rt.run('moveOpportunity', ['O000001', 'won'], { as: rep(2) }),
      'sales.error.notYourCustomer',
    );
  });

  test('a won one records its purchase when asked, and the customer value follows', () => {
    const rt = workbook();
    add(rt, MANAGER, { customerId: 'C000001', title: 'Valves', amount: 2500 });
    const won = rt.run('moveOpportunity', ['O000001', 'won', '', { createPurchase: true }], {
      as: MANAGER,
    }) as View;
    expect(won.purchaseRow).toBe(2);
    expect(readTable(rt, 'purchases').records).toEqual([
      {
        _row: 2,
        orderId: 'O000001',
        date: '2026-11-23',
        customerId: 'C000001',
        product: 'Valves',
        type: '', // blank: a sale
        quantity: 1,
        amount: 2500,
      },
    ]);
    const c = readTable(rt, 'customers').records.find((r) => r.id === 'C000001')!;
    expect([c.revenue, c.orders, c.avgOrder, c.lastPurchase]).toEqual([2500, 1, 2500, '2026-11-23']);
    // moving it to won again records nothing more
    const again = rt.run('moveOpportunity', ['O000001', 'won', '', { createPurchase: true }], {
      as: MANAGER,
    }) as View;
    expect(again.purchaseRow).toBe(0);
    expect(readTable(rt, 'purchases').records).toHaveLength(1);
  });

  test('ids are never reused, even after the last row is deleted', () => {
    const rt = workbook();
    add(rt, REP, { customerId: 'C000001', title: 'A', amount: 1 });
    sheet(rt, 'opportunities').deleteRow(2);
    expect(add(rt, REP, { customerId: 'C000001', title: 'B', amount: 1 }).id).toBe('O000002');
  });

  test('stage labels come from Settings list.stage (localized, editable) and are read back by position', () => {
    const rt = workbook();
    writeSettings(rt, { 'list.stage': '线索, 已确认需求, 方案报价, 商务谈判, 赢单, 丢单' });
    const o = add(rt, REP, { customerId: 'C000001', title: 'A', amount: 1, stage: '方案报价' });
    expect(o).toMatchObject({ stage: 'proposal', stageLabel: '方案报价', probability: 50 });
    expect(readTable(rt, 'opportunities').records[0].stage).toBe('方案报价');
    // a stage key or the English label still reads
    expect((rt.run('moveOpportunity', ['O000001', 'Won'], { as: REP }) as View).stageLabel).toBe('赢单');
    const list = rt.run('listOpportunities', [{ customerId: 'C000001' }], { as: REP }) as View[];
    expect(list.map((x) => [x.id, x.stage])).toEqual([['O000001', 'won']]);
  });

  test("people's edits: the stage dropdown, probability 0-100 and amount >= 0 apply; assistants may only view", () => {
    const rt = workbook();
    add(rt, REP, { customerId: 'C000001', title: 'A', amount: 1 });
    const name = sheet(rt, 'opportunities').getName();
    const col = (key: string) => String.fromCharCode(65 + readTable(rt, 'opportunities').keys.indexOf(key));
    expect(() => rt.userEdit(REP, name, `${col('probability')}2`, 150)).toThrow();
    expect(() => rt.userEdit(REP, name, `${col('amount')}2`, -1)).toThrow();
    expect(() => rt.userEdit(REP, name, `${col('stage')}2`, 'Maybe')).toThrow();
    rt.userEdit(REP, name, `${col('stage')}2`, 'Qualified');
    expect(readTable(rt, 'opportunities').records[0].stage).toBe('Qualified');
    // assistants only view opportunities (Sheets refuses); another rep's edit of this customer's
    // opportunity is written back by the edit check and logged
    expect(() => rt.userEdit(ASSISTANT, name, `${col('title')}2`, 'x')).toThrow();
    reveal(rt, rep(2)); // the edit trigger names an editor who revealed their address (gmail.com)
    rt.userEdit(rep(2), name, `${col('title')}2`, 'x');
    expect(readTable(rt, 'opportunities').records[0].title).toBe('A');
    expect(readTable(rt, 'auditLog').records.map((r) => String(r.action))).toContainEqual(
      expect.stringMatching(/^reverted/),
    );
  });

  test('crm opportunity add, move and list', async () => {
    const file = tempWorkbook();
    expect((await crm(file, 'init', '--sample', '--now', '2026-11-23T09:00')).code).toBe(0);
    const added = await crm(
      file,
      'opportunity',
      'add',
      'C000001',
      '--title',
      'Renewal',
      '--amount',
      '800',
      '--stage',
      'proposal',
      '--close',
      '2026-12-31',
      '--json',
    );
    expect(added.code).toBe(0);
    // the sample workbook holds O000001..O0000nn: the new one takes the next number
    const sample = readTable(loadRuntime(file), 'opportunities').records.length - 1;
    const id = 'O' + String(sample + 1).padStart(6, '0');
    expect(added.json()).toMatchObject({ id, stage: 'proposal', expectedClose: '2026-12-31' });
    const moved = await crm(file, 'opportunity', 'move', id, 'won', '--create-purchase');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(new RegExp(`^Moved ${id} {2}C000001 {2}Won`));
    expect(moved.stdout).toMatch(/Purchase recorded on row \d+/);
    const list = await crm(file, 'opportunity', 'list', '--customer', 'C000001', '--json');
    expect((list.json() as View[])[0]).toMatchObject({ id, stage: 'won' });
    const refused = await crm(file, 'opportunity', 'move', id, 'maybe');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Unknown stage "maybe"/);
    expect((await crm(file, 'opportunity', 'add', 'C000001')).code).toBe(2);
    const purchases = readTable(loadRuntime(file), 'purchases').records;
    expect(purchases.filter((p) => p.orderId === id)).toHaveLength(1);
  });
});
