/**
 * DriveApp emulator against the Apps Script reference (Class DriveApp, Class File, Class Folder,
 * Class FileIterator): the calls backups make.
 */
import { authorizedIdentity, createContext } from '../../../src/local/emulator/context';
import {
  ACCESS_DENIED,
  DriveAppEmulator,
  NO_SUCH_ITEM,
  SPREADSHEET_MIME,
} from '../../../src/local/emulator/services/drive';
import type { SpreadsheetState } from '../../../src/local/emulator/spreadsheet';

function setup() {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
  const drive = new DriveAppEmulator(ctx);
  let version = 1;
  drive._attachSpreadsheet({
    id: () => 'ss-1',
    name: () => 'Customers',
    owner: 'owner@example.com',
    snapshot: () => ({ version }) as unknown as SpreadsheetState,
  });
  const as = (email: string) => (ctx.identity = authorizedIdentity(email));
  return { ctx, drive, DriveApp: drive.global, bump: () => version++, as };
}

describe('DriveApp (reference: Class DriveApp, File, Folder, FileIterator)', () => {
  test('getFileById: the bound spreadsheet is a file; an unknown id throws', () => {
    const { DriveApp } = setup();
    const file = DriveApp.getFileById('ss-1');
    expect(file.getName()).toBe('Customers');
    expect(file.getMimeType()).toBe(SPREADSHEET_MIME);
    // "Throws a scripting exception if the file does not exist or the user does not have permission"
    expect(() => DriveApp.getFileById('nope')).toThrow(NO_SUCH_ITEM);
  });

  test('createFolder / getFoldersByName: "all folders in the user\'s Drive that have the given name"', () => {
    const { DriveApp, as } = setup();
    expect(DriveApp.getFoldersByName('Backups').hasNext()).toBe(false);
    const folder = DriveApp.createFolder('Backups');
    const it = DriveApp.getFoldersByName('Backups');
    expect(it.hasNext()).toBe(true);
    expect(it.next().getId()).toBe(folder.getId());
    expect(it.hasNext()).toBe(false);
    // "next() ... Throws an exception if no items remain."
    expect(() => it.next()).toThrow();
    // Each user has their own Drive: another account does not see the owner's folder.
    as('manager@example.com');
    expect(DriveApp.getFoldersByName('Backups').hasNext()).toBe(false);
  });

  test('makeCopy(name, destination) "creates a copy of the file in the destination directory" holding the state of that moment', () => {
    const { drive, DriveApp, bump, ctx } = setup();
    const folder = DriveApp.createFolder('Backups');
    const first = DriveApp.getFileById('ss-1').makeCopy('Customers backup 1', folder);
    bump();
    ctx.clock.advance(60_000);
    const second = DriveApp.getFileById('ss-1').makeCopy('Customers backup 2', folder);
    expect(drive._content(first.getId())).toEqual({ version: 1 });
    expect(drive._content(second.getId())).toEqual({ version: 2 });
    expect(second.getDateCreated().getTime() - first.getDateCreated().getTime()).toBe(60_000);
    const names: string[] = [];
    const it = folder.getFilesByType(SPREADSHEET_MIME);
    while (it.hasNext()) names.push(it.next().getName());
    expect(names).toEqual(['Customers backup 1', 'Customers backup 2']);
    expect(folder.getFilesByType('text/plain').hasNext()).toBe(false);
  });

  test('setDescription/getDescription round-trip; a copy keeps the description of its source', () => {
    const { DriveApp } = setup();
    const folder = DriveApp.createFolder('B');
    const copy = DriveApp.getFileById('ss-1').makeCopy('x', folder);
    expect(copy.getDescription()).toBeNull();
    copy.setDescription('mark');
    expect(DriveApp.getFileById(copy.getId()).getDescription()).toBe('mark');
    expect(copy.makeCopy('Copy of x', folder).getDescription()).toBe('mark');
  });

  test('setTrashed: "Only the owner may trash the File"; a trashed file stays listed with isTrashed() true', () => {
    const { DriveApp, as } = setup();
    const folder = DriveApp.createFolder('B');
    const copy = DriveApp.getFileById('ss-1').makeCopy('x', folder);
    copy.setTrashed(true);
    expect(copy.isTrashed()).toBe(true);
    const it = folder.getFiles();
    expect(it.next().isTrashed()).toBe(true);
    const own = DriveApp.getFileById('ss-1');
    expect(() => own.setTrashed(true)).toThrow(ACCESS_DENIED); // the spreadsheet is not the script's to trash
    as('manager@example.com');
    expect(() => DriveApp.getFileById(copy.getId())).toThrow(NO_SUCH_ITEM);
  });

  test('wrong argument types fail with the signature message', () => {
    const { DriveApp } = setup();
    expect(() => (DriveApp.getFileById as unknown as (x: number) => void)(1)).toThrow(
      "The parameters (number) don't match the method signature for DriveApp.getFileById.",
    );
  });

  test('calls are counted per Apps Script class; state survives a round trip; _failNext injects a failure', () => {
    const { ctx, drive, DriveApp } = setup();
    const folder = DriveApp.createFolder('B');
    DriveApp.getFileById('ss-1').makeCopy('x', folder);
    const calls = ctx.counter.snapshot().calls;
    expect(calls['DriveApp.createFolder']).toBe(1);
    expect(calls['DriveApp.getFileById']).toBe(1);
    expect(calls['File.makeCopy']).toBe(1);

    const again = new DriveAppEmulator(ctx, JSON.parse(JSON.stringify(drive.toState())));
    expect(again._files().map((f) => [f.name, f.folder])).toEqual([['x', 'B']]);

    drive._failNext(1, 'Service error: Drive', 'makeCopy');
    expect(() => DriveApp.getFileById('ss-1').makeCopy('y', folder)).toThrow('Service error: Drive');
    expect(drive._files()).toHaveLength(1); // nothing was copied
    DriveApp.getFileById('ss-1').makeCopy('y', folder);
    expect(drive._files()).toHaveLength(2);
  });
});
