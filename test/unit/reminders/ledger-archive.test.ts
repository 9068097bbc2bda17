import { parseIsoDay } from '../../../src/core/shared';
import {
  LEDGER_ARCHIVE_THRESHOLD,
  LedgerRow,
  planLedgerArchive,
  readLedger,
  statusOf,
} from '../../../src/core/reminders';
import type { SheetRow } from '../../../src/core/schema';

const TZ = 'Asia/Shanghai';
const TODAY = parseIsoDay('2026-03-20')!;

function rows(lines: Array<[string, string, string, string]>): SheetRow[] {
  return lines.map(([date, rule, recipient, status], i) => ({
    row: i + 2,
    values: { date, rule, customerId: rule === 'digest' ? '' : 'C000001', recipient, status },
  }));
}

/** Filler item rows: never kept, they make up the bulk of a real ledger. */
const items = (n: number, date = '2026-03-01') =>
  Array.from(
    { length: n },
    () => [date, 'overdue', 'x@example.com', 'sent'] as [string, string, string, string],
  );

describe('planLedgerArchive', () => {
  test('nothing to do up to the threshold (100,000 rows by default)', () => {
    expect(LEDGER_ARCHIVE_THRESHOLD).toBe(100000);
    expect(planLedgerArchive(rows(items(4)), 4, [], TODAY, TZ, 4)).toBeNull();
    expect(planLedgerArchive(rows(items(4)), 100000, [], TODAY, TZ)).toBeNull();
  });

  test('past it, the oldest half moves; settled old keys go with it', () => {
    const ledger = rows([
      ['2026-03-01', 'digest', 'a@example.com', 'deferred'],
      ['2026-03-01', 'digest', 'a@example.com', 'sent'],
      ...items(8),
    ]);
    expect(planLedgerArchive(ledger, 10, [], TODAY, TZ, 9)).toEqual({
      startRow: 2,
      numRows: 5,
      keptRows: [],
      carry: [],
    });
  });

  test('an owed key, a key that failed every retry and keys of today and yesterday stay', () => {
    const ledger = rows([
      ['2026-03-01', 'digest', 'owed@example.com', 'deferred'], // row 2
      ['2026-03-02', 'digest', 'gaveup@example.com', 'failed'], // rows 3-6
      ['2026-03-02', 'digest', 'gaveup@example.com', 'failed'],
      ['2026-03-02', 'digest', 'gaveup@example.com', 'failed'],
      ['2026-03-02', 'digest', 'gaveup@example.com', 'failed'],
      ['2026-03-19', 'digest', 'yesterday@example.com', 'sent'], // row 7
      ['2026-03-18', 'digest', 'old@example.com', 'sent'], // row 8: moves
      ...items(8),
    ]);
    const plan = planLedgerArchive(ledger, 15, [], TODAY, TZ, 10)!;
    expect(plan.numRows).toBe(7);
    expect(plan.keptRows).toEqual([2, 3, 4, 5, 6, 7]);
    expect(plan.carry.map((v) => v.recipient)).toEqual([
      'owed@example.com',
      ...Array(4).fill('gaveup@example.com'),
      'yesterday@example.com',
    ]);
  });

  test("a key's digest rows stay together: rows below the block or added by this run keep the moved ones", () => {
    const ledger = rows([
      ['2026-03-01', 'digest', 'a@example.com', 'deferred'], // settled below the block
      ['2026-03-01', 'digest', 'b@example.com', 'deferred'], // settled by this run
      ...items(4),
      ['2026-03-01', 'digest', 'a@example.com', 'sent'], // row 8, stays
      ...items(3),
    ]);
    const appended: LedgerRow[] = [
      { date: '2026-03-01', rule: 'digest', customerId: '', recipient: 'b@example.com', status: 'sent' },
    ];
    const plan = planLedgerArchive(ledger, 10, appended, TODAY, TZ, 8)!;
    expect(plan.numRows).toBe(5);
    expect(plan.keptRows).toEqual([2, 3]);
  });

  test('the ledger after archiving plans the same as before, for every key it still holds', () => {
    const lines: Array<[string, string, string, string]> = [];
    const people = ['a', 'b', 'c', 'd'].map((p) => `${p}@example.com`);
    const statuses = ['sent', 'deferred', 'failed', 'superseded', 'abandoned'];
    for (let d = 1; d <= 20; d++)
      for (const [i, p] of people.entries()) {
        const date = `2026-03-${String(d).padStart(2, '0')}`;
        lines.push([date, 'digest', p, statuses[(d * 7 + i) % statuses.length]]);
        lines.push(...items(2, date));
      }
    const before = rows(lines);
    const plan = planLedgerArchive(before, before.length, [], TODAY, TZ, 10)!;
    const kept = new Set(plan.keptRows);
    const after: SheetRow[] = [
      ...before.filter((r) => r.row > 1 + plan.numRows),
      ...plan.carry.map((values, i) => ({ row: 10_000 + i, values })),
    ];
    expect(plan.carry).toEqual(before.filter((r) => kept.has(r.row)).map((r) => r.values));
    const full = readLedger(before, TZ);
    const reduced = readLedger(after, TZ);
    let archivedKeys = 0;
    for (const p of people)
      for (let d = 1; d <= 20; d++) {
        const day = parseIsoDay(`2026-03-${String(d).padStart(2, '0')}`)!;
        const was = statusOf(full, p, day);
        const now = statusOf(reduced, p, day);
        // a key is either wholly kept (same status) or wholly archived, and then settled and old
        if (reduced.get(p)?.has(day)) expect(now).toBe(was);
        else {
          archivedKeys++;
          expect(was).toBe('done');
          expect(day).toBeLessThan(TODAY - 1);
        }
      }
    expect(archivedKeys).toBeGreaterThan(10);
  });
});
