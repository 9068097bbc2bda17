/**
 * MailApp: sending puts a message in a persistent outbox and uses up the sender's quota.
 *
 * Quota: the reference counts recipients ("Quotas are based on the number of email recipients"),
 * "Email recipients per day 100 / day" for consumer accounts and "1,500 / day" for Google
 * Workspace (the account profile, account.ts), and says quotas "are per user and reset 24 hours
 * after the first request". So each effective user has a rolling window that opens with their
 * first send and lasts 24 h; getRemainingDailyQuota() reads the same window. Every address in to,
 * cc and bcc counts.
 *
 * Limits per message, quotas page "Current limitations": "Email recipients per message 50 /
 * msg" and "Email body size 200 KB / msg"; a message over either is refused and nothing is sent.
 */
import { ACCOUNT_LIMITS } from '../account';
import { counted, type EmulatorContext } from '../context';
import { fail, isPlainRecord, signatureError, utf8Length } from './shared';

export const DEFAULT_DAILY_QUOTA = ACCOUNT_LIMITS.consumer.mailRecipientsPerDay;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
export const MAX_BODY_BYTES = 200 * 1024;
/** Apps Script's texts for the per-message limits (seen in real use). */
export const TOO_MANY_RECIPIENTS = 'Limit Exceeded: Email Recipients Per Message.';
export const BODY_TOO_LARGE = 'Limit Exceeded: Email Body Size.';
const WINDOW_MS = 86_400_000;
/** Apps Script's text once the daily recipient quota is used up (seen in real use). */
export const QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.';
export const NO_RECIPIENT = 'Failed to send email: no recipient';
export const NO_SUBJECT = 'Failed to send email: no subject';

export interface MailAttachment {
  name: string | null;
  contentType: string | null;
  size: number;
}

export interface MailRecord {
  id: string;
  /** the effective user: MailApp sends as the user whose authority the script runs with */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  attachments: MailAttachment[];
  /** ISO instant of the emulated clock */
  sentAt: string;
}

export interface MailState {
  outbox: MailRecord[];
  /** set only when a test changed the quota; otherwise the account profile's */
  dailyQuota?: number;
  /** per sender: when the current 24 h window opened and how many recipients it used */
  windows: Record<string, { start: number; used: number }>;
  nextId: number;
}

export interface MailOptions {
  dailyQuota?: number;
}

interface Message {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
}

const ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** Splits "a@x.com, Bob <b@x.com>" into bare addresses; refuses a malformed one like Apps Script. */
function addresses(field: unknown): string[] {
  if (field === undefined || field === null) return [];
  const out: string[] = [];
  for (const part of String(field).split(',')) {
    const token = part.trim();
    if (!token) continue;
    const angle = /<([^<>]*)>\s*$/.exec(token);
    const address = (angle ? angle[1] : token).trim();
    if (!ADDRESS.test(address)) fail(`Invalid email: ${token}`);
    out.push(address);
  }
  return out;
}

function attachmentsOf(list: unknown): MailAttachment[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) fail('Invalid argument: attachments');
  return list.map((a) => {
    const blob = a && typeof a.getBlob === 'function' && typeof a.getBytes !== 'function' ? a.getBlob() : a;
    const snap = blob && typeof blob._snapshot === 'function' ? blob._snapshot() : null;
    if (snap) return snap as MailAttachment;
    if (!blob || typeof blob.getBytes !== 'function') fail('Invalid argument: attachments');
    return { name: blob.getName(), contentType: blob.getContentType(), size: blob.getBytes().length };
  });
}

export class MailAppEmulator {
  private readonly outbox: MailRecord[];
  private quotaOverride: number | undefined;
  private readonly windows: MailState['windows'];
  private nextId: number;
  private failures: { count: number; message: string } | null = null;
  private sendDelayMs = 0;
  private readonly api: GoogleAppsScript.Mail.MailApp;

  constructor(
    private readonly ctx: EmulatorContext,
    state?: MailState,
    options: MailOptions = {},
  ) {
    this.outbox = (state?.outbox ?? []).map((m) => ({ ...m }));
    this.quotaOverride = options.dailyQuota ?? state?.dailyQuota;
    this.windows = { ...(state?.windows ?? {}) };
    this.nextId = state?.nextId ?? this.outbox.length + 1;
    const api: Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota'> & {
      sendEmail(...args: unknown[]): void;
    } = {
      getRemainingDailyQuota: () => this.remaining(),
      sendEmail: (...args: unknown[]) => {
        this.ctx.clock.advance(this.sendDelayMs);
        this.send(this.normalize(args));
      },
    };
    this.api = counted(ctx, 'MailApp', api) as unknown as GoogleAppsScript.Mail.MailApp;
  }

  get global(): GoogleAppsScript.Mail.MailApp {
    return this.api;
  }

  toState(): MailState {
    return {
      outbox: this.outbox.map((m) => ({ ...m })),
      ...(this.quotaOverride === undefined ? {} : { dailyQuota: this.quotaOverride }),
      windows: { ...this.windows },
      nextId: this.nextId,
    };
  }

  _outbox(): MailRecord[] {
    return this.outbox.map((m) => ({ ...m }));
  }

  /** Recipients per 24 h window for every user (e.g. 1500 for a Workspace account). */
  _setQuota(n: number): void {
    this.quotaOverride = n;
  }

  private get dailyQuota(): number {
    return this.quotaOverride ?? ACCOUNT_LIMITS[this.ctx.account].mailRecipientsPerDay;
  }

  /** The next `count` sends throw `message` and send nothing, like a transient Gmail failure. */
  _failNext(count: number, message = 'Service unavailable: Gmail'): void {
    this.failures = count > 0 ? { count, message } : null;
  }

  /**
   * Each sendEmail call takes `ms` of emulated time (default 0), as a real send takes time: lets
   * tests reach a script's time budget in the middle of a send loop.
   */
  _setSendDelay(ms: number): void {
    this.sendDelayMs = Math.max(0, ms);
  }

  private window(): { start: number; used: number } | null {
    const w = this.windows[this.ctx.identity.effective.toLowerCase()];
    return w && this.ctx.clock.now() < w.start + WINDOW_MS ? w : null;
  }

  private remaining(): number {
    return Math.max(0, this.dailyQuota - (this.window()?.used ?? 0));
  }

  /** The four reference overloads, reduced to one message object. */
  private normalize(args: unknown[]): Message {
    if (args.length === 1 && isPlainRecord(args[0])) return args[0] as Message;
    if (args.length === 3 || (args.length === 4 && (args[3] === undefined || isPlainRecord(args[3])))) {
      const [to, subject, body, options] = args;
      return { ...((options as Message | undefined) ?? {}), to, subject, body };
    }
    // sendEmail(to, replyTo, subject, body)
    if (args.length === 4) {
      const [to, replyTo, subject, body] = args;
      return { to, replyTo, subject, body };
    }
    throw signatureError('MailApp.sendEmail', args);
  }

  private send(m: Message): void {
    if (this.failures) {
      const { message } = this.failures;
      if (--this.failures.count <= 0) this.failures = null;
      fail(message);
    }
    const to = addresses(m.to);
    const cc = addresses(m.cc);
    const bcc = addresses(m.bcc);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) fail(NO_RECIPIENT);
    if (count > MAX_RECIPIENTS_PER_MESSAGE) fail(TOO_MANY_RECIPIENTS);
    if (m.subject === undefined || m.subject === null || m.subject === '') fail(NO_SUBJECT);
    if (addresses(m.replyTo).length > 1) fail(`Invalid email: ${String(m.replyTo)}`);
    const attachments = attachmentsOf(m.attachments);
    for (const body of [m.body, m.htmlBody])
      if (typeof body === 'string' && utf8Length(body) > MAX_BODY_BYTES) fail(BODY_TOO_LARGE);
    // All or nothing: a message that would pass the quota is not sent at all.
    if (count > this.remaining()) fail(QUOTA_EXCEEDED);
    const sender = this.ctx.identity.effective.toLowerCase();
    const window = this.window() ?? (this.windows[sender] = { start: this.ctx.clock.now(), used: 0 });
    window.used += count;
    this.outbox.push({
      id: `m${this.nextId++}`,
      from: this.ctx.identity.effective,
      to,
      cc,
      bcc,
      subject: String(m.subject),
      body: m.body === undefined || m.body === null ? '' : String(m.body),
      htmlBody: m.htmlBody === undefined || m.htmlBody === null ? null : String(m.htmlBody),
      name: m.name === undefined || m.name === null ? null : String(m.name),
      replyTo: m.replyTo === undefined || m.replyTo === null || m.replyTo === '' ? null : String(m.replyTo),
      noReply: m.noReply === true,
      attachments,
      sentAt: new Date(this.ctx.clock.now()).toISOString(),
    });
  }
}
