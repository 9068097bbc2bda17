import {
  cadenceForTier,
  cadenceFromSettings,
  ContactChange,
  DEFAULT_CADENCE,
  nextFollowUpAfterContact,
  planFollowUp,
} from '../../../src/core/tiering';
import { dateCell, dayNumber } from '../../support/dates';

const TZ = 'Asia/Shanghai';

describe('cadence settings', () => {
  it('defaults to A 14, B 30, C 90 days', () => {
    expect(cadenceFromSettings({})).toEqual({ A: 14, B: 30, C: 90 });
    expect(DEFAULT_CADENCE).toEqual({ A: 14, B: 30, C: 90 });
  });

  it('reads settings and falls back on values that are not whole positive days', () => {
    const s = { 'cadence.A': ' 7 ', 'cadence.B': '0', 'cadence.C': 'often' };
    expect(cadenceFromSettings(s)).toEqual({ A: 7, B: 30, C: 90 });
    expect(cadenceFromSettings({ 'cadence.A': '2.5', 'cadence.B': '-3', 'cadence.C': '' })).toEqual(
      DEFAULT_CADENCE,
    );
  });

  it('uses C for a blank or unknown tier', () => {
    const c = { A: 1, B: 2, C: 3 };
    expect([
      cadenceForTier('A', c),
      cadenceForTier(' b ', c),
      cadenceForTier('', c),
      cadenceForTier('VIP', c),
    ]).toEqual([1, 2, 3, 3]);
    expect(cadenceForTier(undefined, c)).toBe(3);
  });

  it('adds the cadence to the contact day', () => {
    expect(nextFollowUpAfterContact(dayNumber('2024-01-31'), 'A', {})).toBe(dayNumber('2024-02-14'));
    expect(nextFollowUpAfterContact(dayNumber('2024-01-31'), '', { 'cadence.C': '30' })).toBe(
      dayNumber('2024-03-01'),
    );
  });
});

describe('planFollowUp', () => {
  const plan = (change: Partial<ContactChange>, settings = {}) =>
    planFollowUp(
      { previousLastContact: '', lastContact: '', nextFollowUp: '', tier: 'B', ...change },
      settings,
      TZ,
    );

  it('computes lastContact + cadence when nextFollowUp is blank', () => {
    expect(plan({ lastContact: dateCell('2024-05-01', TZ) })).toEqual({
      nextFollowUp: dayNumber('2024-05-31'),
      write: true,
      reason: 'computed',
    });
  });

  it('recomputes a date the add-on set for the previous contact, whatever tier it used', () => {
    // computed for a B customer on 2024-04-01 (+30), since re-tiered A
    const p = plan({
      previousLastContact: '2024-04-01',
      nextFollowUp: '2024-05-01',
      lastContact: '2024-04-20',
      tier: 'A',
    });
    expect(p).toEqual({ nextFollowUp: dayNumber('2024-05-04'), write: true, reason: 'computed' });
    const c = plan({
      previousLastContact: dateCell('2024-04-01', TZ),
      nextFollowUp: dateCell('2024-06-30', TZ),
      lastContact: dateCell('2024-04-20', TZ),
    });
    expect(c.reason).toBe('computed'); // 2024-04-01 + 90 (C)
  });

  it('keeps a date set by hand that is still ahead', () => {
    const p = plan({
      previousLastContact: '2024-04-01',
      nextFollowUp: '2024-05-10',
      lastContact: '2024-04-20',
    });
    expect(p).toEqual({ nextFollowUp: null, write: false, reason: 'manual' });
    // no previous contact: any date in the cell was typed by someone
    expect(plan({ nextFollowUp: '2024-09-01', lastContact: '2024-04-20' }).reason).toBe('manual');
    // unreadable text is the user's too
    expect(plan({ nextFollowUp: 'after CNY', lastContact: '2024-04-20' }).reason).toBe('manual');
  });

  it('replaces a hand-set date that this contact answered', () => {
    const onTheDay = plan({
      previousLastContact: '2024-04-01',
      nextFollowUp: '2024-04-20',
      lastContact: '2024-04-20',
    });
    expect(onTheDay).toEqual({ nextFollowUp: dayNumber('2024-05-20'), write: true, reason: 'computed' });
    const overdue = plan({
      previousLastContact: '2024-04-01',
      nextFollowUp: '2024-04-10',
      lastContact: '2024-04-20',
    });
    expect(overdue.reason).toBe('computed');
  });

  it('lets a date given in the same action win', () => {
    const p = plan({
      lastContact: '2024-04-20',
      nextFollowUp: '2024-05-20',
      explicitNextFollowUp: dateCell('2024-04-25', TZ),
    });
    expect(p).toEqual({ nextFollowUp: dayNumber('2024-04-25'), write: true, reason: 'explicit' });
    const same = plan({
      lastContact: '2024-04-20',
      nextFollowUp: '2024-04-25',
      explicitNextFollowUp: '2024-04-25',
    });
    expect(same.write).toBe(false);
  });

  it('does nothing when lastContact did not change or is unreadable', () => {
    expect(plan({ previousLastContact: '2024-04-01', lastContact: dateCell('2024-04-01', TZ) }).reason).toBe(
      'unchanged',
    );
    expect(plan({ lastContact: '' }).reason).toBe('noContact');
    expect(plan({ lastContact: 'yesterday' })).toEqual({
      nextFollowUp: null,
      write: false,
      reason: 'noContact',
    });
  });

  it('does not write when the computed date is already there', () => {
    // 2024-03-02 + 90 (C then) = 2024-05-31 = 2024-05-01 + 30 (B now)
    const p = plan({
      previousLastContact: '2024-03-02',
      lastContact: '2024-05-01',
      nextFollowUp: '2024-05-31',
    });
    expect(p).toEqual({ nextFollowUp: dayNumber('2024-05-31'), write: false, reason: 'computed' });
  });

  it('uses the cadence from settings', () => {
    expect(plan({ lastContact: '2024-04-01', tier: 'A' }, { 'cadence.A': '7' }).nextFollowUp).toBe(
      dayNumber('2024-04-08'),
    );
  });
});
