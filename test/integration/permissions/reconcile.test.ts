/**
 * The reconciler through the built bundle: only the difference is applied, twice changes nothing,
 * protections the add-on did not make are never touched, warning-only and domain edit are undone,
 * stale ones go, new rows are protected (form hook, hourly trigger), grouping asks first, an audit
 * row records each run.
 */
import { Runtime } from '../../../src/local/runtime';
import { writeRecords } from '../../../src/local/sample';
import { ADMIN, NOW, permissionsWorkbook, protectionWrites } from '../../support/permissions';

type Result = {
  report: { counts: Record<string, number>; summary: string; lines: string[] };
  notes: string[];
  grouped: { moved: number; blocksBefore: number; blocksAfter: number } | null;
};

const apply = (rt: Runtime, options?: unknown, as = ADMIN) =>
  rt.run('applyPermissions', options === undefined ? [] : [options], { as }) as Result;

const ss = (rt: Runtime) => rt.spreadsheet.app.getActiveSpreadsheet();
const rangeProtections = (rt: Runtime) =>
  ss(rt).getProtections(rt.spreadsheet.app.ProtectionType.RANGE) as GoogleAppsScript.Spreadsheet.Protection[];
const customerBlocks = (rt: Runtime) =>
  rangeProtections(rt)
    .filter((p) => /\{crm:customers:owner:/.test(p.getDescription()))
    .map((p) => p.getRange().getA1Notation())
    .sort();
const canEdit = (rt: Runtime, user: string, sheet: string, row: number, column: number) =>
  rt.spreadsheet.canEdit(user, sheet, row, column);

describe('applyPermissions', () => {
  test('creates the plan once; a second run changes nothing and makes no protection writes', () => {
    const rt = permissionsWorkbook();
    const first = apply(rt);
    expect(first.report.counts.created).toBeGreaterThan(0);
    expect(customerBlocks(rt)).toEqual(['2:3', '4:4', '5:5', '6:7']);
    const second = apply(rt);
    expect(second.report.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(second.report.summary).toBe(
      `Protections are up to date: ${second.report.counts.unchanged} unchanged, nothing to do.`,
    );
    expect(protectionWrites(rt)).toEqual({});
  });

  test('an audit row records each run', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    const log = ss(rt).getSheetByName('Audit log')!.getDataRange().getValues();
    const last = log[log.length - 1];
    expect(last).toContain(ADMIN);
    expect(last.join(' ')).toMatch(/^.*protections created=\d+ updated=\d+ deleted=0 unchanged=\d+/);
  });

  test('never touches a protection it did not make, and counts it as ignored', () => {
    const rt = permissionsWorkbook();
    const sheet = ss(rt).getSheetByName('Customers')!;
    const mine = sheet.getRange('C2:C3').protect().setDescription('my own lock');
    mine.removeEditors(mine.getEditors().map((u) => u.getEmail()));
    mine.addEditor('friend@x.test');
    const result = apply(rt);
    expect(result.report.counts.ignored).toBe(1);
    const after = rangeProtections(rt).find((p) => p.getDescription() === 'my own lock')!;
    expect(after.getRange().getA1Notation()).toBe('C2:C3');
    expect(
      after
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['a@x.test', 'friend@x.test']);
    expect(apply(rt).report.counts.ignored).toBe(1);
  });

  test('undoes warning-only, domain edit and a stray editor on its own protections; deletes stale ones', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    const block = rangeProtections(rt).find((p) => p.getRange().getA1Notation() === '4:4')!;
    block.setWarningOnly(true);
    const other = rangeProtections(rt).find((p) => p.getRange().getA1Notation() === '2:3')!;
    other.addEditor('stranger@x.test');
    other.setDomainEdit(true);
    // a stale protection of the add-on: its description carries the marker and an id no plan has
    ss(rt)
      .getSheetByName('Customers')!
      .getRange('9:9')
      .protect()
      .setDescription('[sheets-crm] old {crm:customers:old}');
    expect(canEdit(rt, 'r1@x.test', 'Customers', 4, 3)).toBe(true); // warning-only does not stop anyone

    const result = apply(rt);
    expect(result.report.counts).toMatchObject({ created: 0, updated: 2, deleted: 1 });
    expect(result.report.lines.join('\n')).toMatch(/warning-only turned off/);
    expect(result.report.lines.join('\n')).toMatch(
      /editors removed: stranger@x.test; domain-wide editing turned off/,
    );
    const again = rangeProtections(rt);
    expect(again.find((p) => p.getRange().getA1Notation() === '4:4')!.isWarningOnly()).toBe(false);
    const fixed = again.find((p) => p.getRange().getA1Notation() === '2:3')!;
    expect(fixed.canDomainEdit()).toBe(false);
    expect(fixed.getEditors().map((u) => u.getEmail())).not.toContain('stranger@x.test');
    expect(again.some((p) => p.getRange().getA1Notation() === '9:9')).toBe(false);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 4, 3)).toBe(false);
  });

  test('follows the roles sheet: a rep made inactive loses their rows to the unowned block', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 2, 3)).toBe(true);
    const roles = ss(rt).getSheetByName('Roles')!;
    const emails = roles
      .getRange('A:A')
      .getValues()
      .map((r) => r[0]);
    roles.getRange(emails.indexOf('r1@x.test') + 1, 6).setValue(false);
    const result = apply(rt);
    expect(result.report.counts.created + result.report.counts.updated).toBeGreaterThan(0);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 2, 3)).toBe(false);
    expect(canEdit(rt, 's@x.test', 'Customers', 2, 2)).toBe(true);
  });

  test('a whole-sheet protection someone else made stays, with a note; the rest is applied', () => {
    const rt = permissionsWorkbook();
    const theirs = ss(rt).getSheetByName('Settings')!.protect();
    // setup already protected Settings: take it over as a user would, by rewriting its description
    theirs.setDescription('finance team only');
    const result = apply(rt);
    expect(result.notes).toEqual([
      'The Settings sheet already has a whole-sheet protection that Sheets CRM did not make. Sheets allows one per sheet, so it was left as it is and the role-based one was not added.',
    ]);
    expect(ss(rt).getSheetByName('Settings')!.protect().getDescription()).toBe('finance team only');
    apply(rt);
    expect(protectionWrites(rt)).toEqual({});
  });
});

describe('keeping protections current', () => {
  test('the form protects a new customer row for its owner at once', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    const saved = rt.run(
      'saveCustomer',
      [{ name: 'Newco buyer', company: 'Newco', phone: '+86 138 1111 2222' }],
      {
        as: 'r2@x.test',
      },
    ) as { status: string; row: number };
    expect(saved).toMatchObject({ status: 'saved' });
    expect(saved.row).toBe(8);
    // r2's block of rows 6-7 grows to 8: moved, not re-created; nothing else is touched
    expect(customerBlocks(rt)).toEqual(['2:3', '4:4', '5:5', '6:8']);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 8, 3)).toBe(false);
    expect(canEdit(rt, 'r2@x.test', 'Customers', 8, 3)).toBe(true);
    const writes = protectionWrites(rt);
    expect(writes['Range.protect']).toBeUndefined();
    expect(writes['Protection.remove']).toBeUndefined();
    expect(writes['Protection.setRange']).toBeGreaterThanOrEqual(1);
  });

  test('a manager adding a customer for a rep: the row block and the locked columns follow at once', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    const saved = rt.run(
      'saveCustomer',
      [{ name: 'For r1', company: 'Newco', phone: '+86 138 1111 2222', owner: 'r1@x.test' }],
      { as: 'm@x.test' },
    ) as { status: string; row: number };
    expect(saved).toMatchObject({ status: 'saved', row: 8 });
    expect(customerBlocks(rt)).toEqual(['2:3', '4:4', '5:5', '6:7', '8:8']);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 8, 3)).toBe(true);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 8, 1)).toBe(false); // id column, locked for reps
    expect(canEdit(rt, 'r2@x.test', 'Customers', 8, 3)).toBe(false);
    expect(protectionWrites(rt)['Range.protect']).toBe(1);
  });

  test('setup installs one hourly reconcile trigger, not duplicated by running setup again', () => {
    const rt = permissionsWorkbook();
    rt.run('menuSetup', [], { as: ADMIN });
    const mine = rt.services.scriptApp._all().filter((t) => t.handler === 'reconcileProtectionsTrigger');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ creator: ADMIN, eventType: 'CLOCK' });
    // a second admin re-running setup does not add a trigger of their own
    writeRecords(rt, {
      roles: [{ email: 'a2@x.test', name: '', role: 'admin', team: '', managerEmail: '', active: true }],
    });
    // Sheets lets a2 change the sheets only once protections list them: the next reconcile does
    expect(() => rt.run('menuSetup', [], { as: 'a2@x.test' })).toThrow(/protected cell/);
    rt.tick(NOW + 3600 * 1000 + 1000);
    rt.run('menuSetup', [], { as: 'a2@x.test' });
    const after = rt.services.scriptApp._all().filter((t) => t.handler === 'reconcileProtectionsTrigger');
    expect(after.map((t) => t.creator)).toEqual([ADMIN]);
  });

  test('a row typed at the bottom and an owner change are protected by the next hourly run', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    rt.userEdit('r1@x.test', 'Customers', 'A8', 'C000007');
    rt.userEdit('r1@x.test', 'Customers', 'K8', 'r1@x.test');
    rt.userEdit('m@x.test', 'Customers', 'K5', 'r2@x.test'); // row 5 moves from r1 to r2
    expect(canEdit(rt, 'r2@x.test', 'Customers', 8, 3)).toBe(true); // open to staff until reconciled
    const fired = rt.tick(NOW + 2 * 3600 * 1000);
    expect(
      fired.filter((f) => f.handler === 'reconcileProtectionsTrigger' && !f.error).length,
    ).toBeGreaterThan(0);
    expect(canEdit(rt, 'r2@x.test', 'Customers', 8, 3)).toBe(false);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 8, 3)).toBe(true);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 5, 3)).toBe(false);
    expect(canEdit(rt, 'r2@x.test', 'Customers', 5, 3)).toBe(true);
    expect(canEdit(rt, 'r1@x.test', 'Customers', 8, 1)).toBe(false); // the id column grew with the data
  });

  test('a quiet hour reads no protections; the trigger refuses anyone but an admin', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    rt.tick(NOW + 3600 * 1000 + 1000);
    expect(rt.lastStats?.calls['Sheet.getProtections'] ?? 0).toBe(0);
    expect(() => rt.run('reconcileProtectionsTrigger', [], { as: 'm@x.test' })).toThrow(
      /may not apply permissions/,
    );
  });
});

describe('grouping customers by owner', () => {
  test('the menu asks first; NO leaves rows in place, YES sorts them so each owner needs one block', () => {
    const rt = permissionsWorkbook();
    rt.services.ui._respondWith(['NO']);
    rt.run('menuApplyPermissions', [], { as: ADMIN });
    const asked = rt.services.ui._events().find((e) => e.title === 'Group customers by owner?')!;
    expect(asked.message).toMatch(/4 now.*\(2 rows move.*so they need 2\?/);
    expect(customerBlocks(rt)).toEqual(['2:3', '4:4', '5:5', '6:7']);

    rt.services.ui._respondWith(['YES']);
    const result = rt.run('menuApplyPermissions', [], { as: ADMIN }) as Result;
    expect(result.grouped).toEqual({ moved: 2, blocksBefore: 4, blocksAfter: 2 });
    expect(customerBlocks(rt)).toEqual(['2:4', '5:7']);
    const ids = ss(rt).getSheetByName('Customers')!.getRange('A2:A7').getValues().flat();
    expect(ids).toEqual(['C000001', 'C000002', 'C000004', 'C000003', 'C000005', 'C000006']);
    expect(rt.services.ui._events().pop()!.message).toMatch(/^Customer rows sorted by owner: 2 rows moved\./);
  });
});
