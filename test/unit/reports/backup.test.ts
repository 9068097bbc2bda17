import {
  BackupFile,
  backupDescription,
  backupFileName,
  backupKeepSetting,
  backupScheduleSetting,
  backupsToTrash,
  isOurBackup,
} from '../../../src/core/reports';

const INSTANT = Date.UTC(2026, 10, 23, 0, 30); // 08:30 in Shanghai

describe('backupFileName', () => {
  test('date and time in the time zone', () => {
    expect(backupFileName('Sales CRM', INSTANT, 'Asia/Shanghai')).toBe('Sales CRM backup 2026-11-23 0830');
    expect(backupFileName('Sales CRM', new Date(INSTANT), 'Pacific/Honolulu')).toBe(
      'Sales CRM backup 2026-11-22 1430',
    );
    expect(backupFileName('Sales CRM', INSTANT, 'Pacific/Kiritimati')).toBe(
      'Sales CRM backup 2026-11-23 1430',
    );
    expect(backupFileName('客户表', Date.UTC(2026, 0, 1, 16, 5), 'Asia/Shanghai')).toBe(
      '客户表 backup 2026-01-02 0005',
    );
  });

  test('a blank name still gives a usable name', () => {
    expect(backupFileName('  ', INSTANT, 'UTC')).toBe('Sheets CRM backup 2026-11-23 0030');
  });
});

describe('isOurBackup', () => {
  const name = backupFileName('Sales CRM', INSTANT, 'Asia/Shanghai');
  test('needs our mark for this spreadsheet and our name shape', () => {
    expect(backupDescription('ss1')).toBe('sheetsCrm.backup/v1 source=ss1');
    expect(isOurBackup({ name, description: backupDescription('ss1') }, 'ss1')).toBe(true);
    expect(isOurBackup({ name, description: backupDescription('ss1') + '\nnotes' }, 'ss1')).toBe(true);
    expect(isOurBackup({ name, description: backupDescription('ss2') }, 'ss1')).toBe(false);
    expect(isOurBackup({ name, description: '' }, 'ss1')).toBe(false);
    expect(isOurBackup({ name, description: null }, 'ss1')).toBe(false);
    expect(
      isOurBackup({ name: 'Copy of ' + name + ' (restored)', description: backupDescription('ss1') }, 'ss1'),
    ).toBe(false);
    expect(isOurBackup({ name: 'Budget 2026', description: backupDescription('ss1') }, 'ss1')).toBe(false);
  });

  test('with the recorded name, a user\'s "Copy of ..." (same suffix, same description) is not ours', () => {
    const marked = backupDescription('ss1', name);
    expect(marked).toBe(`sheetsCrm.backup/v1 source=ss1\nname=${name}`);
    expect(isOurBackup({ name, description: marked }, 'ss1')).toBe(true);
    expect(isOurBackup({ name, description: marked + '\nuser notes' }, 'ss1')).toBe(true);
    expect(isOurBackup({ name: 'Copy of ' + name, description: marked }, 'ss1')).toBe(false);
    expect(isOurBackup({ name: name.replace('0830', '0831'), description: marked }, 'ss1')).toBe(false);
    expect(isOurBackup({ name, description: backupDescription('ss2', name) }, 'ss1')).toBe(false);
  });
});

describe('backupsToTrash', () => {
  const day = 86400000;
  const ours = (i: number): BackupFile => ({
    id: 'b' + i,
    name: `CRM backup ${i}`,
    created: new Date(INSTANT - i * day),
    isOurs: true,
  });
  // b0 is the new copy; b1..b15 are older ones; two foreign files are older still
  const files: BackupFile[] = [
    ...Array.from({ length: 16 }, (_, i) => ours(i)),
    { id: 'x1', name: 'My own copy', created: INSTANT - 100 * day, isOurs: false },
    { id: 'x2', name: 'CRM backup manual', created: INSTANT - 200 * day, isOurs: false },
  ].reverse();

  test('keeps the newest N of ours, trashes only older ones of ours', () => {
    const trash = backupsToTrash(files, { keep: 14, newBackupOk: true, newBackupId: 'b0' });
    expect(trash.map((f) => f.id)).toEqual(['b14', 'b15']);
  });

  test('fewer copies than N: nothing', () => {
    expect(backupsToTrash(files.slice(0, 5), { keep: 14, newBackupOk: true })).toEqual([]);
  });

  test('never trashes when the new backup failed or is not listed', () => {
    expect(backupsToTrash(files, { keep: 3, newBackupOk: false })).toEqual([]);
    expect(backupsToTrash(files, { keep: 3, newBackupOk: true, newBackupId: 'missing' })).toEqual([]);
  });

  test('a bad keep falls back to 14; files without a creation time are kept', () => {
    expect(backupsToTrash(files, { keep: 0, newBackupOk: true }).map((f) => f.id)).toEqual(['b14', 'b15']);
    const odd: BackupFile = { id: 'odd', name: 'CRM backup ?', created: new Date(NaN), isOurs: true };
    expect(backupsToTrash([...files, odd], { keep: 1, newBackupOk: true })).not.toContainEqual(odd);
    expect(backupsToTrash([...files, odd], { keep: 1, newBackupOk: true })).toHaveLength(15);
  });

  test('same creation time: ordered by name, so the result does not depend on listing order', () => {
    const a = { id: 'a', name: 'CRM backup 2026-11-23 0830', created: INSTANT, isOurs: true };
    const b = { id: 'b', name: 'CRM backup 2026-11-23 0831', created: INSTANT, isOurs: true };
    expect(backupsToTrash([a, b], { keep: 1, newBackupOk: true })).toEqual([a]);
    expect(backupsToTrash([b, a], { keep: 1, newBackupOk: true })).toEqual([a]);
  });
});

describe('settings', () => {
  test('backup.keep', () => {
    expect(backupKeepSetting({ 'backup.keep': '30' })).toBe(30);
    expect(backupKeepSetting({ 'backup.keep': '0' })).toBe(14);
    expect(backupKeepSetting({ 'backup.keep': 'many' })).toBe(14);
    expect(backupKeepSetting({})).toBe(14);
  });

  test('backup.schedule', () => {
    expect(backupScheduleSetting({ 'backup.schedule': 'Daily' })).toBe('daily');
    expect(backupScheduleSetting({ 'backup.schedule': '每周' })).toBe('weekly');
    expect(backupScheduleSetting({ 'backup.schedule': 'off' })).toBe('off');
    expect(backupScheduleSetting({ 'backup.schedule': 'hourly' })).toBe('off');
  });
});
