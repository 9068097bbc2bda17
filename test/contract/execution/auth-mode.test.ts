/**
 * Simple triggers run in AuthMode.LIMITED (src/local/emulator/auth-mode.ts). Reference,
 * guides/triggers: simple triggers "cannot access services that require authorization. For
 * example, a simple trigger cannot send an email because the Gmail service requires
 * authorization"; they "can modify the file they are bound to, but cannot access other files".
 * The error is Apps Script's: "You do not have permission to call MailApp.sendEmail. Required
 * permissions: https://www.googleapis.com/auth/script.send_mail".
 */
import { probed, probeRuntime, PROBE_OWNER, RECORD } from '../../support/probe';

const CODE = `${RECORD}
function tryAll(e) {
  return {
    authMode: e ? String(e.authMode) : null,
    mail: attempt(function () { MailApp.sendEmail('a@example.com', 'Subject', 'Body'); return 'sent'; }),
    quota: attempt(function () { return MailApp.getRemainingDailyQuota(); }),
    newTrigger: attempt(function () { ScriptApp.newTrigger('x').timeBased().everyHours(1).create(); return 'made'; }),
    listTriggers: attempt(function () { return ScriptApp.getProjectTriggers().length; }),
    drive: attempt(function () { return DriveApp.getRootFolder().getName(); }),
    gmail: attempt(function () { GmailApp.sendEmail('a@example.com', 'S', 'B'); return 'sent'; }),
    fetch: attempt(function () { return UrlFetchApp.fetch('https://example.com'); }),
    sheet: attempt(function () { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('B1').setValue('ok'); return 'written'; }),
    props: attempt(function () { PropertiesService.getDocumentProperties().setProperty('k', 'v'); return 'set'; }),
  };
}
function onEdit(e) { record('simple', tryAll(e)); }
function menuItem() { record('menu', tryAll()); }
`;

const permission = (call: string, scope: string) =>
  `You do not have permission to call ${call}. Required permissions: ${scope}`;

test('in a simple onEdit (LIMITED) mail, triggers, Drive, Gmail and UrlFetch throw the permission error; the bound sheet and properties work', () => {
  const rt = probeRuntime(CODE);
  rt.userEdit(PROBE_OWNER, 'Data', 'A1', 'x');
  const r = probed<Record<string, unknown>>(rt, 'simple');
  expect(r.authMode).toBe('LIMITED');
  expect(r.mail).toEqual({
    error: permission('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'),
  });
  expect(r.quota).toEqual({
    error: permission('MailApp.getRemainingDailyQuota', 'https://www.googleapis.com/auth/script.send_mail'),
  });
  expect(r.newTrigger).toEqual({
    error: permission('ScriptApp.newTrigger', 'https://www.googleapis.com/auth/script.scriptapp'),
  });
  expect(r.listTriggers).toEqual({
    error: permission('ScriptApp.getProjectTriggers', 'https://www.googleapis.com/auth/script.scriptapp'),
  });
  expect(r.drive).toEqual({
    error: permission('DriveApp.getRootFolder', 'https://www.googleapis.com/auth/drive'),
  });
  expect(r.gmail).toEqual({ error: permission('GmailApp.sendEmail', 'https://mail.google.com/') });
  expect(r.fetch).toEqual({
    error: permission('UrlFetchApp.fetch', 'https://www.googleapis.com/auth/script.external_request'),
  });
  expect(r.sheet).toEqual({ ok: 'written' });
  expect(r.props).toEqual({ ok: 'set' });
  expect(rt.services.mail._outbox()).toHaveLength(0);
});

test('the same calls in an authorized menu item are allowed (FULL); Gmail is not emulated and UrlFetch only for the spreadsheet export, and they say so', () => {
  const rt = probeRuntime(CODE);
  rt.run('menuItem', [], { as: PROBE_OWNER });
  const r = probed<Record<string, unknown>>(rt, 'menu');
  expect(r.mail).toEqual({ ok: 'sent' });
  expect(r.newTrigger).toEqual({ ok: 'made' });
  expect(r.listTriggers).toEqual({ ok: 1 });
  expect(r.gmail).toEqual({ error: 'GmailApp.sendEmail is not emulated' });
  expect(r.fetch).toEqual({
    error: "UrlFetchApp.fetch is not emulated for https://example.com: only the spreadsheet's own export is.",
  });
});
