/**
 * Document state through the built bundle: a document property that is corrupt (hand-edited,
 * truncated, written by an older version) is reported and reset, never a crash — least of all in
 * the simple onEdit trigger, which runs on every edit of the workbook. A sheet whose recorded id
 * is lost is still found by its metadata mark, even after a rename.
 */
import { Runtime } from '../../../src/local/runtime';
import { MANAGER } from '../../support/people';
import { cellA1, records, sheetName, tieringWorkbook } from '../../support/tiering';

const props = (rt: Runtime) => rt.services.properties.global.getDocumentProperties();

describe('document state', () => {
  test('corrupt sheet ids: onEdit still plans the follow-up and the property is reset', () => {
    const rt = tieringWorkbook(5);
    const customers = sheetName(rt, 'customers');
    props(rt).setProperty('sheetsCrm.sheetIds', '{"customers": 1'); // truncated JSON
    rt.userEdit(MANAGER, customers, cellA1(rt, 'customers', 'lastContact', 2), '2026-11-20');
    expect(records(rt, 'customers').find((c) => c._row === 2)!.nextFollowUp).not.toBe('');
    expect(props(rt).getProperty('sheetsCrm.sheetIds')).toBeNull();
  });

  test('the reset is reported in the execution log', () => {
    const rt = tieringWorkbook(5);
    props(rt).setProperty('sheetsCrm.sheetIds', 'not json');
    rt.run('menuAbout', [], { as: MANAGER });
    const errors = rt.services.log._lines().filter((l) => l.level === 'error');
    expect(errors.map((l) => l.message).join('\n')).toMatch(/sheetsCrm\.sheetIds was unreadable .* reset/);
  });

  test('a record of the wrong shape is reset too, and the menu still works', () => {
    const rt = tieringWorkbook(5);
    props(rt).setProperty('sheetsCrm.tierSchedule', '["not", "a", "record"]');
    props(rt).setProperty('sheetsCrm.reminders.trigger', '42');
    expect(() => rt.run('menuToggleReminders', [], { as: MANAGER })).not.toThrow();
    expect(() => rt.run('menuTierSchedule', [], { as: MANAGER })).not.toThrow();
    expect(props(rt).getProperty('sheetsCrm.tierSchedule')).not.toBe('["not", "a", "record"]');
  });

  test('a sheet whose recorded id is lost is found by its metadata mark after a rename', () => {
    const rt = tieringWorkbook(5);
    const before = rt.run('runDataQuality', [], { as: MANAGER }) as { rowsChecked: Record<string, number> };
    const ss = rt.spreadsheet.app.getActiveSpreadsheet();
    ss.getSheetByName(sheetName(rt, 'customers'))!.setName('我的客户');
    props(rt).deleteProperty('sheetsCrm.sheetIds');
    const result = rt.run('runDataQuality', [], { as: MANAGER }) as { rowsChecked: Record<string, number> };
    expect(result.rowsChecked.customers).toBe(before.rowsChecked.customers);
    expect(ss.getSheetByName('我的客户')).not.toBeNull();
  });
});
