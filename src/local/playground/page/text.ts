/**
 * The playground's own texts in the workbook's language: the server sends the `local.page.*`
 * messages with the workbook; until they arrive (or for a key it did not send) the English
 * fallbacks below show.
 */
import { formatMessage } from '../../../i18n/format';

let messages: Record<string, string> = {};
let locale = 'en';

export function setTexts(next: { locale?: string; messages?: Record<string, string> }): void {
  messages = next.messages ?? {};
  locale = next.locale ?? 'en';
  document.documentElement.lang = locale;
}

export function pageLocale(): string {
  return locale;
}

/** A page text by key with its placeholders (and plural choices) filled. */
export function tr(key: string, params?: Readonly<Record<string, string | number>>): string {
  return key in messages ? formatMessage(messages, key, params) : (FALLBACK[key] ?? key);
}

const FALLBACK: Record<string, string> = {
  'local.page.ok': 'OK',
  'local.page.error': 'Error',
  'local.page.startFailed': 'The playground could not start',
};
