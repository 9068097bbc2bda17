/**
 * One reminder run, planned and settled in core so the trigger handler stays a thin loop:
 *
 *   lock → read customers, roles, settings, reminderLog (one getValues each)
 *   plan = planRun({ now, customers, roles, settings, ledger, remainingQuota, timeZone, owner, links })
 *   results = []
 *   try { for (const p of plan.sends) { if (near the time limit) break;
 *           try { MailApp.sendEmail({ to: p.recipient, subject: p.message.subject, body: p.message.text,
 *                 htmlBody: p.message.html }); results.push({ recipient: p.recipient, status: 'sent' }); }
 *           catch (e) { results.push({ recipient: p.recipient, status: 'failed', error: String(e) }); } } }
 *   finally { const s = settleRun(plan, results); append s.rows in one setValues;
 *             s.catchUpNeeded ? ensure the catch-up trigger : remove it }
 *
 * Never twice: a (recipient, day) key recorded sent is never planned again, whichever run, trigger
 * or manual call asks. Never lost: every planned digest the run did not deliver (over quota, out of
 * time, failed) is recorded deferred or failed, and the recipient's next digest carries it (see
 * computeDue's `since`), dated with the new day and settling the old keys too. Failed keys are
 * retried MAX_RETRIES times, then listed in an admin digest, which records them abandoned.
 *
 * Long runs: the plan is ordered and settleRun records unattempted digests as deferred, so a run
 * that stops near the time limit just settles what it has; the follow-up run plans again from the
 * ledger and finds exactly the digests still owed. The "position" is the ledger itself: a saved
 * index would be redundant (and wrong if data changed between the runs). The one window for a
 * double is a run killed between a send and its settlement, so the shell must stop with a margin
 * and settle in `finally`.
 */
import { dayNumberOf, dayNumberToIso } from '../shared';
import { normalizeEmail, parseRoles } from '../roles';
import { withDefaults } from '../schema';
import type { SheetRow, SettingsMap } from '../schema';
import { Locale, resolveLocale } from '../../i18n';
import { reminderConfig } from './config';
import { buildDigests, teamsOf } from './digest';
import { computeDue, peopleByEmail } from './due';
import { salesDue } from './sales';
import { DIGEST_RULE, gaveUpSends, LedgerRow, LedgerStatus, owedDays, readLedger, statusOf } from './ledger';
import { renderDigest, RenderedMessage, RowLinks } from './render';
import type { BadRow, Digest } from './types';

export interface PlanInput {
  /** the run's clock; "today" is its calendar day in the time zone */
  now: Date | number;
  customers: SheetRow[];
  /** opportunities rows (OPPORTUNITY_COLUMNS suffice); absent or empty: no opportunity items */
  opportunities?: SheetRow[];
  roles: SheetRow[];
  /** the settings sheet as key → value (defaults fill blanks) */
  settings: SettingsMap;
  /** reminderLog rows */
  ledger: SheetRow[];
  /** MailApp.getRemainingDailyQuota(): each digest has one recipient (Infinity for a preview) */
  remainingQuota: number;
  /** the spreadsheet's time zone, in which Sheets returns date cells; settings.timeZone otherwise */
  timeZone?: string;
  /** the spreadsheet owner: always an admin, so always told about bad rows */
  owner?: string;
  /** per-recipient locale tags; settings.locale for everyone else */
  locales?: Record<string, string>;
  links?: RowLinks;
}

export interface PlannedDigest {
  recipient: string;
  locale: Locale;
  /** the ledger day keys this digest settles: held-back days, oldest first, then today */
  days: number[];
  /** today's key is already recorded deferred or failed: deferring again writes nothing */
  todayRecorded: boolean;
  digest: Digest;
  message: RenderedMessage;
}

export interface RunPlan {
  day: number;
  dayKey: string;
  timeZone: string;
  /** to send now, in this order; fits the quota */
  sends: PlannedDigest[];
  /** over the quota: settleRun records them deferred */
  deferred: PlannedDigest[];
  /** rows skipped as bad (also in the admins' digests), for previews and logs */
  badRows: BadRow[];
  /** rows to append whatever happens to the sends (owed keys with nothing left to send) */
  closingRows: LedgerRow[];
}

export function planRun(input: PlanInput): RunPlan {
  const config = reminderConfig(input.settings, input.timeZone);
  const today = dayNumberOf(input.now, config.timeZone);
  const roles = parseRoles(input.roles);
  const people = peopleByEmail(roles);
  const ledger = readLedger(input.ledger, config.timeZone);

  const owed = new Map<string, number[]>();
  const since = new Map<string, number>();
  for (const recipient of ledger.keys()) {
    const days = owedDays(ledger, recipient, today);
    if (!days.length) continue;
    owed.set(recipient, days);
    since.set(recipient, days[0]);
  }

  const due = computeDue({ customers: input.customers, people, config, today, since });
  const sales = salesDue({
    customers: input.customers,
    opportunities: input.opportunities ?? [],
    people,
    config,
    settings: withDefaults(input.settings),
    today,
    since,
  });
  for (const [owner, items] of sales) {
    const list = due.byOwner.get(owner);
    if (list) list.push(...items);
    else due.byOwner.set(owner, items);
  }
  const { teams, badRows: teamProblems } = teamsOf(people);
  const badRows = [...due.badRows, ...teamProblems];
  const admins = [...people.values()].filter((p) => p.active && p.role === 'admin').map((p) => p.email);
  if (input.owner && normalizeEmail(input.owner)) admins.push(normalizeEmail(input.owner));
  const digests = buildDigests({
    day: today,
    byOwner: due.byOwner,
    people,
    teams,
    admins,
    badRows,
    failedSends: gaveUpSends(ledger),
    since,
  });

  const locales = new Map(Object.entries(input.locales ?? {}).map(([k, v]) => [normalizeEmail(k), v]));
  const planned: PlannedDigest[] = [];
  const closingRows: LedgerRow[] = [];
  for (const recipient of new Set([...digests.keys(), ...owed.keys()])) {
    const todayStatus = statusOf(ledger, recipient, today);
    if (todayStatus === 'done' || todayStatus === 'gaveUp') continue; // at most one e-mail a day
    const held = owed.get(recipient) ?? [];
    const digest = digests.get(recipient);
    if (!digest) {
      for (const day of held) closingRows.push(ledgerRow(day, DIGEST_RULE, '', recipient, 'superseded'));
      continue;
    }
    const tag = locales.get(recipient);
    const locale = tag ? resolveLocale(tag) : config.locale;
    planned.push({
      recipient,
      locale,
      days: held.includes(today) ? held : [...held, today],
      todayRecorded: todayStatus === 'owed',
      digest,
      message: renderDigest(digest, locale, config.timeZone, input.links),
    });
  }
  // Oldest debt first, so a short quota cannot starve anyone; then a stable recipient order.
  planned.sort((a, b) => a.days[0] - b.days[0] || (a.recipient < b.recipient ? -1 : 1));
  const fit = Math.max(0, Math.floor(Number.isNaN(input.remainingQuota) ? 0 : input.remainingQuota));
  return {
    day: today,
    dayKey: dayNumberToIso(today),
    timeZone: config.timeZone,
    sends: planned.slice(0, fit),
    deferred: planned.slice(fit),
    badRows,
    closingRows,
  };
}

export type SendStatus = 'sent' | 'failed' | 'deferred';

/** What the shell did with one planned digest. A quota error from MailApp may be reported 'deferred'. */
export interface SendResult {
  recipient: string;
  status: SendStatus;
  error?: string;
}

export interface Settlement {
  /** append these to reminderLog in one block */
  rows: LedgerRow[];
  sent: number;
  failed: number;
  deferred: number;
  /** something is owed (deferred or failed): keep a catch-up trigger; otherwise remove it */
  catchUpNeeded: boolean;
}

function ledgerRow(
  day: number,
  rule: string,
  customerId: string,
  recipient: string,
  status: LedgerStatus,
): LedgerRow {
  return { date: dayNumberToIso(day), rule, customerId, recipient, status };
}

/**
 * The ledger rows for a run: each digest's outcome (no result = not attempted = deferred), one row
 * per item, and `abandoned` for failure reports an admin digest delivered.
 */
export function settleRun(plan: RunPlan, results: SendResult[]): Settlement {
  const outcome = new Map(results.map((r) => [normalizeEmail(r.recipient), r.status]));
  const rows = [...plan.closingRows];
  const reported = new Set<string>();
  const counts = { sent: 0, failed: 0, deferred: 0 };
  for (const p of [...plan.sends, ...plan.deferred]) {
    const status = outcome.get(p.recipient) ?? 'deferred';
    counts[status]++;
    if (status === 'deferred' && p.todayRecorded) continue; // still owed; nothing new to say
    // A deferral only opens today's key: the held-back keys are already owed.
    for (const day of status === 'deferred' ? [plan.day] : p.days)
      rows.push(ledgerRow(day, DIGEST_RULE, '', p.recipient, status));
    for (const item of p.digest.items)
      rows.push(
        ledgerRow(plan.day, item.kind, item.opportunity?.id ?? item.customer.id, p.recipient, status),
      );
    if (status !== 'sent') continue;
    for (const f of p.digest.admin?.failedSends ?? []) {
      const key = `${f.day}|${f.recipient}`;
      if (reported.has(key)) continue;
      reported.add(key);
      rows.push(ledgerRow(f.day, DIGEST_RULE, '', f.recipient, 'abandoned'));
    }
  }
  return { rows, ...counts, catchUpNeeded: counts.failed + counts.deferred > 0 };
}
