/**
 * The customer sidebar's core with plain data: history order, search, who may act, and the
 * follow-up, purchase and feedback plans with their validation.
 */
import {
  historyOf,
  mayActOn,
  newestFirst,
  nextOrderId,
  planFeedback,
  planFollowUpLog,
  planPurchase,
  searchCustomers,
} from '../../../src/core/sidebar';
import { validationContext } from '../../../src/core/workbook';
import { withDefaults } from '../../../src/core/schema';
import { dateCell } from '../../support/dates';
import { sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const day = (iso: string) => dateCell(iso, TZ);
const ctx = validationContext({ locale: 'en', timeZone: TZ, settings: {}, customerIds: ['C000001'] });
const NOW = new Date('2026-11-23T01:00:00Z'); // 09:00 in Shanghai

describe('history', () => {
  test('entries of every kind, newest first; same day: the later row first; blank dates last', () => {
    const interactions = sheetRows([
      { date: day('2026-10-02'), customerId: 'C000001', summary: 'a' },
      { date: day('2026-11-01'), customerId: 'c000001 ', summary: 'b' },
      { date: '', customerId: 'C000001', summary: 'undated' },
      { date: day('2026-11-05'), customerId: 'C000002', summary: 'other customer' },
      { date: day('2026-11-01'), customerId: 'C000001', summary: 'c' },
    ]);
    const purchases = sheetRows([{ date: '2026-11-01', customerId: 'C000001', amount: 5 }]);
    const all = newestFirst([
      ...historyOf('interaction', interactions, 'C000001', TZ),
      ...historyOf('purchase', purchases, 'C000001', TZ),
    ]);
    expect(all.map((e) => [e.kind, e.date, e.fields.summary ?? e.fields.amount])).toEqual([
      ['interaction', '2026-11-01', 'c'],
      ['interaction', '2026-11-01', 'b'],
      ['purchase', '2026-11-01', '5'],
      ['interaction', '2026-10-02', 'a'],
      ['interaction', '', 'undated'],
    ]);
    expect(all[0].at).toBe('2026-10-31T16:00:00.000Z');
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });
});

describe('search', () => {
  const rows = sheetRows([
    { id: 'C000001', name: 'Zhang Wei', company: 'Xinda', phone: '+86 139 1234 5678', email: 'z@x.cn' },
    { id: 'C000002', name: 'Ｌｉ Ｎａ', company: 'C000001 Holdings', phone: '010-8888-0000', email: '' },
    { id: '', name: 'no id', company: 'Xinda' },
  ]);
  const ids = (q: string) => searchCustomers(rows, q).map((h) => h.id);

  test('folds case and width, compares phones by digits, puts the exact ID first, skips rows without an ID', () => {
    expect(ids('xinda')).toEqual(['C000001']);
    expect(ids('li na')).toEqual(['C000002']);
    expect(ids('13912345678')).toEqual(['C000001']);
    expect(ids('+86 10 8888 0000')).toEqual(['C000002']);
    expect(ids('c000001')).toEqual(['C000001', 'C000002']);
    expect(ids('')).toEqual([]);
  });

  test('returns at most the limit', () => {
    const many = sheetRows(
      Array.from({ length: 50 }, (_, i) => ({ id: `C${String(i + 1).padStart(6, '0')}`, name: 'Same' })),
    );
    expect(searchCustomers(many, 'same')).toHaveLength(20);
  });
});

test('who may act: staff on anyone, account managers on their own, viewers never', () => {
  expect(mayActOn('manager', 'm@x', 'r@x')).toBe(true);
  expect(mayActOn('assistant', 's@x', 'r@x')).toBe(true);
  expect(mayActOn('accountManager', 'R@x ', ' r@X')).toBe(true);
  expect(mayActOn('accountManager', 'q@x', 'r@x')).toBe(false);
  expect(mayActOn('viewer', 'r@x', 'r@x')).toBe(false);
});

describe('a follow-up', () => {
  const settings = withDefaults({});
  const plan = (customer: Record<string, unknown>, input: Record<string, unknown>) =>
    planFollowUpLog({
      customer: { id: 'C000001', ...customer } as never,
      input,
      now: NOW,
      loggedBy: 'rep@x.cn',
      ctx,
      settings,
    });

  test("moves lastContact to today and nextFollowUp by the tier's cadence", () => {
    const p = plan(
      { tier: 'B', lastContact: day('2026-10-01'), nextFollowUp: day('2026-10-31') },
      { summary: 'hi', channel: 'phone' },
    );
    if (!p.ok) throw new Error('invalid');
    expect(p.value.lastContact).toEqual(day('2026-11-23'));
    expect(p.value.nextFollowUp).toEqual(day('2026-12-23'));
    expect(p.value.interaction).toMatchObject({
      date: NOW,
      channel: 'Phone',
      loggedBy: 'rep@x.cn',
      nextFollowUp: day('2026-12-23'),
    });
  });

  test('a date given wins; a date set by hand and still ahead is kept', () => {
    const given = plan({ tier: 'A' }, { summary: 'x', nextFollowUp: '2026-12-01' });
    expect(given.ok && given.value.nextFollowUp).toEqual(day('2026-12-01'));
    const kept = plan(
      { tier: 'A', lastContact: day('2026-11-01'), nextFollowUp: day('2027-01-09') },
      { summary: 'x' },
    );
    expect(kept.ok && [kept.value.nextFollowUp, kept.value.nextFollowUpChanged]).toEqual([
      day('2027-01-09'),
      false,
    ]);
  });

  test('a summary is required and fields are checked', () => {
    const p = plan({}, { summary: ' ', channel: 'pigeon', nextFollowUp: 'soon' });
    expect(!p.ok && p.issues.map((i) => [i.columnKey, i.code])).toEqual([
      ['channel', 'list'],
      ['nextFollowUp', 'date'],
      ['summary', 'required'],
    ]);
  });
});

describe('purchases and feedback', () => {
  test('the next order id follows the highest SO number', () => {
    expect(nextOrderId(['SO0000009', 'so0000012', 'X-99', '', 7])).toBe('SO0000013');
    expect(nextOrderId([])).toBe('SO0000001');
  });

  test('a purchase defaults to today and the next order id; amounts parse strictly', () => {
    const p = planPurchase({
      customerId: 'C000001',
      input: { amount: '1,200.50', quantity: 2 },
      now: NOW,
      orderIds: ['SO0000004'],
      ctx,
    });
    expect(p.ok && p.value).toMatchObject({
      orderId: 'SO0000005',
      date: day('2026-11-23'),
      amount: 1200.5,
      quantity: 2,
    });
    const bad = planPurchase({
      customerId: 'C000001',
      input: { amount: '1.200,50' },
      now: NOW,
      orderIds: [],
      ctx,
    });
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(['money']);
    const unknown = planPurchase({
      customerId: 'C000009',
      input: { amount: 1 },
      now: NOW,
      orderIds: [],
      ctx,
    });
    expect(!unknown.ok && unknown.issues.map((i) => i.code)).toEqual(['reference']);
  });

  test('feedback needs a rating from 1 to 5 and defaults resolved to FALSE', () => {
    const p = planFeedback({ customerId: 'C000001', input: { rating: '4', comment: 'ok' }, now: NOW, ctx });
    expect(p.ok && p.value).toMatchObject({ rating: 4, resolved: false, date: day('2026-11-23') });
    const missing = planFeedback({ customerId: 'C000001', input: {}, now: NOW, ctx });
    expect(!missing.ok && missing.issues.map((i) => [i.columnKey, i.code])).toEqual([['rating', 'required']]);
  });
});
