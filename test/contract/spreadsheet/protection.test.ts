/**
 * Protections. Reference: developers.google.com/apps-script/reference/spreadsheet/protection and
 * Range.protect(): "Until the script actually changes the list of editors for the range ... the
 * permissions mirror those of the spreadsheet itself"; Protection.removeEditors: "Neither the owner
 * of the spreadsheet nor the current user can be removed."
 */
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { asUser, setup } from '../../support/spreadsheet';

const AM = 'am@example.com';
const MGR = 'manager@example.com';

function protectedWorkbook() {
  const env = setup();
  const { ss, sheet, ctx } = env;
  ss.addEditors([AM, MGR]);
  sheet.getRange('A1:C1').setValues([['id', 'name', 'owner']]);
  // Range A1:C1 editable by the owner only; column C by the owner and the manager.
  const header = sheet.getRange('A1:C1').protect().setDescription('header');
  header.removeEditors(header.getEditors());
  const ownerCol = sheet.getRange('C:C').protect().setDescription('owner column');
  ownerCol.removeEditors(ownerCol.getEditors().map((u) => u.getEmail()));
  ownerCol.addEditor(MGR);
  return { ...env, header, ownerCol, ctx };
}

test(`userEdit as a non-editor fails with exactly "${PROTECTED_MESSAGE}"`, () => {
  const { store, ctx } = protectedWorkbook();
  expect(() => asUser(ctx, AM, () => store.userEdit('Sheet1', 'B1', 'x'))).toThrow(PROTECTED_MESSAGE);
  expect(store.snapshot('Sheet1').values[0][1]).toBe('name');
});

test('protection matrix: the owner always; an editor of every covering protection; others refused', () => {
  const { store } = protectedWorkbook();
  const can = (user: string, a1: [number, number]) => store.canEdit(user, 'Sheet1', a1[0], a1[1]);
  expect(can('owner@example.com', [1, 1])).toBe(true);
  expect([can(MGR, [1, 3]), can(MGR, [2, 3]), can(MGR, [2, 1])]).toEqual([false, true, true]); // C1 is also under the header protection
  expect([can(AM, [2, 3]), can(AM, [2, 2]), can(AM, [1, 2])]).toEqual([false, true, false]);
});

test('Protection editors: a new protection mirrors the spreadsheet; removeEditors keeps the owner and the current user (reference)', () => {
  const { ss, sheet, ctx } = setup();
  ss.addEditor(AM);
  const p = asUser(ctx, AM, () => sheet.getRange('D1:D5').protect());
  expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', AM]);
  expect(p.canEdit()).toBe(true);
  asUser(ctx, AM, () => p.removeEditors(p.getEditors()));
  expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', AM]);
  p.removeEditor(AM); // now run as the owner: AM is not the current user any more
  expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
  expect(asUser(ctx, AM, () => p.canEdit())).toBe(false);
});

test('warning-only protections do not block edits', () => {
  const { store, sheet, ctx } = setup();
  const p = sheet.getRange('A1:A10').protect().setWarningOnly(true);
  p.removeEditors(p.getEditors());
  expect(p.isWarningOnly()).toBe(true);
  expect(asUser(ctx, AM, () => store.userEdit('Sheet1', 'A2', 'ok'))).toMatchObject({ value: 'ok' });
});

test('a sheet protection covers every cell outside its unprotected ranges (setUnprotectedRanges)', () => {
  const { app, store, sheet, ctx } = setup();
  const p = sheet.protect().setDescription('whole sheet');
  p.removeEditors(p.getEditors());
  p.setUnprotectedRanges([sheet.getRange('B2:B'), sheet.getRange('D5')]);
  expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['B2:B', 'D5']);
  expect(sheet.protect().getDescription()).toBe('whole sheet'); // protect() returns the existing sheet protection
  expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
  expect(String(p.getProtectionType())).toBe('SHEET');
  expect([
    store.canEdit(AM, 'Sheet1', 1, 2),
    store.canEdit(AM, 'Sheet1', 500, 2),
    store.canEdit(AM, 'Sheet1', 5, 4),
    store.canEdit(AM, 'Sheet1', 5, 5),
  ]).toEqual([false, true, true, false]);
  asUser(ctx, AM, () => sheet.getRange('B3:B4').setValues([[1], [2]]));
  expect(() =>
    asUser(ctx, AM, () =>
      sheet.getRange('B3:C4').setValues([
        [1, 1],
        [2, 2],
      ]),
    ),
  ).toThrow(PROTECTED_MESSAGE);
  expect(() => asUser(ctx, AM, () => sheet.insertRowsAfter(3, 1))).toThrow(PROTECTED_MESSAGE);
});

test('a script write touching a cell the effective user may not edit fails with the same text and writes nothing', () => {
  const { sheet, ctx, store } = protectedWorkbook();
  sheet.getRange('B2:C2').setValues([['Acme', 'x@example.com']]);
  const before = store.snapshot('Sheet1').values;
  const writes: (() => unknown)[] = [
    () =>
      sheet.getRange('B2:C3').setValues([
        ['Beta', AM],
        ['Gamma', AM],
      ]),
    () => sheet.getRange('C2').setValue(AM),
    () => sheet.getRange('C5').setFormula('=A1'),
    () => sheet.getRange('A1:C3').clear(),
    () => sheet.getRange('C2').setNumberFormat('@'),
    () => sheet.deleteRow(2),
  ];
  for (const write of writes) expect(() => asUser(ctx, AM, write)).toThrow(PROTECTED_MESSAGE);
  expect(store.snapshot('Sheet1').values).toEqual(before);
  // ... while the effective user's rights are what count: a trigger running as the owner may write.
  ctx.identity.active = AM;
  sheet.getRange('C2').setValue(AM);
  expect(sheet.getRange('C2').getValue()).toBe(AM);
});

test('Protection setters by a non-editor fail; by an editor they work (description, range, domain edit, remove)', () => {
  const { header, ctx, sheet, app } = protectedWorkbook();
  expect(() => asUser(ctx, AM, () => header.setDescription('mine'))).toThrow(PROTECTED_MESSAGE);
  expect(() => asUser(ctx, AM, () => header.addEditor(AM))).toThrow(PROTECTED_MESSAGE);
  expect(() => asUser(ctx, AM, () => header.remove())).toThrow(PROTECTED_MESSAGE);
  header.setRange(sheet.getRange('A1:D1')).setDomainEdit(true);
  expect([header.getRange().getA1Notation(), header.canDomainEdit(), header.getDescription()]).toEqual([
    'A1:D1',
    true,
    'header',
  ]);
  expect(asUser(ctx, AM, () => header.canEdit())).toBe(true); // same domain as the owner
  header.setDomainEdit(false);
  header.remove();
  expect(sheet.getProtections(app.ProtectionType.RANGE).map((p) => p.getDescription())).toEqual([
    'owner column',
  ]);
});

test('protections on named ranges: setRangeName/getRangeName', () => {
  const { ss, sheet, app } = setup();
  ss.setNamedRange('Settings', sheet.getRange('A1:B5'));
  const p = sheet.getRange('Z1').protect().setRangeName('Settings');
  expect([p.getRangeName(), p.getRange().getA1Notation()]).toEqual(['Settings', 'A1:B5']);
  expect(ss.getProtections(app.ProtectionType.RANGE).map((x) => x.getRangeName())).toEqual(['Settings']);
  sheet.insertRowsBefore(1, 2); // the protection follows its named range
  expect(p.getRange().getA1Notation()).toBe('A3:B7');
});
