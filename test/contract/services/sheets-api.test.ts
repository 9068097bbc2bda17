/**
 * The Sheets advanced service (Sheets API v4) against the same model SpreadsheetApp uses.
 * Reference: developers.google.com/sheets/api/reference/rest (spreadsheets.get, batchUpdate,
 * values.batchGet, values.batchUpdate, ProtectedRange, DataValidationRule) and the Sheets API
 * batch guide ("Each batch request, including all subrequests, is counted as one API request").
 */
import { createSheetsApi } from '../../../src/local/emulator/services/sheets-api';
import { PROTECTED_MESSAGE } from '../../../src/local/emulator/spreadsheet';
import { asUser, setup } from '../../support/spreadsheet';

const REP = 'rep@example.com';
const MGR = 'manager@example.com';
const ID = 'sheet-id';

function api() {
  const env = setup();
  env.ss.addEditors([REP, MGR]);
  env.sheet.getRange('A1:C3').setValues([
    ['id', 'name', 'owner'],
    [1, 'Acme', REP],
    [2, 'Bolt', MGR],
  ]);
  env.ctx.counter.reset();
  const Sheets = createSheetsApi(() => env.store.apiEnv);
  return { ...env, Sheets };
}

type PR = GoogleAppsScript.Sheets.Schema.ProtectedRange;

function protectRows(Sheets: GoogleAppsScript.Sheets, editors: string[]) {
  const res = Sheets.Spreadsheets.batchUpdate(
    {
      requests: [
        {
          addProtectedRange: {
            protectedRange: {
              range: { sheetId: 0, startRowIndex: 1, endRowIndex: 2 },
              description: 'rep rows',
              editors: { users: editors },
            },
          },
        },
      ],
    },
    ID,
  );
  return res.replies![0].addProtectedRange!.protectedRange!;
}

describe('ProtectedRange through batchUpdate', () => {
  test("addProtectedRange is one remote call, seen by SpreadsheetApp and enforced on a person's edit", () => {
    const { Sheets, sheet, store, ctx, app } = api();
    const pr = protectRows(Sheets, [REP]);
    expect(ctx.counter.snapshot().calls).toEqual({ 'Sheets.Spreadsheets.batchUpdate': 1 });
    expect(pr.range).toEqual({ sheetId: 0, startRowIndex: 1, endRowIndex: 2 });
    // The owner and the requesting user stay editors; the listed user is added.
    expect(pr.editors!.users).toEqual(['owner@example.com', REP]);
    const ps = sheet.getProtections(app.ProtectionType.RANGE);
    expect(ps.map((p) => [p.getDescription(), p.getRange().getA1Notation()])).toEqual([['rep rows', '2:2']]);
    expect(asUser(ctx, REP, () => store.userEdit('Sheet1', 'B2', 'Acme Ltd'))).toMatchObject({
      value: 'Acme Ltd',
    });
    expect(() => asUser(ctx, MGR, () => store.userEdit('Sheet1', 'B2', 'x'))).toThrow(PROTECTED_MESSAGE);
  });

  test('"The range may be fully unbounded, in which case this is considered a protected sheet"; unprotected ranges only on sheets', () => {
    const { Sheets, sheet, app, store, ctx } = api();
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            addProtectedRange: {
              protectedRange: {
                range: { sheetId: 0 },
                editors: { users: [] },
                unprotectedRanges: [{ sheetId: 0, startRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 }],
              },
            },
          },
        ],
      },
      ID,
    );
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(() => asUser(ctx, REP, () => store.userEdit('Sheet1', 'A2', 'x'))).toThrow(PROTECTED_MESSAGE);
    expect(asUser(ctx, REP, () => store.userEdit('Sheet1', 'A10', 'new row'))).toMatchObject({
      value: 'new row',
    });
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [
            {
              addProtectedRange: {
                protectedRange: {
                  range: { sheetId: 0, startRowIndex: 1 },
                  unprotectedRanges: [{ sheetId: 0 }],
                },
              },
            },
          ],
        },
        ID,
      ),
    ).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].addProtectedRange: Unprotected ranges are only supported on protected sheets.',
    );
  });

  test('"Editors are not supported with warning_only protection": warning-only ranges let everyone edit', () => {
    const { Sheets, store, ctx } = api();
    const res = Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            addProtectedRange: {
              protectedRange: {
                range: { sheetId: 0, startRowIndex: 1 },
                warningOnly: true,
                editors: { users: [] },
              },
            },
          },
        ],
      },
      ID,
    );
    const pr = res.replies![0].addProtectedRange!.protectedRange!;
    expect(pr.warningOnly).toBe(true);
    expect(pr.editors).toBeUndefined();
    expect(asUser(ctx, REP, () => store.userEdit('Sheet1', 'B3', 'ok'))).toMatchObject({ value: 'ok' });
  });

  test('updateProtectedRange changes only the fields listed; deleteProtectedRange removes it', () => {
    const { Sheets, store, ctx } = api();
    const pr = protectRows(Sheets, [REP]);
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateProtectedRange: {
              protectedRange: {
                protectedRangeId: pr.protectedRangeId,
                editors: { users: [MGR] },
                description: 'ignored',
              },
              fields: 'editors',
            },
          },
        ],
      },
      ID,
    );
    const got = Sheets.Spreadsheets.get(ID, { fields: 'sheets.protectedRanges' }).sheets![0].protectedRanges!;
    expect(got.map((p: PR) => [p.description, p.editors?.users])).toEqual([
      ['rep rows', ['owner@example.com', MGR]],
    ]);
    expect(() => asUser(ctx, REP, () => store.userEdit('Sheet1', 'B2', 'x'))).toThrow(PROTECTED_MESSAGE);
    Sheets.Spreadsheets.batchUpdate(
      { requests: [{ deleteProtectedRange: { protectedRangeId: pr.protectedRangeId } }] },
      ID,
    );
    expect(store.snapshot('Sheet1').protections).toEqual([]);
  });

  test('"requestingUserCanEdit"; editors "only visible to users with edit access to the protected range"', () => {
    const { Sheets, ctx } = api();
    protectRows(Sheets, []);
    const seen = asUser(ctx, REP, () => Sheets.Spreadsheets.get(ID, { fields: 'sheets.protectedRanges' }));
    const pr = seen.sheets![0].protectedRanges![0];
    expect(pr.requestingUserCanEdit).toBeUndefined(); // false is left out of the JSON
    expect(pr.editors).toBeUndefined();
    expect(
      Sheets.Spreadsheets.get(ID, { fields: 'sheets.protectedRanges' }).sheets![0].protectedRanges![0],
    ).toMatchObject({
      requestingUserCanEdit: true,
      editors: { users: ['owner@example.com'] },
    });
  });

  test('a user who is not an editor of a protected range cannot update or delete it', () => {
    const { Sheets, ctx } = api();
    const pr = protectRows(Sheets, []);
    expect(() =>
      asUser(ctx, REP, () =>
        Sheets.Spreadsheets.batchUpdate(
          { requests: [{ deleteProtectedRange: { protectedRangeId: pr.protectedRangeId } }] },
          ID,
        ),
      ),
    ).toThrow(`Invalid requests[0].deleteProtectedRange: ${PROTECTED_MESSAGE}`);
  });
});

describe('batchUpdate: "If any request is not valid then the entire request will fail and nothing will be applied"', () => {
  test('a bad request after good ones rejects the batch with the API error text; nothing is applied', () => {
    const { Sheets, store, sheet } = api();
    const before = store.toState();
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [
            { addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 1 } } } },
            {
              updateSheetProperties: {
                properties: { sheetId: 0, gridProperties: { frozenRowCount: 1 } },
                fields: 'gridProperties.frozenRowCount',
              },
            },
            {
              repeatCell: {
                range: { sheetId: 0, startColumnIndex: 0, endColumnIndex: 1 },
                cell: { userEnteredFormat: { numberFormat: { type: 'TEXT' } } },
                fields: 'userEnteredFormat.numberFormat',
              },
            },
            { deleteProtectedRange: { protectedRangeId: 987654 } },
          ],
        },
        ID,
      ),
    ).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[3].deleteProtectedRange: No protected range with id: 987654',
    );
    expect(store.toState()).toEqual(before);
    expect(sheet.getFrozenRows()).toBe(0);
  });

  test('later requests see earlier ones; replies mirror the requests (empty where none)', () => {
    const { Sheets } = api();
    const res = Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            addProtectedRange: {
              protectedRange: { protectedRangeId: 77, range: { sheetId: 0, startRowIndex: 5 } },
            },
          },
          {
            updateProtectedRange: {
              protectedRange: { protectedRangeId: 77, description: 'later' },
              fields: 'description',
            },
          },
        ],
      },
      ID,
    );
    expect(res.replies).toHaveLength(2);
    expect(res.replies![1]).toEqual({});
    expect(Sheets.Spreadsheets.get(ID, { fields: 'sheets.protectedRanges.description' })).toEqual({
      sheets: [{ protectedRanges: [{ description: 'later' }] }],
    });
  });

  test('an unknown spreadsheet, an empty batch and a non-editor are refused', () => {
    const { Sheets, ctx } = api();
    expect(() => Sheets.Spreadsheets.get('other')).toThrow('Requested entity was not found.');
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [] }, ID)).toThrow(
      'Must specify at least one request.',
    );
    expect(() =>
      asUser(ctx, 'stranger@example.com', () =>
        Sheets.Spreadsheets.batchUpdate(
          { requests: [{ deleteProtectedRange: { protectedRangeId: 1 } }] },
          ID,
        ),
      ),
    ).toThrow('The caller does not have permission');
  });
});

describe('other request types act on the SpreadsheetApp model', () => {
  test("setDataValidation: enforced on a person's edit, read by getDataValidation, cleared without a rule", () => {
    const { Sheets, sheet, store, ctx } = api();
    const range = { sheetId: 0, startRowIndex: 1, startColumnIndex: 2, endColumnIndex: 3 };
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            setDataValidation: {
              range,
              rule: {
                condition: {
                  type: 'ONE_OF_LIST',
                  values: [{ userEnteredValue: REP }, { userEnteredValue: MGR }],
                },
                strict: true,
                inputMessage: 'Pick an account manager',
                showCustomUi: true,
              },
            },
          },
        ],
      },
      ID,
    );
    const dv = sheet.getRange('C5').getDataValidation()!;
    expect(String(dv.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(dv.getCriteriaValues()).toEqual([[REP, MGR], true]);
    expect(dv.getAllowInvalid()).toBe(false);
    expect(() => asUser(ctx, REP, () => store.userEdit('Sheet1', 'C5', 'nobody'))).toThrow(
      'Pick an account manager',
    );
    Sheets.Spreadsheets.batchUpdate({ requests: [{ setDataValidation: { range } }] }, ID);
    expect(sheet.getRange('C5').getDataValidation()).toBeNull();
  });

  test('repeatCell writes only the listed format fields; updateSheetProperties freezes rows', () => {
    const { Sheets, sheet } = api();
    sheet.getRange('B1:B5').setBackground('#ff0000');
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            repeatCell: {
              range: { sheetId: 0, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 },
              cell: {
                userEnteredFormat: {
                  numberFormat: { type: 'TEXT' },
                  backgroundColor: { red: 0, green: 0, blue: 1 },
                },
              },
              fields: 'userEnteredFormat.numberFormat',
            },
          },
          {
            updateSheetProperties: {
              properties: { sheetId: 0, gridProperties: { frozenRowCount: 1 } },
              fields: 'gridProperties.frozenRowCount',
            },
          },
        ],
      },
      ID,
    );
    expect(sheet.getRange('B3').getNumberFormat()).toBe('@');
    expect(sheet.getRange('B3').getBackground()).toBe('#ff0000');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [{ repeatCell: { range: { sheetId: 0 }, cell: {}, fields: 'userEnteredValue' } }],
        },
        ID,
      ),
    ).toThrow('repeatCell field "userEnteredValue" is not emulated.');
  });

  test('conditional format rules: added at an index, listed by getConditionalFormatRules, deleted by index', () => {
    const { Sheets, sheet } = api();
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            addConditionalFormatRule: {
              index: 0,
              rule: {
                ranges: [{ sheetId: 0, startRowIndex: 1, startColumnIndex: 2, endColumnIndex: 3 }],
                booleanRule: {
                  condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: REP }] },
                  format: { backgroundColor: { red: 1, green: 1, blue: 0 } },
                },
              },
            },
          },
        ],
      },
      ID,
    );
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    expect(rules[0].getBooleanCondition()!.getBackground()).toBe('#ffff00');
    Sheets.Spreadsheets.batchUpdate(
      { requests: [{ deleteConditionalFormatRule: { sheetId: 0, index: 0 } }] },
      ID,
    );
    expect(sheet.getConditionalFormatRules()).toHaveLength(0);
  });

  test("createDeveloperMetadata: found by SpreadsheetApp's finder and listed by get", () => {
    const { Sheets, ss } = api();
    const res = Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            createDeveloperMetadata: {
              developerMetadata: {
                metadataKey: 'crm.fingerprint',
                metadataValue: 'abc',
                location: { sheetId: 0 },
                visibility: 'DOCUMENT',
              },
            },
          },
        ],
      },
      ID,
    );
    const id = res.replies![0].createDeveloperMetadata!.developerMetadata!.metadataId;
    const found = ss.createDeveloperMetadataFinder().withKey('crm.fingerprint').find();
    expect(found.map((m) => [m.getId(), m.getValue()])).toEqual([[id, 'abc']]);
    expect(
      Sheets.Spreadsheets.get(ID, {
        fields: 'sheets(properties.title,developerMetadata(metadataKey,metadataValue))',
      }),
    ).toEqual({
      sheets: [
        {
          properties: { title: 'Sheet1' },
          developerMetadata: [{ metadataKey: 'crm.fingerprint', metadataValue: 'abc' }],
        },
      ],
    });
  });
});

describe('deleteDimension: "Deletes the dimensions from the sheet" (DimensionRange: zero-based, half open)', () => {
  test('rows leave as with Sheet.deleteRows: cells, notes and protections below move up; one call for many', () => {
    const { Sheets, sheet, ctx, app } = api();
    sheet.getRange('A4:C6').setValues([
      [3, 'Cord', REP],
      [4, 'Dart', MGR],
      [5, 'Echo', REP],
    ]);
    sheet.getRange('B6').setNote('kept note');
    sheet.getRange('A6:C6').protect().setDescription('last row');
    ctx.counter.reset();
    // Bottom-up, so each request's indexes are still those of the sheet as read.
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 5 } } },
          { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
        ],
      },
      ID,
    );
    expect(ctx.counter.snapshot().calls).toEqual({ 'Sheets.Spreadsheets.batchUpdate': 1 });
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      ['id', 'name'],
      [2, 'Bolt'],
      [5, 'Echo'],
    ]);
    expect(sheet.getRange('B3').getNote()).toBe('kept note');
    const ps = sheet.getProtections(app.ProtectionType.RANGE);
    expect(ps.map((p) => p.getRange().getA1Notation())).toEqual(['A3:C3']);
    expect(sheet.getMaxRows()).toBe(997);
  });

  test('a later invalid request leaves the deleted rows in place; protected rows are refused to a non-editor', () => {
    const { Sheets, sheet, store, ctx } = api();
    const before = store.toState();
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [
            { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
            { deleteProtectedRange: { protectedRangeId: 987654 } },
          ],
        },
        ID,
      ),
    ).toThrow('Invalid requests[1].deleteProtectedRange');
    expect(store.toState()).toEqual(before);
    expect(sheet.getRange('B2').getValue()).toBe('Acme');
    sheet.getRange('A2:C2').protect().removeEditors([REP, MGR]);
    expect(() =>
      asUser(ctx, REP, () =>
        Sheets.Spreadsheets.batchUpdate(
          {
            requests: [
              { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
            ],
          },
          ID,
        ),
      ),
    ).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getRange('B2').getValue()).toBe('Acme');
  });
});

describe('Spreadsheets.get', () => {
  test('"By default, data within grids is not returned"; a fields mask keeps only what it lists', () => {
    const { Sheets, ctx } = api();
    const all = Sheets.Spreadsheets.get(ID);
    expect(all.sheets![0].data).toBeUndefined();
    expect(all.sheets![0].properties).toMatchObject({
      sheetId: 0,
      title: 'Sheet1',
      index: 0,
      gridProperties: { rowCount: 1000, columnCount: 26 },
    });
    expect(Sheets.Spreadsheets.get(ID, { fields: 'sheets.properties(sheetId,title)' })).toEqual({
      sheets: [{ properties: { sheetId: 0, title: 'Sheet1' } }],
    });
    expect(ctx.counter.snapshot().cellsRead).toBe(0);
  });

  test('grid data for the ranges asked, counted as cells read; one call', () => {
    const { Sheets, ctx } = api();
    const got = Sheets.Spreadsheets.get(ID, { ranges: ['Sheet1!A1:B2'], includeGridData: true });
    const rows = got.sheets![0].data![0].rowData!;
    expect(rows.map((r) => r.values!.map((v) => v.formattedValue))).toEqual([
      ['id', 'name'],
      ['1', 'Acme'],
    ]);
    expect(rows[1].values![0].userEnteredValue).toEqual({ numberValue: 1 });
    expect(ctx.counter.snapshot()).toMatchObject({ totalCalls: 1, cellsRead: 4 });
  });
});

describe('Spreadsheets.Values', () => {
  test('batchGet: one call for many ranges; trailing empties left out; render options', () => {
    const { Sheets, sheet, ctx } = api();
    sheet
      .getRange('D2')
      .setValue(new Date(Date.UTC(2024, 0, 30, 16))) // midnight in Asia/Shanghai, the store's zone
      .setNumberFormat('yyyy-mm-dd');
    ctx.counter.reset();
    const res = Sheets.Spreadsheets.Values.batchGet(ID, {
      ranges: ['Sheet1!A1:C10', 'Sheet1!D2'],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(res.valueRanges!.map((v) => [v.range, v.values])).toEqual([
      [
        'Sheet1!A1:C10',
        [
          ['id', 'name', 'owner'],
          [1, 'Acme', REP],
          [2, 'Bolt', MGR],
        ],
      ],
      ['Sheet1!D2', [[45322]]],
    ]);
    const formatted = Sheets.Spreadsheets.Values.batchGet(ID, { ranges: 'Sheet1!D2' });
    expect(formatted.valueRanges![0].values).toEqual([['2024-01-31']]);
    const stats = ctx.counter.snapshot();
    expect(stats.calls).toEqual({ 'Sheets.Spreadsheets.Values.batchGet': 2 });
    expect(stats.cellsRead).toBe(30 + 1 + 1);
  });

  test('batchUpdate: RAW stores as-is, USER_ENTERED parses; protections apply to the caller', () => {
    const { Sheets, sheet, ctx } = api();
    protectRows(Sheets, []);
    Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [{ range: 'Sheet1!E1:E2', values: [['007'], [null]] }],
      },
      ID,
    );
    Sheets.Spreadsheets.Values.batchUpdate(
      { valueInputOption: 'USER_ENTERED', data: [{ range: 'Sheet1!F1', values: [['007']] }] },
      ID,
    );
    expect(sheet.getRange('E1:F1').getValues()).toEqual([['007', 7]]);
    expect(() =>
      asUser(ctx, REP, () =>
        Sheets.Spreadsheets.Values.batchUpdate(
          { valueInputOption: 'RAW', data: [{ range: 'Sheet1!A2', values: [['x']] }] },
          ID,
        ),
      ),
    ).toThrow(PROTECTED_MESSAGE);
    expect(() => Sheets.Spreadsheets.Values.batchUpdate({ data: [] }, ID)).toThrow(
      "'valueInputOption' is required but not specified",
    );
  });
});

test('a member the emulator does not implement fails loudly', () => {
  const { Sheets } = api();
  expect(() => (Sheets.Spreadsheets as unknown as { create: unknown }).create).toThrow(
    'Sheets.Spreadsheets.create is not emulated.',
  );
});
