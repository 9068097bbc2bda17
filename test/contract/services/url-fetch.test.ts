/**
 * UrlFetchApp emulator against the Apps Script reference (URL Fetch Service, Class UrlFetchApp,
 * Class HTTPResponse): the spreadsheet's own .xlsx export, fetched with the user's OAuth token.
 */
import * as XLSX from 'xlsx';
import { UrlFetchAppEmulator, XLSX_MIME } from '../../../src/local/emulator/services/url-fetch';
import { UtilitiesEmulator } from '../../../src/local/emulator/services/utilities';
import { oauthTokenOf } from '../../../src/local/emulator/services/script-app';
import { asUser, setup } from '../../support/spreadsheet';

function fetcher() {
  const s = setup();
  const utilities = new UtilitiesEmulator(s.ctx);
  const fetch = new UrlFetchAppEmulator(s.ctx, utilities);
  fetch._attach({ workbook: () => s.store.workbook, token: () => oauthTokenOf(s.ctx.identity.effective) });
  const url = `https://docs.google.com/spreadsheets/d/sheet-id/export?format=xlsx&gid=${s.sheet.getSheetId()}`;
  const auth = () => ({ headers: { Authorization: `Bearer ${oauthTokenOf(s.ctx.identity.effective)}` } });
  return { ...s, UrlFetchApp: fetch.global, url, auth };
}

describe('UrlFetchApp (reference: URL Fetch Service, UrlFetchApp.fetch, HTTPResponse)', () => {
  test('the export URL answers a real .xlsx: text-formatted phones stay text, dates keep their format', () => {
    const { UrlFetchApp, url, auth, sheet } = fetcher();
    sheet.getRange('A1:C1').setValues([['电话', '生日', '金额']]);
    sheet.getRange('A2:A3').setNumberFormat('@');
    sheet.getRange('B2').setNumberFormat('yyyy-mm-dd');
    sheet.getRange('A2:C3').setValues([
      ['013800138000', new Date('2026-03-05T00:00:00+08:00'), 128000],
      ['+86 139 0000 1111', '', -500],
    ]);
    const response = UrlFetchApp.fetch(url, auth());
    // getResponseCode(): "the HTTP status code (200 for OK, etc.)"
    expect(response.getResponseCode()).toBe(200);
    expect(response.getBlob().getContentType()).toBe(XLSX_MIME);
    const bytes = Buffer.from(response.getContent().map((b) => b & 0xff));
    const book = XLSX.read(bytes, { type: 'buffer' });
    const ws = book.Sheets[book.SheetNames[0]];
    expect(ws.A2).toMatchObject({ t: 's', v: '013800138000' });
    expect(ws.A3).toMatchObject({ t: 's', v: '+86 139 0000 1111' });
    expect(ws.B2).toMatchObject({ t: 'n', v: 46086, w: '2026-03-05' });
    expect(ws.C3).toMatchObject({ t: 'n', v: -500 });
  });

  test('without the OAuth token: 401, thrown unless muteHttpExceptions', () => {
    const { UrlFetchApp, url, ctx, auth } = fetcher();
    // muteHttpExceptions: "the fetch doesn't throw an exception if the response code indicates failure"
    expect(UrlFetchApp.fetch(url, { muteHttpExceptions: true }).getResponseCode()).toBe(401);
    expect(() => UrlFetchApp.fetch(url)).toThrow(
      'Request failed for https://docs.google.com returned code 401',
    );
    // Another user's token is not this user's.
    const mine = auth();
    expect(
      asUser(ctx, 'rep@example.com', () =>
        UrlFetchApp.fetch(url, { ...mine, muteHttpExceptions: true }).getResponseCode(),
      ),
    ).toBe(401);
  });

  test('any other URL fails loudly: the emulator has no network', () => {
    const { UrlFetchApp } = fetcher();
    expect(() => UrlFetchApp.fetch('https://example.com/')).toThrow('is not emulated');
    expect(() => UrlFetchApp.fetch(42 as unknown as string)).toThrow();
  });
});
