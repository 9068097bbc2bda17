/**
 * Backups through the built bundle and the DriveApp emulator: the copy and its folder, retention
 * that trashes only the add-on's own older copies, failures that delete nothing and reach the
 * admins, the schedule from settings, and `crm backup`.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, roleRow } from '../../support/people';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { NOW, setUpWorkbook, switchUser, writeSettings } from '../../support/workbook';

const HOUR = 3_600_000;

/** Setup runs again once the roles are known: the log's protection lets managers write. */
const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager'),
        roleRow('admin2@example.com', 'admin'),
        roleRow(REP, 'accountManager'),
      ],
      customers: [{ id: 'C000001', name: 'Ann', owner: REP }],
    },
    setUpAgain: true,
  });

type Result = { ok: boolean; file?: { id: string; name: string }; trashed: string[]; error?: string };
const actions = (rt: Runtime) => readTable(rt, 'auditLog').records.map((r) => String(r.action));

describe('backups', () => {
  test('"Back up now" copies the spreadsheet, as it is, into the folder from settings (created once)', () => {
    const rt = workbook();
    const r = rt.run('menuBackupNow', [], { as: 'manager@example.com' }) as Result;
    expect(r.ok).toBe(true);
    expect(r.file!.name).toBe('Sheets CRM backup 2026-11-23 0900');
    const [file] = rt.services.drive._files();
    expect(file).toMatchObject({
      name: 'Sheets CRM backup 2026-11-23 0900',
      folder: 'Sheets CRM backups',
      owner: 'manager@example.com',
      trashed: false,
    });
    expect(file.description).toMatch(/^sheetsCrm\.backup\/v1 source=/);
    const copy = rt.services.drive._content(file.id)!;
    expect(JSON.stringify(copy)).toContain('Ann');
    rt.ctx.clock.advance(HOUR);
    rt.run('menuBackupNow', [], { as: 'manager@example.com' });
    expect(rt.services.drive._folders()).toHaveLength(1);
    expect(actions(rt).filter((a) => a.startsWith('backup '))).toHaveLength(2);
    const alerts = rt.services.ui._events().filter((e) => e.type === 'alert');
    expect(alerts[alerts.length - 1].message).toContain(
      'Backup saved as "Sheets CRM backup 2026-11-23 1000"',
    );
  });

  test('keeps the newest backup.keep copies and trashes only older copies the add-on made', () => {
    const rt = workbook();
    writeSettings(rt, { 'backup.keep': '3' });
    rt.run('menuBackupNow');
    // A user's own copy of a backup ("Copy of ...") and a renamed one are never ours.
    const drive = rt.services.drive.global;
    switchUser(rt, OWNER);
    const folder = drive.getFoldersByName('Sheets CRM backups').next();
    const first = drive.getFileById(rt.services.drive._files()[0].id);
    first.makeCopy('Copy of Sheets CRM backup 2026-11-23 0900', folder);
    first.makeCopy('Keep this one', folder);
    for (let i = 1; i <= 4; i++) {
      rt.ctx.clock.advance(HOUR);
      rt.run('menuBackupNow');
    }
    const files = rt.services.drive._files();
    const live = files.filter((f) => !f.trashed).map((f) => f.name);
    expect(live).toEqual([
      'Copy of Sheets CRM backup 2026-11-23 0900',
      'Keep this one',
      'Sheets CRM backup 2026-11-23 1100',
      'Sheets CRM backup 2026-11-23 1200',
      'Sheets CRM backup 2026-11-23 1300',
    ]);
    expect(files.filter((f) => f.trashed).map((f) => f.name)).toEqual([
      'Sheets CRM backup 2026-11-23 0900',
      'Sheets CRM backup 2026-11-23 1000',
    ]);
  });

  test('a failed copy deletes nothing, is audited, and alerts the user', () => {
    const rt = workbook();
    writeSettings(rt, { 'backup.keep': '1' });
    rt.run('menuBackupNow');
    rt.services.drive._failNext(1, 'Service error: Drive', 'makeCopy');
    rt.ctx.clock.advance(HOUR);
    const r = rt.run('menuBackupNow') as Result;
    expect(r).toMatchObject({ ok: false, error: 'Service error: Drive', trashed: [] });
    expect(rt.services.drive._files().filter((f) => !f.trashed)).toHaveLength(1);
    expect(actions(rt)).toContain('backupFailed folder="Sheets CRM backups" error="Service error: Drive"');
    const alert = rt.services.ui._events().pop()!;
    expect(alert.message).toContain('failed: Service error: Drive');
    expect(alert.message).toContain('No existing backup was deleted.');
    expect(rt.services.mail._outbox()).toHaveLength(0);
  });

  test('the schedule follows backup.schedule; a failed scheduled backup e-mails the admins', () => {
    const rt = workbook();
    rt.run('menuApplyBackupSchedule');
    expect(rt.services.scriptApp._all().filter((t) => t.handler === 'backupScheduled')).toHaveLength(0);
    writeSettings(rt, { 'backup.schedule': 'daily' });
    rt.run('menuSetup'); // setup applies it too, once
    rt.run('menuApplyBackupSchedule');
    const daily = rt.services.scriptApp._all().filter((t) => t.handler === 'backupScheduled');
    expect(daily).toHaveLength(1);
    expect(daily[0].clock).toMatchObject({ kind: 'days', every: 1, atHour: 2 });

    const fired = rt.tick(NOW + 24 * HOUR);
    expect(fired.filter((f) => f.handler === 'backupScheduled' && !f.error)).toHaveLength(1);
    expect(rt.services.drive._files()).toHaveLength(1);

    rt.services.drive._failNext(1, 'Service error: Drive', 'makeCopy');
    rt.tick(NOW + 48 * HOUR);
    const [mail] = rt.services.mail._outbox();
    expect(mail.to.sort()).toEqual(['admin2@example.com', OWNER]);
    expect(mail.subject).toBe('Sheets CRM: the backup of "Sheets CRM" failed');
    expect(mail.body).toContain('Service error: Drive');
    expect(rt.services.drive._files().filter((f) => !f.trashed)).toHaveLength(1);

    writeSettings(rt, { 'backup.schedule': 'weekly' });
    rt.run('menuApplyBackupSchedule');
    const weekly = rt.services.scriptApp._all().filter((t) => t.handler === 'backupScheduled');
    expect(weekly).toHaveLength(1);
    expect(weekly[0].clock).toMatchObject({ kind: 'weeks', weekDay: 'SUNDAY', atHour: 2 });
    writeSettings(rt, { 'backup.schedule': 'off' });
    rt.run('menuApplyBackupSchedule');
    expect(rt.services.scriptApp._all().filter((t) => t.handler === 'backupScheduled')).toHaveLength(0);
  });

  test('account managers and viewers may not back up', () => {
    const rt = workbook();
    expect(() => rt.run('menuBackupNow', [], { as: 'rep1@example.com' })).toThrow(/may not/);
    expect(() => rt.run('listBackups', [], { as: 'viewer@example.com' })).toThrow(/may not/);
    expect(rt.services.drive._files()).toHaveLength(0);
  });
});

describe('crm backup', () => {
  test('backs up, lists, and keeps the copies in the workbook file', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--now', '2026-11-23T09:00:00+08:00');
    const made = await crm(wb, 'backup', '--json');
    expect(made.code).toBe(0);
    expect((made.json() as Result).file!.name).toBe('Sheets CRM backup 2026-11-23 0900');
    await crm(wb, 'backup', '--now', '2026-11-24T09:00:00+08:00');
    const list = await crm(wb, 'backup', '--list');
    expect(list.stdout).toMatch(/Folder "Sheets CRM backups" \(keep 14, schedule off\): 2 file\(s\)/);
    expect(list.stdout.indexOf('2026-11-24 0900')).toBeLessThan(list.stdout.indexOf('2026-11-23 0900'));
    expect(loadRuntime(wb).services.drive._files()).toHaveLength(2);
    const dump = await crm(wb, 'dump', 'auditLog', '--json');
    expect((dump.json() as Array<{ action: string }>).map((r) => r.action.split(' ')[0])).toEqual([
      'setup',
      'backup',
      'backup',
    ]);
  });
});
