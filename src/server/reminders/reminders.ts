/**
 * The reminders shell: one daily trigger, the send loop, the reminderLog ledger and the catch-up
 * trigger. Planning and settlement are core's (src/core/reminders/plan.ts, whose header shows this
 * loop); this file only reads the sheets once, sends, and writes the ledger in one block.
 *
 * Triggers: the daily trigger (handler runDailyReminders) runs at settings reminder.hour in the
 * spreadsheet's time zone. A one-off catch-up trigger (runReminderCatchUp) is kept while something
 * is owed (deferred over quota, failed, or left over when a run stopped near the time limit) and
 * removed when nothing is. ScriptApp lists only the current user's triggers, so who installed the
 * daily trigger is recorded in document properties.
 */
import { dayNumberOf, dayNumberToIso, messageOf, wallClock } from '../../core/shared';
import { editsAllCustomers, normalizeEmail, resolveRole, can } from '../../core/roles';
import {
  LEDGER_ARCHIVE_THRESHOLD,
  planLedgerArchive,
  OPPORTUNITY_COLUMNS,
  planRun,
  PlanInput,
  readSentRecord,
  recordSends,
  sentRecordRows,
  PlannedDigest,
  RunPlan,
  SendResult,
  settleRun,
} from '../../core/reminders';
import type { LedgerRow, RowLinks } from '../../core/reminders';
import { systemWriters } from '../../core/permissions';
import { messagesFor, UserError } from '../../i18n';
import {
  archiveThreshold,
  moveToArchive,
  withDocumentLock,
  canEditSheet,
  deleteKey,
  DOC_KEYS,
  documentProperties,
  readJson,
  readNumber,
  type Table,
  withStrings,
  writeJson,
  ensureTrigger,
  removeTriggers,
  continueLater,
  triggersOf,
} from '../document';
import { recordAction } from '../audit';
import {
  begin,
  beginAsInstaller,
  Execution,
  reportingFailures,
  requireAction,
  requireInstallerAction,
  requireTable,
} from '../session';

export const DAILY_HANDLER = 'runDailyReminders';
export const CATCH_UP_HANDLER = 'runReminderCatchUp';

const NOTHING_DONE: RunSummary = {
  status: 'done',
  day: '',
  sent: 0,
  failed: 0,
  deferred: 0,
  badRows: 0,
  stoppedEarly: false,
  catchUp: 'none',
};

/** Columns a run reads: a sheet without them is refused, never read as "nothing owed". */
const CUSTOMER_COLUMNS = ['id', 'name', 'owner', 'nextFollowUp'] as const;
const LEDGER_COLUMNS = ['date', 'rule', 'recipient', 'status'] as const;

/** Stop sending after 4.5 of Apps Script's 6 minutes: settling and the ledger write need the rest. */
export const DEFAULT_BUDGET_MS = 270_000;
/** How long a run waits for the document lock before leaving the work to the catch-up trigger. */
const LOCK_WAIT_MS = 10_000;
/** When a run stopped near the time limit, the follow-up starts this soon. */
const FOLLOW_UP_MS = 60_000;
/** Deferred (quota) and failed digests are retried this much later. */
const RETRY_MS = 3_600_000;
/** A run that found the workbook busy leaves the work to a run this much later. */
const BUSY_RETRY_MS = 300_000;

export interface TriggerRecord {
  installer: string;
  hour: number;
  timeZone: string;
  since: string;
}

export interface LastRun {
  at: string;
  day: string;
  by: string;
  sent: number;
  failed: number;
  deferred: number;
  badRows: number;
  stoppedEarly: boolean;
}

export interface ReminderStatus {
  on: boolean;
  /** the daily trigger belongs to the acting user (only they can remove it) */
  mine: boolean;
  installer: string;
  hour: number;
  timeZone: string;
  lastRun: LastRun | null;
}

export interface RunSummary {
  /** 'busy': another execution held the document lock; a catch-up run will do the work */
  status: 'done' | 'busy';
  day: string;
  sent: number;
  failed: number;
  deferred: number;
  badRows: number;
  stoppedEarly: boolean;
  /** what the run arranged: a follow-up soon (time limit), a retry later, or nothing owed */
  catchUp: 'soon' | 'later' | 'none';
}

const readTriggerRecord = () =>
  readJson(DOC_KEYS.remindersTrigger, withStrings<TriggerRecord>('installer', 'timeZone', 'since'));
const readLastRun = () => readJson(DOC_KEYS.remindersLastRun, withStrings<LastRun>('at', 'day'));

/** settings reminder.hour as 0-23; a typo falls back to the default 8 rather than stopping reminders. */
export function reminderHour(ex: Execution): number {
  const n = Number(String(ex.settings['reminder.hour'] ?? '').trim());
  return Number.isInteger(n) && n >= 0 && n <= 23 ? n : 8;
}

function actingEmail(ex: Execution): string {
  return normalizeEmail(ex.user.email || Session.getEffectiveUser().getEmail());
}

// --- the daily trigger ----------------------------------------------------------------------

export function reminderStatus(ex: Execution): ReminderStatus {
  const record = readTriggerRecord();
  const mine = triggersOf(DAILY_HANDLER).length > 0;
  return {
    on: mine || record !== null,
    mine,
    installer: record?.installer ?? (mine ? actingEmail(ex) : ''),
    hour: record?.hour ?? reminderHour(ex),
    timeZone: record?.timeZone ?? ex.timeZone,
    lastRun: readLastRun(),
  };
}

/**
 * Someone else's daily trigger is on and they may still run it. A trigger of a user who lost the
 * manageReminders role refuses to run (its handler checks the role), so it no longer blocks others.
 */
export function blockedByOtherInstaller(ex: Execution, status: ReminderStatus): boolean {
  if (!status.on || status.mine || !status.installer) return false;
  if (status.installer === actingEmail(ex)) return false;
  return can(resolveRole(status.installer, ex.owner, ex.roles).role, 'manageReminders');
}

function installDaily(hour: number, timeZone: string): void {
  ensureTrigger(DAILY_HANDLER, () =>
    ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(hour).inTimezone(timeZone).create(),
  );
}

/** Turns the daily trigger on or off for the acting user; call under the document lock. */
export function switchDailyReminders(ex: Execution, on: boolean): ReminderStatus {
  const status = reminderStatus(ex);
  if (blockedByOtherInstaller(ex, status))
    throw new UserError(ex.locale, 'remind.toggle.otherInstaller', { email: status.installer });
  if (on) {
    const hour = reminderHour(ex);
    // Reinstalling picks up a changed hour or time zone.
    if (status.mine && (status.hour !== hour || status.timeZone !== ex.timeZone))
      removeTriggers(DAILY_HANDLER);
    installDaily(hour, ex.timeZone);
    const record: TriggerRecord = {
      installer: actingEmail(ex),
      hour,
      timeZone: ex.timeZone,
      since: new Date().toISOString(),
    };
    writeJson(DOC_KEYS.remindersTrigger, record);
  } else {
    removeTriggers(DAILY_HANDLER);
    removeTriggers(CATCH_UP_HANDLER);
    deleteKey(DOC_KEYS.remindersTrigger);
  }
  return reminderStatus(ex);
}

/** The status in words: on or off, who installed it, the hour, the last run. */
export function statusText(ex: Execution, status: ReminderStatus): string {
  const lines = [
    status.on
      ? ex.t('remind.status.on', {
          email: status.installer || '?',
          hour: String(status.hour).padStart(2, '0'),
          timeZone: status.timeZone,
        })
      : ex.t('remind.status.off'),
  ];
  const last = status.lastRun;
  lines.push(
    last
      ? ex.t('remind.status.lastRun', {
          at: Utilities.formatDate(new Date(last.at), ex.timeZone, 'yyyy-MM-dd HH:mm'),
          sent: last.sent,
          deferred: last.deferred,
          failed: last.failed,
        })
      : ex.t('remind.status.neverRun'),
  );
  return lines.join('\n');
}

// --- one run --------------------------------------------------------------------------------

function budgetMs(): number {
  const n = readNumber(DOC_KEYS.remindersTimeBudgetMs);
  return n !== null && n > 0 ? n : DEFAULT_BUDGET_MS;
}

/** Where the digests' links point: the customer's row (and the roles sheet for admins). */
function rowLinks(ex: Execution): RowLinks {
  const customers = ex.wb.sheet('customers');
  const roles = ex.wb.sheet('roles');
  return {
    spreadsheetUrl: ex.wb.ss.getUrl(),
    customersGid: customers ? customers.getSheetId() : '',
    ...(roles ? { rolesGid: roles.getSheetId() } : {}),
  };
}

/** Everything planRun needs, each sheet read once (the Workbook caches reads). */
function planInput(ex: Execution, now: number, remainingQuota: number): PlanInput {
  return {
    now,
    customers: requireTable(ex, 'customers', CUSTOMER_COLUMNS).rows,
    // Only the columns the opportunity items read: one getValues per run of adjacent columns.
    // A workbook set up before opportunities existed simply has none.
    opportunities: ex.wb.readColumns('opportunities', [...OPPORTUNITY_COLUMNS])?.rows ?? [],
    roles: ex.wb.read('roles')?.rows ?? [],
    settings: ex.settings,
    // The job's own record of sends counts as the ledger does: a cleared ledger resends nothing.
    ledger: [
      ...requireTable(ex, 'reminderLog', LEDGER_COLUMNS).rows,
      ...sentRecordRows(readSentRecord(documentProperties().getProperties())),
    ],
    remainingQuota,
    timeZone: ex.timeZone,
    owner: ex.owner,
    links: rowLinks(ex),
  };
}

/** Replaces this user's catch-up trigger. */
function scheduleCatchUp(afterMs: number): void {
  continueLater(CATCH_UP_HANDLER, afterMs);
}

const QUOTA_ERROR = /too many times|quota|limit exceeded/i;

function send(p: PlannedDigest, ex: Execution): SendResult {
  try {
    MailApp.sendEmail({
      to: p.recipient,
      subject: p.message.subject,
      body: p.message.text,
      htmlBody: p.message.html,
      name: ex.t('menu.title'),
    });
    return { recipient: p.recipient, status: 'sent' };
  } catch (e) {
    const error = String((e as Error)?.message ?? e);
    return { recipient: p.recipient, status: QUOTA_ERROR.test(error) ? 'deferred' : 'failed', error };
  }
}

/** The send loop: stops before the budget runs out, and after a quota error (the rest would fail too). */
function sendAll(
  plan: RunPlan,
  ex: Execution,
  started: number,
  budget: number,
  results: SendResult[],
  progress: { stoppedEarly: boolean },
): void {
  for (const p of plan.sends) {
    if (Date.now() - started >= budget) {
      progress.stoppedEarly = true;
      return;
    }
    const result = send(p, ex);
    results.push(result);
    if (result.status === 'deferred') return;
  }
}

/**
 * One reminder run, as the daily trigger, the catch-up trigger and `crm remind` run it. Under the
 * document lock, so overlapping runs cannot both send a digest; a busy lock leaves the work to a
 * catch-up run.
 */
export function runReminderJob(e?: { triggerUid?: unknown }): RunSummary {
  const started = Date.now();
  // As the account it runs as: the trigger's installer, or the person at the menu or runner.
  const ex = beginAsInstaller();
  if (e?.triggerUid) requireInstallerAction(ex, 'manageReminders', DAILY_HANDLER);
  else requireAction(ex, 'manageReminders');
  requireTable(ex, 'customers', CUSTOMER_COLUMNS);
  requireTable(ex, 'reminderLog', LEDGER_COLUMNS);
  // A trigger run before the reminder hour (a catch-up after midnight) would send the new day's
  // digests early: it leaves them to a run at the hour.
  const clock = wallClock(started, ex.timeZone);
  const hour = reminderHour(ex);
  if (e?.triggerUid && clock.hour < hour) {
    scheduleCatchUp(((hour - clock.hour) * 60 - clock.minute) * 60_000);
    return { ...NOTHING_DONE, day: dayNumberToIso(dayNumberOf(started, ex.timeZone)), catchUp: 'later' };
  }
  return withDocumentLock(ex, () => runUnderLock(ex, started), {
    waitMs: LOCK_WAIT_MS,
    onBusy: (): RunSummary => {
      scheduleCatchUp(BUSY_RETRY_MS);
      return {
        status: 'busy',
        day: '',
        sent: 0,
        failed: 0,
        deferred: 0,
        badRows: 0,
        stoppedEarly: false,
        catchUp: 'later',
      };
    },
  });
}

function runUnderLock(ex: Execution, started: number): RunSummary {
  keepScheduleCurrent(ex);
  assertLedgerWritable(ex);
  // The ledger is read under the lock: a run that read it before another run's write could double.
  const ledger = requireTable(ex, 'reminderLog');
  const plan = planRun(planInput(ex, started, MailApp.getRemainingDailyQuota()));
  const results: SendResult[] = [];
  const progress = { stoppedEarly: false };
  let summary: { run: RunSummary; ledgerRows: LedgerRow[] } | undefined;
  try {
    sendAll(plan, ex, started, budgetMs(), results, progress);
  } finally {
    // Settle whatever happened, even after an unexpected error: a sent digest must be recorded.
    summary = settle(ex, plan, results, progress.stoppedEarly);
  }
  archiveLedgerIfFull(ex, ledger, summary.ledgerRows);
  return summary.run;
}

/**
 * Refuses before sending anything when this account may not write the ledger (the Reminder log is
 * protected; the permissions feature makes reminder installers editors): a digest sent but not
 * recorded would be sent again by the next run.
 */
function assertLedgerWritable(ex: Execution): void {
  const sheet = ex.wb.sheet('reminderLog');
  if (sheet && !canEditSheet(sheet))
    throw new UserError(ex.locale, 'remind.error.ledgerProtected', {
      email: actingEmail(ex),
      sheet: ex.t('sheet.reminderLog'),
    });
}

function settle(
  ex: Execution,
  plan: RunPlan,
  results: SendResult[],
  stoppedEarly: boolean,
): { run: RunSummary; ledgerRows: LedgerRow[] } {
  const s = settleRun(plan, results);
  recordSent(
    plan.dayKey,
    results.filter((r) => r.status === 'sent').map((r) => r.recipient),
  );
  ex.wb.append(
    'reminderLog',
    s.rows.map((r) => ({ ...r })),
  );
  let catchUp: RunSummary['catchUp'] = 'none';
  if (stoppedEarly && s.deferred > 0) {
    scheduleCatchUp(FOLLOW_UP_MS);
    catchUp = 'soon';
  } else if (s.catchUpNeeded) {
    scheduleCatchUp(RETRY_MS);
    catchUp = 'later';
  } else {
    removeTriggers(CATCH_UP_HANDLER);
  }
  const last: LastRun = {
    at: new Date().toISOString(),
    day: plan.dayKey,
    by: actingEmail(ex),
    sent: s.sent,
    failed: s.failed,
    deferred: s.deferred,
    badRows: plan.badRows.length,
    stoppedEarly,
  };
  writeJson(DOC_KEYS.remindersLastRun, last);
  return { run: { status: 'done', ...last, catchUp }, ledgerRows: s.rows };
}

/** Adds the run's sent digests to the job's own record (document properties), pruning old days. */
function recordSent(day: string, recipients: string[]): void {
  if (recipients.length === 0) return;
  try {
    const store = documentProperties();
    const write = recordSends(store.getProperties(), day, recipients);
    store.setProperties(write.set);
    for (const key of write.remove) store.deleteProperty(key);
  } catch (e) {
    console.error(`Sheets CRM: the record of sent digests could not be written: ${messageOf(e)}`);
  }
}

/**
 * After a run, under its lock: a ledger past the threshold moves its oldest half to the archive
 * sheet (rows already read, so nothing is read again); the digest rows later runs still need are
 * appended back before the block is deleted. A failure here is logged and loses no row (at worst a
 * row is in two places): sending must not depend on it.
 */
function archiveLedgerIfFull(ex: Execution, ledger: Table, appended: LedgerRow[]): void {
  try {
    const threshold = archiveThreshold(DOC_KEYS.remindersArchiveThreshold, LEDGER_ARCHIVE_THRESHOLD);
    const today = dayNumberOf(Date.now(), ex.timeZone);
    const plan = planLedgerArchive(ledger.rows, ledger.lastRow - 1, appended, today, ex.timeZone, threshold);
    if (!plan) return;
    const kept = new Set(plan.keptRows);
    const moving = ledger.grid
      .slice(0, plan.numRows)
      .filter((line, i) => !kept.has(plan.startRow + i) && line.some((v) => v !== '' && v !== null));
    if (moving.length === 0) return; // the whole block is still needed: nothing to archive yet
    const archive = moveToArchive(
      ex.wb,
      ledger,
      {
        idProperty: DOC_KEYS.remindersArchiveSheetId,
        nameKey: 'remind.archiveSheet',
        protectionKey: 'remind.archiveProtection',
        editors: systemWriters(ex.roles, ex.owner),
      },
      plan,
      moving,
      () => ex.wb.append('reminderLog', plan.carry),
    );
    recordAction(ex, {
      action: 'reminderArchive',
      sheet: 'reminderLog',
      range: `${plan.startRow}:${plan.startRow + plan.numRows - 1}`,
      details: { rows: moving.length, kept: plan.carry.length, to: archive.getName() },
    });
  } catch (e) {
    console.warn(`Sheets CRM: archiving the reminder log failed: ${messageOf(e)}`);
  }
}

/** The installer's run moves its own trigger when settings reminder.hour or the sheet's zone changed. */
function keepScheduleCurrent(ex: Execution): void {
  const record = readTriggerRecord();
  if (!record || record.installer !== actingEmail(ex)) return;
  const hour = reminderHour(ex);
  if (record.hour === hour && record.timeZone === ex.timeZone) return;
  if (triggersOf(DAILY_HANDLER).length === 0) return;
  removeTriggers(DAILY_HANDLER);
  installDaily(hour, ex.timeZone);
  writeJson(DOC_KEYS.remindersTrigger, { ...record, hour, timeZone: ex.timeZone });
}

/** The daily trigger's handler; failures are mailed to the admins. */
export function runDailyReminders(e?: { triggerUid?: unknown }): RunSummary {
  return reportingFailures(DAILY_HANDLER, () => runReminderJob(e), e);
}

/** The one-off catch-up trigger's handler: the same job, which finds what is still owed. */
export function runReminderCatchUp(e?: { triggerUid?: unknown }): RunSummary {
  return reportingFailures(CATCH_UP_HANDLER, () => runReminderJob(e), e);
}

/** Turns the daily trigger on or off without the menu's questions (`crm run setDailyReminders true`). */
export function setDailyReminders(on: unknown): ReminderStatus {
  const ex = begin();
  requireAction(ex, 'manageReminders');
  requireTable(ex, 'reminderLog');
  if (typeof on !== 'boolean') throw new UserError(ex.locale, 'remind.toggle.badArgument');
  return withDocumentLock(ex, () => switchDailyReminders(ex, on));
}

// --- preview --------------------------------------------------------------------------------

export type PreviewStatus = 'pending' | 'heldBack' | 'sent';

export interface PreviewDigest {
  recipient: string;
  name: string;
  status: PreviewStatus;
  items: number;
  subject: string;
  html: string;
  text: string;
}

export interface ReminderPreview {
  day: string;
  timeZone: string;
  /** managers and admins may choose any recipient; account managers see their own digest */
  canChoose: boolean;
  recipients: Array<{ email: string; name: string; status: PreviewStatus; items: number }>;
  selected: string;
  digests: PreviewDigest[];
  badRows: number;
  messages: Record<(typeof PREVIEW_MESSAGES)[number], string>;
}

const PREVIEW_MESSAGES = [
  'remind.preview.title',
  'remind.preview.recipient',
  'remind.preview.nothing',
  'remind.preview.subject',
  'remind.preview.status.pending',
  'remind.preview.status.heldBack',
  'remind.preview.status.sent',
  'remind.preview.badRows',
  'remind.preview.text',
  'remind.preview.html',
  'remind.preview.close',
] as const;

function toPreview(p: PlannedDigest, status: PreviewStatus): PreviewDigest {
  return {
    recipient: p.recipient,
    name: p.digest.name,
    status,
    items: p.digest.items.length,
    subject: p.message.subject,
    html: p.message.html,
    text: p.message.text,
  };
}

/**
 * Today's digests as the next run would send them (the ledger applied), and those already sent
 * today as they were. The HTML is core's renderer output, where every value is escaped.
 */
export function buildPreview(ex: Execution, repEmail: string, all: boolean): ReminderPreview {
  const now = Date.now();
  const input = planInput(ex, now, Infinity);
  const live = planRun(input);
  const fresh = planRun({ ...input, ledger: [] });
  const byRecipient = new Map<string, PreviewDigest>();
  for (const p of fresh.sends) byRecipient.set(p.recipient, toPreview(p, 'sent'));
  for (const p of live.sends)
    byRecipient.set(p.recipient, toPreview(p, p.todayRecorded || p.days.length > 1 ? 'heldBack' : 'pending'));

  const me = actingEmail(ex);
  const canChoose = editsAllCustomers(ex.user.role);
  const requested = normalizeEmail(repEmail);
  if (!canChoose && requested && requested !== me)
    throw new UserError(ex.locale, 'remind.preview.ownOnly', { email: requested });
  const visible = [...byRecipient.values()]
    .filter((d) => canChoose || d.recipient === me)
    .sort((a, b) => (a.recipient < b.recipient ? -1 : 1));
  const selected =
    requested || (visible.some((d) => d.recipient === me) ? me : (visible[0]?.recipient ?? ''));
  return {
    day: live.dayKey,
    timeZone: live.timeZone,
    canChoose,
    recipients: visible.map(({ recipient, name, status, items }) => ({
      email: recipient,
      name,
      status,
      items,
    })),
    selected,
    digests: all ? visible : visible.filter((d) => d.recipient === selected),
    badRows: canChoose ? live.badRows.length : 0,
    messages: messagesFor(ex.locale, PREVIEW_MESSAGES),
  };
}

/** google.script.run target of the preview dialog and `crm remind --dry-run`. */
export function previewReminders(repEmail?: unknown, all?: unknown): ReminderPreview {
  const ex = begin();
  requireAction(ex, 'previewReminders');
  return buildPreview(ex, typeof repEmail === 'string' ? repEmail : '', all === true);
}

// --- menu items -----------------------------------------------------------------------------

/**
 * Menu "Turn daily reminders on/off": shows the state (on or off, installer, hour, last run) and
 * offers to switch it. Someone else's live trigger cannot be seen or removed from here (ScriptApp
 * lists only one's own), so that case is explained instead.
 */
export function menuToggleReminders(): ReminderStatus {
  const ex = begin();
  requireAction(ex, 'manageReminders');
  requireTable(ex, 'reminderLog');
  const ui = SpreadsheetApp.getUi();
  const title = ex.t('remind.toggle.title');
  const status = reminderStatus(ex);
  const current = statusText(ex, status);
  if (blockedByOtherInstaller(ex, status)) {
    ui.alert(
      title,
      `${current}\n\n${ex.t('remind.toggle.otherInstaller', { email: status.installer })}`,
      ui.ButtonSet.OK,
    );
    return status;
  }
  const question = status.on
    ? ex.t('remind.toggle.askOff')
    : ex.t('remind.toggle.askOn', { hour: String(reminderHour(ex)).padStart(2, '0'), timeZone: ex.timeZone });
  if (ui.alert(title, `${current}\n\n${question}`, ui.ButtonSet.YES_NO) !== ui.Button.YES) return status;
  const next = withDocumentLock(ex, () => switchDailyReminders(ex, !status.on));
  ui.alert(title, statusText(ex, next), ui.ButtonSet.OK);
  return next;
}

/** Menu "Preview today's reminders": the dialog calls previewReminders. */
export function menuPreviewReminders(): void {
  const ex = begin();
  requireAction(ex, 'previewReminders');
  requireTable(ex, 'reminderLog');
  const html = HtmlService.createHtmlOutputFromFile('RemindersPreview').setWidth(820).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, ex.t('remind.preview.title'));
}
