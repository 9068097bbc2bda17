/**
 * Data validation. Reference: developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * and /data-validation ("getAllowInvalid ... The default for new data validation rules is true").
 * Rules apply to a person's edits; script writes (setValue/setValues) are not validated.
 */
import { evaluateFormula, FormulaUnsupportedError } from '../../../src/local/emulator/spreadsheet';
import type { FormulaHost } from '../../../src/local/emulator/spreadsheet/formula';
import { setup } from '../../support/spreadsheet';

const PHONE = '=REGEXMATCH(TO_TEXT(E2),"^\\+?[0-9 ()-]{6,25}$")';

test('builder: criteria type and values, help text, allowInvalid (default true), copy, withCriteria', () => {
  const { app, sheet } = setup();
  const rule = app
    .newDataValidation()
    .requireValueInList(['A', 'B', 'C'], false)
    .setHelpText('Pick a tier')
    .build();
  expect([
    String(rule.getCriteriaType()),
    rule.getCriteriaValues(),
    rule.getHelpText(),
    rule.getAllowInvalid(),
  ]).toEqual(['VALUE_IN_LIST', [['A', 'B', 'C'], false], 'Pick a tier', true]);
  const strict = rule.copy().setAllowInvalid(false).build();
  expect([strict.getAllowInvalid(), rule.getAllowInvalid()]).toEqual([false, true]);
  const num = app.newDataValidation().withCriteria(app.DataValidationCriteria.NUMBER_BETWEEN, [1, 5]).build();
  expect([num.getCriteriaType(), num.getCriteriaValues()]).toEqual([
    app.DataValidationCriteria.NUMBER_BETWEEN,
    [1, 5],
  ]);
  sheet.getRange('A2:A100000'.replace('100000', '1000')).setDataValidation(strict);
  expect(
    sheet
      .getRange('A2:A3')
      .getDataValidations()
      .map((r) => String(r[0]!.getCriteriaType())),
  ).toEqual(['VALUE_IN_LIST', 'VALUE_IN_LIST']);
  expect(sheet.getRange('A1').getDataValidation()).toBeNull();
});

test('a rule on an open-ended range follows the sheet as appendRow grows it', () => {
  const { app, sheet, store } = setup();
  sheet
    .getRange('A2:A')
    .setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).setAllowInvalid(false).build());
  sheet.getRange(1000, 2).setValue('last');
  sheet.appendRow(['x', 'y']);
  expect(sheet.getRange('A1001').getDataValidation()).not.toBeNull();
  expect(() => store.userEdit('Sheet1', 'A1001', '-1')).toThrow('cell A1001 violates');
});

test('clearing part of a rule hides it there, survives row inserts and a state round trip', () => {
  const { app, sheet, store, ctx } = setup();
  sheet.getRange('A1:A10').setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).build());
  sheet.getRange('A3:A4').clearDataValidations();
  sheet.insertRowsBefore(1, 1);
  expect(
    sheet
      .getRange('A2:A6')
      .getDataValidations()
      .map((r) => r[0] !== null),
  ).toEqual([true, true, false, false, true]);
  const again = new (
    store.constructor as typeof import('../../../src/local/emulator/spreadsheet').SpreadsheetStore
  )(ctx, store.toState());
  expect(again.app.getActiveSheet().getRange('A4').getDataValidation()).toBeNull();
  expect(again.app.getActiveSheet().getRange('A6').getDataValidation()).not.toBeNull();
});

test('a rule over A2:A100000 is stored as one rectangle', () => {
  const { app, sheet, store } = setup();
  sheet.insertRowsAfter(1000, 99_000);
  sheet.getRange('A2:A100000').setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).build());
  expect(store.toState().sheets[0].validations).toHaveLength(1);
  sheet
    .getRange('B1:B3')
    .setDataValidations([[null], [app.newDataValidation().requireDate().build()], [null]]);
  expect(
    sheet
      .getRange('B1:B3')
      .getDataValidations()
      .map((r) => r[0] && String(r[0].getCriteriaType())),
  ).toEqual([null, 'DATE_IS_VALID_DATE', null]);
});

test("userEdit with allowInvalid false rejects with Sheets' message (help text when set); setValues bypasses validation", () => {
  const { app, sheet, store } = setup();
  sheet
    .getRange('B2:B')
    .setDataValidation(
      app.newDataValidation().requireValueInList(['A', 'B', 'C']).setAllowInvalid(false).build(),
    );
  sheet
    .getRange('C2:C')
    .setDataValidation(
      app
        .newDataValidation()
        .requireTextIsEmail()
        .setAllowInvalid(false)
        .setHelpText('Enter an e-mail address')
        .build(),
    );
  expect(() => store.userEdit('Sheet1', 'B5', 'D')).toThrow(
    'There was a problem\nThe data you entered in cell B5 violates the data validation rules set on this cell.',
  );
  expect(() => store.userEdit('Sheet1', 'C2', 'nope')).toThrow(
    'There was a problem\nEnter an e-mail address',
  );
  expect(store.userEdit('Sheet1', 'B5', 'A')).toMatchObject({
    row: 5,
    column: 2,
    value: 'A',
    numRows: 1,
    numColumns: 1,
  });
  expect(store.userEdit('Sheet1', 'B5', '')).toMatchObject({ oldValue: 'A' }); // clearing is always allowed
  sheet.getRange('B6:C6').setValues([['D', 'nope']]); // script writes are not validated
  expect(sheet.getRange('B6:C6').getValues()).toEqual([['D', 'nope']]);
});

test('userEdit with allowInvalid true accepts invalid input with a warning', () => {
  const { app, sheet, store } = setup();
  sheet.getRange('D2:D').setDataValidation(app.newDataValidation().requireNumberBetween(1, 5).build());
  const result = store.userEdit('Sheet1', 'D2', '9');
  expect(result).toMatchObject({ value: 9 });
  expect(result.warning).toMatch(/^Invalid: /);
});

test('a pasted grid is validated cell by cell and written all or nothing', () => {
  const { app, sheet, store } = setup();
  sheet
    .getRange('A2:A')
    .setDataValidation(
      app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).build(),
    );
  expect(() => store.userEdit('Sheet1', 'A2', [[1], [-1]])).toThrow('cell A3 violates');
  expect(sheet.getRange('A2:A3').getValues()).toEqual([[''], ['']]);
  expect(
    store.userEdit('Sheet1', 'A2', [
      ['1', 'x'],
      ['2', 'y'],
    ]),
  ).toMatchObject({ a1: 'A2:B3', numRows: 2, numColumns: 2 });
  expect(sheet.getRange('A2:B3').getValues()).toEqual([
    [1, 'x'],
    [2, 'y'],
  ]);
});

test("requireValueInRange follows the referenced range's current values (Roles!A2:A grows)", () => {
  const { app, ss, sheet, store } = setup();
  const roles = ss.insertSheet('Roles');
  roles.getRange('A1:A3').setValues([['email'], ['a@example.com'], ['b@example.com']]);
  sheet
    .getRange('L2:L')
    .setDataValidation(
      app.newDataValidation().requireValueInRange(roles.getRange('A2:A')).setAllowInvalid(false).build(),
    );
  expect(() => store.userEdit('Sheet1', 'L2', 'c@example.com')).toThrow('There was a problem');
  roles.appendRow(['c@example.com']);
  expect(store.userEdit('Sheet1', 'L2', 'c@example.com').value).toBe('c@example.com');
  const [range] = sheet.getRange('L2').getDataValidation()!.getCriteriaValues() as [
    GoogleAppsScript.Spreadsheet.Range,
  ];
  expect([range.getSheet().getName(), range.getA1Notation()]).toEqual(['Roles', 'A2:A']);
});

test('number, date, text and checkbox criteria', () => {
  const { app, sheet, store } = setup({ timeZone: 'Etc/GMT' });
  const strict = (b: GoogleAppsScript.Spreadsheet.DataValidationBuilder) => b.setAllowInvalid(false).build();
  sheet.getRange('A1').setDataValidation(strict(app.newDataValidation().requireNumberLessThan(10)));
  sheet
    .getRange('A2')
    .setDataValidation(strict(app.newDataValidation().requireDateOnOrAfter(new Date(Date.UTC(2024, 0, 1)))));
  sheet.getRange('A3').setDataValidation(strict(app.newDataValidation().requireTextContains('@')));
  sheet.getRange('A4').setDataValidation(strict(app.newDataValidation().requireCheckbox()));
  sheet.getRange('A5').setDataValidation(strict(app.newDataValidation().requireTextIsUrl()));
  sheet
    .getRange('A6')
    .setDataValidation(
      strict(
        app
          .newDataValidation()
          .requireDateBetween(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 11, 31))),
      ),
    );
  const ok = (a1: string, v: unknown) => expect(() => store.userEdit('Sheet1', a1, v)).not.toThrow();
  const bad = (a1: string, v: unknown) =>
    expect(() => store.userEdit('Sheet1', a1, v)).toThrow('There was a problem');
  ok('A1', '9');
  bad('A1', '10');
  bad('A1', 'text');
  ok('A2', '2024-01-01');
  bad('A2', '2023-12-31');
  bad('A2', '42');
  ok('A3', 'a@b');
  bad('A3', 'ab');
  ok('A4', 'TRUE');
  bad('A4', 'yes');
  ok('A5', 'https://example.com/x');
  bad('A5', 'not a url');
  ok('A6', '2024-06-01');
  bad('A6', '2025-01-01');
});

test(`custom formula phone rule ${PHONE} (relative references offset from the rule's top-left cell)`, () => {
  const { app, sheet, store } = setup();
  sheet
    .getRange('E2:E')
    .setNumberFormat('@')
    .setDataValidation(app.newDataValidation().requireFormulaSatisfied(PHONE).setAllowInvalid(false).build());
  expect(store.userEdit('Sheet1', 'E7', '+86 138 0000 0000').value).toBe('+86 138 0000 0000');
  expect(store.userEdit('Sheet1', 'E8', '(010) 1234-5678').value).toBe('(010) 1234-5678');
  expect(() => store.userEdit('Sheet1', 'E9', 'call me')).toThrow('cell E9 violates');
  expect(() => store.userEdit('Sheet1', 'E9', '12')).toThrow('There was a problem');
});

test('custom formula rules with cross-sheet references, COUNTIF uniqueness and MATCH', () => {
  const { app, ss, sheet, store } = setup();
  ss.insertSheet('Roles List')
    .getRange('A1:A2')
    .setValues([['a@example.com'], ['b@example.com']]);
  sheet
    .getRange('A2:A')
    .setDataValidation(
      app
        .newDataValidation()
        .requireFormulaSatisfied('=COUNTIF($A$2:$A,A2)=1')
        .setAllowInvalid(false)
        .build(),
    );
  sheet
    .getRange('B2:B')
    .setDataValidation(
      app
        .newDataValidation()
        .requireFormulaSatisfied("=NOT(ISNA(MATCH(B2,'Roles List'!A:A,0)))")
        .setAllowInvalid(false)
        .build(),
    );
  store.userEdit('Sheet1', 'A2', 'C000001');
  expect(() => store.userEdit('Sheet1', 'A3', 'c000001')).toThrow('cell A3 violates'); // COUNTIF is case-insensitive
  store.userEdit('Sheet1', 'A3', 'C000002');
  expect(store.userEdit('Sheet1', 'B4', 'B@example.com').value).toBe('B@example.com');
  expect(() => store.userEdit('Sheet1', 'B4', 'z@example.com')).toThrow('cell B4 violates');
});

describe('formula evaluator', () => {
  const cells: Record<string, unknown> = { A1: 5, A2: 'Hello', A3: '', B1: 10, B2: true };
  const host: FormulaHost = {
    cell: (_s, row, col) => cells[`${String.fromCharCode(64 + col)}${row}`] as never,
    size: (s) => (s === null || s === 'Other' ? { rows: 10, cols: 5 } : null),
    toSerial: () => 0,
  };
  const ev = (f: string, at = { row: 1, col: 1 }) => evaluateFormula(f, host, { row: 1, col: 1 }, at);

  test.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=A1&"x"', '5x'],
    ['=A1>=5', true],
    ['=A2="hello"', true],
    ['=EXACT(A2,"hello")', false],
    ['=LEN(TRIM("  a  b "))', 3],
    ['=UPPER(A2)', 'HELLO'],
    ['=LOWER(A2)', 'hello'],
    ['=AND(A1>1,B1>1)', true],
    ['=OR(A1>6,B2)', true],
    ['=ISBLANK(A3)', true],
    ['=ISNUMBER(A1)', true],
    ['=ISTEXT(A1)', false],
    ['=INT(7.9)', 7],
    ['=VALUE("12.5")', 12.5],
    ['=IF(A1>3,"big","small")', 'big'],
    ['=IFERROR(1/0,"div")', 'div'],
    ['=ISNA(MATCH(99,A1:B1,0))', true],
    ['=MATCH(10,A1:B1,0)', 2],
    ['=COUNTIFS(A1:A3,"<>",B1:B3,">5")', 1],
    ['=REGEXMATCH(TO_TEXT(A1),"^[0-9]+$")', true],
    ['=A$1+$B1', 15],
  ])('%s = %p', (f, expected) => {
    expect(ev(f)).toEqual(expected);
  });

  test('relative references move with the evaluated cell; absolute ones do not', () => {
    expect(ev('=A1', { row: 2, col: 1 })).toBe('Hello');
    expect(ev('=$A$1', { row: 2, col: 2 })).toBe(5);
  });

  test('unknown functions fail closed with a clear error', () => {
    expect(() => ev('=VLOOKUP(1,A1:B2,2,FALSE)')).toThrow(FormulaUnsupportedError);
    expect(() => ev('=VLOOKUP(1,A1:B2,2,FALSE)')).toThrow('Unknown function: VLOOKUP');
  });

  test('a rule with an unknown function rejects the edit (fails closed)', () => {
    const { app, sheet, store } = setup();
    sheet
      .getRange('A1')
      .setDataValidation(
        app.newDataValidation().requireFormulaSatisfied('=FOO(A1)').setAllowInvalid(false).build(),
      );
    expect(() => store.userEdit('Sheet1', 'A1', 'x')).toThrow('There was a problem');
  });
});
