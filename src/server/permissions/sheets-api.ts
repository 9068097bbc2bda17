/**
 * The Sheets advanced service (manifest: enabledAdvancedServices "Sheets" v4): one batchUpdate sends
 * any number of protection requests as one call, where SpreadsheetApp needs several calls per
 * protection. A workbook whose script lacks the service fails loudly with the reason.
 */
export function sheetsService(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) {
    throw new Error(
      'The Sheets advanced service is not enabled: add it (Sheets API v4) in the Apps Script editor, or push appsscript.json again.',
    );
  }
  return Sheets;
}
