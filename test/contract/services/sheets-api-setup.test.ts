/**
 * The Sheets advanced service's requests for laying out a workbook in one batch (addSheet,
 * updateCells, appendDimension, deleteSheet) and the grid data Spreadsheets.get gives for a header
 * row (notes, column and row metadata), each checked through SpreadsheetApp so both faces agree.
 * Reference: developers.google.com/sheets/api/reference/rest/v4 (spreadsheets.batchUpdate Request
 * kinds, SheetProperties, CellData, ExtendedValue, GridData, DimensionProperties).
 */
import { createSheetsApi } from '../../../src/local/emulator/services/sheets-api';
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { asUser, setup } from '../../support/spreadsheet';

const REP = 'rep@example.com';
const ID = 'sheet-id';
const FAILED = 'API call to sheets.spreadsheets.batchUpdate failed with error: ';

type Request = GoogleAppsScript.Sheets.Schema.Request;

function api() {
  const env = setup();
  env.ss.addEditors([REP]);
  env.sheet.getRange('A1:C2').setValues([
    ['id', 'name', 'owner'],
    [1, 'Acme', REP],
  ]);
  env.ctx.counter.reset();
  const Sheets = createSheetsApi(() => env.store.apiEnv);
  const batch = (...requests: Request[]) => Sheets.Spreadsheets.batchUpdate({ requests }, ID);
  return { ...env, Sheets, batch };
}

describe('addSheet: "Adds a new sheet. When a sheet is added at a given index, all subsequent sheets\' indexes are incremented."', () => {
  test('the new sheet is the one SpreadsheetApp sees, with the properties asked; the reply prints them as get does', () => {
    const { batch, Sheets, ss, ctx } = api();
    const res = batch({
      addSheet: {
        properties: {
          sheetId: 4242,
          title: '客户',
          index: 0,
          gridProperties: { rowCount: 50, columnCount: 8, frozenRowCount: 1, frozenColumnCount: 2 },
          hidden: true,
          tabColor: { red: 1, green: 0, blue: 0 },
        },
      },
    });
    expect(ctx.counter.snapshot().calls).toEqual({ 'Sheets.Spreadsheets.batchUpdate': 1 });
    const props = res.replies![0].addSheet!.properties!;
    expect(props).toEqual({
      sheetId: 4242,
      title: '客户',
      index: 0,
      sheetType: 'GRID',
      gridProperties: { rowCount: 50, columnCount: 8, frozenRowCount: 1, frozenColumnCount: 2 },
      hidden: true,
      tabColor: { red: 1, green: 0, blue: 0 },
      tabColorStyle: { rgbColor: { red: 1, green: 0, blue: 0 } },
    });
    expect(Sheets.Spreadsheets.get(ID).sheets!.map((s) => s.properties)).toEqual([
      props,
      expect.objectContaining({ sheetId: 0, title: 'Sheet1', index: 1 }),
    ]);
    const added = ss.getSheetByName('客户')!;
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['客户', 'Sheet1']);
    expect(added.getSheetId()).toBe(4242);
    expect([added.getMaxRows(), added.getMaxColumns()]).toEqual([50, 8]);
    expect([added.getFrozenRows(), added.getFrozenColumns()]).toEqual([1, 2]);
    expect(added.isSheetHidden()).toBe(true);
    expect(added.getTabColor()).toBe('#ff0000');
    // The API acts on the document, not on anyone's view of it.
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
  });

  test('"All properties are optional": without them the sheet is 1000 x 26, named and numbered as insertSheet does', () => {
    const { batch, ss } = api();
    const res = batch({ addSheet: {} }, { addSheet: { properties: { title: 'Later' } } });
    const [a, b] = res.replies!.map((r) => r.addSheet!.properties!);
    expect(a).toMatchObject({
      title: 'Sheet2',
      index: 1,
      gridProperties: { rowCount: 1000, columnCount: 26 },
    });
    expect(b).toMatchObject({ title: 'Later', index: 2 });
    expect(new Set([0, a.sheetId, b.sheetId]).size).toBe(3);
    const made = ss.insertSheet('By SpreadsheetApp');
    expect([a.sheetId, b.sheetId]).not.toContain(made.getSheetId());
    expect(ss.getSheetByName('Sheet2')!.getMaxColumns()).toBe(26);
  });

  test('a sheetId given is kept, and ids handed out later never meet it', () => {
    const { batch, ss } = api();
    batch({ addSheet: { properties: { sheetId: 7, title: 'Seven' } } });
    const ids = [0, 7];
    for (let i = 0; i < 8; i++) ids.push(ss.insertSheet().getSheetId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('later requests of the batch use the new sheetId; a later failure takes the sheet away again', () => {
    const { batch, ss, store } = api();
    const before = store.toState();
    expect(() =>
      batch(
        { addSheet: { properties: { sheetId: 99, title: 'Tmp' } } },
        {
          updateCells: {
            start: { sheetId: 99 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'head' } }] }],
            fields: 'userEnteredValue',
          },
        },
        {
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: 'k',
              location: { dimensionRange: { sheetId: 99, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } },
            },
          },
        },
        { deleteProtectedRange: { protectedRangeId: 123456 } },
      ),
    ).toThrow(`${FAILED}Invalid requests[3].deleteProtectedRange: No protected range with id: 123456`);
    expect(store.toState()).toEqual(before);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(ss.createDeveloperMetadataFinder().withKey('k').find()).toEqual([]);
  });

  test('refusals: a name taken (any case), an id taken ("It is an error to specify the ID of a sheet that already exists"), a negative id ("Must be non-negative"), a property not emulated', () => {
    const { batch } = api();
    expect(() => batch({ addSheet: { properties: { title: 'sheet1' } } })).toThrow(
      `${FAILED}Invalid requests[0].addSheet: A sheet with the name "sheet1" already exists. Please enter another name.`,
    );
    expect(() => batch({ addSheet: { properties: { sheetId: 0, title: 'X' } } })).toThrow(
      `${FAILED}Invalid requests[0].addSheet: Sheet with id 0 already exists.`,
    );
    expect(() => batch({ addSheet: { properties: { sheetId: -1 } } })).toThrow(
      'Invalid requests[0].addSheet: Sheet id must be non-negative.',
    );
    expect(() => batch({ addSheet: { properties: { title: 'x'.repeat(101) } } })).toThrow(
      'The sheet name cannot be greater than 100 characters.',
    );
    expect(() =>
      batch({ addSheet: { properties: { title: 'F', gridProperties: { rowCount: 3, frozenRowCount: 3 } } } }),
    ).toThrow("You can't freeze all visible rows on the sheet.");
    expect(() => batch({ addSheet: { properties: { title: 'R', rightToLeft: true } } })).toThrow(
      'addSheet property "rightToLeft" is not emulated.',
    );
    expect(() =>
      batch({ addSheet: { properties: { title: 'G', gridProperties: { hideGridlines: true } } } }),
    ).toThrow('addSheet property "gridProperties.hideGridlines" is not emulated.');
  });
});

describe('updateCells: "Updates all cells in a range with new data."', () => {
  test('from `start`: values stored as given (a string stays a string), formulas, notes and formats, read back by SpreadsheetApp', () => {
    const { batch, sheet, ctx } = api();
    batch({
      updateCells: {
        start: { sheetId: 0, rowIndex: 3, columnIndex: 1 },
        rows: [
          {
            values: [
              { userEnteredValue: { stringValue: '007' }, note: 'kept as text' },
              { userEnteredValue: { stringValue: '=1' } },
              {
                userEnteredValue: { numberValue: 12.5 },
                userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '0.0' } },
              },
              { userEnteredValue: { boolValue: true } },
              {
                userEnteredValue: { formulaValue: '=B4&"x"' },
                userEnteredFormat: { textFormat: { bold: true } },
              },
            ],
          },
        ],
        fields: 'userEnteredValue,note,userEnteredFormat(numberFormat,textFormat.bold)',
      },
    });
    // Counted as setValues counts its range: every cell written.
    expect(ctx.counter.snapshot()).toMatchObject({ totalCalls: 1, cellsWritten: 5 });
    expect(sheet.getRange('B4:F4').getValues()).toEqual([['007', '=1', 12.5, true, '=B4&"x"']]);
    expect(sheet.getRange('F4').getFormula()).toBe('=B4&"x"');
    expect(sheet.getRange('C4').getFormula()).toBe('');
    expect(sheet.getRange('B4:C4').getNotes()).toEqual([['kept as text', '']]);
    expect(sheet.getRange('D4').getNumberFormat()).toBe('0.0');
    expect(sheet.getRange('F4').getFontWeight()).toBe('bold');
    expect(sheet.getRange('B4').getFontWeight()).toBe('normal');
  });

  test('"Any number of rows and columns (including a different number of columns per row) may be written" from `start`; cells past a short row are untouched', () => {
    const { batch, sheet } = api();
    sheet.getRange('C2').setNote('stays');
    batch({
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: [
              { userEnteredValue: { stringValue: 'ID' } },
              {},
              { userEnteredValue: { stringValue: 'Owner' } },
            ],
          },
          { values: [{ userEnteredValue: { numberValue: 2 } }] },
        ],
        fields: 'userEnteredValue,note',
      },
    });
    // The listed fields of a cell that sets none are cleared (B1); C2 lies past the second row.
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['ID', '', 'Owner'],
      [2, 'Acme', REP],
    ]);
    expect(sheet.getRange('C2').getNote()).toBe('stays');
  });

  test('with `range`: "If the data in rows does not cover the entire requested range, the fields matching those set in fields will be cleared."', () => {
    const { batch, sheet, ctx } = api();
    sheet.getRange('A1:C2').setNotes([
      ['n1', 'n2', 'n3'],
      ['n4', 'n5', 'n6'],
    ]);
    ctx.counter.reset();
    batch({
      updateCells: {
        range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 3 },
        rows: [{ values: [{ userEnteredValue: { stringValue: 'only' } }] }],
        fields: 'userEnteredValue',
      },
    });
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['only', '', ''],
      ['', '', ''],
    ]);
    // note was not listed: kept everywhere.
    expect(sheet.getRange('A1:C2').getNotes()).toEqual([
      ['n1', 'n2', 'n3'],
      ['n4', 'n5', 'n6'],
    ]);
    expect(ctx.counter.snapshot().cellsWritten).toBe(6);
  });

  test('"A single "*" can be used as short-hand for listing every field": unset ones are cleared, including validation', () => {
    const { batch, sheet, app } = api();
    sheet.getRange('A2').setNote('old').setBackground('#00ff00');
    sheet.getRange('A2').setDataValidation(app.newDataValidation().requireNumberBetween(0, 9).build());
    batch({
      updateCells: {
        start: { sheetId: 0, rowIndex: 1 },
        rows: [{ values: [{ userEnteredValue: { numberValue: 5 } }] }],
        fields: '*',
      },
    });
    expect(sheet.getRange('A2').getValue()).toBe(5);
    expect(sheet.getRange('A2').getNote()).toBe('');
    expect(sheet.getRange('A2').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  test('writing past the grid answers the API\'s "Attempting to write column: 26, beyond the last requested column of: 25"', () => {
    const { batch, sheet } = api();
    const values = Array.from({ length: 2 }, () => ({ userEnteredValue: { stringValue: 'x' } }));
    expect(() =>
      batch({
        updateCells: {
          start: { sheetId: 0, columnIndex: 25 },
          rows: [{ values }],
          fields: 'userEnteredValue',
        },
      }),
    ).toThrow(
      `${FAILED}Invalid requests[0].updateCells: Attempting to write column: 26, beyond the last requested column of: 25`,
    );
    expect(() =>
      batch({
        updateCells: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
          rows: [{ values: [{}] }, { values: [{}] }],
          fields: 'note',
        },
      }),
    ).toThrow('Attempting to write row: 1, beyond the last requested row of: 0');
    expect(sheet.getRange('Z1').getValue()).toBe('');
  });

  test('refusals: no fields ("At least one field must be specified"), a field not modelled, a read-only errorValue, a protected range for a non-editor', () => {
    const { batch, sheet, ctx } = api();
    const start = { sheetId: 0, rowIndex: 1 };
    const rows = [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }];
    expect(() => batch({ updateCells: { start, rows } })).toThrow(
      'Invalid requests[0].updateCells: At least one field must be specified.',
    );
    // "'row.values.' should not be specified": the root is the CellData.
    expect(() => batch({ updateCells: { start, rows, fields: 'rows.values.userEnteredValue' } })).toThrow(
      'updateCells field "rows.values.userEnteredValue" is not emulated.',
    );
    expect(() => batch({ updateCells: { start, rows, fields: 'textFormatRuns' } })).toThrow(
      'updateCells field "textFormatRuns" is not emulated.',
    );
    expect(() =>
      batch({
        updateCells: { start, rows: [{ values: [{ textFormatRuns: [{ startIndex: 0 }] }] }], fields: '*' },
      }),
    ).toThrow('updateCells field "textFormatRuns" is not emulated.');
    expect(() =>
      batch({
        updateCells: {
          start,
          rows: [{ values: [{ userEnteredFormat: { borders: {} } }] }],
          fields: 'userEnteredFormat',
        },
      }),
    ).toThrow('updateCells field "userEnteredFormat.borders" is not emulated.');
    expect(() =>
      batch({
        updateCells: {
          start,
          rows: [{ values: [{ userEnteredValue: { errorValue: {} } }] }],
          fields: 'userEnteredValue',
        },
      }),
    ).toThrow('errorValue is read-only.');
    expect(() => batch({ updateCells: { rows, fields: 'note' } })).toThrow(
      'One of start or range must be set.',
    );
    sheet.getRange('A2:C2').protect().removeEditors([REP]);
    expect(() =>
      asUser(ctx, REP, () => batch({ updateCells: { start, rows, fields: 'userEnteredValue' } })),
    ).toThrow(`Invalid requests[0].updateCells: ${PROTECTED_MESSAGE}`);
    expect(sheet.getRange('A2').getValue()).toBe(1);
  });

  test('a later invalid request restores the cells updateCells wrote', () => {
    const { batch, sheet, store } = api();
    const before = store.toState();
    expect(() =>
      batch(
        {
          updateCells: {
            range: { sheetId: 0, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 4 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'new' }, note: 'n' }] }],
            fields: 'userEnteredValue,note',
          },
        },
        { deleteProtectedRange: { protectedRangeId: 5 } },
      ),
    ).toThrow('Invalid requests[1].deleteProtectedRange');
    expect(store.toState()).toEqual(before);
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['id', 'name', 'owner'],
      [1, 'Acme', REP],
    ]);
  });
});

describe('appendDimension: "Appends rows or columns to the end of a sheet."', () => {
  test('the same growth as insertRowsAfter(getMaxRows(), n) / insertColumnsAfter(getMaxColumns(), n)', () => {
    const { batch, ss, sheet } = api();
    const twin = ss.insertSheet('Twin');
    for (const s of [sheet, twin]) {
      s.getRange('A1000:C1000').setBackground('#ffff00');
      s.getRange('Z1:Z3').setNumberFormat('@');
    }
    batch(
      { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 500 } },
      { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 4 } },
    );
    twin.insertRowsAfter(twin.getMaxRows(), 500);
    twin.insertColumnsAfter(twin.getMaxColumns(), 4);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1500, 30]);
    expect([twin.getMaxRows(), twin.getMaxColumns()]).toEqual([1500, 30]);
    for (const a1 of ['A1500:C1500', 'AD1:AD3'])
      expect([sheet.getRange(a1).getBackgrounds(), sheet.getRange(a1).getNumberFormats()]).toEqual([
        twin.getRange(a1).getBackgrounds(),
        twin.getRange(a1).getNumberFormats(),
      ]);
  });

  test('refusals: a length under 1, a dimension neither ROWS nor COLUMNS, a protected sheet for a non-editor', () => {
    const { batch, sheet, ctx, app } = api();
    expect(() => batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 0 } })).toThrow(
      'Invalid requests[0].appendDimension: length must be a positive number of rows: 0',
    );
    expect(() => batch({ appendDimension: { sheetId: 0, dimension: 'CELLS', length: 1 } })).toThrow(
      'Invalid dimension: CELLS',
    );
    expect(() => batch({ appendDimension: { sheetId: 5, dimension: 'ROWS', length: 1 } })).toThrow(
      'No grid with id: 5',
    );
    sheet.protect().removeEditors([REP]);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(() =>
      asUser(ctx, REP, () => batch({ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } })),
    ).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getMaxRows()).toBe(1000);
  });
});

describe('deleteSheet: "Deletes the requested sheet."', () => {
  test('the sheet leaves as with Spreadsheet.deleteSheet: its protections and metadata go with it; a later failure brings it back', () => {
    const { batch, ss, store, app } = api();
    const other = ss.insertSheet('Other');
    other.getRange('A:A').protect();
    other.addDeveloperMetadata('tag', 'v');
    const id = other.getSheetId();
    ss.setActiveSheet(other);
    const before = store.toState();
    expect(() =>
      batch({ deleteSheet: { sheetId: id } }, { deleteProtectedRange: { protectedRangeId: 424242 } }),
    ).toThrow('Invalid requests[1].deleteProtectedRange');
    expect(store.toState()).toEqual(before);
    expect(ss.getActiveSheet().getName()).toBe('Other');
    batch({ deleteSheet: { sheetId: id } });
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(ss.getProtections(app.ProtectionType.RANGE)).toEqual([]);
    expect(ss.createDeveloperMetadataFinder().withKey('tag').find()).toEqual([]);
  });

  test('refusals: the last sheet, the last visible sheet, an unknown id, a sheet holding a protection the caller cannot edit', () => {
    const { batch, ss, sheet, ctx } = api();
    expect(() => batch({ deleteSheet: { sheetId: 0 } })).toThrow(
      `${FAILED}Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.`,
    );
    const hidden = ss.insertSheet('Hidden');
    hidden.hideSheet();
    expect(() => batch({ deleteSheet: { sheetId: 0 } })).toThrow(
      "Invalid requests[0].deleteSheet: You can't remove all the visible sheets in a document.",
    );
    expect(() => batch({ deleteSheet: { sheetId: 31337 } })).toThrow('No sheet with id: 31337');
    ss.insertSheet('Third');
    sheet.getRange('B2').protect().removeEditors([REP]);
    expect(() => asUser(ctx, REP, () => batch({ deleteSheet: { sheetId: 0 } }))).toThrow(PROTECTED_MESSAGE);
    batch({ deleteSheet: { sheetId: hidden.getSheetId() } });
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Third']);
  });
});

describe('Spreadsheets.get: notes and row/column metadata in GridData', () => {
  function headerSetup() {
    const env = api();
    const { ss, sheet } = env;
    sheet.getRange('B1').setNote('who owns it');
    sheet.getRange('B:B').addDeveloperMetadata('crm.column', 'name');
    sheet.getRange('2:2').addDeveloperMetadata('crm.row', 'first');
    sheet.setColumnWidth(3, 240);
    sheet.hideColumns(1);
    const zh = ss.insertSheet('客户');
    zh.getRange('A1:B1').setValues([['编号', '名称']]);
    zh.getRange('A:A').addDeveloperMetadata('crm.column', 'id');
    const spaced = ss.insertSheet('Sheet name');
    spaced.getRange('A1').setValue('x');
    spaced.getRange('A2').setValue('not read');
    env.ctx.counter.reset();
    return env;
  }

  test('a nested fields mask keeps exactly what it lists; "\'name\'!1:1" ranges read only row 1 of each sheet', () => {
    const { Sheets, ctx } = headerSetup();
    const fields =
      'sheets(properties(sheetId,title),data(rowData(values(userEnteredValue,note)),columnMetadata(developerMetadata(metadataId,metadataKey,metadataValue))))';
    const got = Sheets.Spreadsheets.get(ID, {
      ranges: ["'Sheet1'!1:1", "'客户'!1:1", "'Sheet name'!1:1"],
      fields,
    });
    const ids = got.sheets!.map((s) => s.properties!.sheetId);
    expect(got.sheets!.map((s) => s.properties)).toEqual([
      { sheetId: 0, title: 'Sheet1' },
      { sheetId: ids[1], title: '客户' },
      { sheetId: ids[2], title: 'Sheet name' },
    ]);
    const [main, zh, spaced] = got.sheets!.map((s) => s.data!);
    expect(main).toHaveLength(1);
    expect(main[0].rowData).toEqual([
      {
        values: [
          { userEnteredValue: { stringValue: 'id' } },
          { userEnteredValue: { stringValue: 'name' }, note: 'who owns it' },
          { userEnteredValue: { stringValue: 'owner' } },
        ],
      },
    ]);
    // "Metadata about the requested columns in the grid, starting with the column in startColumn":
    // one entry per column of the row; only the fields masked, so columns without metadata are {}.
    expect(main[0].columnMetadata).toHaveLength(26);
    expect(main[0].columnMetadata![0]).toEqual({});
    expect(main[0].columnMetadata![1]).toEqual({
      developerMetadata: [
        { metadataId: expect.any(Number), metadataKey: 'crm.column', metadataValue: 'name' },
      ],
    });
    expect(Object.keys(main[0])).toEqual(['rowData', 'columnMetadata']);
    expect(zh[0].columnMetadata![0].developerMetadata![0].metadataValue).toBe('id');
    expect(zh[0].rowData![0].values!.map((v) => v.userEnteredValue!.stringValue)).toEqual(['编号', '名称']);
    expect(spaced[0].rowData).toEqual([{ values: [{ userEnteredValue: { stringValue: 'x' } }] }]);
    // One call; each sheet's row is read across its width only.
    expect(ctx.counter.snapshot()).toMatchObject({ totalCalls: 1, cellsRead: 3 * 26 });
  });

  test('without a mask GridData carries rowMetadata and columnMetadata: pixelSize, hiddenByUser, developerMetadata as metadataView prints it', () => {
    const { Sheets, ss } = headerSetup();
    const data = Sheets.Spreadsheets.get(ID, { ranges: 'Sheet1!A1:C2', includeGridData: true }).sheets![0]
      .data![0];
    expect(data.columnMetadata).toEqual([
      { pixelSize: 100, hiddenByUser: true },
      {
        pixelSize: 100,
        developerMetadata: [
          {
            metadataId: expect.any(Number),
            metadataKey: 'crm.column',
            metadataValue: 'name',
            visibility: 'DOCUMENT',
            location: {
              locationType: 'COLUMN',
              dimensionRange: { sheetId: 0, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 },
            },
          },
        ],
      },
      { pixelSize: 240 },
    ]);
    expect(data.rowMetadata![0]).toEqual({ pixelSize: 21 });
    expect(data.rowMetadata![1].developerMetadata!.map((m) => m.metadataKey)).toEqual(['crm.row']);
    const viaApp = ss.createDeveloperMetadataFinder().withKey('crm.column').find();
    expect(viaApp.map((m) => [m.getId(), m.getLocation().getColumn()!.getColumn()])).toContainEqual([
      data.columnMetadata![1].developerMetadata![0].metadataId,
      2,
    ]);
  });
});

test('a request kind the emulator does not implement is refused, never ignored', () => {
  const { batch } = api();
  expect(() => batch({ duplicateSheet: { sourceSheetId: 0 } })).toThrow(
    'Unknown name "duplicateSheet" at \'requests[0]\': Cannot find field (or the request is not emulated).',
  );
});
