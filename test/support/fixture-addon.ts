/**
 * A tiny add-on used by the browser tests to exercise the playground on its own, whatever the
 * real add-on's features are: a menu, a prompt and a confirmation, a sidebar and a dialog whose
 * HTML uses google.script.run (success and failure handlers, user objects, a reused runner, a form
 * argument) and google.script.host.close(); and a sheet of 100,000 rows.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Runtime } from '../../src/local/runtime';
import { writeWorkbookFile } from '../../src/local/workbook-file';

export const FIXTURE_OWNER = 'owner@example.com';
export const BIG_ROWS = 100_000;

const CODE = `
function onOpen(e) {
  SpreadsheetApp.getUi().createMenu('Fixture')
    .addItem('Open test sidebar', 'openSidebar')
    .addItem('Open test dialog', 'openDialog')
    .addItem('Write a greeting', 'askAndWrite')
    .addToUi();
}
function openSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('TestPage').setTitle('Test sidebar'));
}
function openDialog() {
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutputFromFile('TestPage').setWidth(420).setHeight(260), 'Test dialog');
}
function askAndWrite() {
  var ui = SpreadsheetApp.getUi();
  var r = ui.prompt('Greeting', 'What should cell D1 say?', ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() !== ui.Button.OK) return;
  if (ui.alert('Sure?', 'Write "' + r.getResponseText() + '" to D1?', ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Big').getRange('D1').setValue(r.getResponseText());
  ui.alert('Written: ' + r.getResponseText());
}
function echo(x) {
  return { echoed: x, user: Session.getActiveUser().getEmail() };
}
function fail(why) {
  throw new Error('Failed on purpose: ' + why);
}
function secret_() {
  return 'private';
}
`;

const PAGE = `<!doctype html>
<html><head><base target="_top"><meta charset="utf-8"></head>
<body>
<button id="echo">Echo</button> <button id="fail">Fail</button>
<button id="form-send">Send form</button> <button id="close">Close</button>
<form id="f"><input name="who" value="Ada"><input type="checkbox" name="vip" value="yes" checked></form>
<pre id="out"></pre>
<script>
var out = document.getElementById('out');
function log(s) { out.textContent += s + '\\n'; }
var runner = google.script.run.withFailureHandler(function (e, u) { log('failure:' + e.message + ':' + u); });
document.getElementById('echo').onclick = function () {
  runner.withUserObject('u1').withSuccessHandler(function (v, u) { log('success:' + JSON.stringify(v) + ':' + u); }).echo({ n: 1 });
};
document.getElementById('fail').onclick = function () { runner.withUserObject('u2').fail('x'); };
document.getElementById('form-send').onclick = function () {
  google.script.run.withSuccessHandler(function (v) { log('form:' + JSON.stringify(v.echoed)); }).echo(document.getElementById('f'));
};
document.getElementById('close').onclick = function () { google.script.host.close(); };
log('ready:' + typeof google.script.run.echo + ':' + typeof google.script.run.secret_);
</script>
</body></html>`;

/** A dist folder with the fixture add-on and a workbook with a 100,000-row sheet "Big". */
export function fixtureWorkbook(): { workbookPath: string; distDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-fixture-'));
  const distDir = path.join(dir, 'dist');
  mkdirSync(distDir);
  writeFileSync(path.join(distDir, 'Code.js'), CODE);
  writeFileSync(path.join(distDir, 'TestPage.html'), PAGE);
  const rt = Runtime.create({ owner: FIXTURE_OWNER, now: Date.parse('2026-03-02T01:00:00Z'), distDir });
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0].setName('Big');
  sheet.insertRowsAfter(sheet.getMaxRows(), BIG_ROWS + 1 - sheet.getMaxRows());
  const grid: unknown[][] = [['Row', 'Label', 'Amount']];
  for (let i = 1; i <= BIG_ROWS; i++) grid.push([i, `item ${i}`, i * 1.5]);
  sheet.getRange(1, 1, grid.length, 3).setValues(grid);
  sheet.getRange(1, 1, 1, 3).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const workbookPath = path.join(dir, 'workbook.json');
  writeWorkbookFile(workbookPath, rt.toFile('fixture'));
  return { workbookPath, distDir };
}
