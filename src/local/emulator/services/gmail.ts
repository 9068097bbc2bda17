/**
 * GmailApp: the add-on sends with MailApp, so no member is emulated; each throws "GmailApp.<member>
 * is not emulated", or, in a simple trigger, Apps Script's permission error (auth-mode.ts: "a simple
 * trigger cannot send an email because the Gmail service requires authorization").
 */
import { counted, type EmulatorContext } from '../context';

export function gmailApp(ctx: EmulatorContext): GoogleAppsScript.Gmail.GmailApp {
  return counted(ctx, 'GmailApp', {}) as unknown as GoogleAppsScript.Gmail.GmailApp;
}
