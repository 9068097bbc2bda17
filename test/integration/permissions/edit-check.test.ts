/**
 * The edit check through the built bundle: a person's edit that Sheets lets through but the role
 * matrix forbids is undone by the installable edit trigger and logged as `reverted`; what Sheets
 * refuses never reaches it. Each test says which layer stops the edit.
 */
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { Runtime } from '../../../src/local/runtime';
import { PEOPLE, permissionsWorkbook } from '../../support/permissions';

const ss = (rt: Runtime) => rt.spreadsheet.app.getActiveSpreadsheet();
const cell = (rt: Runtime, sheet: string, a1: string) =>
  ss(rt).getSheetByName(sheet)!.getRange(a1).getValue();
const lastAudit = (rt: Runtime) => {
  const log = ss(rt).getSheetByName('Audit log')!.getDataRange().getValues();
  return log[log.length - 1].map(String);
};

describe('the edit check', () => {
  let rt: Runtime;
  beforeEach(() => {
    rt = permissionsWorkbook();
  });

  test("a rep's edit of another rep's customer is reverted within the edit and logged (edit check)", () => {
    // row 4 is C000003, owned by r2; column U is notes
    const before = cell(rt, 'Customers', 'U4');
    rt.userEdit(PEOPLE.r1, 'Customers', 'U4', 'mine now');
    expect(cell(rt, 'Customers', 'U4')).toBe(before);
    expect(lastAudit(rt)).toEqual(
      expect.arrayContaining([PEOPLE.r1, 'customers', 'U4', 'mine now', 'reverted reason=notYourCustomer']),
    );
    // their own row stays edited, logged as an edit
    rt.userEdit(PEOPLE.r1, 'Customers', 'U2', 'called back');
    expect(cell(rt, 'Customers', 'U2')).toBe('called back');
    expect(lastAudit(rt)).toContain('edit');
  });

  test('a rep cannot set tier or toggle tierLocked, on a data row or a new row below the data (Sheets)', () => {
    for (const a1 of ['M2', 'N2', 'M8', 'N8', 'M500', 'N999']) {
      expect(() => rt.userEdit(PEOPLE.r1, 'Customers', a1, a1.startsWith('M') ? 'A' : true)).toThrow(
        PROTECTED_MESSAGE,
      );
    }
    rt.userEdit(PEOPLE.manager, 'Customers', 'N2', true);
    expect(cell(rt, 'Customers', 'N2')).toBe(true);
  });

  test("a rep cannot give a new row to another rep (edit check), may claim it for themselves; assistants can't either", () => {
    rt.userEdit(PEOPLE.r1, 'Customers', 'B8', 'Walk-in buyer');
    rt.userEdit(PEOPLE.r1, 'Customers', 'K8', PEOPLE.r2);
    expect(cell(rt, 'Customers', 'K8')).toBe('');
    expect(lastAudit(rt)).toContain('reverted reason=lockedColumn');
    rt.userEdit(PEOPLE.r1, 'Customers', 'K8', PEOPLE.r1);
    expect(cell(rt, 'Customers', 'K8')).toBe(PEOPLE.r1);
    // now r1's row: r2 may not touch it, and r1 may not hand it over
    rt.userEdit(PEOPLE.r2, 'Customers', 'C8', 'Taken');
    expect(cell(rt, 'Customers', 'C8')).toBe('');
    rt.userEdit(PEOPLE.r1, 'Customers', 'K8', PEOPLE.r2);
    expect(cell(rt, 'Customers', 'K8')).toBe(PEOPLE.r1);
    rt.userEdit(PEOPLE.assistant, 'Customers', 'K9', PEOPLE.assistant);
    expect(cell(rt, 'Customers', 'K9')).toBe('');
    rt.userEdit(PEOPLE.assistant, 'Customers', 'A9', 'C000099');
    expect(cell(rt, 'Customers', 'A9')).toBe('');
    expect(lastAudit(rt)).toContain('reverted reason=lockedColumn');
  });

  test("an interaction pointed at another rep's customer is reverted and logged (edit check)", () => {
    // interactions: row 2 is r1's (C000001), row 3 r2's (C000003); column B is customerId
    rt.userEdit(PEOPLE.r1, 'Interactions', 'B4', 'C000003');
    expect(cell(rt, 'Interactions', 'B4')).toBe('');
    expect(lastAudit(rt)).toEqual(
      expect.arrayContaining([PEOPLE.r1, 'interactions', 'B4', 'C000003', 'reverted reason=notYourCustomer']),
    );
    rt.userEdit(PEOPLE.r1, 'Interactions', 'B2', 'C000003'); // moving their own to r2's customer
    expect(cell(rt, 'Interactions', 'B2')).toBe('C000001');
    rt.userEdit(PEOPLE.r1, 'Interactions', 'D3', 'my summary'); // r2's interaction
    expect(cell(rt, 'Interactions', 'D3')).toBe('r2 call');
    rt.userEdit(PEOPLE.r1, 'Interactions', 'B4', 'C000002'); // their own customer: kept
    expect(cell(rt, 'Interactions', 'B4')).toBe('C000002');
    rt.userEdit(PEOPLE.assistant, 'Interactions', 'D3', 'noted by the assistant'); // assistants add/edit any
    expect(cell(rt, 'Interactions', 'D3')).toBe('noted by the assistant');
  });

  test('a viewer is refused by Sheets everywhere; managers pass the check', () => {
    expect(() => rt.userEdit(PEOPLE.viewer, 'Customers', 'B2', 'x')).toThrow(PROTECTED_MESSAGE);
    expect(() => rt.userEdit(PEOPLE.viewer, 'Interactions', 'D9', 'x')).toThrow(PROTECTED_MESSAGE);
    rt.userEdit(PEOPLE.manager, 'Customers', 'U4', 'manager note');
    expect(cell(rt, 'Customers', 'U4')).toBe('manager note');
  });
});
