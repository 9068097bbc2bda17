/**
 * Deterministic demo and benchmark data: realistic customers with Chinese and English names and
 * companies, purchases over two years, interactions, feedback and a roles sheet for every role.
 * Same seed, same data, so benchmarks compare like with like.
 */
import { dayNumberOf, dayNumberToCivil, dayNumberToDate, columnLetter } from '../core/shared';
import { formatCustomerId, SheetKey } from '../core/schema';
import { readTable, sheetOf } from './inspect';
import type { Runtime } from './runtime';

export interface SampleSize {
  customers: number;
  purchasesPerCustomer: number;
  interactionsPerCustomer: number;
  feedbackPerCustomer: number;
  accountManagers: number;
  seed: number;
  /**
   * Benchmark shape (unset for the demo, whose data stays as it was). `exact`: each per-customer
   * figure is the average number of ROWS (an order's second line counts), drawn uniformly from 0 to
   * twice the average, so totals match the averages. `ownerLayout: 'grouped'` gives each account
   * manager one contiguous block of rows (the layout after sorting by owner) instead of taking turns.
   * `uniqueCompanies` numbers every company so that name + company collide only where meant to;
   * `duplicateRate` is the share of customers that repeat an earlier customer's e-mail (dedupe work).
   */
  exact?: boolean;
  ownerLayout?: 'interleaved' | 'grouped';
  uniqueCompanies?: boolean;
  duplicateRate?: number;
}

export const DEMO_SIZE: SampleSize = {
  customers: 200,
  purchasesPerCustomer: 10,
  interactionsPerCustomer: 2,
  feedbackPerCustomer: 0.5,
  accountManagers: 2,
  seed: 20261123,
};

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const ZH_GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
];
const EN_FIRST = [
  'Alice',
  'Ben',
  'Chloe',
  'David',
  'Emma',
  'Frank',
  'Grace',
  'Henry',
  'Ivy',
  'Jack',
  'Lucy',
  'Oliver',
];
const EN_LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Wilson',
  'Clark',
  'Lewis',
  'Walker',
  'Young',
  'King',
];
const ZH_COMPANY = ['华鑫', '东方', '恒泰', '新纪元', '蓝海', '金桥', '瑞丰', '长城', '天成', '中联'];
const ZH_SUFFIX = ['科技有限公司', '贸易有限公司', '制造股份有限公司', '物流有限公司', '医疗器械有限公司'];
const EN_COMPANY = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
];
const EN_SUFFIX = ['Ltd', 'Inc', 'Trading Co', 'Logistics', 'Health'];
const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Singapore', 'London'];
const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Overseas'];
const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Finance',
  'Technology',
  'Healthcare',
  'Education',
  'Logistics',
  'Other',
];
const TYPES = ['Prospect', 'Customer', 'Customer', 'Customer', 'Partner', 'Distributor'];
const PRODUCTS = ['CRM Basic', 'CRM Pro', 'Support Plan', 'Training', 'Integration', 'Hardware Kit'];
const CHANNELS = ['Phone', 'Email', 'Visit', 'WeChat', 'Meeting'];
const SOURCES = ['Referral', 'Website', 'Trade show', 'Cold call', '展会', '老客户介绍'];

export interface SampleRoles {
  admin: string;
  manager: string;
  reps: string[];
  assistant: string;
  viewer: string;
}

export function sampleRoles(owner: string, reps: number): SampleRoles {
  return {
    admin: owner,
    manager: 'manager@example.com',
    reps: Array.from({ length: reps }, (_, i) => `rep${i + 1}@example.com`),
    assistant: 'assistant@example.com',
    viewer: 'viewer@example.com',
  };
}

export type Records = Partial<Record<SheetKey, Array<Record<string, unknown>>>>;

/** Generates every sheet's records for `size`, with dates relative to `now` in `timeZone`. */
export function generateData(owner: string, size: SampleSize, now: number, timeZone: string): Records {
  const random = rng(size.seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const today = dayNumberOf(now, timeZone);
  // Midnights are memoized: time-zone arithmetic (Intl) dominates generation time at 100,000 customers.
  const midnights = new Map<number, number>();
  const dateOf = (dayNumber: number) => {
    let ms = midnights.get(dayNumber);
    if (ms === undefined) midnights.set(dayNumber, (ms = dayNumberToDate(dayNumber, timeZone).getTime()));
    return new Date(ms);
  };
  const day = (offset: number) => dateOf(today + offset);
  const people = sampleRoles(owner, size.accountManagers);

  const roles = [
    { email: people.admin, name: 'Admin 管理员', role: 'admin', team: '', managerEmail: '', active: true },
    {
      email: people.manager,
      name: '王经理 Wang',
      role: 'manager',
      team: 'Sales',
      managerEmail: '',
      active: true,
    },
    ...people.reps.map((email, i) => ({
      email,
      name: i % 2 === 0 ? `${pick(ZH_SURNAMES)}${pick(ZH_GIVEN)}` : `${pick(EN_FIRST)} ${pick(EN_LAST)}`,
      role: 'accountManager',
      team: 'Sales',
      managerEmail: people.manager,
      active: true,
    })),
    {
      email: people.assistant,
      name: '行政 Assistant',
      role: 'assistant',
      team: 'Sales',
      managerEmail: '',
      active: true,
    },
    { email: people.viewer, name: 'Viewer', role: 'viewer', team: '', managerEmail: '', active: true },
  ];

  const customers: Array<Record<string, unknown>> = [];
  const purchases: Array<Record<string, unknown>> = [];
  const interactions: Array<Record<string, unknown>> = [];
  const feedback: Array<Record<string, unknown>> = [];
  let order = 0;
  for (let i = 1; i <= size.customers; i++) {
    const chinese = random() < 0.6;
    const name = chinese ? `${pick(ZH_SURNAMES)}${pick(ZH_GIVEN)}` : `${pick(EN_FIRST)} ${pick(EN_LAST)}`;
    let company = chinese
      ? `${pick(ZH_COMPANY)}${pick(ZH_SUFFIX)}`
      : `${pick(EN_COMPANY)} ${pick(EN_SUFFIX)}`;
    if (size.uniqueCompanies) company = chinese ? `${company}${i}号` : `${company} No. ${i}`;
    const id = formatCustomerId(i);
    const owner =
      size.ownerLayout === 'grouped'
        ? people.reps[Math.floor(((i - 1) * people.reps.length) / size.customers)]
        : people.reps[i % people.reps.length];
    // A duplicate re-enters one of the owner's recent customers (the same rep typing it in twice).
    const earlier =
      size.duplicateRate && i > 1 && random() < size.duplicateRate
        ? customers[int(Math.max(0, i - 21), i - 2)]
        : null;
    const repeats = earlier && earlier.owner === owner ? earlier : null;
    const lastContactOffset = -int(0, 150);
    customers.push({
      id,
      name,
      company,
      title: chinese
        ? pick(['总经理', '采购经理', '技术总监', '财务'])
        : pick(['CEO', 'Buyer', 'CTO', 'Finance']),
      phone: chinese
        ? `+86 13${int(0, 9)}${String(int(0, 99999999)).padStart(8, '0')}`
        : `+44 20 ${int(1000, 9999)} ${int(1000, 9999)}`,
      email: repeats
        ? String(repeats.email).toUpperCase()
        : `c${i}@${chinese ? 'example.cn' : 'example.com'}`,
      address: `${int(1, 999)} ${pick(CITIES)}`,
      region: pick(REGIONS),
      industry: pick(INDUSTRIES),
      type: pick(TYPES),
      owner,
      status: random() < 0.9 ? 'Active' : pick(['Inactive', 'Archived']),
      tier: '',
      tierLocked: false,
      birthday: random() < 0.7 ? dateOf(today - int(9000, 22000)) : '',
      contractEnd: random() < 0.6 ? day(int(-30, 400)) : '',
      lastContact: day(lastContactOffset),
      nextFollowUp: day(lastContactOffset + int(7, 90)),
      satisfaction: int(2, 5),
      source: pick(SOURCES),
      notes: random() < 0.1 ? '=HYPERLINK("http://example.com")' : '',
      createdAt: day(-int(150, 730)),
      updatedAt: day(lastContactOffset),
    });
    // Value is skewed (a few big customers), so ABC tiers come out as in real life.
    const weight = Math.pow(random(), 3);
    const orders = size.exact
      ? countAround(size.purchasesPerCustomer, random)
      : Math.max(0, Math.round(size.purchasesPerCustomer * (0.2 + 1.6 * random())));
    for (let k = 0; k < orders; k++) {
      const orderId = `SO${String(++order).padStart(7, '0')}`;
      const date = day(-int(0, 729));
      // In exact mode `orders` counts rows: a two-line order uses two of them.
      const lines = Math.min(random() < 0.2 ? 2 : 1, size.exact ? orders - k : 2);
      if (size.exact) k += lines - 1;
      for (let l = 0; l < lines; l++) {
        const quantity = int(1, 20);
        purchases.push({
          orderId,
          date,
          customerId: id,
          product: pick(PRODUCTS),
          quantity,
          amount: Math.round(quantity * (50 + 5000 * weight) * 100) / 100,
        });
      }
    }
    const touches = size.exact
      ? countAround(size.interactionsPerCustomer, random)
      : Math.round(size.interactionsPerCustomer * 2 * random());
    for (let k = 0; k < touches; k++) {
      interactions.push({
        date: day(-int(0, 365)),
        customerId: id,
        channel: pick(CHANNELS),
        summary: chinese
          ? pick(['电话沟通需求', '上门拜访', '发送报价', '续约讨论'])
          : pick(['Call about needs', 'Site visit', 'Sent a quote', 'Renewal talk']),
        outcome: pick(['Positive', 'Neutral', 'Follow up']),
        nextStep: pick(['Send proposal', 'Schedule demo', '']),
        nextFollowUp: '',
        loggedBy: owner,
      });
    }
    const feedbackRows = size.exact
      ? countAround(size.feedbackPerCustomer, random)
      : random() < size.feedbackPerCustomer
        ? 1
        : 0;
    for (let k = 0; k < feedbackRows; k++) {
      feedback.push({
        date: day(-int(0, 365)),
        customerId: id,
        rating: int(1, 5),
        comment: chinese
          ? pick(['服务很好', '交付慢了', '价格偏高'])
          : pick(['Great service', 'Late delivery', 'Too pricey']),
        category: pick(['Product', 'Service', 'Delivery', 'Price']),
        resolved: random() < 0.6,
      });
    }
  }
  const { opportunities, targets } = salesSample(customers, size.seed, today, dateOf);
  return { roles: roles.slice(1), customers, purchases, interactions, feedback, opportunities, targets };
}

/**
 * Opportunities for about a third of the customers and a quarterly target per owner, from a PRNG of
 * their own so the other sheets stay what they were for the same seed.
 */
/** The share of customers with a sample opportunity (the bench counts their cells). */
export const OPPORTUNITY_SHARE = 0.33;

function salesSample(
  customers: Array<Record<string, unknown>>,
  seed: number,
  today: number,
  dateOf: (day: number) => Date,
): { opportunities: Array<Record<string, unknown>>; targets: Array<Record<string, unknown>> } {
  const random = rng(seed ^ 0x5a1e5);
  const stages = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];
  const probability = [10, 25, 50, 75, 100, 0];
  const opportunities: Array<Record<string, unknown>> = [];
  for (const c of customers) {
    if (random() >= OPPORTUNITY_SHARE) continue;
    const s = Math.floor(random() * stages.length);
    const amount = Math.round(1000 + random() * 49000);
    const created = today - Math.floor(random() * 120);
    const closed = s >= 4 ? Math.min(today, created + Math.floor(random() * 60)) : null;
    opportunities.push({
      id: 'O' + String(opportunities.length + 1).padStart(6, '0'),
      customerId: c.id,
      title: ['Annual supply', 'Renewal', 'Upgrade', 'Pilot project'][Math.floor(random() * 4)],
      stage: stages[s],
      amount,
      probability: probability[s],
      expectedClose: dateOf(created + 30 + Math.floor(random() * 60)),
      owner: c.owner,
      createdAt: dateOf(created),
      closedAt: closed === null ? '' : dateOf(closed),
      lostReason: s === 5 ? ['Price', 'Competitor', 'No budget'][Math.floor(random() * 3)] : '',
    });
  }
  const civil = dayNumberToCivil(today);
  const period = `${civil.year}-Q${Math.ceil(civil.month / 3)}`;
  const targets = [...new Set(customers.map((c) => String(c.owner)))]
    .filter(Boolean)
    .sort()
    .map((owner) => ({ owner, period, revenueTarget: Math.round(500000 + random() * 1500000) }));
  return { opportunities, targets };
}

/**
 * A count drawn uniformly from 0 to twice `average`, its fraction rounded up with that probability,
 * so the mean is exactly `average` even when it is below 1 (plain rounding of 0.36 always gives 0).
 */
function countAround(average: number, random: () => number): number {
  const x = 2 * average * random();
  const whole = Math.floor(x);
  return whole + (random() < x - whole ? 1 : 0);
}

/** Writes records below each sheet's last row, one setValues per sheet, as the owner. */
export function writeRecords(rt: Runtime, records: Records): void {
  for (const [key, rows] of Object.entries(records) as Array<[SheetKey, Array<Record<string, unknown>>]>) {
    if (!rows || rows.length === 0) continue;
    const sheet = sheetOf(rt, key);
    if (!sheet) throw new Error(`No ${key} sheet: run setup first.`);
    const view = readTable(rt, key);
    const grid = rows.map((rec) => view.keys.map((k) => (k && k in rec ? rec[k] : '')));
    const first = sheet.getLastRow() + 1;
    const needed = first + grid.length - 1;
    if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
    sheet.getRange(`A${first}:${columnLetter(view.keys.length)}${needed}`).setValues(grid as never);
  }
}

/** The demo workbook's data: about 200 customers, 2,000 purchases, roles for every role. */
export function loadSample(rt: Runtime, _locale: string, size: SampleSize = DEMO_SIZE): void {
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  writeRecords(rt, generateData(rt.ctx.owner, size, rt.ctx.clock.now(), ss.getSpreadsheetTimeZone()));
}
