import { computeKpis, atRiskDaysSetting, Kpis, monthWindow } from '../../../src/core/reports';
import { dayReader, isBlankDay, cellToDayNumber, dayNumberToDate } from '../../../src/core/shared';
import { dateCell, dayNumber } from '../../support/dates';
import { sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const TODAY = dayNumber('2026-11-23');

const customers = sheetRows([
  {
    id: 'C1',
    owner: 'a@x.com',
    tier: 'A',
    status: 'Active',
    industry: 'Retail',
    region: 'North',
    createdAt: '2026-01-15',
    lastContact: '2026-11-01',
    nextFollowUp: '2026-11-20',
  },
  {
    id: 'C2',
    owner: 'A@x.com ',
    tier: 'B',
    status: 'Active',
    industry: 'Retail',
    region: 'South',
    createdAt: '2025-11-23',
    lastContact: '2026-08-01',
    nextFollowUp: '2026-11-23',
  },
  {
    id: 'C3',
    owner: 'b@x.com',
    tier: 'A',
    status: 'Archived',
    industry: 'Finance',
    region: 'North',
    createdAt: '',
    lastContact: '2025-01-01',
    nextFollowUp: '2026-01-01',
  },
  {
    id: 'C4',
    owner: 'b@x.com',
    tier: '',
    status: 'Inactive',
    industry: '',
    region: 'North',
    createdAt: '2026-08-24',
    lastContact: '',
    nextFollowUp: 'soon',
  },
  {
    id: 'C5',
    owner: 'b@x.com',
    tier: 'C',
    status: 'Active',
    industry: 'Finance',
    region: 'East',
    createdAt: dateCell('2026-08-25', TZ),
    lastContact: '',
    nextFollowUp: '',
  },
  {
    id: 'C6',
    owner: '',
    tier: 'B',
    status: 'Active',
    industry: 'Retail',
    region: '',
    createdAt: 'not a date',
    lastContact: dayNumberToDate(TODAY, TZ),
    nextFollowUp: dateCell('2026-11-22', TZ),
  },
  { id: '', owner: 'a@x.com', tier: 'A', status: 'Active' },
  { id: 'C1', owner: 'a@x.com', tier: 'A', status: 'Active' },
]);

const purchases = sheetRows([
  { orderId: 'O1', date: '2026-01-10', customerId: 'C1', amount: 100 },
  { orderId: 'O1', date: '2026-01-10', customerId: 'C1', amount: 50 },
  { orderId: 'O2', date: '2026-03-05', customerId: 'C1', amount: 200 },
  { orderId: 'O3', date: '2025-12-01', customerId: 'C2', amount: 300 },
  { orderId: 'O4', date: '2025-11-23', customerId: 'C2', amount: 999 },
  { orderId: 'O5', date: dayNumberToDate(TODAY, TZ), customerId: 'C3', amount: 400 },
  { orderId: 'O6', date: '2026-11-24', customerId: 'C3', amount: 500 },
  { orderId: 'O7', date: '2026-06-15', customerId: 'C9', amount: 70 },
  { orderId: 'O8', date: 'bad', customerId: 'C5', amount: 10 },
  { orderId: 'O9', date: '2026-06-15', customerId: 'C5', amount: 'ten' },
  { orderId: '', date: '2026-06-15', customerId: 'C5', amount: 10 },
  { orderId: 'O10', date: '2026-07-01', customerId: 'C5', amount: '25.5' },
  { orderId: 'O10', date: '2026-07-02', customerId: 'C5', amount: 4.5 },
]);

const feedback = sheetRows([
  { customerId: 'C1', rating: 5, resolved: true },
  { customerId: 'C1', rating: 4, resolved: '' },
  { customerId: 'C2', rating: 'x', resolved: false },
  { customerId: 'C5', rating: 6, resolved: 'yes' },
  { customerId: 'C3', rating: '3', resolved: false },
  { customerId: 'C9', rating: 1, resolved: '' },
  { customerId: 'C4', rating: '', resolved: '' },
  { customerId: 'C6', rating: 4.5, resolved: true },
]);

const monthsOf = (k: Kpis['revenue']['byMonth']) => Object.fromEntries(k.map((m) => [m.month, m.value]));

describe('computeKpis: whole team', () => {
  const k = computeKpis({ today: TODAY, timeZone: TZ, customers, purchases, feedback });

  test('window is the last 12 months as tiering counts them, in calendar-month buckets', () => {
    expect(k.today).toBe('2026-11-23');
    expect(k.window.from).toBe('2025-11-24');
    expect(k.window.to).toBe('2026-11-23');
    expect(k.window.months[0]).toBe('2025-11');
    expect(k.window.months[12]).toBe('2026-11');
    expect(k.window.months).toHaveLength(13);
  });

  test('customers by tier, status, industry, region, owner (archived included)', () => {
    expect(k.customers.total).toBe(6);
    expect(k.customers.archived).toBe(1);
    expect(k.customers.byTier).toEqual([
      { key: 'A', count: 2 },
      { key: 'B', count: 2 },
      { key: 'C', count: 1 },
      { key: '', count: 1 },
    ]);
    expect(k.customers.byStatus).toEqual([
      { key: 'Active', count: 4 },
      { key: 'Archived', count: 1 },
      { key: 'Inactive', count: 1 },
    ]);
    expect(k.customers.byIndustry).toEqual([
      { key: 'Retail', count: 3 },
      { key: 'Finance', count: 2 },
      { key: '', count: 1 },
    ]);
    expect(k.customers.byRegion).toEqual([
      { key: 'North', count: 3 },
      { key: 'East', count: 1 },
      { key: 'South', count: 1 },
      { key: '', count: 1 },
    ]);
    expect(k.customers.byOwner).toEqual([
      { key: 'b@x.com', count: 3 },
      { key: 'a@x.com', count: 2 },
      { key: '', count: 1 },
    ]);
  });

  test('revenue: total, per tier, per month (zero-filled), archived customers included, future excluded', () => {
    expect(k.revenue.total).toBe(1080);
    expect(k.revenue.byTier).toEqual([
      { key: 'A', amount: 750 },
      { key: 'B', amount: 300 },
      { key: 'C', amount: 30 },
    ]);
    expect(k.revenue.byMonth).toHaveLength(13);
    expect(monthsOf(k.revenue.byMonth)).toEqual({
      '2025-11': 0,
      '2025-12': 300,
      '2026-01': 150,
      '2026-02': 0,
      '2026-03': 200,
      '2026-04': 0,
      '2026-05': 0,
      '2026-06': 0,
      '2026-07': 30,
      '2026-08': 0,
      '2026-09': 0,
      '2026-10': 0,
      '2026-11': 400,
    });
  });

  test('orders: multi-row orders count once', () => {
    expect(k.orders.count).toBe(5); // O1, O2, O3, O5, O10
    expect(k.orders.averageValue).toBe(216); // 1080 / 5
    expect(k.orders.buyers).toBe(4); // C1, C2, C3, C5
    expect(k.orders.repeatBuyers).toBe(1); // C1 (O1 twice is one order)
    expect(k.orders.repeatRate).toBe(0.25);
    expect(k.orders.perBuyer).toBe(1.25);
    expect(k.orders.purchaseShare).toBeCloseTo(4 / 6, 10);
  });

  test('feedback: average of valid ratings, open items', () => {
    expect(k.feedback.ratings).toBe(3);
    expect(k.feedback.averageRating).toBe(4);
    expect(k.feedback.open).toBe(4);
  });

  test('overdue follow-ups and at-risk customers exclude archived', () => {
    expect(k.followUps.overdue).toBe(2); // C1 (Nov 20), C6 (Nov 22); C2 is due today
    expect(k.followUps.overdueByOwner).toEqual([
      { key: 'a@x.com', count: 1 },
      { key: '', count: 1 },
    ]);
    // C2 last contact 114 days ago; C4 never contacted, created 91 days ago; C5 created 90 days ago is not
    expect(k.atRisk.count).toBe(2);
    expect(k.atRisk.byOwner).toEqual([
      { key: 'a@x.com', count: 1 },
      { key: 'b@x.com', count: 1 },
    ]);
  });

  test('new customers per month', () => {
    expect(k.newCustomers.total).toBe(3);
    const m = monthsOf(k.newCustomers.byMonth);
    expect(m['2026-01']).toBe(1);
    expect(m['2026-08']).toBe(2);
    expect(Object.values(m).reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('invalid cells are skipped and counted', () => {
    expect(k.skipped.byCell).toEqual({
      'customers.id': 2,
      'customers.nextFollowUp': 1,
      'customers.createdAt': 1,
      'purchases.customerId': 1,
      'purchases.date': 1,
      'purchases.amount': 1,
      'purchases.orderId': 1,
      'feedback.rating': 3,
      'feedback.customerId': 1,
    });
    expect(k.skipped.total).toBe(12);
  });

  test('empty input gives zeros and nulls, never NaN', () => {
    const e = computeKpis({ today: TODAY, timeZone: TZ, customers: [] });
    expect(e.customers.total).toBe(0);
    expect(e.orders.averageValue).toBeNull();
    expect(e.orders.repeatRate).toBeNull();
    expect(e.orders.purchaseShare).toBeNull();
    expect(e.feedback.averageRating).toBeNull();
    expect(e.revenue.byMonth.every((m) => m.value === 0)).toBe(true);
    expect(JSON.stringify(e)).not.toContain('NaN');
  });
});

describe('computeKpis: owner filter', () => {
  const k = computeKpis({ today: TODAY, timeZone: TZ, customers, purchases, feedback, owner: ' A@X.com' });

  test('only that owner’s customers and their purchases and feedback', () => {
    expect(k.owner).toBe('a@x.com');
    expect(k.customers.total).toBe(2);
    expect(k.customers.byOwner).toEqual([{ key: 'a@x.com', count: 2 }]);
    expect(k.revenue.total).toBe(650);
    expect(k.orders.count).toBe(3);
    expect(k.orders.repeatRate).toBe(0.5);
    expect(k.orders.purchaseShare).toBe(1);
    expect(k.feedback.averageRating).toBe(4.5);
    expect(k.feedback.open).toBe(2);
    expect(k.followUps.overdue).toBe(1);
    expect(k.atRisk.count).toBe(1);
    expect(k.newCustomers.total).toBe(1);
  });

  test('other owners’ rows are out of scope, not invalid', () => {
    expect(k.skipped.byCell).toEqual({
      'customers.id': 2,
      'purchases.customerId': 1,
      'feedback.customerId': 1,
      'feedback.rating': 1,
    });
  });
});

describe('repeat rate with multi-row orders', () => {
  test('rows of one order on different days are one order; an order id shared by two customers counts for each', () => {
    const c = sheetRows([{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }]);
    const p = sheetRows([
      { orderId: 'A', date: '2026-05-01', customerId: 'C1', amount: 10 },
      { orderId: 'A', date: '2026-05-02', customerId: 'C1', amount: 10 },
      { orderId: 'A', date: '2026-05-03', customerId: 'C1', amount: 10 },
      { orderId: 'B', date: '2026-05-01', customerId: 'C2', amount: 10 },
      { orderId: 'C', date: '2026-06-01', customerId: 'C2', amount: 10 },
      { orderId: 1001, date: '2026-06-01', customerId: 'C3', amount: 10 },
      { orderId: '1001', date: '2026-06-02', customerId: 'C3', amount: 10 },
    ]);
    const k = computeKpis({ today: TODAY, timeZone: TZ, customers: c, purchases: p });
    expect(k.orders.count).toBe(4);
    expect(k.orders.buyers).toBe(3);
    expect(k.orders.repeatBuyers).toBe(1);
    expect(k.orders.repeatRate).toBeCloseTo(1 / 3, 10);
    expect(k.orders.averageValue).toBe(17.5); // 70 / 4

    const shared = sheetRows([
      { orderId: 'X', date: '2026-05-01', customerId: 'C1', amount: 10 },
      { orderId: 'X', date: '2026-05-01', customerId: 'C2', amount: 10 },
      { orderId: 'X', date: '2026-05-02', customerId: 'C2', amount: 10 },
    ]);
    const s = computeKpis({ today: TODAY, timeZone: TZ, customers: c, purchases: shared });
    expect(s.orders.count).toBe(1);
    expect(s.orders.buyers).toBe(2);
    expect(s.orders.repeatBuyers).toBe(0);
    expect(s.orders.perBuyer).toBe(1);
  });

  test('an order only partly inside the window counts, with only its rows inside', () => {
    const c = sheetRows([{ id: 'C1' }]);
    const p = sheetRows([
      { orderId: 'A', date: '2025-11-23', customerId: 'C1', amount: 100 },
      { orderId: 'A', date: '2025-11-24', customerId: 'C1', amount: 10 },
    ]);
    const k = computeKpis({ today: TODAY, timeZone: TZ, customers: c, purchases: p });
    expect(k.orders.count).toBe(1);
    expect(k.revenue.total).toBe(10);
  });
});

describe('month buckets', () => {
  test('across a year boundary', () => {
    const w = monthWindow(dayNumber('2026-01-15'));
    expect(w.from).toBe(dayNumber('2025-01-16'));
    expect(w.keys).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
    expect(w.starts[0]).toBe(dayNumber('2025-01-01'));
    expect(w.starts[13]).toBe(dayNumber('2026-02-01'));
    expect(monthWindow(dayNumber('2026-12-31')).keys[0]).toBe('2026-01');
    expect(monthWindow(dayNumber('2024-02-29')).keys).toContain('2024-02');
  });

  test('year-boundary purchases land in the right month', () => {
    const c = sheetRows([{ id: 'C1' }]);
    const p = sheetRows([
      { orderId: '0', date: '2025-01-15', customerId: 'C1', amount: 64 }, // before the window
      { orderId: '1', date: '2025-01-31', customerId: 'C1', amount: 1 },
      { orderId: '2', date: '2025-02-01', customerId: 'C1', amount: 2 },
      { orderId: '3', date: '2025-12-31', customerId: 'C1', amount: 4 },
      { orderId: '4', date: '2026-01-01', customerId: 'C1', amount: 8 },
      { orderId: '5', date: '2026-01-15', customerId: 'C1', amount: 16 },
      { orderId: '6', date: '2026-01-16', customerId: 'C1', amount: 32 }, // after today
    ]);
    const k = computeKpis({ today: dayNumber('2026-01-15'), timeZone: TZ, customers: c, purchases: p });
    const m = monthsOf(k.revenue.byMonth);
    expect(m['2025-01']).toBe(1);
    expect(m['2025-02']).toBe(2);
    expect(m['2025-12']).toBe(4);
    expect(m['2026-01']).toBe(24);
    expect(k.revenue.total).toBe(31);
  });

  // 2025-12-31T10:30Z is 2026-01-01 00:30 in Kiritimati (UTC+14) and 2025-12-31 00:30 in Honolulu (UTC-10);
  // 2026-01-31T10:30Z is 1 February in Kiritimati and 31 January in Honolulu.
  test.each([
    ['Pacific/Kiritimati', { '2025-12': 0, '2026-01': 1, '2026-02': 2 }],
    ['Pacific/Honolulu', { '2025-12': 1, '2026-01': 2, '2026-02': 0 }],
    ['UTC', { '2025-12': 1, '2026-01': 2, '2026-02': 0 }],
  ])('instants read as calendar days in %s', (tz, expected) => {
    const c = sheetRows([{ id: 'C1' }]);
    const p = sheetRows([
      { orderId: '1', date: new Date('2025-12-31T10:30:00Z'), customerId: 'C1', amount: 1 },
      { orderId: '2', date: new Date('2026-01-31T10:30:00Z'), customerId: 'C1', amount: 2 },
    ]);
    const k = computeKpis({ today: dayNumber('2026-06-30'), timeZone: tz, customers: c, purchases: p });
    const m = monthsOf(k.revenue.byMonth);
    for (const [month, value] of Object.entries(expected)) expect(m[month]).toBe(value);
  });

  test.each([
    'Pacific/Kiritimati',
    'Pacific/Honolulu',
    'America/New_York',
    'Europe/London',
    'Asia/Kathmandu',
  ])('date cells written at local midnight read back as the same day in %s', (tz) => {
    const read = dayReader(tz);
    for (let d = dayNumber('2025-01-01'); d <= dayNumber('2026-12-31'); d += 7)
      expect(read(dayNumberToDate(d, tz))).toBe(d);
  });
});

describe('dayReader', () => {
  test('agrees with cellToDayNumber, including hours next to DST changes', () => {
    for (const tz of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Shanghai']) {
      const read = dayReader(tz);
      const start = Date.UTC(2026, 0, 1);
      for (let t = start; t < start + 366 * 86400000; t += 11117 * 1000) {
        expect(read(new Date(t))).toBe(cellToDayNumber(new Date(t), tz));
      }
    }
  });

  test('strings, blanks and invalid values', () => {
    const read = dayReader(TZ);
    expect(read('2026-02-28')).toBe(dayNumber('2026-02-28'));
    expect(read(' 2026-2-3 ')).toBe(dayNumber('2026-02-03'));
    expect(read('2026-02-30')).toBeNaN();
    expect(read('2026-13-01')).toBeNaN();
    expect(read('2026-11-23T20:00:00Z')).toBe(dayNumber('2026-11-24')); // 04:00 next day in Shanghai
    expect(isBlankDay(read(''))).toBe(true);
    expect(isBlankDay(read('  '))).toBe(true);
    expect(read(45000)).toBeNaN();
    expect(read(true)).toBeNaN();
    expect(read(new Date(NaN))).toBeNaN();
  });
});

describe('settings', () => {
  test('report.atRiskDays falls back to 90', () => {
    expect(atRiskDaysSetting({ 'report.atRiskDays': '60' })).toBe(60);
    expect(atRiskDaysSetting({ 'report.atRiskDays': 'soon' })).toBe(90);
    expect(atRiskDaysSetting({})).toBe(90);
  });

  test('atRiskDays changes the at-risk cut-off', () => {
    const k = computeKpis({ today: TODAY, timeZone: TZ, customers, atRiskDays: 89 });
    expect(k.atRisk.count).toBe(3); // C5 (created 90 days ago) joins
  });
});

describe('returns', () => {
  const people = sheetRows([
    { id: 'R1', owner: 'a@x.com', tier: 'A', status: '已归档', createdAt: '2026-01-01' },
    { id: 'R2', owner: 'a@x.com', tier: 'B', status: '活跃', createdAt: '2026-01-01' },
  ]);
  const purchases = sheetRows([
    { orderId: 'O1', date: '2026-10-01', customerId: 'R1', amount: 1000, type: '销售' },
    { orderId: 'O2', date: '2026-10-02', customerId: 'R2', amount: 3000, type: '' },
    { orderId: 'O1', date: '2026-10-05', customerId: 'R1', amount: -200, type: '退货' },
    { orderId: 'O3', date: '2026-10-06', customerId: 'R2', amount: 300, type: 'Return' }, // typed positive
  ]);

  test('net revenue, returned value and the return rate, in either language; a return is no order', () => {
    const k = computeKpis({ today: TODAY, timeZone: TZ, customers: people, purchases });
    expect(k.revenue.total).toBe(3500);
    expect(k.returns).toEqual({ amount: 500, rate: 500 / 4000 });
    expect(k.orders.count).toBe(2);
    expect(k.orders.averageValue).toBe(2000);
    expect(k.revenue.byTier).toEqual([
      { key: 'A', amount: 800 },
      { key: 'B', amount: 2700 },
    ]);
    expect(k.customers.archived).toBe(1); // 已归档 is the archived status
    const none = computeKpis({ today: TODAY, timeZone: TZ, customers: people, purchases: [] });
    expect(none.returns).toEqual({ amount: 0, rate: null });
  });
});
