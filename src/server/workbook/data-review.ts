/**
 * The scheduled data review: a monthly trigger (on the 1st, switched from the menu after a
 * confirmation) runs the data-quality audit, then mails the admins its summary and the customers not
 * updated for `review.staleDays` days, and each owner their own stale customers (the reminder to
 * update them). The trigger runs as its installer, recorded in document properties.
 */
import { reviewMail, staleCustomers, staleDaysSetting, StaleCustomer } from '../../core/sales';
import { normalizeEmail } from '../../core/roles';
import { dayNumberOf, dayNumberToIso } from '../../core/shared';
import { DOC_KEYS, ensureTrigger, removeTriggers, triggersOf, writeJson } from '../document';
import { begin, requireAction, requireTable } from '../session';
import { runDataQuality } from './data-quality';

export const DATA_REVIEW_HANDLER = 'monthlyDataReview';
const REVIEW_HOUR = 7;

/** Menu "Monthly data review on/off": asks first, then installs or removes the trigger. */
export function menuToggleDataReview(): { enabled: boolean; changed: boolean } {
  const ex = begin();
  requireAction(ex, 'manageDataReview');
  const ui = SpreadsheetApp.getUi();
  const on = triggersOf(DATA_REVIEW_HANDLER).length > 0;
  const question = ex.t(on ? 'review.confirmOff' : 'review.confirmOn');
  if (ui.alert(ex.t('menu.dataReview'), question, ui.ButtonSet.YES_NO) !== ui.Button.YES)
    return { enabled: on, changed: false };
  if (on) removeTriggers(DATA_REVIEW_HANDLER);
  else {
    ensureTrigger(DATA_REVIEW_HANDLER, () =>
      ScriptApp.newTrigger(DATA_REVIEW_HANDLER).timeBased().onMonthDay(1).atHour(REVIEW_HOUR).create(),
    );
    writeJson(DOC_KEYS.dataReview, { installer: ex.user.email, since: new Date().toISOString() });
  }
  ui.alert(ex.t(on ? 'review.off' : 'review.on'));
  return { enabled: !on, changed: true };
}

export interface ReviewResult {
  qualityTotal: number;
  stale: number;
  mailed: string[];
}

/** The monthly trigger (and `crm run monthlyDataReview`): audit, then the mails. */
export function monthlyDataReview(): ReviewResult {
  const quality = runDataQuality();
  const ex = begin();
  requireAction(ex, 'dataQuality');
  const customers = requireTable(ex, 'customers').rows;
  const today = dayNumberOf(new Date(), ex.timeZone);
  const days = staleDaysSetting(ex.settings);
  const stale = staleCustomers(customers, today, days, ex.timeZone);
  const name = ex.wb.ss.getName();
  const day = dayNumberToIso(today);
  const admins = [
    ...new Set(
      [ex.owner, ...ex.roles.filter((r) => r.active && r.role === 'admin').map((r) => r.email)]
        .map(normalizeEmail)
        .filter(Boolean),
    ),
  ].sort();
  const mails: Array<{ to: string; stale: StaleCustomer[]; qualityTotal: number | null; summary: string }> =
    admins.map((to) => ({ to, stale, qualityTotal: quality.total, summary: quality.summary }));
  // Each owner is reminded of their own stale customers (admins already have the whole list).
  const byOwner = new Map<string, StaleCustomer[]>();
  for (const c of stale) {
    if (!c.owner || admins.includes(c.owner)) continue;
    let list = byOwner.get(c.owner);
    if (!list) byOwner.set(c.owner, (list = []));
    list.push(c);
  }
  for (const [to, list] of byOwner) mails.push({ to, stale: list, qualityTotal: null, summary: '' });
  const mailed: string[] = [];
  for (const m of mails) {
    const message = reviewMail({
      locale: ex.locale,
      spreadsheetName: name,
      day,
      qualityTotal: m.qualityTotal,
      qualitySummary: m.summary,
      stale: m.stale,
      staleDays: days,
    });
    MailApp.sendEmail({
      to: m.to,
      subject: message.subject,
      body: message.text,
      htmlBody: message.html,
      name: ex.t('menu.title'),
    });
    mailed.push(m.to);
  }
  return { qualityTotal: quality.total, stale: stale.length, mailed };
}
