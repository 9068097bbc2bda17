import {
  customerRowsOf,
  followUpDay,
  planMarkContacted,
  planSnooze,
  rowsNotOwned,
} from '../../../src/core/reminders';
import type { SheetRow } from '../../../src/core/schema';
import { dateCell, dayNumber, isoDayIn } from '../../support/dates';

const TZ = 'Pacific/Kiritimati';
const iso = (d: Date | null) => (d ? isoDayIn(d, TZ) : null);

function row(n: number, values: Record<string, unknown>): SheetRow {
  return { row: n, values: { id: `C${n}`, owner: 'rep1@example.com', tier: 'A', ...values } } as SheetRow;
}

describe('acting on reminders', () => {
  test('account managers act only on their own customers; managers and admins on any', () => {
    const rows = [row(2, {}), row(3, { owner: 'REP2@example.com' }), row(4, { owner: ' rep1@example.com ' })];
    expect(rowsNotOwned(rows, { email: 'rep1@example.com', role: 'accountManager' })).toEqual([3]);
    expect(rowsNotOwned(rows, { email: '', role: 'accountManager' })).toEqual([2, 3, 4]);
    expect(rowsNotOwned(rows, { email: 'manager@example.com', role: 'manager' })).toEqual([]);
    expect(rowsNotOwned(rows, { email: 'owner@example.com', role: 'admin' })).toEqual([]);
  });

  test('rows without an id are not customers', () => {
    expect(customerRowsOf([row(2, {}), row(3, { id: ' ' })]).map((r) => r.row)).toEqual([2]);
  });

  test('mark contacted: lastContact today, nextFollowUp by cadence unless set by hand', () => {
    const today = dayNumber('2024-03-10');
    const changes = planMarkContacted(
      [
        row(2, { lastContact: dateCell('2024-02-01', TZ), nextFollowUp: dateCell('2024-02-15', TZ) }), // automatic
        row(3, { tier: 'B', lastContact: '', nextFollowUp: '' }),
        row(4, { lastContact: dateCell('2024-03-01', TZ), nextFollowUp: dateCell('2024-04-02', TZ) }), // by hand
      ],
      today,
      { 'cadence.A': '7' },
      TZ,
    );
    expect(changes.map((c) => [c.row, iso(c.lastContact), iso(c.nextFollowUp)])).toEqual([
      [2, '2024-03-10', '2024-03-17'],
      [3, '2024-03-10', '2024-04-09'],
      [4, '2024-03-10', null],
    ]);
  });

  test('the follow-up day: scheduled, else last contact or creation + cadence', () => {
    expect(followUpDay(row(2, { nextFollowUp: dateCell('2024-05-01', TZ) }), {}, TZ)).toBe(
      dayNumber('2024-05-01'),
    );
    expect(followUpDay(row(2, { lastContact: dateCell('2024-05-01', TZ), tier: 'b' }), {}, TZ)).toBe(
      dayNumber('2024-05-31'),
    );
    expect(followUpDay(row(2, { createdAt: dateCell('2024-05-01', TZ), tier: '' }), {}, TZ)).toBe(
      dayNumber('2024-07-30'),
    );
    expect(followUpDay(row(2, {}), {}, TZ)).toBeNull();
  });

  test('snooze counts from today when due or overdue, from the due day when it is ahead', () => {
    const today = dayNumber('2024-02-27');
    const changes = planSnooze(
      [
        row(2, { nextFollowUp: dateCell('2024-01-01', TZ) }),
        row(3, { nextFollowUp: dateCell('2024-03-05', TZ) }),
        row(4, { nextFollowUp: 'soon' }),
        row(5, {}),
      ],
      3,
      today,
      {},
      TZ,
    );
    expect(changes.map((c) => [c.row, iso(c.nextFollowUp)])).toEqual([
      [2, '2024-03-01'],
      [3, '2024-03-08'],
      [4, '2024-03-01'],
      [5, '2024-03-01'],
    ]);
  });
});
