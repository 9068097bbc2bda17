/**
 * RangeList. Reference: developers.google.com/apps-script/reference/spreadsheet/range-list and
 * Sheet.getRangeList: "Returns the RangeList collection representing the ranges in the same sheet
 * specified by a non-empty list of A1 notations."
 */
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { asUser, setup } from '../../support/spreadsheet';

const AM = 'am@example.com';

test('getRanges: "Returns a list of one or more Range instances in the same sheet", in the order given', () => {
  const { sheet } = setup();
  const list = sheet.getRangeList(['C10:C12', 'A1', 'B5:B6']);
  expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['C10:C12', 'A1', 'B5:B6']);
  expect(list.getRanges().every((r) => r.getSheet().getName() === sheet.getName())).toBe(true);
});

test('setValue: "Sets the value for each Range in the RangeList"; cells between the ranges keep theirs', () => {
  const { sheet, ctx } = setup();
  sheet.getRange('C1:C6').setValues([['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
  ctx.counter.reset();
  sheet.getRangeList(['C2:C3', 'C5']).setValue('X');
  expect(
    sheet
      .getRange('C1:C6')
      .getValues()
      .map((r) => r[0]),
  ).toEqual(['a', 'X', 'X', 'd', 'X', 'f']);
  // One call of the list's own; each cell of each range counts as written.
  const stats = ctx.counter.snapshot();
  expect(stats.calls['RangeList.setValue']).toBe(1);
  expect(stats.calls['Range.setValue']).toBeUndefined();
  expect(stats.cellsWritten).toBe(3);
});

test('setValue parses strings as Range.setValue does (numbers, formulas)', () => {
  const { sheet } = setup();
  sheet.getRangeList(['A1', 'B2']).setValue('42');
  expect([sheet.getRange('A1').getValue(), sheet.getRange('B2').getValue()]).toEqual([42, 42]);
  sheet.getRangeList(['A3']).setValue('=A1+1');
  expect(sheet.getRange('A3').getFormula()).toBe('=A1+1');
});

test('clearContent: "Clears the content of each Range in the range list, leaving the formatting intact"', () => {
  const { sheet } = setup();
  sheet.getRange('A1:A3').setValues([['x'], ['y'], ['z']]);
  sheet.getRange('A1').setNumberFormat('0.00');
  sheet.getRangeList(['A1', 'A3']).clearContent();
  expect(sheet.getRange('A1:A3').getValues()).toEqual([[''], ['y'], ['']]);
  expect(sheet.getRange('A1').getNumberFormat()).toBe('0.00');
});

test('setNumberFormat sets the format of each Range in the list', () => {
  const { sheet } = setup();
  sheet.getRangeList(['A1', 'C2:C3']).setNumberFormat('@');
  expect(['A1', 'C2', 'C3'].map((a1) => sheet.getRange(a1).getNumberFormat())).toEqual(['@', '@', '@']);
  expect(sheet.getRange('B1').getNumberFormat()).not.toBe('@');
});

test('getRangeList needs a non-empty list of A1 notations inside the sheet', () => {
  const { sheet } = setup();
  expect(() => sheet.getRangeList([])).toThrow();
  expect(() => sheet.getRangeList(['A1', 'not a range'])).toThrow('Range not found');
  expect(() => sheet.getRangeList([`A${sheet.getMaxRows() + 1}`])).toThrow(
    'The coordinates of the range are outside the dimensions of the sheet.',
  );
});

test('protections: a user who may not edit one of the ranges gets the protection error and nothing is written', () => {
  const { sheet, ctx, ss } = setup();
  ss.addEditors([AM]);
  sheet.getRange('A1:A5').setValues([['1'], ['2'], ['3'], ['4'], ['5']]);
  const p = sheet.getRange('A4:A5').protect();
  p.removeEditors(p.getEditors());
  expect(() => asUser(ctx, AM, () => sheet.getRangeList(['A1:A2', 'A4']).setValue('X'))).toThrow(
    PROTECTED_MESSAGE,
  );
  expect(
    sheet
      .getRange('A1:A5')
      .getValues()
      .map((r) => r[0]),
  ).toEqual([1, 2, 3, 4, 5]);
  asUser(ctx, AM, () => sheet.getRangeList(['A1:A2', 'A3']).setValue('X'));
  expect(
    sheet
      .getRange('A1:A5')
      .getValues()
      .map((r) => r[0]),
  ).toEqual(['X', 'X', 'X', 4, 5]);
  // The owner may always edit.
  sheet.getRangeList(['A5']).setValue('Y');
  expect(sheet.getRange('A5').getValue()).toBe('Y');
});
