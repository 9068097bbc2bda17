/**
 * UrlFetchApp: the add-on makes no HTTP calls, so no member is emulated; each throws
 * "UrlFetchApp.<member> is not emulated", or, in a simple trigger, Apps Script's permission error
 * (auth-mode.ts: simple triggers "cannot access services that require authorization").
 */
import { counted, type EmulatorContext } from '../context';

export function urlFetchApp(ctx: EmulatorContext): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  return counted(ctx, 'UrlFetchApp', {}) as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}
