/**
 * Cell model, parsing of written strings, display values and the Range API's argument checks.
 * Reference: developers.google.com/apps-script/reference/spreadsheet/range and /sheet.
 */
import { createContext, isDate } from '../../../src/local/emulator/context';
import { SpreadsheetStore } from '../../../src/local/emulator/spreadsheet';
import { setup } from '../../support/spreadsheet';

describe('cell model and parsing of script writes', () => {
  test('getValues: read-back of numbers, booleans, strings, Dates; "" for empty cells; a fresh grid each call (Range.getValues)', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2024, 0, 31, 4, 30));
    sheet.getRange('A1:D1').setValues([[42, true, 'text', when]]);
    const v = sheet.getRange('A1:E1').getValues();
    expect(v).toEqual([[42, true, 'text', when, '']]);
    expect(isDate(v[0][3])).toBe(true);
    (v[0][3] as Date).setTime(0);
    v[0][0] = 'mutated';
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[42, true, 'text', when]]);
  });

  test('setValues parses strings as Sheets does: numbers, ISO dates at midnight in the spreadsheet time zone, TRUE/FALSE', () => {
    const { sheet } = setup({ timeZone: 'Asia/Shanghai' });
    sheet.getRange('A1:E1').setValues([['123', '-5', '1.5e3', '2024-01-31', 'true']]);
    const [[a, b, c, d, e]] = sheet.getRange('A1:E1').getValues();
    expect([a, b, c, e]).toEqual([123, -5, 1500, true]);
    expect((d as Date).toISOString()).toBe('2024-01-30T16:00:00.000Z'); // midnight in Shanghai (UTC+8)
  });

  test('a leading apostrophe forces text and is not stored: "\'=1" stores "=1" as text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([["'=1", "'0012"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=1', '0012']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });

  test('a string starting with "=" is a formula: getFormulas returns it; getValues returns its text (formulas are not evaluated)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(B1:B3)');
    expect(sheet.getRange('A1').getValue()).toBe('=SUM(B1:B3)');
    sheet.getRange('A2').setFormula('B2*2');
    expect(sheet.getRange('A2').getFormulas()).toEqual([['=B2*2']]);
  });

  test('in cells formatted "@" (plain text) strings stay text', () => {
    const { sheet } = setup();
    sheet.getRange('A:A').setNumberFormat('@');
    sheet.getRange('A1:B1').setValues([['+8613800000000', '+8613800000000']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['+8613800000000', 8613800000000]]);
    sheet.getRange('A2').setValue('2024-01-31');
    expect(sheet.getRange('A2').getValue()).toBe('2024-01-31');
  });

  test('a whole-column number format is one layered entry, not one per row', () => {
    const { store, sheet } = setup();
    sheet.getRange('C:C').setNumberFormat('0.00');
    sheet.getRange('C2:C1000').setNumberFormat('#,##0');
    const formats = store.toState().sheets[0].formats.numberFormat;
    expect(formats).toHaveLength(2);
    expect(sheet.getRange('C1:C2').getNumberFormats()).toEqual([['0.00'], ['#,##0']]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('display values (Range.getDisplayValues)', () => {
  test.each([
    [1234.5, '', '1234.5'],
    [0.1 + 0.2, '', '0.3'],
    [1234.5, '0', '1235'],
    [1234.5, '0.00', '1234.50'],
    [1234567.891, '#,##0', '1,234,568'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [0.256, '0%', '26%'],
    [0.256, '0.0%', '25.6%'],
    [-1234.5, '¥#,##0.00', '-¥1,234.50'],
    [1234.5, '¥#,##0.00', '¥1,234.50'],
    [42, '@', '42'],
    [true, '', 'TRUE'],
    [false, '0.00', 'FALSE'],
  ])('%p under "%s" shows "%s"', (value, format, shown) => {
    const { sheet } = setup();
    const r = sheet.getRange('B2');
    if (format) r.setNumberFormat(format);
    r.setValue(value);
    expect(r.getDisplayValue()).toBe(shown);
  });

  test('dates display in the spreadsheet time zone under yyyy-mm-dd, yyyy-mm-dd hh:mm, yyyy-mm-dd hh:mm:ss, m/d/yyyy; unformatted dates as yyyy-mm-dd', () => {
    const { sheet } = setup({ timeZone: 'Asia/Shanghai' });
    const instant = new Date(Date.UTC(2024, 0, 31, 17, 5, 9)); // 2024-02-01 01:05:09 in Shanghai
    const r = sheet.getRange('A1:E1');
    r.setValues([[instant, instant, instant, instant, '2024-03-05']]);
    r.setNumberFormats([['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd hh:mm:ss', 'm/d/yyyy', '']]);
    expect(r.getDisplayValues()).toEqual([
      ['2024-02-01', '2024-02-01 01:05', '2024-02-01 01:05:09', '2/1/2024', '2024-03-05'],
    ]);
    sheet.getRange('A2').setValue(new Date(Date.UTC(2024, 0, 31, 16))); // midnight in Shanghai, no format
    expect(sheet.getRange('A2').getDisplayValue()).toBe('2024-02-01');
  });
});

describe('Range API', () => {
  test('getRange overloads: "A1", "A1:B2", "A:A", "A2:C" (open-ended), "1:1", (row, col[, numRows[, numCols]])', () => {
    const { sheet } = setup();
    expect(sheet.getRange('B3').getA1Notation()).toBe('B3');
    expect(sheet.getRange('A1:B2').getNumRows()).toBe(2);
    const col = sheet.getRange('A:A');
    expect([col.getA1Notation(), col.getNumRows(), col.getNumColumns()]).toEqual(['A:A', 1000, 1]);
    const open = sheet.getRange('A2:C');
    expect([open.getA1Notation(), open.getRow(), open.getNumRows(), open.getLastColumn()]).toEqual([
      'A2:C',
      2,
      999,
      3,
    ]);
    const row = sheet.getRange('1:1');
    expect([row.getA1Notation(), row.getNumColumns()]).toEqual(['1:1', 26]);
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 2).getA1Notation()).toBe('C2:D5');
  });

  test('"The coordinates of the range are outside the dimensions of the sheet." and "The number of rows in the range must be at least 1." (Sheet.getRange)', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange('A1:A1001')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 0)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange('nonsense!!')).toThrow('Range not found');
  });

  test('setValues: "The number of rows in the data does not match the number of rows in the range. The data has X but the range has Y." and the columns variant', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B3').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(() => sheet.getRange('A1:B1').setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getRange('A1:B3').isBlank()).toBe(true);
  });

  test('setValue on a multi-cell range sets every cell; getValue reads the top-left cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(sheet.getRange('A1:B2').getValue()).toBe(7);
  });

  test('geometry: getRow/getColumn/getLastRow/getLastColumn/offset/getCell/getSheet/getGridId', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D5');
    expect([r.getRow(), r.getColumn(), r.getLastRow(), r.getLastColumn()]).toEqual([2, 2, 5, 4]);
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:E6');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 3).getA1Notation()).toBe('D3');
    expect(r.getSheet().getName()).toBe('Sheet1');
    expect(r.getGridId()).toBe(sheet.getSheetId());
  });

  test('clear(), clear({contentsOnly}), clearContent, clearFormat, clearDataValidations', () => {
    const { app, sheet } = setup();
    const r = sheet.getRange('A1:B2');
    r.setValues([
      [1, 2],
      [3, 4],
    ])
      .setNumberFormat('0.00')
      .setBackground('#ff0000');
    r.setDataValidation(app.newDataValidation().requireNumberBetween(0, 10).build());
    r.clear({ contentsOnly: true });
    expect(r.getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(r.getNumberFormat()).toBe('0.00');
    r.clearFormat();
    expect([r.getNumberFormat(), r.getBackground()]).toEqual(['0.###############', '#ffffff']);
    expect(r.getDataValidation()).not.toBeNull();
    r.clearDataValidations();
    expect(r.getDataValidation()).toBeNull();
    r.setValue(1).setBackground('#00ff00');
    r.clear();
    expect([r.getValue(), r.getBackground()]).toEqual(['', '#ffffff']);
  });

  test('formats are recorded per range: background, font weight/colour, alignment, wrap, note', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:C1');
    r.setBackground('#eeeeee')
      .setFontWeight('bold')
      .setFontColor('#333333')
      .setHorizontalAlignment('center')
      .setWrap(true)
      .setNote('hi');
    expect([
      r.getBackground(),
      r.getFontWeight(),
      r.getFontColor(),
      r.getHorizontalAlignment(),
      r.getWrap(),
      r.getNote(),
    ]).toEqual(['#eeeeee', 'bold', '#333333', 'center', true, 'hi']);
  });

  test('sort(spec) is stable; empty cells go last (Range.sort)', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B5');
    r.setValues([
      ['b', 1],
      ['a', 2],
      ['', 3],
      ['b', 0],
      ['a', 9],
    ]);
    r.sort({ column: 1, ascending: true });
    expect(r.getValues()).toEqual([
      ['a', 2],
      ['a', 9],
      ['b', 1],
      ['b', 0],
      ['', 3],
    ]);
    r.sort([{ column: 2, ascending: false }]);
    expect(r.getValues().map((x) => x[1])).toEqual([9, 3, 2, 1, 0]);
  });

  test('activate sets the active range; SpreadsheetApp.getActiveRange returns it', () => {
    const { app, sheet, store } = setup();
    sheet.getRange('C3:D4').activate();
    expect(app.getActiveRange()!.getA1Notation()).toBe('C3:D4');
    store.select('Sheet1', 'B2');
    expect(app.getActiveSpreadsheet().getActiveRange()!.getA1Notation()).toBe('B2');
  });

  test('insertCheckboxes sets a checkbox rule and unchecked (FALSE) values', () => {
    const { sheet, app } = setup();
    sheet.getRange('A1:A2').insertCheckboxes();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[false], [false]]);
    expect(String(sheet.getRange('A1').getDataValidation()!.getCriteriaType())).toBe('CHECKBOX');
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaType()).toBe(
      app.DataValidationCriteria.CHECKBOX,
    );
  });
});

describe('counting', () => {
  test('every public method call counts as "Class.method"; cells read and written are counted', () => {
    const { ctx, app } = setup();
    ctx.counter.reset();
    const sheet = app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    sheet.getRange(1, 1, 10, 3).setValues(Array.from({ length: 10 }, () => [1, 2, 3]));
    sheet.getRange('A1:C10').getValues();
    sheet.getRange('A1').getValue();
    sheet.getRange('A1:B2').getDisplayValues();
    const s = ctx.counter.snapshot();
    expect(s.calls).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 4,
      'Range.setValues': 1,
      'Range.getValues': 1,
      'Range.getValue': 1,
      'Range.getDisplayValues': 1,
    });
    expect([s.cellsWritten, s.cellsRead]).toEqual([30, 30 + 1 + 4]);
  });

  test('chained builder calls are counted on the builder class', () => {
    const { ctx, app } = setup();
    ctx.counter.reset();
    app.newDataValidation().requireValueInList(['a', 'b']).setAllowInvalid(false).build();
    expect(ctx.counter.snapshot().calls).toMatchObject({
      'SpreadsheetApp.newDataValidation': 1,
      'DataValidationBuilder.requireValueInList': 1,
      'DataValidationBuilder.setAllowInvalid': 1,
      'DataValidationBuilder.build': 1,
    });
  });
});

describe('performance and state', () => {
  // How fast the emulator is belongs to the benchmark (its node-time columns), not to a timed test.
  test('a 100,000 x 25 setValues/getValues round trip gives every value back', () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(1000, 99_000);
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      Array.from({ length: 25 }, (_, j) =>
        j === 0 ? `C${String(i).padStart(6, '0')}` : j === 1 ? i : j === 2 ? 'some text' : '',
      ),
    );
    sheet.getRange(1, 1, 100_000, 25).setValues(rows);
    const back = sheet.getRange(1, 1, 100_000, 25).getValues();
    expect(back[99_999][1]).toBe(99_999);
    expect(back[5][0]).toBe('C000005');
    expect(back[77_777]).toEqual(rows[77_777]);
  });

  test('toState / new SpreadsheetStore(ctx, state) round trip keeps values, Dates, formulas, formats, rules, protections', () => {
    const { ctx, store, app, ss, sheet } = setup();
    const d = new Date(Date.UTC(2024, 1, 29, 16));
    sheet.getRange('A1:C1').setValues([[d, '=A1+1', "'007"]]);
    sheet.getRange('D:D').setNumberFormat('0.00');
    sheet
      .getRange('E2:E')
      .setDataValidation(app.newDataValidation().requireValueInRange(sheet.getRange('Z2:Z')).build());
    sheet.getRange('A1:B2').protect().setDescription('p').removeEditors(['x@example.com']);
    sheet.setFrozenRows(1);
    ss.setNamedRange('Things', sheet.getRange('A1:A3'));
    sheet.getRange('B:B').addDeveloperMetadata('key', 'value');
    const state = store.toState();
    const json = JSON.parse(JSON.stringify(state));
    expect(json).toEqual(state);
    const again = new SpreadsheetStore(ctx, json);
    const s2 = again.app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    const v = s2.getRange('A1:C1').getValues();
    expect(isDate(v[0][0]) && (v[0][0] as Date).getTime()).toBe(d.getTime());
    expect(v[0].slice(1)).toEqual(['=A1+1', '007']);
    expect(s2.getRange('A1:C1').getFormulas()).toEqual([['', '=A1+1', '']]);
    expect(s2.getRange('D5').getNumberFormat()).toBe('0.00');
    expect(s2.getRange('E9').getDataValidation()!.getCriteriaValues()[0]).toMatchObject({});
    expect(
      (
        s2.getRange('E9').getDataValidation()!.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range
      ).getA1Notation(),
    ).toBe('Z2:Z');
    expect(s2.getProtections(again.app.ProtectionType.RANGE)[0].getDescription()).toBe('p');
    expect(s2.getFrozenRows()).toBe(1);
    expect(again.app.getActiveSpreadsheet().getRangeByName('Things')!.getA1Notation()).toBe('A1:A3');
    expect(s2.getRange('B:B').getDeveloperMetadata()[0].getValue()).toBe('value');
    expect(again.toState()).toEqual(state);
  });

  test('a new workbook has one sheet "Sheet1" of 1000 rows x 26 columns', () => {
    const store = new SpreadsheetStore(createContext('o@example.com'));
    const sheets = store.app.getActiveSpreadsheet().getSheets();
    expect(sheets.map((s) => [s.getName(), s.getMaxRows(), s.getMaxColumns()])).toEqual([
      ['Sheet1', 1000, 26],
    ]);
  });
});
