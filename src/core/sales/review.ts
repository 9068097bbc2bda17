/**
 * The monthly data review: customers not updated for N days (Settings `review.staleDays`), and the
 * mail that carries the data-quality summary and those customers to the admins, and each owner's
 * stale customers to the owner. Text from the sheet is escaped in the HTML part.
 */
import { Locale, translator } from '../../i18n';
import { isSkippedStatus } from '../reminders';
import { normalizeEmail } from '../roles';
import { numberSetting, SettingsMap, SheetRow } from '../schema';
import { cellText, dayNumberToIso, dayReader, escapeHtml, isBlankDay } from '../shared';

export interface StaleCustomer {
  id: string;
  name: string;
  owner: string;
  /** the last update (updatedAt, else createdAt) as YYYY-MM-DD, '' when neither is known */
  since: string;
  row: number;
}

export const DEFAULT_STALE_DAYS = 180;

export function staleDaysSetting(settings: SettingsMap): number {
  const n = numberSetting(settings, 'review.staleDays');
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_STALE_DAYS;
}

/** Active customers whose row was last updated (else created) more than `days` days before today. */
export function staleCustomers(
  customers: readonly SheetRow[],
  today: number,
  days: number,
  timeZone: string,
): StaleCustomer[] {
  const readDay = dayReader(timeZone);
  const out: StaleCustomer[] = [];
  for (const r of customers) {
    const v = r.values;
    const id = cellText(v.id).trim();
    if (!id || isSkippedStatus(v.status)) continue;
    const updated = readDay(v.updatedAt);
    const created = readDay(v.createdAt);
    const known = (d: number) => !isBlankDay(d) && !Number.isNaN(d);
    const since = known(updated) ? updated : known(created) ? created : null;
    if (since === null || today - since <= days) continue;
    out.push({
      id,
      name: cellText(v.name).trim(),
      owner: normalizeEmail(v.owner),
      since: dayNumberToIso(since),
      row: r.row,
    });
  }
  return out;
}

export interface ReviewMail {
  subject: string;
  text: string;
  html: string;
}

const LISTED = 50;

/** The admins' summary: the audit's summary line, then the stale customers (the first 50). */
export function reviewMail(args: {
  locale: Locale;
  spreadsheetName: string;
  day: string;
  /** null: an owner's reminder, without the audit's summary */
  qualityTotal: number | null;
  qualitySummary: string;
  stale: StaleCustomer[];
  staleDays: number;
}): ReviewMail {
  const t = translator(args.locale);
  const subject = t('review.subject', { name: args.spreadsheetName });
  const lines = [t('review.intro', { name: args.spreadsheetName, day: args.day })];
  if (args.qualityTotal !== null)
    lines.push(
      args.qualityTotal > 0
        ? t('review.issues', { count: args.qualityTotal, summary: args.qualitySummary })
        : t('review.clean'),
    );
  lines.push(t('review.stale', { count: args.stale.length, days: args.staleDays }));
  const listed = args.stale.slice(0, LISTED);
  const item = (c: StaleCustomer) => `${c.id} ${c.name} (${c.owner || '-'}, ${c.since || '-'})`;
  const text = [...lines, '', ...listed.map((c) => `- ${item(c)}`)].join('\n');
  const html =
    lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
    (listed.length
      ? `<p><b>${escapeHtml(t('review.staleTitle', { days: args.staleDays }))}</b></p><ul>` +
        listed.map((c) => `<li>${escapeHtml(item(c))}</li>`).join('') +
        '</ul>'
      : '');
  return { subject, text, html };
}
