import { expectUserError } from '../../support/runner';
/**
 * Monthly re-tiering through the built bundle: the menu toggle installs one trigger at most and
 * records its installer; the trigger fires on the 1st (rt.tick) and applies the saved settings;
 * a trigger left behind by another user stops itself without acting.
 */
import { records, removeSetupClockTriggers, tieringWorkbook } from '../../support/tiering';
import { MANAGER, OWNER, REP } from '../../support/people';

type Toggle = { on: boolean; state: { installer: string; hour: number } | null; message: string };

const HANDLER = 'scheduledRetiering';

describe('monthly re-tiering', () => {
  const rt = tieringWorkbook(40);
  removeSetupClockTriggers(rt);
  const triggers = () => rt.services.scriptApp._all().filter((t) => t.handler === HANDLER);

  test('an account manager may not switch it', () => {
    expectUserError(() => rt.run('menuTierSchedule', [], { as: REP }), 'error.notAllowed');
    expect(triggers()).toHaveLength(0);
  });

  test('the toggle turns it on (one trigger, installer recorded, state shown) and off again', () => {
    const on = rt.run('menuTierSchedule', [], { as: MANAGER }) as Toggle;
    expect(on).toMatchObject({ on: true, state: { installer: MANAGER, hour: 6 } });
    expect(on.message).toContain('1st of each month at 6:00 (Asia/Shanghai), as manager@example.com');
    expect(rt.services.ui._events().slice(-1)[0]).toMatchObject({ type: 'alert', message: on.message });
    expect(triggers()).toEqual([expect.objectContaining({ creator: MANAGER, eventType: 'CLOCK' })]);
    const data = rt.run('tierSidebarData', [], { as: REP }) as { schedule: { installer: string } | null };
    expect(data.schedule).toMatchObject({ installer: MANAGER });

    const off = rt.run('menuTierSchedule', [], { as: MANAGER }) as Toggle;
    expect(off).toMatchObject({ on: false, state: null, message: 'Monthly re-tiering is off.' });
    expect(triggers()).toHaveLength(0);
    rt.run('menuTierSchedule', [], { as: MANAGER });
    expect(triggers()).toHaveLength(1);
  });

  test('on the 1st it applies the saved settings and writes tierHistory, as its installer', () => {
    expect(records(rt, 'tierHistory')).toHaveLength(0);
    const fired = rt.tick(Date.parse('2026-12-01T07:00:00+08:00'));
    // In the 06 hour, at the trigger's seeded minute (a random minute when nearMinute isn't given).
    const minute = triggers()[0].clock!.minute!;
    expect(fired).toEqual([
      { handler: HANDLER, at: Date.parse('2026-12-01T06:00:00+08:00') + minute * 60_000, as: MANAGER },
    ]);
    const history = records(rt, 'tierHistory');
    expect(history).toHaveLength(41);
    const tiers = records(rt, 'customers').map((c) => c.tier);
    expect(tiers.every((t) => t === 'A' || t === 'B' || t === 'C')).toBe(true);
    const audit = records(rt, 'auditLog').filter((r) => String(r.action).startsWith('tierApply'));
    expect(audit).toEqual([
      expect.objectContaining({ user: MANAGER, action: expect.stringContaining('scheduled=true') }),
    ]);
  });

  test("another user's left-over trigger removes itself without acting; only one acts", () => {
    // The owner turns it off: the manager's trigger stays (a user can delete only their own) ...
    expect((rt.run('menuTierSchedule', [], { as: OWNER }) as Toggle).on).toBe(false);
    expect(triggers().map((t) => t.creator)).toEqual([MANAGER]);
    // ... and on again, as the owner: two triggers exist until the 1st
    expect((rt.run('menuTierSchedule', [], { as: OWNER }) as Toggle).state!.installer).toBe(OWNER);
    expect(
      triggers()
        .map((t) => t.creator)
        .sort(),
    ).toEqual([MANAGER, OWNER]);
    const byManager = () =>
      records(rt, 'auditLog').filter((r) => String(r.action).startsWith('tierApply') && r.user === MANAGER)
        .length;
    const before = byManager();
    const fired = rt.tick(Date.parse('2027-01-01T07:00:00+08:00'));
    expect(fired.map((f) => f.as).sort()).toEqual([MANAGER, OWNER]);
    expect(fired.every((f) => !f.error)).toBe(true);
    expect(triggers().map((t) => t.creator)).toEqual([OWNER]);
    expect(byManager()).toBe(before); // the manager's trigger did not act
  });
});
