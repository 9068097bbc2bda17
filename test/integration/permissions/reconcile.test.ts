/**
 * The reconciler through the built bundle: a constant set of protections (bounded by people, not
 * rows), written as batchUpdate requests; only the difference is sent, twice changes nothing,
 * protections the add-on did not make are never touched, warning-only and stray editors are undone,
 * stale ones go (also the per-row protections of older versions, across executions when there are
 * many), the hourly check stops early on an unchanged fingerprint, an audit row records each run.
 */
import { Runtime } from '../../../src/local/runtime';
import { writeRecords } from '../../../src/local/sample';
import {
  ADMIN,
  NOW,
  PEOPLE,
  permissionsWorkbook,
  protectionWrites,
  sheetsApiCalls,
} from '../../support/permissions';

type Result = {
  report: { counts: Record<string, number>; summary: string; lines: string[] };
  notes: string[];
  pending: number;
  batchCalls: number;
};

const apply = (rt: Runtime, as = ADMIN) => rt.run('applyPermissions', [], { as }) as Result;
const hourly = (rt: Runtime) => rt.run('reconcileProtectionsTrigger', [], { as: ADMIN }) as Result | null;

const ss = (rt: Runtime) => rt.spreadsheet.app.getActiveSpreadsheet();
const protections = (rt: Runtime) => [
  ...(ss(rt).getProtections(
    rt.spreadsheet.app.ProtectionType.RANGE,
  ) as GoogleAppsScript.Spreadsheet.Protection[]),
  ...(ss(rt).getProtections(
    rt.spreadsheet.app.ProtectionType.SHEET,
  ) as GoogleAppsScript.Spreadsheet.Protection[]),
];
const marked = (rt: Runtime) => protections(rt).filter((p) => p.getDescription().startsWith('[sheets-crm]'));
const byId = (rt: Runtime, id: string) => marked(rt).find((p) => p.getDescription().endsWith(`{${id}}`))!;
const canEdit = (rt: Runtime, user: string, sheet: string, row: number, column: number) =>
  rt.spreadsheet.canEdit(user, sheet, row, column);
const totalCalls = (rt: Runtime) => Object.values(rt.lastStats?.calls ?? {}).reduce((a, b) => a + b, 0);

describe('applyPermissions', () => {
  test('setup applied a small constant plan; protect-again sends nothing and makes a few calls', () => {
    const rt = permissionsWorkbook();
    expect(marked(rt).length).toBeGreaterThan(10);
    expect(marked(rt).length).toBeLessThanOrEqual(20);
    const again = apply(rt);
    expect(again.report.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(again.batchCalls).toBe(0);
    expect(protectionWrites(rt)).toEqual({});
    expect(sheetsApiCalls(rt)).toEqual({ get: 1, batchUpdate: 0 });
    expect(totalCalls(rt)).toBeLessThan(70); // the role check, the customers' header, the audit row
  });

  test('an audit row records each run', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    const log = ss(rt).getSheetByName('Audit log')!.getDataRange().getValues();
    const last = log[log.length - 1];
    expect(last).toContain(ADMIN);
    expect(last.join(' ')).toMatch(/protections created=0 updated=0 deleted=0 unchanged=\d+/);
  });

  test('never touches a protection it did not make, and counts it as ignored', () => {
    const rt = permissionsWorkbook();
    const mine = ss(rt)
      .getSheetByName('Customers')!
      .getRange('C2:C3')
      .protect()
      .setDescription('my own lock');
    mine.removeEditors(mine.getEditors().map((u) => u.getEmail()));
    mine.addEditor('friend@x.test');
    expect(apply(rt).report.counts.ignored).toBe(1);
    const after = protections(rt).find((p) => p.getDescription() === 'my own lock')!;
    expect(after.getRange().getA1Notation()).toBe('C2:C3');
    expect(
      after
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['a@x.test', 'friend@x.test']);
  });

  test('undoes warning-only and a stray editor, deletes a stale one: one batchUpdate', () => {
    const rt = permissionsWorkbook();
    byId(rt, 'crm:customers:locked:cols:13-14').setWarningOnly(true);
    byId(rt, 'crm:customers:sheet').addEditor('stranger@x.test');
    ss(rt)
      .getSheetByName('Customers')!
      .getRange('9:9')
      .protect()
      .setDescription('[sheets-crm] old {crm:customers:old}');
    expect(canEdit(rt, PEOPLE.r1, 'Customers', 2, 13)).toBe(true); // warning-only stops nobody

    const result = apply(rt);
    expect(result.report.counts).toMatchObject({ created: 0, updated: 2, deleted: 1 });
    expect(result.batchCalls).toBe(1);
    expect(result.report.lines.join('\n')).toMatch(/warning-only turned off/);
    expect(result.report.lines.join('\n')).toMatch(/editors removed: stranger@x.test/);
    expect(byId(rt, 'crm:customers:locked:cols:13-14').isWarningOnly()).toBe(false);
    expect(
      byId(rt, 'crm:customers:sheet')
        .getEditors()
        .map((u) => u.getEmail()),
    ).not.toContain('stranger@x.test');
    expect(marked(rt).some((p) => p.getDescription().includes('crm:customers:old'))).toBe(false);
    expect(canEdit(rt, PEOPLE.r1, 'Customers', 2, 13)).toBe(false);
  });

  test('follows the roles sheet: a rep made inactive loses staff rights at the next run', () => {
    const rt = permissionsWorkbook();
    expect(canEdit(rt, PEOPLE.r1, 'Customers', 2, 3)).toBe(true);
    const roles = ss(rt).getSheetByName('Roles')!;
    const emails = roles
      .getRange('A:A')
      .getValues()
      .map((r) => r[0]);
    roles.getRange(emails.indexOf(PEOPLE.r1) + 1, 6).setValue(false);
    const result = apply(rt);
    expect(result.report.counts.updated).toBeGreaterThan(0);
    expect(result.batchCalls).toBe(1);
    expect(canEdit(rt, PEOPLE.r1, 'Customers', 2, 3)).toBe(false);
    expect(canEdit(rt, PEOPLE.assistant, 'Customers', 2, 2)).toBe(true);
  });

  test('a whole-sheet protection someone else made stays, with a note; the rest is applied', () => {
    const rt = permissionsWorkbook();
    ss(rt).getSheetByName('Settings')!.protect().setDescription('finance team only');
    const result = apply(rt);
    expect(result.notes).toEqual([
      'The Settings sheet already has a whole-sheet protection that Sheets CRM did not make. Sheets allows one per sheet, so it was left as it is and the role-based one was not added.',
    ]);
    expect(ss(rt).getSheetByName('Settings')!.protect().getDescription()).toBe('finance team only');
    apply(rt);
    expect(protectionWrites(rt)).toEqual({});
  });

  test('the count does not grow with customers typed in any order', () => {
    const rt = permissionsWorkbook();
    const count = marked(rt).length;
    const owners = [PEOPLE.r2, PEOPLE.r1, PEOPLE.r2, PEOPLE.manager, PEOPLE.r1, PEOPLE.r2, PEOPLE.r1];
    writeRecords(rt, {
      customers: owners.map((owner, i) => ({ id: `C0001${i}0`, name: `Interleaved ${i}`, owner })),
    });
    const result = apply(rt);
    expect(result.report.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(marked(rt)).toHaveLength(count);
  });
});

describe('the hourly check', () => {
  test('with nothing changed it stops early: no protections read, no batchUpdate', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    expect(hourly(rt)).toBeNull();
    expect(sheetsApiCalls(rt)).toEqual({ get: 1, batchUpdate: 0 });
    expect(totalCalls(rt)).toBeLessThan(55);
    expect(() => rt.run('reconcileProtectionsTrigger', [], { as: PEOPLE.manager })).toThrow(
      /may not apply permissions/,
    );
  });

  test('notices a new rep from the fingerprint and gives them staff rights', () => {
    const rt = permissionsWorkbook();
    apply(rt);
    writeRecords(rt, {
      roles: [
        { email: 'r3@x.test', name: '', role: 'accountManager', team: '', managerEmail: '', active: true },
      ],
    });
    expect(canEdit(rt, 'r3@x.test', 'Customers', 2, 3)).toBe(false);
    const result = hourly(rt)!;
    expect(result.report.counts.updated).toBeGreaterThan(0);
    expect(canEdit(rt, 'r3@x.test', 'Customers', 2, 3)).toBe(true);
    expect(hourly(rt)).toBeNull();
  });

  test('resumes across executions when much changed (the per-row protections of an older version)', () => {
    const rt = permissionsWorkbook();
    const customers = ss(rt).getSheetByName('Customers')!;
    for (let row = 2; row <= 13; row++) {
      customers
        .getRange(`${row}:${row}`)
        .protect()
        .setDescription(`[sheets-crm] old {crm:customers:owner:r1@x.test:rows:${row}-${row}}`);
    }
    // the state an older version kept (no fingerprint), and a budget of 5 requests per execution:
    // 12 deletions take three runs
    const props = rt.services.properties.global.getDocumentProperties();
    props.setProperty('sheetsCrm.protections', JSON.stringify({ hash: 'old', at: NOW }));
    props.setProperty('sheetsCrm.protections.requestsPerRun', '5');
    const first = hourly(rt)!;
    expect([first.report.counts.deleted, first.pending, first.batchCalls]).toEqual([12, 7, 1]);
    expect(first.notes.join(' ')).toMatch(/5 protection changes made; 7 are left for the next run/);
    expect(marked(rt).filter((p) => p.getDescription().includes(':rows:'))).toHaveLength(7);
    const second = hourly(rt)!; // pending work: no early stop
    expect([second.report.counts.deleted, second.pending]).toEqual([7, 2]);
    const third = hourly(rt)!;
    expect([third.report.counts.deleted, third.pending]).toEqual([2, 0]);
    expect(marked(rt).filter((p) => p.getDescription().includes(':rows:'))).toHaveLength(0);
    expect(hourly(rt)).toBeNull(); // in sync again: the next hour stops early
  });
});

describe('setup', () => {
  test('installs one hourly reconcile trigger, not duplicated by running setup again', () => {
    const rt = permissionsWorkbook();
    rt.run('menuSetup', [], { as: ADMIN });
    const mine = rt.services.scriptApp._all().filter((t) => t.handler === 'reconcileProtectionsTrigger');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ creator: ADMIN, eventType: 'CLOCK' });
    writeRecords(rt, {
      roles: [{ email: 'a2@x.test', name: '', role: 'admin', team: '', managerEmail: '', active: true }],
    });
    ss(rt).addEditor('a2@x.test'); // shared with the new admin
    // Sheets lets a2 change the sheets only once protections list them: the next reconcile does
    expect(() => rt.run('menuSetup', [], { as: 'a2@x.test' })).toThrow(
      /protected cell|does not have permission/,
    );
    rt.tick(NOW + 3600 * 1000 + 1000);
    rt.run('menuSetup', [], { as: 'a2@x.test' });
    const after = rt.services.scriptApp._all().filter((t) => t.handler === 'reconcileProtectionsTrigger');
    expect(after.map((t) => t.creator)).toEqual([ADMIN]);
  });
});
