/**
 * Sheet and Spreadsheet structure: sheets, rows/columns and everything that follows them, named
 * ranges, developer metadata and size limits.
 * Reference: developers.google.com/apps-script/reference/spreadsheet/sheet, /spreadsheet,
 * /developer-metadata; Sheets API DeveloperMetadata ("if developer metadata is associated with
 * row 5 and another row is then subsequently inserted above row 5, that original metadata will
 * still be associated with the row it was first associated with ... If the associated object is
 * deleted its metadata is deleted too").
 */
import { CELL_LIMIT_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { setup } from '../../support/spreadsheet';

describe('Spreadsheet', () => {
  test('identity, locale, time zone, rename, toast (recorded), getOwner', () => {
    const { ss, store } = setup();
    expect([ss.getId(), ss.getName(), ss.getUrl()]).toEqual([
      'sheet-id',
      'CRM',
      'https://docs.google.com/spreadsheets/d/sheet-id/edit',
    ]);
    ss.rename('Clients');
    ss.setSpreadsheetLocale('zh_CN');
    ss.setSpreadsheetTimeZone('Europe/Paris');
    expect([ss.getName(), ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()]).toEqual([
      'Clients',
      'zh_CN',
      'Europe/Paris',
    ]);
    ss.toast('Saved', 'CRM', 3);
    expect(store.toasts()).toMatchObject([{ message: 'Saved', title: 'CRM', timeoutSeconds: 3 }]);
    expect(ss.getOwner()!.getEmail()).toBe('owner@example.com');
    ss.addEditor('am@example.com');
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'am@example.com']);
  });

  test('insertSheet(name[, index]); duplicate: \'A sheet with the name "X" already exists. Please enter another name.\'', () => {
    const { ss } = setup();
    const a = ss.insertSheet('Customers');
    expect(ss.getActiveSheet().getName()).toBe('Customers'); // the new sheet becomes active
    ss.insertSheet('Roles', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Roles', 'Sheet1', 'Customers']);
    expect(() => ss.insertSheet('Customers')).toThrow(
      'A sheet with the name "Customers" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('Roles').getName()).toThrow('already exists');
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheetById(a.getSheetId())!.getName()).toBe('Customers');
    expect(a.getIndex()).toBe(3);
    ss.deleteSheet(a);
    expect(ss.getSheets()).toHaveLength(2);
  });

  test('getRange("Sheet!A1:B2") and getRange with a quoted sheet name', () => {
    const { ss } = setup();
    ss.insertSheet('My sheet').getRange('B2').setValue('x');
    expect(ss.getRange("'My sheet'!B2").getValue()).toBe('x');
    expect(ss.getRange('Sheet1!A1:B2').getSheet().getName()).toBe('Sheet1');
    expect(() => ss.getRange('Missing!A1')).toThrow('Range not found');
  });
});

describe('Sheet size, appendRow and last row/column', () => {
  test('getLastRow/getLastColumn are the last row/column with content; getDataRange spans them', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });

  test('appendRow writes below the last row with content and extends the sheet when it is full', () => {
    const { sheet } = setup();
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['a', '2', '=A1']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange('A1001:C1001').getValues()).toEqual([['a', 2, '=A1']]);
    sheet.appendRow(Array.from({ length: 28 }, (_, i) => i));
    expect(sheet.getMaxColumns()).toBe(28);
  });

  test('writing outside the dimensions fails, so callers must insert rows first', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1, 1, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    sheet.insertRowsAfter(1000, 5);
    sheet.getRange(1005, 1).setValue('ok');
    expect(sheet.getMaxRows()).toBe(1005);
  });

  test(`a workbook-wide 10,000,000 cell limit: "${CELL_LIMIT_MESSAGE}"`, () => {
    const { sheet, ss } = setup();
    sheet.insertRowsAfter(1000, 300_000); // 301,000 x 26 = 7,826,000 cells
    expect(() => ss.insertSheet('Big').insertRowsAfter(1000, 100_000)).toThrow(CELL_LIMIT_MESSAGE);
    expect(() => sheet.insertColumnsAfter(26, 10)).toThrow(CELL_LIMIT_MESSAGE);
  });

  test('"Sorry, it is not possible to delete all non-frozen rows." and out-of-bounds deletes', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteColumns(1, 26)).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });

  test('frozen rows/columns, column widths, hidden columns, tab colour, name', () => {
    const { sheet, ss } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    sheet.setColumnWidth(3, 240);
    sheet.hideColumns(4, 2);
    sheet.setTabColor('#ff0000');
    sheet.setName('Customers');
    expect([
      sheet.getFrozenRows(),
      sheet.getFrozenColumns(),
      sheet.getColumnWidth(3),
      sheet.getColumnWidth(1),
    ]).toEqual([1, 2, 240, 100]);
    expect([sheet.isColumnHiddenByUser(4), sheet.isColumnHiddenByUser(6), sheet.getTabColor()]).toEqual([
      true,
      false,
      '#ff0000',
    ]);
    expect(() => ss.insertSheet('x').setName('customers')).toThrow(
      'A sheet with the name "customers" already exists. Please enter another name.',
    );
    sheet.showColumns(4, 2);
    expect(sheet.isColumnHiddenByUser(4)).toBe(false);
  });

  test('Sheet.sort(column, ascending) sorts the rows below the frozen rows', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['name', 'n'],
      ['b', 2],
      ['c', 1],
      ['a', 3],
    ]);
    sheet.setFrozenRows(1);
    sheet.sort(2, false);
    expect(sheet.getRange('A1:A4').getValues().flat()).toEqual(['name', 'a', 'b', 'c']);
  });
});

describe('insert/delete/move shifts everything that holds a range', () => {
  test('insertRowsBefore shifts values, formats, validations, protections, named ranges, row metadata, conditional formats and charts', () => {
    const { app, ss, sheet } = setup();
    sheet.getRange('A5:B5').setValues([['x', 1]]);
    sheet.getRange('A5').setNumberFormat('@');
    sheet.getRange('B5:B6').setDataValidation(app.newDataValidation().requireNumberBetween(1, 5).build());
    const p = sheet.getRange('A5:B6').protect();
    ss.setNamedRange('Target', sheet.getRange('A5:B6'));
    sheet.getRange('5:5').addDeveloperMetadata('row', 'five');
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellNotEmpty()
        .setBackground('#eeeeee')
        .setRanges([sheet.getRange('A5:B6')])
        .build(),
    ]);
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A5:B6')).build());

    sheet.insertRowsBefore(2, 3);
    expect(sheet.getMaxRows()).toBe(1003);
    expect(sheet.getRange('A8:B8').getValues()).toEqual([['x', 1]]);
    expect(sheet.getRange('A8').getNumberFormat()).toBe('@');
    expect(sheet.getRange('B9').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('B5').getDataValidation()).toBeNull();
    expect(p.getRange().getA1Notation()).toBe('A8:B9');
    expect(ss.getRangeByName('Target')!.getA1Notation()).toBe('A8:B9');
    expect(
      ss.createDeveloperMetadataFinder().withKey('row').find()[0].getLocation().getRow()!.getA1Notation(),
    ).toBe('A8:Z8');
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('A8:B9');
    expect(sheet.getCharts()[0].getRanges()[0].getA1Notation()).toBe('A8:B9');

    sheet.deleteRows(8, 1);
    expect(p.getRange().getA1Notation()).toBe('A8:B8');
    expect(ss.createDeveloperMetadataFinder().withKey('row').find()).toEqual([]); // removed with its row
    sheet.deleteRow(8);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
    expect(ss.getRangeByName('Target')).toBeNull();
  });

  test('a rule inside a range grows when rows are inserted inside it; insertRowAfter inherits formats and validation of the row before', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('C2:C10')
      .setDataValidation(app.newDataValidation().requireValueInList(['A', 'B']).build());
    sheet.getRange('C2:C10').setNumberFormat('0.00');
    sheet.insertRowsAfter(5, 2);
    expect(sheet.getRange('C12').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('C6:C7').getNumberFormats()).toEqual([['0.00'], ['0.00']]);
    sheet.insertRowAfter(12);
    expect(sheet.getRange('C13').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('C14').getDataValidation()).toBeNull();
  });

  test('moveColumns(range, destinationIndex): destination in pre-move coordinates; column metadata follows its column', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['a', 'b', 'c', 'd']]);
    sheet.getRange('B:B').addDeveloperMetadata('crm.col', 'b');
    sheet.setColumnWidth(2, 150);
    sheet.moveColumns(sheet.getRange('B1'), 4); // before D: a c b d
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', 'c', 'b', 'd']]);
    const md = sheet.createDeveloperMetadataFinder().withKey('crm.col').find()[0];
    expect(md.getLocation().getColumn()!.getColumn()).toBe(3);
    expect(sheet.getColumnWidth(3)).toBe(150);
    sheet.moveColumns(sheet.getRange('C:C'), 1); // b a c d
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['b', 'a', 'c', 'd']]);
    expect(md.getLocation().getColumn()!.getColumn()).toBe(1);
  });

  test('column metadata follows inserts before it and deletes elsewhere, and is removed with its column', () => {
    const { sheet } = setup();
    sheet.getRange(1, 3, sheet.getMaxRows(), 1).addDeveloperMetadata('crm.col', 'phone');
    const find = () => sheet.createDeveloperMetadataFinder().withKey('crm.col').find();
    sheet.insertColumnsBefore(1, 2);
    expect(find()[0].getLocation().getColumn()!.getA1Notation()).toBe('E1:E1000');
    sheet.deleteColumn(1);
    expect(find()[0].getLocation().getColumn()!.getColumn()).toBe(4);
    sheet.insertColumnAfter(4);
    expect(find()[0].getLocation().getColumn()!.getColumn()).toBe(4);
    sheet.deleteColumn(4);
    expect(find()).toEqual([]);
  });

  // Sheet.insertColumnBefore reference: "Inserts a column before the given column position" — the
  // new column takes its neighbour's formatting, as in the Sheets UI; notes are cell content.
  test('insertColumnBefore: the new column takes formats but not the notes of its neighbour', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setNote('sheets-crm:email').setNumberFormat('0.00');
    sheet.insertColumnBefore(2);
    expect(sheet.getRange('B1').getNote()).toBe('');
    expect(sheet.getRange('B1').getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('C1').getNote()).toBe('sheets-crm:email');
  });

  test('moveRows moves values and their validation', () => {
    const { sheet, app } = setup();
    sheet.getRange('A1:A3').setValues([['1'], ['2'], ['3']]);
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireNumberEqualTo(1).build());
    sheet.moveRows(sheet.getRange('1:1'), 4);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[2], [3], [1]]);
    expect(sheet.getRange('A3').getDataValidation()).not.toBeNull();
  });
});

describe('named ranges (Spreadsheet.setNamedRange, NamedRange)', () => {
  test('set, get, list, rename, re-point, remove', () => {
    const { ss, sheet } = setup();
    ss.setNamedRange('Tiers', sheet.getRange('A1:A3'));
    expect(ss.getRangeByName('Tiers')!.getA1Notation()).toBe('A1:A3');
    const [nr] = ss.getNamedRanges();
    nr.setName('TierList').setRange(sheet.getRange('B1:B2'));
    expect([nr.getName(), nr.getRange().getA1Notation()]).toEqual(['TierList', 'B1:B2']);
    expect(ss.getRangeByName('Tiers')).toBeNull();
    ss.removeNamedRange('TierList');
    expect(ss.getNamedRanges()).toEqual([]);
    ss.setNamedRange('X', sheet.getRange('A1'));
    ss.getNamedRanges()[0].remove();
    expect(ss.getRangeByName('X')).toBeNull();
  });
});

describe('developer metadata', () => {
  test('spreadsheet, sheet and range metadata; finder withKey/withValue/withLocationType; DeveloperMetadata setters and remove', () => {
    const { app, ss, sheet } = setup();
    ss.addDeveloperMetadata('crm.version', '3');
    sheet.addDeveloperMetadata('crm.sheet', 'customers', app.DeveloperMetadataVisibility.PROJECT);
    sheet.getRange('C:C').addDeveloperMetadata('crm.col', 'phone');
    expect(ss.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['crm.version']);
    const [sm] = sheet.getDeveloperMetadata();
    expect([sm.getKey(), sm.getValue(), String(sm.getVisibility())]).toEqual([
      'crm.sheet',
      'customers',
      'PROJECT',
    ]);
    expect(sm.getLocation().getSheet()!.getName()).toBe('Sheet1');
    expect(String(sm.getLocation().getLocationType())).toBe('SHEET');
    const found = ss
      .createDeveloperMetadataFinder()
      .withKey('crm.col')
      .withValue('phone')
      .withLocationType(app.DeveloperMetadataLocationType.COLUMN)
      .find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getLocationType()).toBe(app.DeveloperMetadataLocationType.COLUMN);
    found[0].setValue('mobile').setKey('crm.column');
    expect(ss.createDeveloperMetadataFinder().withKey('crm.column').find()[0].getValue()).toBe('mobile');
    expect(typeof found[0].getId()).toBe('number');
    found[0].remove();
    expect(ss.createDeveloperMetadataFinder().withKey('crm.column').find()).toEqual([]);
  });

  test('range metadata is only allowed on whole rows or columns', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('k')).toThrow(
      'Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
    sheet.getRange(3, 1, 1, sheet.getMaxColumns()).addDeveloperMetadata('row3');
    expect(String(sheet.getRange('3:3').getDeveloperMetadata()[0].getLocation().getLocationType())).toBe(
      'ROW',
    );
  });
});
