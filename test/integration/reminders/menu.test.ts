/**
 * The reminders menu through the bundle: the on/off switch (one trigger, other triggers untouched,
 * the installer recorded and respected), the preview dialog and previewReminders by role, and
 * `crm remind` / `crm remind --dry-run`.
 */
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { crm, expectUserError, tempWorkbook } from '../../support/runner';
import { addCustomers, asOwner, at, day, outbox, reminderWorkbook, triggers } from '../../support/reminders';
import { customerRecord } from '../../support/rows';
import { MANAGER, OWNER, rep } from '../../support/people';
import { reveal, switchUser, writeSettings } from '../../support/workbook';

const DAILY = 'runDailyReminders';

/** The menu the person sees once the add-on knows them (see reveal). */
function menuCaptions(rt: ReturnType<typeof reminderWorkbook>, as: string): string[] {
  reveal(rt, as);
  rt.open(as);
  const [menu] = rt.services.ui._menus();
  return menu.items.flatMap((i) => (i.type === 'item' ? [i.caption] : []));
}

describe('turning daily reminders on and off', () => {
  test('the menu items follow the role', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 1, withManager: true });
    const reminderItems = (as: string) =>
      menuCaptions(rt, as).filter((c) => /reminders|contacted|Snooze/.test(c));
    expect(reminderItems(MANAGER)).toEqual([
      "Preview today's reminders",
      'Mark contacted today',
      'Snooze 1 day',
      'Snooze 3 days',
      'Snooze 7 days',
      'Snooze 14 days',
      'Turn daily reminders on/off',
    ]);
    expect(reminderItems(rep(1))).not.toContain('Turn daily reminders on/off');
    expect(reminderItems(rep(1))).toContain('Mark contacted today');
    expect(reminderItems('viewer@example.com')).toEqual([]);
  });

  test('one trigger at the settings hour; the installer is recorded; other triggers are never touched', () => {
    const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 1, withManager: true });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') })]);
    // Another trigger of the same user (another feature's) must survive every switch.
    switchUser(rt, MANAGER);
    rt.services.scriptApp.global.newTrigger('someOtherHandler').timeBased().everyHours(1).create();
    const others = () =>
      triggers(rt).filter((t) => t.handler !== DAILY && t.handler !== 'runReminderCatchUp');
    const before = others();

    rt.services.ui._respondWith(['YES', 'OK']);
    expect(rt.run('menuToggleReminders', [], { as: MANAGER })).toMatchObject({
      on: true,
      mine: true,
      installer: MANAGER,
      hour: 8,
    });
    const [ask, done] = rt.services.ui._events().slice(-2);
    expect(ask.message).toContain('Daily reminders are OFF.');
    expect(ask.message).toContain('Reminders have not run yet.');
    expect(ask.message).toContain('every day at 08:00 (Asia/Shanghai)');
    expect(done.message).toContain('Daily reminders are ON');
    expect(done.message).toContain(MANAGER);
    rt.run('setDailyReminders', [true], { as: MANAGER });
    expect(triggers(rt, DAILY).map((t) => [t.creator, t.clock?.atHour, t.clock?.timeZone])).toEqual([
      [MANAGER, 8, 'Asia/Shanghai'],
    ]);

    // Someone else cannot see or remove the manager's trigger: told who can.
    expectUserError(
      () => rt.run('setDailyReminders', [false], { as: OWNER }),
      'remind.toggle.otherInstaller',
      {
        email: 'manager@example.com',
      },
    );
    rt.run('menuToggleReminders', [], { as: OWNER });
    expect(rt.services.ui._events().slice(-1)[0]).toMatchObject({ buttons: 'OK' });
    expect(triggers(rt, DAILY)).toHaveLength(1);
    // Account managers may not switch reminders at all.
    expectUserError(() => rt.run('menuToggleReminders', [], { as: rep(1) }), 'error.notAllowed');

    // After a run, the status shows it; answering No changes nothing.
    rt.tick(at('2026-03-10T09:00:00+08:00'));
    expect(
      outbox(rt)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([MANAGER, rep(1)]); // the roll-up and the rep's
    rt.services.ui._respondWith(['NO']);
    rt.run('menuToggleReminders', [], { as: MANAGER });
    // At the trigger's seeded minute of the 08 hour (a random minute when nearMinute isn't given).
    expect(rt.services.ui._events().slice(-1)[0].message).toMatch(
      /Last run: 2026-03-10 08:\d\d: 2 sent, 0 held back, 0 failed\./,
    );
    expect(triggers(rt, DAILY)).toHaveLength(1);

    rt.services.ui._respondWith(['YES', 'OK']);
    expect(rt.run('menuToggleReminders', [], { as: MANAGER })).toMatchObject({ on: false });
    expect(triggers(rt, DAILY)).toHaveLength(0);
    expect(others()).toEqual(before);
  });

  test("the installer's run moves its trigger when settings change the hour", () => {
    const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 1, withManager: true });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') })]);
    rt.run('setDailyReminders', [true], { as: MANAGER });
    writeSettings(rt, { 'reminder.hour': '9' });
    rt.tick(at('2026-03-10T12:00:00+08:00'));
    expect(triggers(rt, DAILY).map((t) => [t.creator, t.clock?.atHour])).toEqual([[MANAGER, 9]]);
    expect(outbox(rt)).toHaveLength(2);
    // The next day it fires at 09:00, not 08:00.
    const minute = triggers(rt, DAILY)[0].clock!.minute!;
    const fired = rt.tick(at('2026-03-11T12:00:00+08:00')).filter((f) => f.handler === DAILY);
    expect(fired.map((f) => f.at)).toEqual([at('2026-03-11T09:00:00+08:00') + minute * 60_000]);
  });

  test('the ledger must be writable before anything is sent; a hidden active user acts as the creator', () => {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 1, withManager: true });
    addCustomers(rt, [customerRecord(1, rep(1), { nextFollowUp: day(rt, '2026-03-10') })]);
    // Until permissions make the manager an editor of the ledger, a run refuses before sending:
    // a digest sent but not recorded would be sent twice.
    expectUserError(
      () => rt.run(DAILY, [], { as: MANAGER, mode: 'trigger' }),
      'remind.error.ledgerProtected',
      {
        email: 'manager@example.com',
      },
    );
    expect(outbox(rt)).toHaveLength(0);
    rt.run('applyPermissions', []);
    expect(rt.run(DAILY, [], { as: '', effective: MANAGER, mode: 'trigger' })).toMatchObject({ sent: 2 });
    expectUserError(
      () => rt.run(DAILY, [], { as: '', effective: rep(1), mode: 'trigger' }),
      'error.notAllowed',
    );
  });

  test('a trigger of someone who may no longer manage reminders does not block the others', () => {
    const rt = reminderWorkbook({ now: '2026-03-09T20:00:00+08:00', reps: 1, withManager: true });
    rt.run('setDailyReminders', [true], { as: MANAGER });
    asOwner(rt);
    const roles = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Roles')!;
    const grid = roles.getDataRange().getValues();
    const row = grid.findIndex((line) => line[0] === MANAGER) + 1;
    roles.getRange(row, 3).setValue('viewer');
    expect(rt.run('setDailyReminders', [true], { as: OWNER })).toMatchObject({
      installer: OWNER,
      mine: true,
    });
    // The old trigger refuses to run for a viewer; the owner's sends the digest once.
    const fired = rt.tick(at('2026-03-10T09:00:00+08:00')).filter((f) => f.handler === DAILY);
    // Each trigger fires at its own seeded minute of the hour: compare regardless of order.
    expect(fired.map((f) => [f.as, Boolean(f.error)]).sort()).toEqual([
      [MANAGER, true],
      [OWNER, false],
    ]);
  });
});

describe('preview', () => {
  function workbook() {
    const rt = reminderWorkbook({ now: '2026-03-10T08:00:00+08:00', reps: 2, withManager: true });
    addCustomers(rt, [
      customerRecord(1, rep(1), { name: '<b>bold</b>', nextFollowUp: day(rt, '2026-03-10') }),
      customerRecord(2, rep(2), { nextFollowUp: day(rt, '2026-03-01') }),
    ]);
    return rt;
  }
  type Preview = {
    canChoose: boolean;
    selected: string;
    recipients: Array<{ email: string; status: string }>;
    digests: Array<{ recipient: string; status: string; html: string; subject: string }>;
  };

  test('account managers see their own digest only; managers choose any recipient', () => {
    const rt = workbook();
    const own = rt.run('previewReminders', [], { as: rep(1) }) as Preview;
    expect(own.canChoose).toBe(false);
    expect(own.recipients.map((r) => r.email)).toEqual([rep(1)]);
    expect(own.digests.map((d) => [d.recipient, d.status])).toEqual([[rep(1), 'pending']]);
    expect(own.digests[0].html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(own.digests[0].html).not.toContain('<b>bold');
    expectUserError(() => rt.run('previewReminders', [rep(2)], { as: rep(1) }), 'remind.preview.ownOnly');
    expectUserError(() => rt.run('previewReminders', [], { as: 'viewer@example.com' }), 'error.notAllowed');

    const mgr = rt.run('previewReminders', [rep(2)], { as: MANAGER }) as Preview;
    expect(mgr.canChoose).toBe(true);
    expect(mgr.recipients.map((r) => r.email)).toEqual([MANAGER, rep(1), rep(2)]);
    expect(mgr.digests.map((d) => d.recipient)).toEqual([rep(2)]);
    // A preview sends nothing and writes nothing; after the run, digests show as already sent.
    expect(outbox(rt)).toHaveLength(0);
    rt.run(DAILY, [], { mode: 'trigger' });
    const after = rt.run('previewReminders', [], { as: MANAGER }) as Preview;
    expect(after.selected).toBe(MANAGER);
    expect(after.recipients.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(after.digests[0].subject).toContain('2026-03-10');
  });

  test('the dialog opens from the menu with the built page', () => {
    const rt = workbook();
    rt.run('menuPreviewReminders', [], { as: rep(1) });
    const event = rt.services.ui._events().slice(-1)[0];
    expect(event).toMatchObject({ type: 'modal', title: "Today's reminders" });
    expect(event.html).toContain('previewReminders');
    expect(event.html).toContain('sandbox');
  });

  test('crm remind --dry-run prints the digests; crm remind runs the job at --now', async () => {
    const rt = workbook();
    const file = tempWorkbook();
    writeWorkbookFile(file, rt.toFile('test'));
    const dry = await crm(file, 'remind', '--dry-run', '--now', '2026-03-10T08:00:00+08:00');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Reminders for 2026-03-10 (Asia/Shanghai): 3 digests.');
    expect(dry.stdout).toContain(`=== ${rep(2)} (to be sent at the next run)`);
    const asRep = await crm(file, 'remind', '--dry-run', '--json', '--as', rep(1));
    expect((asRep.json() as Preview).digests.map((d) => d.recipient)).toEqual([rep(1)]);
    expect((await crm(file, 'outbox', '--json')).json()).toEqual([]);

    const run = await crm(file, 'remind', '--now', '2026-03-10T08:00:00+08:00');
    expect(run.stdout).toContain('Reminders for 2026-03-10: 3 sent, 0 held back, 0 failed');
    const again = await crm(file, 'remind', '--json', '--now', '2026-03-10T09:00:00+08:00');
    expect(again.json()).toMatchObject({ status: 'done', sent: 0 });
    expect(((await crm(file, 'outbox', '--json')).json() as unknown[]).length).toBe(3);
    const refused = await crm(file, 'remind', '--as', rep(1));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/may not turn reminders on or off/);
  });
});
