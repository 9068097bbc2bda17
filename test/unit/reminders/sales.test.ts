/**
 * The sales items of a rep's digest (opportunities closing soon, stuck in a stage, customers not
 * updated), planned with plain data, rendered escaped, recorded in the ledger, never mailed twice.
 */
import type { CellValue, SheetRow } from '../../../src/core/schema';
import { LedgerRow, planRun, settleRun, thresholdDay } from '../../../src/core/reminders';
import { dateCell, dayNumber } from '../../support/dates';
import { roleRow } from '../../support/people';
import { customerRow, sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const cell = (iso: string) => dateCell(iso, TZ);
const morning = (iso: string) => new Date(`${iso}T09:00:00+08:00`);
const REP = 'rep1@x.com';
const OTHER = 'rep2@x.com';
const roles = sheetRows([
  roleRow(REP, 'accountManager', { name: 'Rep 1' }),
  roleRow(OTHER, 'accountManager', { name: 'Rep 2' }),
]);

const opp = (n: number, values: Record<string, CellValue>): Record<string, CellValue> => ({
  id: `O00000${n}`,
  customerId: 'C000002',
  title: `Deal ${n}`,
  stage: 'Proposal',
  amount: 1000 * n,
  owner: REP,
  createdAt: cell('2024-01-01'),
  stageChangedAt: '',
  expectedClose: '',
  ...values,
});

function plan(
  day: string,
  opportunities: Array<Record<string, CellValue>>,
  customers: SheetRow[] = [customerRow(2, REP, { updatedAt: cell(day) })],
  ledger: LedgerRow[] = [],
  settings: Record<string, string> = {},
) {
  return planRun({
    now: morning(day),
    customers,
    opportunities: sheetRows(opportunities),
    roles,
    settings,
    ledger: ledger.map((values, i) => ({ row: i + 2, values: { ...values } })),
    remainingQuota: 100,
    timeZone: TZ,
  });
}

const itemsOf = (p: ReturnType<typeof plan>, to = REP) =>
  (p.sends.find((s) => s.recipient === to)?.digest.items ?? []).map(
    (i) => `${i.kind} ${i.opportunity?.id ?? i.customer.id}`,
  );

describe('opportunities closing soon (sales.closingDays, default 7)', () => {
  test('open ones expected within the window are listed every day of it; closed, late and far ones are not', () => {
    const opportunities = [
      opp(1, { expectedClose: cell('2024-03-17') }), // in 7 days
      opp(2, { expectedClose: cell('2024-03-18') }), // in 8 days
      opp(3, { expectedClose: cell('2024-03-10'), stage: 'Won' }),
      opp(4, { expectedClose: cell('2024-03-09') }), // already past: not "closing"
      opp(5, { expectedClose: cell('2024-03-10'), stage: '商务谈判' }), // zh-CN default label, today
    ];
    expect(itemsOf(plan('2024-03-10', opportunities))).toEqual(['closing O000005', 'closing O000001']);
    expect(itemsOf(plan('2024-03-11', opportunities))).toEqual(['closing O000001', 'closing O000002']);
    expect(itemsOf(plan('2024-03-10', opportunities, undefined, [], { 'sales.closingDays': '0' }))).toEqual([
      'closing O000005',
    ]);
  });

  test('goes to the opportunity owner, else the customer owner; the ledger records the opportunity id', () => {
    const p = plan('2024-03-10', [
      opp(1, { expectedClose: cell('2024-03-12'), owner: OTHER }),
      opp(2, { expectedClose: cell('2024-03-12'), owner: '' }),
    ]);
    expect(itemsOf(p, OTHER)).toEqual(['closing O000001']);
    expect(itemsOf(p, REP)).toEqual(['closing O000002']);
    const rows = settleRun(
      p,
      p.sends.map((s) => ({ recipient: s.recipient, status: 'sent' as const })),
    ).rows.filter((r) => r.rule === 'closing');
    expect(rows.map((r) => `${r.recipient} ${r.customerId}`).sort()).toEqual([
      `${REP} O000002`,
      `${OTHER} O000001`,
    ]);
  });
});

describe('opportunities stuck in a stage (sales.stuckDays, default 30)', () => {
  // Entered the stage on 2024-02-01: 30 days on 2024-03-02, 60 on 2024-04-01.
  const stuck = [opp(1, { stageChangedAt: cell('2024-02-01') })];

  test('listed on the day it reaches the threshold and every threshold after, not the days between', () => {
    expect(itemsOf(plan('2024-03-01', stuck))).toEqual([]);
    expect(itemsOf(plan('2024-03-02', stuck))).toEqual(['stuck O000001']);
    expect(itemsOf(plan('2024-03-03', stuck))).toEqual([]);
    expect(itemsOf(plan('2024-04-01', stuck))).toEqual(['stuck O000001']);
  });

  test('counts from createdAt when the stage never changed; closed ones and 0 (off) list nothing', () => {
    const created = [opp(1, { createdAt: cell('2024-02-01') })];
    expect(itemsOf(plan('2024-03-02', created))).toEqual(['stuck O000001']);
    expect(itemsOf(plan('2024-03-02', [opp(1, { createdAt: cell('2024-02-01'), stage: 'Lost' })]))).toEqual(
      [],
    );
    expect(itemsOf(plan('2024-03-02', created, undefined, [], { 'sales.stuckDays': '0' }))).toEqual([]);
  });

  test('a digest held back over the threshold day still carries it', () => {
    const ledger: LedgerRow[] = [
      { date: '2024-03-02', rule: 'digest', customerId: '', recipient: REP, status: 'deferred' },
    ];
    expect(itemsOf(plan('2024-03-04', stuck, undefined, ledger))).toEqual(['stuck O000001']);
  });

  test('the reason names the title and the stage as the sheet shows them, escaped in the HTML', () => {
    const p = plan('2024-03-02', [
      opp(1, { stageChangedAt: cell('2024-02-01'), title: '<img src=x onerror=alert(1)>' }),
    ]);
    const { html, text } = p.sends[0].message;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain(
      '"<img src=x onerror=alert(1)>" has been in stage Proposal for 30 days (since 2024-02-01)',
    );
    expect(html).toContain('Opportunities stuck in a stage (1)');
  });
});

describe('customers not updated (review.staleDays, default 180)', () => {
  const customers = (updatedAt: string, owner = REP) => [
    customerRow(2, owner, { updatedAt: cell(updatedAt) }),
  ];

  test('listed when it becomes stale (more than N days) and every N days after, to its own owner', () => {
    const settings = { 'review.staleDays': '10' };
    expect(itemsOf(plan('2024-03-11', [], customers('2024-03-01'), [], settings))).toEqual([]); // 10 days
    expect(itemsOf(plan('2024-03-12', [], customers('2024-03-01'), [], settings))).toEqual(['stale C000002']);
    expect(itemsOf(plan('2024-03-13', [], customers('2024-03-01'), [], settings))).toEqual([]);
    expect(itemsOf(plan('2024-03-22', [], customers('2024-03-01'), [], settings))).toEqual(['stale C000002']);
    const other = plan('2024-03-12', [], customers('2024-03-01', OTHER), [], settings);
    expect(itemsOf(other, REP)).toEqual([]);
    expect(itemsOf(other, OTHER)).toEqual(['stale C000002']);
  });

  test('default 180 days; the reason gives the days and the last update in zh-CN too', () => {
    const p = plan('2024-08-29', [], customers('2024-03-01'));
    expect(itemsOf(p)).toEqual(['stale C000002']);
    const zh = planRun({
      now: morning('2024-08-29'),
      customers: customers('2024-03-01'),
      roles,
      settings: { locale: 'zh-CN' },
      ledger: [],
      remainingQuota: 1,
      timeZone: TZ,
    });
    expect(zh.sends[0].message.text).toContain('已 181 天未更新（自 2024-03-01 起）');
  });
});

describe('never twice', () => {
  test('a second run the same day sends nothing; the next day lists only what is due then', () => {
    const opportunities = [opp(1, { stageChangedAt: cell('2024-02-01'), expectedClose: cell('2024-03-05') })];
    const ledger: LedgerRow[] = [];
    const run = (day: string) => {
      const p = plan(day, opportunities, undefined, ledger);
      const s = settleRun(
        p,
        p.sends.map((x) => ({ recipient: x.recipient, status: 'sent' as const })),
      );
      ledger.push(...s.rows);
      return p.sends.map((x) => itemsOf(p, x.recipient));
    };
    expect(run('2024-03-02')).toEqual([['closing O000001', 'stuck O000001']]);
    expect(run('2024-03-02')).toEqual([]);
    expect(run('2024-03-03')).toEqual([['closing O000001']]);
  });

  test('thresholdDay: the last threshold day within [since, today]', () => {
    const d = dayNumber('2024-02-01');
    expect(thresholdDay(d, 30, 30, d + 30, d + 30)).toBe(d + 30);
    expect(thresholdDay(d, 30, 30, d + 31, d + 45)).toBeNull();
    expect(thresholdDay(d, 30, 30, d + 40, d + 65)).toBe(d + 60);
    expect(thresholdDay(d, 30, 30, d, d + 29)).toBeNull();
  });
});
