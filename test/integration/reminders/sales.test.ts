/**
 * The sales items of the daily digest through the built bundle: opportunities closing soon and
 * stuck in a stage (the stage clock restarts when the sidebar moves one), customers not updated,
 * each in its owner's digest, escaped, recorded in the ledger, never mailed twice; the run reads
 * only the opportunity columns it needs.
 */
import { SHEETS } from '../../../src/core/schema';
import { OPPORTUNITY_COLUMNS } from '../../../src/core/reminders';
import type { Runtime } from '../../../src/local/runtime';
import { writeRecords } from '../../../src/local/sample';
import {
  addCustomers,
  asOwner,
  at,
  day,
  ledger,
  outbox,
  reminderWorkbook,
  runJob,
} from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { OWNER, rep } from '../../support/people';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** 07:00 in Shanghai on 2026-03-10, before the reminder hour; rep1 and rep2. */
function workbook(): Runtime {
  const rt = reminderWorkbook({ now: '2026-03-10T07:00:00+08:00', reps: 2 });
  addCustomers(rt, [
    // last updated 181 days before 2026-03-10: stale (more than review.staleDays = 180) today
    customerRecord(1, rep(1), { updatedAt: day(rt, '2025-09-10'), createdAt: day(rt, '2025-01-01') }),
    customerRecord(2, rep(1), { name: HOSTILE, updatedAt: day(rt, '2026-03-01') }),
    customerRecord(3, rep(2), { updatedAt: day(rt, '2026-03-01') }),
  ]);
  return rt;
}

const itemRows = (rt: Runtime, rule: string) =>
  ledger(rt)
    .filter((l) => l.rule === rule)
    .map((l) => `${l.date} ${l.recipient} ${l.customerId} ${l.status}`);

describe('sales items in the daily digest', () => {
  test('closing, stuck and stale items reach the owner once, escaped, and are recorded', () => {
    const rt = workbook();
    // Added from the sidebar (by the owner here: this workbook's permissions are not applied);
    // the customer's account manager owns it. Closes in 2 days.
    rt.run(
      'addOpportunity',
      [{ customerId: 'C000002', title: HOSTILE, amount: 900, expectedClose: '2026-03-12' }],
      {
        as: OWNER,
      },
    );
    asOwner(rt);
    writeRecords(rt, {
      opportunities: [
        // in Qualified since its creation 30 days ago (stageChangedAt blank: createdAt counts)
        {
          id: 'O000009',
          customerId: 'C000001',
          title: 'Stuck deal',
          stage: 'Qualified',
          amount: 500,
          owner: rep(1),
          createdAt: day(rt, '2026-02-08'),
        },
        // won: closing soon but closed, so not listed
        {
          id: 'O000010',
          customerId: 'C000001',
          title: 'Done deal',
          stage: 'Won',
          amount: 700,
          owner: rep(1),
          createdAt: day(rt, '2026-02-08'),
          expectedClose: day(rt, '2026-03-11'),
        },
        // rep2's: goes to rep2 only
        {
          id: 'O000011',
          customerId: 'C000003',
          title: 'Other deal',
          stage: 'Lead',
          amount: 300,
          owner: rep(2),
          createdAt: day(rt, '2026-03-01'),
          expectedClose: day(rt, '2026-03-17'),
        },
      ],
    });

    expect(runJob(rt)).toMatchObject({ status: 'done', sent: 2 });
    const mail = outbox(rt);
    const toRep1 = mail.find((m) => m.to[0] === rep(1))!;
    const toRep2 = mail.find((m) => m.to[0] === rep(2))!;
    expect(toRep1.body).toContain('Opportunities closing soon (1)');
    expect(toRep1.body).toContain(`"${HOSTILE}" (900) is expected to close in 2 days (2026-03-12)`);
    expect(toRep1.body).toContain('"Stuck deal" has been in stage Qualified for 30 days (since 2026-02-08)');
    expect(toRep1.body).toContain('Not updated for 181 days (since 2025-09-10)');
    expect(toRep1.body).not.toContain('Done deal');
    expect(toRep1.htmlBody).not.toContain('<img');
    expect(toRep1.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(toRep2.body).toContain('"Other deal" (300) is expected to close in 7 days (2026-03-17)');
    expect(toRep2.body).not.toContain('Stuck deal');

    expect(itemRows(rt, 'closing')).toEqual([
      `2026-03-10 ${rep(1)} O000001 sent`,
      `2026-03-10 ${rep(2)} O000011 sent`,
    ]);
    expect(itemRows(rt, 'stuck')).toEqual([`2026-03-10 ${rep(1)} O000009 sent`]);
    expect(itemRows(rt, 'stale')).toEqual([`2026-03-10 ${rep(1)} C000001 sent`]);

    // The trigger again the same day: nothing more.
    expect(runJob(rt)).toMatchObject({ sent: 0 });
    expect(outbox(rt)).toHaveLength(2);
  });

  test('moving an opportunity restarts its stage clock: stuck 30 days after the move, not after creation', () => {
    const rt = workbook();
    asOwner(rt);
    writeRecords(rt, {
      opportunities: [
        {
          id: 'O000009',
          customerId: 'C000001',
          title: 'Slow deal',
          stage: 'Lead',
          amount: 500,
          owner: rep(1),
          createdAt: day(rt, '2026-02-08'),
        },
      ],
    });
    rt.tick(at('2026-03-11T07:00:00+08:00'));
    rt.run('moveOpportunity', ['O000009', 'qualified'], { as: rep(1) });
    const stuckOn = (iso: string) => {
      rt.tick(at(`${iso}T07:00:00+08:00`));
      runJob(rt);
      return itemRows(rt, 'stuck').filter((l) => l.startsWith(iso));
    };
    // 60 days after creation, 29 after the move
    expect(stuckOn('2026-04-09')).toEqual([]);
    expect(stuckOn('2026-04-10')).toEqual([`2026-04-10 ${rep(1)} O000009 sent`]);
    expect(outbox(rt).at(-1)!.body).toContain(
      '"Slow deal" has been in stage Qualified for 30 days (since 2026-03-11)',
    );
  });

  test('the run reads only the opportunity columns it needs', () => {
    const cellsRead = (extra: number) => {
      const rt = workbook();
      asOwner(rt);
      const rows = Array.from({ length: 1 + extra }, (_, i) => ({
        id: `O${String(i + 1).padStart(6, '0')}`,
        customerId: 'C000001',
        title: 'Closed',
        stage: 'Lost',
        amount: 1,
        probability: 0,
        owner: rep(1),
        createdAt: day(rt, '2026-01-01'),
        closedAt: day(rt, '2026-01-02'),
        lostReason: 'price',
      }));
      writeRecords(rt, { opportunities: rows });
      runJob(rt);
      return rt.lastStats!.cellsRead;
    };
    // the needed columns, and on a sheet this small the few between them (Workbook.readColumns reads
    // a gap when that is cheaper than another call): never more than the sheet's width
    const grown = cellsRead(40) - cellsRead(0);
    expect(grown).toBeGreaterThanOrEqual(40 * OPPORTUNITY_COLUMNS.length);
    expect(grown).toBeLessThanOrEqual(40 * SHEETS.opportunities.columns.length);
  });
});
