/**
 * Sales core with plain data: stages and their labels, periods, new and moved opportunities,
 * per-customer value, per-rep performance with its scope and targets, and the one overdue rule.
 */
import {
  addPurchases,
  checkNewOpportunity,
  customerValues,
  parsePeriod,
  parseStage,
  planMove,
  readOpportunities,
  salesPerformance,
  stageLabels,
  stageReader,
  visiblePeople,
  PerformanceInput,
} from '../../../src/core/sales';
import { followUpDueDay, isOverdue, DEFAULT_CADENCE } from '../../../src/core/tiering';
import { parseIsoDay, dayNumberToIso } from '../../../src/core/shared';
import type { RoleEntry } from '../../../src/core/roles';
import { sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const day = (iso: string) => parseIsoDay(iso)!;
const date = (iso: string) => new Date(`${iso}T00:00:00+08:00`);

function role(row: number, email: string, r: RoleEntry['role'], team = '', managerEmail = ''): RoleEntry {
  return { row, email, name: '', role: r, team, managerEmail, active: true };
}

describe('stages', () => {
  test('labels come from list.stage by position; keys, labels in either language and any case read back', () => {
    const settings = { 'list.stage': '初步, 确认, 报价, 谈判, 成交, 失败' };
    expect(stageLabels(settings, 'en').won).toBe('成交');
    const read = stageReader(settings);
    expect(read('成交')).toBe('won');
    expect(read('won')).toBe('won');
    expect(read(' Negotiation ')).toBe('negotiation');
    expect(read('赢单')).toBe('won');
    expect(read('maybe')).toBeNull();
    expect(stageLabels({}, 'zh-CN').lost).toBe('丢单');
  });

  test('an unknown stage is refused with the workbook labels listed', () => {
    expect(() => parseStage('maybe', {}, 'en')).toThrow(/Lead, Qualified, Proposal, Negotiation, Won, Lost/);
  });
});

describe('periods', () => {
  test.each([
    ['2026-11', '2026-11-01', '2026-11-30', 'month'],
    ['2026-Q4', '2026-10-01', '2026-12-31', 'quarter'],
    ['2024-q1', '2024-01-01', '2024-03-31', 'quarter'],
    ['2024-2', '2024-02-01', '2024-02-29', 'month'],
    ['2026', '2026-01-01', '2026-12-31', 'year'],
    ['2026-10-15..2026-11-14', '2026-10-15', '2026-11-14', 'custom'],
  ])('%s', (text, from, to, kind) => {
    const p = parsePeriod(text)!;
    expect([dayNumberToIso(p.from), dayNumberToIso(p.to), p.kind]).toEqual([from, to, kind]);
  });

  test.each(['2026-13', '2026-Q5', '26', '2026-12-01..2026-11-01', '2026-02-30..2026-03-01', ''])(
    'refuses %p',
    (text) => expect(parsePeriod(text)).toBeNull(),
  );
});

describe('opportunities', () => {
  test('a new one: defaults to lead with its probability; amount, probability and date are checked', () => {
    expect(
      checkNewOpportunity({ customerId: 'c000001', title: ' Deal ', amount: '1,200.50' }, {}, 'en'),
    ).toEqual({
      customerId: 'C000001',
      title: 'Deal',
      stage: 'lead',
      amount: 1200.5,
      probability: 10,
      expectedClose: null,
    });
    const p = checkNewOpportunity(
      {
        customerId: 'C1',
        title: 'X',
        amount: 0,
        stage: 'Proposal',
        probability: '40',
        expectedClose: '2026-12-20',
      },
      {},
      'en',
    );
    expect([p.stage, p.probability, p.expectedClose]).toEqual(['proposal', 40, day('2026-12-20')]);
    const refuse = (input: Record<string, unknown>, key: string) => {
      try {
        checkNewOpportunity({ customerId: 'C1', title: 'X', amount: 1, ...input }, {}, 'en');
        throw new Error('accepted');
      } catch (e) {
        expect((e as { key?: string }).key).toBe(key);
      }
    };
    refuse({ amount: -1 }, 'sales.error.badAmount');
    refuse({ amount: 'lots' }, 'sales.error.badAmount');
    refuse({ probability: 101 }, 'sales.error.badProbability');
    refuse({ probability: '2.5' }, 'sales.error.badProbability');
    refuse({ expectedClose: '2026-02-30' }, 'sales.error.badDate');
    refuse({ title: '  ' }, 'sales.error.badTitle');
    refuse({ stage: 'maybe' }, 'sales.error.badStage');
  });

  const rows = sheetRows([
    {
      id: 'O000001',
      customerId: 'C000001',
      title: 'Deal',
      stage: 'Proposal',
      amount: 1000,
      probability: 50,
      expectedClose: date('2026-12-01'),
      owner: 'Rep1@x',
      createdAt: new Date('2026-11-01T02:00:00Z'),
      closedAt: '',
      lostReason: '',
    },
  ]);
  const [open] = readOpportunities(rows, {}, TZ);
  const labels = stageLabels({}, 'en');
  const now = new Date('2026-11-23T01:00:00Z');

  test('reads rows: stage by label, days, instants, owner normalized', () => {
    expect(open).toMatchObject({
      id: 'O000001',
      stage: 'proposal',
      owner: 'rep1@x',
      expectedClose: day('2026-12-01'),
    });
  });

  test('won and lost close it (closedAt, probability 100/0); back to open clears both; lost keeps a reason', () => {
    const won = planMove(open, 'won', 'ignored', labels, now);
    expect(won).toEqual({
      stage: 'won',
      changes: { stage: 'Won', probability: 100, closedAt: now, lostReason: '', stageChangedAt: now },
      wonNow: true,
    });
    const lost = planMove(open, 'lost', 'price', labels, now);
    expect(lost.changes).toEqual({
      stage: 'Lost',
      probability: 0,
      closedAt: now,
      lostReason: 'price',
      stageChangedAt: now,
    });
    expect(lost.wonNow).toBe(false);
    const closed = { ...open, stage: 'lost' as const, closedAt: now.getTime(), lostReason: 'price' };
    expect(planMove(closed, 'negotiation', '', labels, now).changes).toEqual({
      stage: 'Negotiation',
      probability: 75,
      closedAt: '',
      lostReason: '',
      stageChangedAt: now,
    });
    // already won: moving to won again is not a new win (no second purchase)
    const again = planMove({ ...open, stage: 'won', closedAt: 5 }, 'won', '', labels, now);
    expect(again).toMatchObject({ wonNow: false, changes: { closedAt: new Date(5) } });
    // the same stage is no stage change: the stuck-in-stage clock keeps running
    expect(again.changes.stageChangedAt).toBeUndefined();
  });
});

describe('per-customer value', () => {
  const purchases = sheetRows([
    { orderId: 'A', date: date('2026-01-05'), customerId: 'C000001', amount: 100 },
    { orderId: 'A', date: date('2026-01-05'), customerId: 'c000001', amount: 50.1 },
    { orderId: 'B', date: date('2026-03-01'), customerId: 'C000001', amount: -20 },
    { orderId: 'C', date: 'not a date', customerId: 'C000001', amount: 999 },
    { orderId: 'D', date: date('2026-02-01'), customerId: 'C000002', amount: 'x' },
  ]);

  test('all time: revenue with returns, distinct orders, average order, last purchase; bad rows skipped', () => {
    const values = customerValues(purchases, TZ);
    expect(values.get('C000001')).toEqual({
      revenue: 130.1,
      orders: 2,
      avgOrder: 65.05,
      lastPurchase: day('2026-03-01'),
    });
    expect(values.has('C000002')).toBe(false);
  });

  test('adding rows to what the sheet holds', () => {
    const next = addPurchases(
      { revenue: 130.1, orders: 2, lastPurchase: date('2026-03-01') },
      sheetRows([
        { orderId: 'E', date: date('2026-04-01'), amount: 70 },
        { orderId: 'E', date: date('2026-04-01'), amount: 10 },
      ]),
      TZ,
    );
    expect(next).toEqual({ revenue: 210.1, orders: 3, avgOrder: 70.03, lastPurchase: day('2026-04-01') });
    expect(addPurchases({ revenue: '', orders: '', lastPurchase: '' }, [], TZ)).toEqual({
      revenue: 0,
      orders: 0,
      avgOrder: null,
      lastPurchase: null,
    });
  });
});

describe('overdue: one definition', () => {
  test('scheduled day, else last contact + cadence, else created + cadence (never contacted)', () => {
    const today = day('2026-11-23');
    expect(
      followUpDueDay({ nextFollowUp: today - 1, lastContact: today, createdAt: null }, 'A', DEFAULT_CADENCE),
    ).toBe(today - 1);
    expect(
      followUpDueDay({ nextFollowUp: null, lastContact: today - 20, createdAt: null }, 'A', DEFAULT_CADENCE),
    ).toBe(today - 6);
    expect(
      followUpDueDay({ nextFollowUp: null, lastContact: null, createdAt: today - 100 }, '', DEFAULT_CADENCE),
    ).toBe(today - 10);
    expect(
      followUpDueDay({ nextFollowUp: null, lastContact: null, createdAt: null }, 'B', DEFAULT_CADENCE),
    ).toBeNull();
    expect(isOverdue(today - 1, today)).toBe(true);
    expect(isOverdue(today, today)).toBe(false);
    expect(isOverdue(null, today)).toBe(false);
  });
});

describe('per-rep performance', () => {
  const roles = [
    role(2, 'admin@x', 'admin'),
    role(3, 'boss@x', 'manager', 'North'),
    role(4, 'r1@x', 'accountManager', 'North', 'boss@x'),
    role(5, 'r2@x', 'accountManager', 'North'),
    role(6, 'r3@x', 'accountManager', 'South', 'other@x'),
  ];
  const input = (viewer: PerformanceInput['viewer'], period = '2026-Q4'): PerformanceInput => ({
    period: parsePeriod(period)!,
    today: day('2026-11-23'),
    timeZone: TZ,
    settings: {},
    roles,
    viewer,
    customers: sheetRows([
      {
        id: 'C000001',
        owner: 'r1@x',
        tier: 'A',
        createdAt: date('2026-10-02'),
        lastContact: date('2026-11-20'),
      },
      // never contacted, created long ago: overdue by the C cadence from its creation
      { id: 'C000002', owner: 'r1@x', tier: 'C', createdAt: date('2026-01-01') },
      {
        id: 'C000003',
        owner: 'r2@x',
        tier: 'B',
        createdAt: date('2025-05-01'),
        nextFollowUp: date('2026-11-22'),
      },
      { id: 'C000004', owner: 'r3@x', createdAt: date('2026-11-01'), status: 'Archived' },
    ]),
    purchases: sheetRows([
      { orderId: 'A', date: date('2026-10-05'), customerId: 'C000001', amount: 1000 },
      { orderId: 'A', date: date('2026-10-05'), customerId: 'C000001', amount: 500 },
      { orderId: 'B', date: date('2026-11-05'), customerId: 'C000002', amount: 500 },
      { orderId: 'Z', date: date('2026-09-30'), customerId: 'C000001', amount: 9999 },
      { orderId: 'C', date: date('2026-12-01'), customerId: 'C000003', amount: 300 },
      { orderId: 'D', date: date('2026-11-01'), customerId: 'C000004', amount: 50 },
    ]),
    interactions: sheetRows([
      { date: date('2026-11-20'), customerId: 'C000001', loggedBy: 'r1@x' },
      { date: date('2026-11-21'), customerId: 'C000003', loggedBy: 'R2@x' },
      { date: date('2026-06-21'), customerId: 'C000003', loggedBy: 'r2@x' },
    ]),
    opportunities: sheetRows([
      {
        id: 'O000001',
        customerId: 'C000001',
        stage: 'Won',
        amount: 1500,
        owner: 'r1@x',
        closedAt: date('2026-10-06'),
      },
      {
        id: 'O000002',
        customerId: 'C000002',
        stage: 'Lost',
        amount: 800,
        owner: 'r1@x',
        closedAt: date('2026-11-06'),
      },
      {
        id: 'O000003',
        customerId: 'C000002',
        stage: 'Lost',
        amount: 800,
        owner: 'r1@x',
        closedAt: date('2026-06-06'),
      },
      {
        id: 'O000004',
        customerId: 'C000002',
        stage: 'Proposal',
        amount: 2000,
        probability: 40,
        owner: 'r1@x',
      },
      { id: 'O000005', customerId: 'C000003', stage: 'Lead', amount: 1000, owner: 'r2@x' },
    ]),
    targets: sheetRows([
      { owner: 'r1@x', period: '2026-Q4', revenueTarget: 4000 },
      { owner: 'r2@x', period: '2026-10', revenueTarget: 100 },
      { owner: 'r2@x', period: '2026-11', revenueTarget: 100 },
      { owner: 'r2@x', period: '2026-12', revenueTarget: 400 },
    ]),
  });

  test('an admin sees everyone: every figure by its definition', () => {
    const r = salesPerformance(input({ email: 'admin@x', role: 'admin' }));
    expect(r.scope).toBe('all');
    const r1 = r.people.find((p) => p.email === 'r1@x')!;
    expect(r1).toMatchObject({
      team: 'North',
      revenue: 2000,
      orders: 2,
      newCustomers: 1,
      followUps: 1,
      won: 1,
      lost: 1,
      winRate: 0.5,
      averageDeal: 1000,
      pipeline: 2000,
      weightedPipeline: 800,
      overdueFollowUps: 1,
      target: 4000,
      attainment: 0.5,
    });
    const r2 = r.people.find((p) => p.email === 'r2@x')!;
    // targets of the three months add up to the quarter's
    expect(r2).toMatchObject({
      revenue: 300,
      followUps: 1,
      pipeline: 1000,
      weightedPipeline: 100,
      overdueFollowUps: 1,
      target: 600,
      attainment: 0.5,
      winRate: null,
    });
    const r3 = r.people.find((p) => p.email === 'r3@x')!;
    expect(r3).toMatchObject({ revenue: 50, newCustomers: 1, overdueFollowUps: 0 });
    const north = r.teams.find((t) => t.team === 'North')!;
    expect(north).toMatchObject({ revenue: 2300, orders: 3, target: 4600, winRate: 0.5 });
    expect(north.members).toEqual(['boss@x', 'r1@x', 'r2@x']);
    expect(r.total.revenue).toBe(2350);
  });

  test('a manager sees their team (managerEmail or same team), a rep only themselves', () => {
    const team = salesPerformance(input({ email: 'boss@x', role: 'manager' }));
    expect(team.scope).toBe('team');
    expect(team.people.map((p) => p.email)).toEqual(['boss@x', 'r1@x', 'r2@x']);
    const own = salesPerformance(input({ email: 'r2@x', role: 'accountManager' }));
    expect(own.people.map((p) => p.email)).toEqual(['r2@x']);
    expect(own.total.revenue).toBe(300);
    expect(visiblePeople({ email: 'x@x', role: 'viewer' }, roles)).toEqual(new Set(['x@x']));
  });

  test('a month period and a year period use their own windows and targets', () => {
    const nov = salesPerformance(input({ email: 'admin@x', role: 'admin' }, '2026-11'));
    expect(nov.people.find((p) => p.email === 'r1@x')).toMatchObject({
      revenue: 500,
      won: 0,
      lost: 1,
      winRate: 0,
      target: null,
    });
    expect(nov.people.find((p) => p.email === 'r2@x')).toMatchObject({ target: 100 });
    const year = salesPerformance(input({ email: 'admin@x', role: 'admin' }, '2026'));
    expect(year.people.find((p) => p.email === 'r1@x')).toMatchObject({
      revenue: 11999,
      lost: 2,
      target: 4000,
    });
  });
});
