/**
 * A real team on gmail.com accounts (the consumer profile: Apps Script hides every address but the
 * owner's from triggers): the owner and a second admin both run setup, a manager turns reminders
 * on, two reps open the workbook and edit it, and two days pass. Each edit is audited once, each rep
 * gets one digest a day, one backup is made a day, and the reps get their own menus.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { writeRecords } from '../../../src/local/sample';
import { MANAGER, OWNER, rep, roleRow } from '../../support/people';
import { dateCell } from '../../support/dates';
import { reveal, switchUser, writeSettings } from '../../support/workbook';

const ADMIN2 = 'admin2@example.com';
const TZ = 'Asia/Shanghai';
const START = Date.parse('2026-03-09T18:00:00+08:00');

function team(): Runtime {
  const rt = Runtime.create({ owner: OWNER, now: START, account: 'consumer' });
  rt.run('menuSetup', ['en']);
  switchUser(rt, OWNER);
  // the owner shares the spreadsheet with the team: each of them may edit it
  rt.spreadsheet.app.getActiveSpreadsheet().addEditors([ADMIN2, MANAGER, rep(1), rep(2)]);
  writeRecords(rt, {
    roles: [
      roleRow(ADMIN2, 'admin', { name: 'Ada' }),
      roleRow(MANAGER, 'manager', { name: 'Mia', team: 'Sales' }),
      roleRow(rep(1), 'accountManager', { name: 'Rep 1', team: 'Sales', managerEmail: MANAGER }),
      roleRow(rep(2), 'accountManager', { name: 'Rep 2', team: 'Sales', managerEmail: MANAGER }),
    ],
    customers: [1, 2, 3, 4].map((n) => ({
      id: `C00000${n}`,
      name: `Customer ${n}`,
      company: `Company ${n}`,
      owner: rep(n <= 2 ? 1 : 2),
      tier: 'B',
      // overdue every day of the test: each rep is owed a digest each day
      nextFollowUp: dateCell('2026-03-01', TZ),
    })),
  });
  writeSettings(rt, { 'backup.schedule': 'daily' });
  rt.run('menuSetup', [], { as: OWNER });
  rt.run('menuSetup', [], { as: ADMIN2 }); // the second admin runs setup too
  return rt;
}

const handlers = (rt: Runtime) =>
  rt.services.scriptApp
    ._all()
    .map((t) => t.handler)
    .sort();

function menuItems(rt: Runtime, as: string): string[] {
  rt.open(as);
  const [menu] = rt.services.ui._menus();
  return menu.items.flatMap((i) => (i.type === 'item' ? [i.caption] : []));
}

function column(rt: Runtime, label: string): string {
  const header = rt.spreadsheet.app
    .getActiveSpreadsheet()
    .getSheetByName('Customers')!
    .getRange('1:1')
    .getValues()[0]
    .map(String);
  return String.fromCharCode(65 + header.indexOf(label));
}

const edits = (rt: Runtime) => readTable(rt, 'auditLog').records.filter((r) => r.action === 'edit');
const digestsTo = (rt: Runtime, to: string) =>
  rt.services.mail._outbox().filter((m) => m.to.includes(to) && /reminders for/.test(m.subject));

describe('a gmail.com team: two admins, a manager, two reps, two days', () => {
  test('setup by both admins installs each trigger once; the second admin installs nothing of their own', () => {
    const rt = team();
    expect(handlers(rt)).toEqual([
      'backupScheduled',
      'nightlyCustomerValues',
      'onEditAudit',
      'reconcileProtectionsTrigger',
    ]);
    expect(rt.services.scriptApp._all().every((t) => t.creator === OWNER)).toBe(true);
  });

  test('reps get the full menu before the add-on knows them, and their own once they have used it', () => {
    const rt = team();
    const before = menuItems(rt, rep(1));
    expect(before).toContain('Mark contacted today');
    expect(before.length).toBeGreaterThan(1);
    reveal(rt, rep(1));
    const after = menuItems(rt, rep(1));
    expect(after).toContain('Mark contacted today');
    expect(after).not.toContain('Set up workbook');
    expect(after).not.toContain('Turn daily reminders on/off');
  });

  test('over two days: one audit row per edit, one digest per rep per day, one backup per day', () => {
    const rt = team();
    rt.run('setDailyReminders', [true], { as: MANAGER });
    reveal(rt, rep(1), rep(2), MANAGER, ADMIN2);
    const phone = column(rt, 'Phone');

    let made = 0;
    for (const [i, day] of ['2026-03-10', '2026-03-11'].entries()) {
      rt.tick(Date.parse(`${day}T07:00:00+08:00`));
      rt.userEdit(rep(1), 'Customers', `${phone}2`, `+86 138 0000 00${i}1`);
      rt.userEdit(rep(2), 'Customers', `${phone}4`, `+86 138 0000 00${i}2`);
      rt.userEdit(MANAGER, 'Customers', `${phone}3`, `+86 138 0000 00${i}3`);
      rt.userEdit(ADMIN2, 'Customers', `${phone}5`, `+86 138 0000 00${i}4`);
      made += 4;
      rt.tick(Date.parse(`${day}T23:00:00+08:00`));
    }

    const rows = edits(rt);
    expect(rows).toHaveLength(made);
    // each edit names its editor: their address was revealed in an authorized call
    expect(rows.map((r) => r.user).sort()).toEqual(
      [ADMIN2, ADMIN2, MANAGER, MANAGER, rep(1), rep(1), rep(2), rep(2)].sort(),
    );

    for (const r of [rep(1), rep(2)]) {
      const subjects = digestsTo(rt, r).map((m) => m.subject.slice(0, 35));
      expect(subjects).toEqual([
        'Sheets CRM reminders for 2026-03-10',
        'Sheets CRM reminders for 2026-03-11',
      ]);
    }

    const listing = rt.run('listBackups', [], { as: OWNER }) as { files: Array<{ created: string }> };
    const days = listing.files.map((f) => f.created.slice(0, 10)).sort();
    expect(days).toEqual([...new Set(days)]);
    expect(days).toHaveLength(2);
  });
});
