/**
 * Values.batchUpdate as the nightly value recompute uses it: blocks where only some cells change.
 * Reference: developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values, ValueRange
 * `values`: "For input, supported value types are: bool, string, and double. Null values will be
 * skipped. To set a cell to an empty value, set the string value to an empty string."; and
 * ValueInputOption USER_ENTERED: "The values will be parsed as if the user typed them into the UI.
 * Numbers will stay as numbers, but strings may be converted to numbers, dates, etc."
 */
import { createSheetsApi } from '../../../src/local/emulator/services/sheets-api';
import { setup } from '../../support/spreadsheet';

function api() {
  const env = setup();
  env.sheet.getRange('A1:C2').setValues([
    [1, 'keep', new Date(Date.UTC(2024, 0, 1, 16))],
    [2, 'keep', 'x'],
  ]);
  env.ctx.counter.reset();
  const Sheets = createSheetsApi(() => env.store.apiEnv);
  return { ...env, Sheets };
}

test('"Null values will be skipped": the cells around the written ones keep their values; only written cells count', () => {
  const { Sheets, sheet, ctx } = api();
  Sheets.Spreadsheets.Values.batchUpdate(
    {
      valueInputOption: 'USER_ENTERED',
      data: [
        {
          range: 'Sheet1!A1:C2',
          values: [
            [10.25, null, null],
            [null, null, ''],
          ],
        },
      ],
    },
    'sheet-id',
  );
  const grid = sheet.getRange('A1:C2').getValues();
  expect(grid[0][0]).toBe(10.25);
  expect(grid[0][1]).toBe('keep');
  expect((grid[0][2] as Date).getTime()).toBe(Date.UTC(2024, 0, 1, 16));
  // "To set a cell to an empty value, set the string value to an empty string."
  expect(grid[1]).toEqual([2, 'keep', '']);
  expect(ctx.counter.snapshot()).toMatchObject({
    calls: { 'Sheets.Spreadsheets.Values.batchUpdate': 1 },
    cellsWritten: 2,
  });
});

test('USER_ENTERED: "Numbers will stay as numbers"; an ISO day is stored as a date of the spreadsheet\'s zone', () => {
  const { Sheets, sheet } = api();
  Sheets.Spreadsheets.Values.batchUpdate(
    {
      valueInputOption: 'USER_ENTERED',
      data: [
        { range: 'Sheet1!D1:E1', values: [[0, '2026-10-03']] },
        { range: 'Sheet1!D2', values: [[1200.5]] },
      ],
    },
    'sheet-id',
  );
  const [zero, day] = sheet.getRange('D1:E1').getValues()[0];
  const amount = sheet.getRange('D2').getValue();
  expect(zero).toBe(0);
  expect(amount).toBe(1200.5);
  expect(day).toBeInstanceOf(Date);
  // midnight in Asia/Shanghai (the test spreadsheet's zone)
  expect((day as Date).getTime()).toBe(Date.parse('2026-10-03T00:00:00+08:00'));
});
