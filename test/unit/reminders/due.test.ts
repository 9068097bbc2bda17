import { dayNumberOf, dayNumberToCivil } from '../../../src/core/shared';
import { parseRoles } from '../../../src/core/roles';
import type { CellValue, SheetRow } from '../../../src/core/schema';
import {
  computeDue,
  DueItem,
  peopleByEmail,
  planRun,
  reasonText,
  reminderConfig,
  dayReader,
  monthDayOf,
  nextAnnual,
  yearOf,
} from '../../../src/core/reminders';
import { dateCell, dayNumber } from '../../support/dates';
import { roleRow } from '../../support/people';
import { customerRow, sheetRows } from '../../support/rows';

const TZ = 'Asia/Shanghai';
const cell = (iso: string, tz = TZ) => dateCell(iso, tz);

const ROLES = sheetRows([
  roleRow('rep@x.com', 'accountManager', { name: 'Rep' }),
  roleRow('gone@x.com', 'accountManager', { name: 'Gone', active: false }),
]);

let nextRow = 2;
const customer = (values: Record<string, CellValue>) => customerRow(nextRow++, 'rep@x.com', values);

function due(customers: SheetRow[], today: string, settings: Record<string, string> = {}, tz = TZ) {
  const people = peopleByEmail(parseRoles(ROLES));
  return computeDue({ customers, people, config: reminderConfig(settings, tz), today: dayNumber(today) });
}

/** The rep's items as "kind day" strings, in row order. */
function items(
  customers: SheetRow[],
  today: string,
  settings: Record<string, string> = {},
  tz = TZ,
): string[] {
  const list: DueItem[] = due(customers, today, settings, tz).byOwner.get('rep@x.com') ?? [];
  return list.map((i) => `${i.kind} ${dayNumberToIsoShort(i.day)}`);
}
function dayNumberToIsoShort(d: number): string {
  const c = dayNumberToCivil(d);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

describe('follow-ups', () => {
  // today 2024-03-10, lead days 3 (default)
  test('overdue, due today and upcoming boundaries', () => {
    const rows = ['2024-03-07', '2024-03-09', '2024-03-10', '2024-03-11', '2024-03-13', '2024-03-14'].map(
      (iso) => customer({ nextFollowUp: cell(iso) }),
    );
    expect(items(rows, '2024-03-10')).toEqual([
      'overdue 2024-03-07',
      'overdue 2024-03-09',
      'dueToday 2024-03-10',
      'upcoming 2024-03-11',
      'upcoming 2024-03-13',
    ]);
  });

  test('reason texts count the days overdue and ahead', () => {
    const rows = ['2024-03-07', '2024-03-09', '2024-03-11', '2024-03-13'].map((iso) =>
      customer({ nextFollowUp: cell(iso) }),
    );
    const list = due(rows, '2024-03-10').byOwner.get('rep@x.com')!;
    expect(list.map((i) => reasonText(i, dayNumber('2024-03-10'), 'en'))).toEqual([
      'Follow-up 3 days overdue (due 2024-03-07)',
      'Follow-up 1 day overdue (due 2024-03-09)',
      'Follow-up due tomorrow (2024-03-11)',
      'Follow-up due in 3 days (2024-03-13)',
    ]);
    expect(reasonText(list[0], dayNumber('2024-03-10'), 'zh-CN')).toBe('跟进已逾期 3 天（应于 2024-03-07）');
  });

  test('lead days from settings', () => {
    const rows = [
      customer({ nextFollowUp: cell('2024-03-11') }),
      customer({ nextFollowUp: cell('2024-03-10') }),
    ];
    expect(items(rows, '2024-03-10', { 'reminder.leadDays': '0' })).toEqual(['dueToday 2024-03-10']);
  });

  test('empty nextFollowUp: last contact + tier cadence, else created + cadence', () => {
    const rows = [
      customer({ tier: 'A', lastContact: cell('2024-02-25') }), // + 14 = 03-10
      customer({ tier: 'B', lastContact: cell('2024-02-09') }), // + 30 = 03-10 (leap February)
      customer({ tier: '', lastContact: cell('2023-12-11') }), // blank tier = C: + 90 = 03-10
      customer({ tier: 'B', createdAt: new Date('2024-02-09T07:30:00Z') }), // 15:30 in Shanghai, + 30
      customer({ tier: 'B', lastContact: cell('2024-02-10'), createdAt: cell('2024-01-01') }), // last contact wins: 03-11
      customer({ tier: 'A', nextFollowUp: cell('2024-04-01'), lastContact: cell('2024-01-01') }), // scheduled wins
      customer({ tier: 'A' }), // no dates at all: nothing to follow up
    ];
    const list = due(rows, '2024-03-10').byOwner.get('rep@x.com')!;
    expect(list.map((i) => [i.kind, i.basis, i.cadenceDays, dayNumberToIsoShort(i.day)])).toEqual([
      ['dueToday', 'cadence', 14, '2024-03-10'],
      ['dueToday', 'cadence', 30, '2024-03-10'],
      ['dueToday', 'cadence', 90, '2024-03-10'],
      ['dueToday', 'created', 30, '2024-03-10'],
      ['upcoming', 'cadence', 30, '2024-03-11'],
    ]);
    expect(reasonText(list[1], dayNumber('2024-03-10'), 'en')).toBe(
      'Follow-up due today; last contact 2024-02-09, every 30 days',
    );
    expect(reasonText(list[3], dayNumber('2024-03-10'), 'en')).toBe(
      'Follow-up due today; never contacted, added 2024-02-09',
    );
  });

  test('cadence from settings', () => {
    const rows = [customer({ tier: 'b', lastContact: cell('2024-03-01') })];
    expect(items(rows, '2024-03-10', { 'cadence.B': '10' })).toEqual(['upcoming 2024-03-11']);
  });

  test('a scheduled day as YYYY-MM-DD text counts too', () => {
    expect(items([customer({ nextFollowUp: '2024-03-10' })], '2024-03-10')).toEqual(['dueToday 2024-03-10']);
  });
});

describe('birthdays', () => {
  test('on the day and up to N days before, birth year ignored', () => {
    const rows = ['1990-03-09', '1990-03-10', '1985-03-13', '1985-03-14'].map((iso) =>
      customer({ birthday: cell(iso) }),
    );
    expect(items(rows, '2024-03-10')).toEqual(['birthday 2024-03-10', 'birthday 2024-03-13']);
    expect(items(rows, '2024-03-10', { 'reminder.birthdayDays': '0' })).toEqual(['birthday 2024-03-10']);
  });

  test('29 February falls on 28 February in common years', () => {
    const rows = [customer({ birthday: cell('2000-02-29') })];
    expect(items(rows, '2023-02-25')).toEqual(['birthday 2023-02-28']);
    expect(items(rows, '2023-02-28')).toEqual(['birthday 2023-02-28']);
    expect(items(rows, '2023-03-01')).toEqual([]);
    expect(items(rows, '2100-02-28')).toEqual(['birthday 2100-02-28']); // 2100 is not a leap year
  });

  test('29 February stays on 29 February in leap years', () => {
    const rows = [customer({ birthday: cell('2000-02-29') }), customer({ birthday: cell('1999-02-28') })];
    expect(items(rows, '2024-02-28')).toEqual(['birthday 2024-02-29', 'birthday 2024-02-28']);
    expect(items(rows, '2024-02-29')).toEqual(['birthday 2024-02-29']);
    expect(items(rows, '2024-03-01')).toEqual([]);
  });

  test('N days before across a year end', () => {
    const rows = [customer({ birthday: cell('1980-01-02') })];
    expect(items(rows, '2024-12-29')).toEqual([]); // 4 days ahead
    expect(items(rows, '2024-12-30')).toEqual(['birthday 2025-01-02']);
    expect(items(rows, '2024-12-31')).toEqual(['birthday 2025-01-02']);
    expect(items(rows, '2024-12-31', { 'reminder.birthdayDays': '1' })).toEqual([]);
    const list = due(rows, '2024-12-31').byOwner.get('rep@x.com')!;
    expect(reasonText(list[0], dayNumber('2024-12-31'), 'en')).toBe('Birthday in 2 days (2025-01-02)');
  });
});

describe('contracts', () => {
  const ends = [
    '2024-04-09',
    '2024-04-08',
    '2024-03-24',
    '2024-03-17',
    '2024-03-16',
    '2024-03-11',
    '2024-03-10',
    '2024-03-09',
  ];
  const rows = ends.map((iso) => customer({ contractEnd: cell(iso) }));

  test('30, 7, 1 days before and on the day by default', () => {
    expect(items(rows, '2024-03-10')).toEqual([
      'contract 2024-04-09',
      'contract 2024-03-17',
      'contract 2024-03-11',
      'contract 2024-03-10',
    ]);
  });

  test('the list comes from settings (full-width commas too)', () => {
    expect(items(rows, '2024-03-10', { 'reminder.contractDays': '14，1' })).toEqual([
      'contract 2024-03-24',
      'contract 2024-03-11',
    ]);
  });
});

describe('skipped and bad rows', () => {
  test('archived and inactive customers are skipped, even with bad data', () => {
    const rows = [
      customer({ status: 'Archived', nextFollowUp: cell('2024-03-01') }),
      customer({ status: 'inactive', nextFollowUp: cell('2024-03-01') }),
      customer({ status: '已归档', owner: 'nobody', nextFollowUp: 'soon' }),
      customer({ status: '', nextFollowUp: cell('2024-03-10') }),
    ];
    const r = due(rows, '2024-03-10');
    expect(r.badRows).toEqual([]);
    expect(r.byOwner.get('rep@x.com')!.map((i) => i.customer.row)).toEqual([rows[3].row]);
  });

  test('invalid dates and unusable owners are listed with row numbers and reasons', () => {
    const rows = [
      customer({ nextFollowUp: 'next week' }),
      customer({ birthday: 12345 }),
      customer({ owner: '' }),
      customer({ owner: 'Zhang San' }),
      customer({ owner: 'Ghost@X.com' }),
      customer({ owner: 'gone@x.com', nextFollowUp: cell('2024-03-10') }),
      customer({ id: '', contractEnd: new Date(NaN) }),
      { row: 99, values: { id: '', name: '', owner: '', status: '', tierLocked: false } }, // a blank row is not bad
    ];
    const r = due(rows, '2024-03-10');
    expect(r.byOwner.size).toBe(0);
    expect(r.badRows.map((b) => [b.row, b.reasons])).toEqual([
      [rows[0].row, [{ code: 'invalidDate', column: 'nextFollowUp', value: 'next week' }]],
      [rows[1].row, [{ code: 'invalidDate', column: 'birthday', value: '12345' }]],
      [rows[2].row, [{ code: 'ownerMissing' }]],
      [rows[3].row, [{ code: 'ownerNotEmail', value: 'Zhang San' }]],
      [rows[4].row, [{ code: 'ownerNotInRoles', value: 'ghost@x.com' }]],
      [rows[5].row, [{ code: 'ownerInactive', value: 'gone@x.com' }]],
      [
        rows[6].row,
        [{ code: 'missingId' }, { code: 'invalidDate', column: 'contractEnd', value: 'Invalid Date' }],
      ],
    ]);
  });
});

describe('time zones: a date cell is a calendar day in the zone', () => {
  const roles = ROLES;
  function kindsAt(now: string, tz: string, values: Record<string, CellValue>): string[] {
    const plan = planRun({
      now: new Date(now),
      customers: [customer(values)],
      roles,
      settings: {},
      ledger: [],
      remainingQuota: Infinity,
      timeZone: tz,
    });
    return plan.sends.flatMap((p) => p.digest.items.map((i) => `${i.kind} ${dayNumberToIsoShort(i.day)}`));
  }

  test('UTC+14 (Pacific/Kiritimati) around midnight', () => {
    const tz = 'Pacific/Kiritimati';
    // local midnight of 2024-03-10 is 2024-03-09T10:00Z: a UTC reading would call it the 9th
    expect(cell('2024-03-10', tz).toISOString()).toBe('2024-03-09T10:00:00.000Z');
    const values = { nextFollowUp: cell('2024-03-10', tz) };
    expect(kindsAt('2024-03-09T09:59:00Z', tz, values)).toEqual(['upcoming 2024-03-10']); // 23:59 on the 9th
    expect(kindsAt('2024-03-09T10:00:00Z', tz, values)).toEqual(['dueToday 2024-03-10']); // 00:00 on the 10th
    expect(kindsAt('2024-03-10T09:59:00Z', tz, values)).toEqual(['dueToday 2024-03-10']); // 23:59 on the 10th
    expect(kindsAt('2024-03-10T10:00:00Z', tz, values)).toEqual(['overdue 2024-03-10']);
    // a leap-day birthday stored at Kiritimati midnight (28 Feb in UTC) stays 29 Feb
    const birthday = { birthday: cell('2000-02-29', tz) };
    expect(kindsAt('2024-02-27T10:30:00Z', tz, birthday)).toEqual(['birthday 2024-02-29']); // 00:30 on the 28th
    expect(kindsAt('2024-02-28T10:00:00Z', tz, birthday)).toEqual(['birthday 2024-02-29']); // 00:00 on the 29th
  });

  test('UTC-10 (Pacific/Honolulu) around midnight', () => {
    const tz = 'Pacific/Honolulu';
    expect(cell('2024-03-10', tz).toISOString()).toBe('2024-03-10T10:00:00.000Z');
    const values = { nextFollowUp: cell('2024-03-10', tz), contractEnd: cell('2024-03-11', tz) };
    // 23:59 on the 9th in Honolulu is already the 10th in UTC
    expect(kindsAt('2024-03-10T09:59:00Z', tz, values)).toEqual(['upcoming 2024-03-10']);
    expect(kindsAt('2024-03-10T10:00:00Z', tz, values)).toEqual([
      'dueToday 2024-03-10',
      'contract 2024-03-11',
    ]);
    expect(kindsAt('2024-03-11T09:59:00Z', tz, values)).toEqual([
      'dueToday 2024-03-10',
      'contract 2024-03-11',
    ]);
  });

  test('a daylight-saving change day (America/New_York, 2024-03-10 and 2024-11-03)', () => {
    const tz = 'America/New_York';
    expect(cell('2024-03-10', tz).toISOString()).toBe('2024-03-10T05:00:00.000Z'); // EST midnight
    expect(cell('2024-03-11', tz).toISOString()).toBe('2024-03-11T04:00:00.000Z'); // EDT midnight: 23 h later
    const spring = { nextFollowUp: cell('2024-03-10', tz) };
    expect(kindsAt('2024-03-10T04:59:00Z', tz, spring)).toEqual(['upcoming 2024-03-10']); // 23:59 EST, 9th
    expect(kindsAt('2024-03-10T05:00:00Z', tz, spring)).toEqual(['dueToday 2024-03-10']);
    expect(kindsAt('2024-03-11T03:59:00Z', tz, spring)).toEqual(['dueToday 2024-03-10']); // 23:59 EDT, 10th
    expect(kindsAt('2024-03-11T04:00:00Z', tz, spring)).toEqual(['overdue 2024-03-10']);
    // cadence across the change counts calendar days: 2024-02-09 + 30 = 2024-03-10
    expect(kindsAt('2024-03-10T05:00:00Z', tz, { lastContact: cell('2024-02-09', tz) })).toEqual([
      'dueToday 2024-03-10',
    ]);
    const fall = { contractEnd: cell('2024-11-03', tz) }; // the 25-hour day
    expect(kindsAt('2024-11-03T03:59:00Z', tz, fall)).toEqual(['contract 2024-11-03']); // 23:59 EDT, 2nd: 1 day
    expect(kindsAt('2024-11-03T04:00:00Z', tz, fall)).toEqual(['contract 2024-11-03']); // 00:00 EDT, 3rd
    expect(kindsAt('2024-11-04T04:59:00Z', tz, fall)).toEqual(['contract 2024-11-03']); // 23:59 EST, 3rd
    expect(kindsAt('2024-11-04T05:00:00Z', tz, fall)).toEqual([]); // the 4th
  });
});

describe('day arithmetic', () => {
  test('monthDayOf and yearOf agree with the calendar', () => {
    for (let d = dayNumber('1899-01-01'); d <= dayNumber('2101-12-31'); d += 1) {
      const c = dayNumberToCivil(d);
      const md = monthDayOf(d);
      if (md.month !== c.month || md.dayOfMonth !== c.day || yearOf(d) !== c.year)
        throw new Error(`day ${d}`);
    }
  });

  test.each([
    'Asia/Shanghai',
    'America/New_York',
    'Pacific/Kiritimati',
    'Pacific/Honolulu',
    'Australia/Adelaide',
  ])('the cached day reader agrees with dayNumberOf (%s)', (tz) => {
    const read = dayReader(tz);
    // every 37 minutes (and some seconds) for two years: both DST changes of each year; twice, for the cache
    for (let pass = 0; pass < 2; pass++)
      for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += 37 * 60000 + 13001) {
        if (read(new Date(t)) !== dayNumberOf(t, tz)) throw new Error(`${tz} ${new Date(t).toISOString()}`);
      }
    expect(read('')).toBeNull();
    expect(read('2024-02-29')).toBe(dayNumber('2024-02-29'));
    expect(read('2023-02-29')).toBeNaN();
  });

  test('nextAnnual', () => {
    expect(nextAnnual(1, 2, dayNumber('2024-12-31'))).toBe(dayNumber('2025-01-02'));
    expect(nextAnnual(2, 29, dayNumber('2023-01-01'))).toBe(dayNumber('2023-02-28'));
    expect(nextAnnual(2, 29, dayNumber('2024-01-01'))).toBe(dayNumber('2024-02-29'));
    expect(nextAnnual(3, 10, dayNumber('2024-03-10'))).toBe(dayNumber('2024-03-10'));
  });
});
