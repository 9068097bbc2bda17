import { dayNumberToDate, parseIsoDay } from '../../../src/core/shared';
import type { CellValue, SheetRow } from '../../../src/core/schema';
import {
  ITEMS_PER_SECTION,
  LedgerRow,
  MAX_RETRIES,
  planRun,
  RunPlan,
  SendResult,
  settleRun,
} from '../../../src/core/reminders';
import { dateCell, dayNumber, isoDayIn } from '../../support/dates';
import { roleRow } from '../../support/people';
import { customerRow, sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const cell = (iso: string) => dateCell(iso, TZ);
/** 09:00 in Shanghai on a day: when the daily trigger fires. */
const morning = (iso: string, hour = 9) => new Date(`${iso}T${String(hour).padStart(2, '0')}:00:00+08:00`);

const REPS = ['rep1@x.com', 'rep2@x.com', 'rep3@x.com', 'rep4@x.com', 'rep5@x.com'];

function rolesSheet(extra: Array<Record<string, CellValue>> = []): SheetRow[] {
  const reps = REPS.map((email, i) => roleRow(email, 'accountManager', { name: `Rep ${i + 1}` }));
  return sheetRows([...reps, ...extra]);
}

const customer = (row: number, values: Record<string, CellValue>) => customerRow(row, REPS[0], values);

interface Mail {
  to: string;
  day: string;
  items: string[];
  subject: string;
}

/**
 * The trigger handler as the shell will write it: plan, send in order until the quota or the time
 * runs out, settle, append the ledger rows in one block. The world keeps the sheets, the outbox and
 * the day's quota.
 */
class World {
  ledger: LedgerRow[] = [];
  outbox: Mail[] = [];
  quotaLeft = new Map<string, number>();
  constructor(
    public customers: SheetRow[],
    public roles: SheetRow[] = rolesSheet(),
    public dailyQuota = 100,
    public settings: Record<string, string> = {},
  ) {}

  run(now: Date, opts: { fail?: Set<string>; stopAfter?: number; owner?: string } = {}) {
    const plan: RunPlan = planRun({
      now,
      customers: this.customers,
      roles: this.roles,
      settings: this.settings,
      ledger: this.ledger.map((values, i) => ({ row: i + 2, values: { ...values } })),
      remainingQuota: this.quotaLeft.get(isoDayIn(now, TZ)) ?? this.dailyQuota,
      timeZone: TZ,
      owner: opts.owner,
      links: { spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit', customersGid: 7 },
    });
    const results: SendResult[] = [];
    for (const [i, p] of plan.sends.entries()) {
      if (opts.stopAfter !== undefined && i >= opts.stopAfter) break; // near the time limit
      if (opts.fail?.has(p.recipient)) {
        results.push({ recipient: p.recipient, status: 'failed', error: 'Service error' });
        continue;
      }
      this.quotaLeft.set(plan.dayKey, (this.quotaLeft.get(plan.dayKey) ?? this.dailyQuota) - 1);
      this.outbox.push({
        to: p.recipient,
        day: plan.dayKey,
        subject: p.message.subject,
        items: p.digest.items.map((item) => `${item.customer.id} ${item.kind}`),
      });
      results.push({ recipient: p.recipient, status: 'sent' });
    }
    const settlement = settleRun(plan, results);
    this.ledger.push(...settlement.rows);
    return { plan, settlement };
  }

  mailsTo(recipient: string): Mail[] {
    return this.outbox.filter((m) => m.to === recipient);
  }
}

const digestRows = (w: World) => w.ledger.filter((r) => r.rule === 'digest');

describe('ledger: never twice', () => {
  test('a digest sent for a recipient and day is not sent again, even when more falls due', () => {
    const w = new World([customer(2, { nextFollowUp: cell('2024-03-10') })]);
    const first = w.run(morning('2024-03-10'));
    expect(first.settlement).toMatchObject({ sent: 1, failed: 0, deferred: 0, catchUpNeeded: false });
    expect(first.settlement.rows).toEqual([
      { date: '2024-03-10', rule: 'digest', customerId: '', recipient: 'rep1@x.com', status: 'sent' },
      {
        date: '2024-03-10',
        rule: 'dueToday',
        customerId: 'C000002',
        recipient: 'rep1@x.com',
        status: 'sent',
      },
    ]);
    w.customers.push(customer(3, { nextFollowUp: cell('2024-03-09') }));
    const again = w.run(morning('2024-03-10', 9)); // the trigger fires twice
    const manual = w.run(morning('2024-03-10', 17)); // and a manual run later that day
    expect(again.plan.sends).toEqual([]);
    expect(manual.plan.sends).toEqual([]);
    expect(again.settlement.rows).toEqual([]);
    expect(w.outbox).toHaveLength(1);
    w.run(morning('2024-03-11'));
    expect(w.outbox.map((m) => m.day)).toEqual(['2024-03-10', '2024-03-11']);
  });

  test('nothing due: no digest and no ledger rows', () => {
    const w = new World([customer(2, { nextFollowUp: cell('2024-04-01') })]);
    const { plan, settlement } = w.run(morning('2024-03-10'));
    expect(plan.sends).toEqual([]);
    expect(settlement.rows).toEqual([]);
  });
});

describe('quota', () => {
  // Five reps, each with one contract ending on 2024-03-10: due that day only (30/7/1/0 days).
  const contracts = () => REPS.map((owner, i) => customer(i + 2, { owner, contractEnd: cell('2024-03-10') }));

  test('quota 2 with 5 recipients over three days: everything arrives, nothing twice', () => {
    const w = new World(contracts(), rolesSheet(), 2);
    const days = ['2024-03-10', '2024-03-11', '2024-03-12', '2024-03-13'];
    const perDay: string[][] = [];
    for (const d of days) {
      const before = w.outbox.length;
      const first = w.run(morning(d, 8));
      w.run(morning(d, 12)); // the catch-up trigger, quota already spent
      w.run(morning(d, 18));
      perDay.push(w.outbox.slice(before).map((m) => m.to));
      if (d === '2024-03-10')
        expect(first.settlement).toMatchObject({ sent: 2, deferred: 3, catchUpNeeded: true });
    }
    expect(perDay).toEqual([['rep1@x.com', 'rep2@x.com'], ['rep3@x.com', 'rep4@x.com'], ['rep5@x.com'], []]);
    for (const rep of REPS)
      expect(w.mailsTo(rep).map((m) => m.items)).toEqual([[`C00000${REPS.indexOf(rep) + 2} contract`]]);
    // held-back digests are dated the day they go out and settle the original key
    const late = w.mailsTo('rep5@x.com')[0];
    expect(late.day).toBe('2024-03-12');
    expect(digestRows(w).filter((r) => r.recipient === 'rep5@x.com')).toEqual([
      { date: '2024-03-10', rule: 'digest', customerId: '', recipient: 'rep5@x.com', status: 'deferred' },
      { date: '2024-03-11', rule: 'digest', customerId: '', recipient: 'rep5@x.com', status: 'deferred' },
      { date: '2024-03-10', rule: 'digest', customerId: '', recipient: 'rep5@x.com', status: 'sent' },
      { date: '2024-03-11', rule: 'digest', customerId: '', recipient: 'rep5@x.com', status: 'sent' },
      { date: '2024-03-12', rule: 'digest', customerId: '', recipient: 'rep5@x.com', status: 'sent' },
    ]);
  });

  test('a held-back digest tells what happened meanwhile', () => {
    const w = new World(
      [customer(2, { contractEnd: cell('2024-03-10'), birthday: cell('1980-03-10') })],
      rolesSheet(),
      0,
    );
    w.run(morning('2024-03-10'));
    w.dailyQuota = 1;
    const { plan } = w.run(morning('2024-03-12'));
    expect(plan.sends[0].days.map((d) => d)).toEqual([parseIsoDay('2024-03-10'), parseIsoDay('2024-03-12')]);
    expect(plan.sends[0].message.text).toContain('Contract ended 2 days ago (2024-03-10)');
    expect(plan.sends[0].message.text).toContain('Birthday was 2 days ago (2024-03-10)');
    expect(plan.sends[0].message.text).toContain('held back since 2024-03-10');
  });

  test('an owed digest with nothing left to say is closed as superseded', () => {
    const w = new World([customer(2, { contractEnd: cell('2024-03-10') })], rolesSheet(), 0);
    w.run(morning('2024-03-10'));
    w.customers[0].values.status = 'Archived';
    w.dailyQuota = 5;
    const { plan, settlement } = w.run(morning('2024-03-11'));
    expect(plan.sends).toEqual([]);
    expect(settlement.rows).toEqual([
      { date: '2024-03-10', rule: 'digest', customerId: '', recipient: 'rep1@x.com', status: 'superseded' },
    ]);
    expect(settlement.catchUpNeeded).toBe(false);
    expect(w.run(morning('2024-03-12')).settlement.rows).toEqual([]);
  });
});

describe('send failures', () => {
  test(`a failing digest is retried ${MAX_RETRIES} times, then reported to the admins once`, () => {
    const roles = rolesSheet([{ email: 'admin@x.com', name: 'Admin', role: 'admin', active: true }]);
    const w = new World([customer(2, { nextFollowUp: cell('2024-03-01') })], roles);
    const fail = new Set(['rep1@x.com']);
    const attempts: number[] = [];
    for (let hour = 8; hour < 16; hour++) {
      const { plan, settlement } = w.run(morning('2024-03-10', hour), { fail });
      attempts.push(plan.sends.filter((p) => p.recipient === 'rep1@x.com').length);
      if (hour === 8) expect(settlement).toMatchObject({ failed: 1, catchUpNeeded: true });
    }
    expect(attempts).toEqual([1, 1, 1, 1, 0, 0, 0, 0]); // the first try and 3 retries
    expect(w.mailsTo('rep1@x.com')).toEqual([]);
    const reports = w.mailsTo('admin@x.com');
    expect(reports).toHaveLength(1);
    expect(reports[0].subject).toBe('Sheets CRM reminders for 2024-03-10');
    expect(
      digestRows(w)
        .filter((r) => r.recipient === 'rep1@x.com')
        .map((r) => r.status),
    ).toEqual(['failed', 'failed', 'failed', 'failed', 'abandoned']);
    // next day the rep is tried afresh and the admins hear nothing more
    w.run(morning('2024-03-11'));
    expect(w.mailsTo('rep1@x.com')).toHaveLength(1);
    expect(w.mailsTo('admin@x.com')).toHaveLength(1);
  });

  test('a failure that recovers is delivered once and reported to nobody', () => {
    const roles = rolesSheet([{ email: 'admin@x.com', name: 'Admin', role: 'admin', active: true }]);
    const w = new World([customer(2, { nextFollowUp: cell('2024-03-10') })], roles);
    w.run(morning('2024-03-10', 8), { fail: new Set(['rep1@x.com']) });
    w.run(morning('2024-03-10', 9), { fail: new Set(['rep1@x.com']) });
    w.run(morning('2024-03-10', 10));
    w.run(morning('2024-03-10', 11));
    expect(w.mailsTo('rep1@x.com')).toHaveLength(1);
    expect(w.mailsTo('admin@x.com')).toEqual([]);
  });
});

describe('long runs', () => {
  test('a run stopped near the time limit is finished by the next run: no skip, no double', () => {
    const customers = REPS.map((owner, i) => customer(i + 2, { owner, nextFollowUp: cell('2024-03-10') }));
    const w = new World(customers);
    const first = w.run(morning('2024-03-10', 8), { stopAfter: 2 });
    expect(first.settlement).toMatchObject({ sent: 2, deferred: 3, catchUpNeeded: true });
    const rest = w.run(morning('2024-03-10', 8));
    expect(rest.plan.sends.map((p) => p.recipient)).toEqual(REPS.slice(2));
    expect(rest.settlement.catchUpNeeded).toBe(false);
    w.run(morning('2024-03-10', 9));
    expect(w.outbox.map((m) => m.to).sort()).toEqual(REPS);
  });

  test('if the follow-up run only comes the next day, the held-back digests still arrive', () => {
    const customers = REPS.map((owner, i) => customer(i + 2, { owner, contractEnd: cell('2024-03-10') }));
    const w = new World(customers);
    w.run(morning('2024-03-10', 8), { stopAfter: 1 });
    w.run(morning('2024-03-11', 8));
    expect(w.outbox.map((m) => `${m.to} ${m.day} ${m.items}`)).toEqual([
      'rep1@x.com 2024-03-10 C000002 contract',
      'rep2@x.com 2024-03-11 C000003 contract',
      'rep3@x.com 2024-03-11 C000004 contract',
      'rep4@x.com 2024-03-11 C000005 contract',
      'rep5@x.com 2024-03-11 C000006 contract',
    ]);
  });
});

describe('long lists', () => {
  test(`a section lists ${ITEMS_PER_SECTION} items, counts the rest, and logs what it listed`, () => {
    const customers = Array.from({ length: 60 }, (_, i) =>
      customer(i + 2, { tier: 'A', nextFollowUp: dayNumberToDate(dayNumber('2024-03-09') - i, TZ) }),
    );
    const w = new World(customers);
    const { plan, settlement } = w.run(morning('2024-03-10'));
    const p = plan.sends[0];
    expect(p.digest.items).toHaveLength(ITEMS_PER_SECTION);
    expect(p.digest.items[0].customer.id).toBe('C000061'); // most overdue first
    expect(p.digest.hidden.overdue).toBe(10);
    expect(p.message.subject).toBe('Sheets CRM reminders for 2024-03-10: 60 overdue');
    expect(p.message.text).toContain('Overdue follow-ups (60)');
    expect(p.message.text).toContain('… and 10 more: see the Customers sheet');
    expect(settlement.rows.filter((r) => r.rule === 'overdue')).toHaveLength(ITEMS_PER_SECTION);
  });
});

describe('recipients', () => {
  test('managers get one roll-up, admins and the owner get the bad rows; one e-mail each', () => {
    const roles = rolesSheet([
      { email: 'boss@x.com', name: 'Boss', role: 'manager', managerEmail: '', active: true },
      { email: 'admin@x.com', name: 'Admin', role: 'admin', active: true },
    ]);
    roles[0].values.managerEmail = 'boss@x.com';
    roles[1].values.managerEmail = 'BOSS@x.com';
    roles[2].values.managerEmail = 'nobody@x.com'; // not in roles: an admin problem
    const w = new World(
      [
        customer(2, { owner: REPS[0], tier: 'A', nextFollowUp: cell('2024-03-05') }),
        customer(3, { owner: REPS[0], tier: 'B', nextFollowUp: cell('2024-03-05') }),
        customer(4, { owner: REPS[1], tier: 'A', nextFollowUp: cell('2024-03-12') }),
        customer(5, { owner: 'boss@x.com', tier: 'A', nextFollowUp: cell('2024-03-10') }),
        customer(6, { owner: 'stranger@x.com' }),
      ],
      roles,
    );
    const { plan } = w.run(morning('2024-03-10'), { owner: 'Owner@x.com' });
    expect(plan.sends.map((p) => p.recipient)).toEqual([
      'admin@x.com',
      'boss@x.com',
      'owner@x.com',
      'rep1@x.com',
      'rep2@x.com',
    ]);
    const boss = plan.sends[1].digest;
    expect(boss.items.map((i) => i.customer.id)).toEqual(['C000005']);
    expect(boss.team!.reps.map((r) => [r.email, r.counts.overdue, r.counts.upcoming])).toEqual([
      ['rep1@x.com', 2, 0],
      ['rep2@x.com', 0, 1],
    ]);
    expect(boss.team!.overdueA.map((i) => i.customer.id)).toEqual(['C000002']);
    expect(boss.admin).toBeUndefined();
    expect(plan.sends[0].digest.admin!.badRows.map((b) => [b.sheet, b.row, b.reasons[0].code])).toEqual([
      ['customers', 6, 'ownerNotInRoles'],
      ['roles', 4, 'managerNotInRoles'],
    ]);
    expect(plan.sends[2].digest.admin).toEqual(plan.sends[0].digest.admin);
    expect(plan.badRows).toHaveLength(2);
  });

  test('the recipient locale: a per-recipient map, else settings', () => {
    const customers = [customer(2, { nextFollowUp: cell('2024-03-10') })];
    const base = {
      now: morning('2024-03-10'),
      customers,
      roles: rolesSheet(),
      ledger: [],
      remainingQuota: 5,
      timeZone: TZ,
    };
    expect(planRun({ ...base, settings: { locale: 'zh-CN' } }).sends[0].message.subject).toBe(
      '客户管理提醒（2024-03-10）',
    );
    const mapped = planRun({ ...base, settings: {}, locales: { 'REP1@x.com': 'zh_CN' } });
    expect(mapped.sends[0].locale).toBe('zh-CN');
    expect(planRun({ ...base, settings: {} }).sends[0].message.subject).toBe(
      'Sheets CRM reminders for 2024-03-10',
    );
  });
});
