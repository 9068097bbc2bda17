/**
 * Reports to the admins by e-mail (every active admin on the Roles sheet, and the owner): what a
 * trigger cannot show anyone on screen, such as a failed job, an edited log or a trigger whose
 * installer lost the role. Mail is an authorized service: never call this from a simple trigger.
 * A report that repeats (every edit, every hour) passes a `once` key and is mailed once a day.
 */
import { MessageKey } from '../../i18n';
import { normalizeEmail } from '../../core/roles';
import { dayNumberOf, escapeHtml, messageOf } from '../../core/shared';
import { asRecord, DOC_KEYS, readJson, writeJson } from '../document';
import type { Execution } from './session';

export type ReportTopic = Extract<MessageKey, `notify.topic.${string}`>;

/** Active admins and the owner, each once. */
export function adminEmails(ex: Execution): string[] {
  const admins = new Set(
    ex.roles.filter((r) => r.role === 'admin' && r.active).map((r) => normalizeEmail(r.email)),
  );
  if (ex.owner) admins.add(normalizeEmail(ex.owner));
  admins.delete('');
  return [...admins];
}

/**
 * Mails `text` to the admins; returns whether a mail left. A mail failure is logged, never thrown:
 * the report must not turn the caller's own outcome into another failure.
 */
export function notifyAdmins(ex: Execution, topic: ReportTopic, text: string, once?: string): boolean {
  const to = adminEmails(ex);
  if (to.length === 0) return false;
  try {
    if (once && !firstToday(once)) return false;
    const url = ex.wb.ss.getUrl();
    MailApp.sendEmail({
      to: to.join(','),
      subject: ex.t('notify.subject', { name: ex.wb.ss.getName(), topic: ex.t(topic) }),
      body: `${text}\n\n${url}`,
      htmlBody: `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p><p><a href="${escapeHtml(url)}">${escapeHtml(ex.wb.ss.getName())}</a></p>`,
      name: ex.t('menu.title'),
    });
    return true;
  } catch (e) {
    console.error(`Sheets CRM: report not mailed to the admins: ${messageOf(e)}\n${text}`);
    return false;
  }
}

/** Whether `key` was not reported yet today (and marks it); keeps only today's keys, so it stays small. */
function firstToday(key: string): boolean {
  const today = dayNumberOf(Date.now(), 'UTC');
  const seen = readJson(DOC_KEYS.adminReports, asRecord) ?? {};
  if (seen[key] === today) return false;
  const kept: Record<string, number> = { [key]: today };
  for (const [k, day] of Object.entries(seen))
    if (day === today && Object.keys(kept).length < 50) kept[k] = day;
  writeJson(DOC_KEYS.adminReports, kept);
  return true;
}
