/**
 * The runtime gives a script the Sheets advanced service only when its manifest enables it
 * (Apps Script, "Advanced Google services": enable it under dependencies.enabledAdvancedServices),
 * as the global named by userSymbol; each call is one remote call in the run's counts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Runtime } from '../../../src/local/runtime';

const CODE = `
function hasSheets() { return typeof Sheets !== 'undefined'; }
function protectHeader() {
  var id = SpreadsheetApp.getActiveSpreadsheet().getId();
  Sheets.Spreadsheets.batchUpdate({ requests: [{ addProtectedRange: { protectedRange: {
    range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: 'header' } } }] }, id);
  return SpreadsheetApp.getActiveSheet().getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .map(function (p) { return p.getDescription(); });
}
`;

function project(manifest: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-advanced-'));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return dir;
}

const ENABLED = {
  timeZone: 'Etc/GMT',
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', version: 'v4', serviceId: 'sheets' }] },
};

test('without the manifest entry there is no Sheets global', () => {
  const rt = Runtime.create({ owner: 'owner@example.com', distDir: project({ timeZone: 'Etc/GMT' }) });
  expect(rt.run('hasSheets')).toBe(false);
});

test('with it, Sheets acts on the bound spreadsheet and one batchUpdate is one call', () => {
  const rt = Runtime.create({ owner: 'owner@example.com', distDir: project(ENABLED) });
  expect(rt.run('protectHeader')).toEqual(['header']);
  expect(rt.lastStats?.calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
});
