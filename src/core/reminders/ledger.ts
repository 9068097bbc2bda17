/**
 * The reminderLog ledger (columns date, rule, customerId, recipient, status).
 *
 * Scheme: one row per state change of a digest, plus one row per item it carried.
 * - Digest rows: date = the digest's day key (YYYY-MM-DD in the spreadsheet's zone), rule = 'digest',
 *   customerId = '', recipient, status:
 *     sent        delivered; the (recipient, day) key is done
 *     deferred    held back (quota, or the run ran out of time); owed to the next run
 *     failed      MailApp threw; owed and retried by the next run, MAX_RETRIES times at most
 *     abandoned   failed 1 + MAX_RETRIES times and the admins have been sent the report; done
 *     superseded  was owed, but nothing is left to say (customers handled since); done
 * - Item rows: date = the digest's day, rule = the item kind (overdue, dueToday, upcoming, birthday,
 *   contract), customerId, recipient, status = the digest's status in that event.
 * Only rule = 'digest' rows drive planning; rows may be in any order and overlapping runs may both
 * append: a key is done as soon as any row says so.
 */
import type { CellValue, SheetRow } from '../schema';
import { normalizeEmail } from '../roles';
import { dayReader } from './days';
import type { FailedSend } from './types';

export const DIGEST_RULE = 'digest';
/** A failing digest is retried by this many later runs, then reported to the admins. */
export const MAX_RETRIES = 3;

export type LedgerStatus = 'sent' | 'deferred' | 'failed' | 'abandoned' | 'superseded';

/** One reminderLog row, keyed by column key (the shell maps keys to columns). */
export interface LedgerRow {
  date: string;
  rule: string;
  customerId: string;
  recipient: string;
  status: LedgerStatus;
}

export interface KeyState {
  sent: boolean;
  deferred: boolean;
  failures: number;
  abandoned: boolean;
  superseded: boolean;
}

export type KeyStatus = 'none' | 'owed' | 'done' | 'gaveUp';

/** Digest key states by recipient, then day number. */
export type LedgerState = Map<string, Map<number, KeyState>>;

export function readLedger(rows: SheetRow[], timeZone: string): LedgerState {
  const readDay = dayReader(timeZone);
  const state: LedgerState = new Map();
  for (const r of rows) {
    const v = r.values;
    if (String(v.rule ?? '').trim() !== DIGEST_RULE) continue;
    const day = readDay(v.date);
    const recipient = normalizeEmail(v.recipient);
    if (day === null || Number.isNaN(day) || !recipient) continue;
    let byDay = state.get(recipient);
    if (!byDay) state.set(recipient, (byDay = new Map()));
    let key = byDay.get(day);
    if (!key)
      byDay.set(
        day,
        (key = { sent: false, deferred: false, failures: 0, abandoned: false, superseded: false }),
      );
    const status = String(v.status ?? '')
      .trim()
      .toLowerCase();
    if (status === 'sent') key.sent = true;
    else if (status === 'deferred') key.deferred = true;
    else if (status === 'failed') key.failures++;
    else if (status === 'abandoned') key.abandoned = true;
    else if (status === 'superseded') key.superseded = true;
  }
  return state;
}

export function keyStatus(key: KeyState | undefined): KeyStatus {
  if (!key) return 'none';
  if (key.sent || key.abandoned || key.superseded) return 'done';
  if (key.failures > MAX_RETRIES) return 'gaveUp';
  return key.deferred || key.failures > 0 ? 'owed' : 'none';
}

export function statusOf(ledger: LedgerState, recipient: string, day: number): KeyStatus {
  return keyStatus(ledger.get(recipient)?.get(day));
}

/** The recipient's owed days up to `today`, oldest first. */
export function owedDays(ledger: LedgerState, recipient: string, today: number): number[] {
  const out: number[] = [];
  for (const [day, key] of ledger.get(recipient) ?? [])
    if (day <= today && keyStatus(key) === 'owed') out.push(day);
  return out.sort((a, b) => a - b);
}

/** Digests that failed every attempt and are not yet reported to an admin. */
export function gaveUpSends(ledger: LedgerState): FailedSend[] {
  const out: FailedSend[] = [];
  for (const [recipient, byDay] of ledger)
    for (const [day, key] of byDay)
      if (keyStatus(key) === 'gaveUp') out.push({ day, recipient, attempts: key.failures });
  return out.sort((a, b) => a.day - b.day || (a.recipient < b.recipient ? -1 : 1));
}

/** The ledger is archived once it holds more data rows than this (about 17 days at 50 reps). */
export const LEDGER_ARCHIVE_THRESHOLD = 100000;

export interface LedgerArchivePlan {
  /** sheet row of the first row to move (row 1 is the header); rows move from the top */
  startRow: number;
  numRows: number;
  /**
   * Sheet rows in that block that stay in the ledger: digest rows whose key a later run still
   * reads (owed, failed every retry and not yet reported, or of today or yesterday, so a catch-up
   * run later the same day knows what was sent), or whose key has rows below the block. They are
   * deleted with the block and appended back, never written to the archive, so every row is in
   * exactly one of the two sheets and each key's digest rows in one of them.
   */
  keptRows: number[];
  /** the values of those rows, in order, to append back */
  carry: Array<Record<string, CellValue>>;
}

/**
 * Whether the ledger must be archived, and how. Every run reads the whole ledger, so without this
 * a run's cells read grow by thousands of rows a day. Once the ledger holds more than `threshold`
 * data rows, the oldest half moves to the archive, except the digest rows a later run still needs.
 * `rows` are the rows read (sheet order), `dataRows` the sheet's data row count when read,
 * `appended` the rows this run added below them, `today` the run's day number.
 */
export function planLedgerArchive(
  rows: SheetRow[],
  dataRows: number,
  appended: LedgerRow[],
  today: number,
  timeZone: string,
  threshold = LEDGER_ARCHIVE_THRESHOLD,
): LedgerArchivePlan | null {
  if (!(dataRows > threshold)) return null;
  const numRows = Math.floor(dataRows / 2);
  const lastMoved = 1 + numRows;
  const added: SheetRow[] = appended.map((r, i) => ({
    row: -1 - i,
    values: {
      date: r.date,
      rule: r.rule,
      customerId: r.customerId,
      recipient: r.recipient,
      status: r.status,
    },
  }));
  const state = readLedger([...rows, ...added], timeZone);
  const readDay = dayReader(timeZone);
  const keyOf = (r: SheetRow): string | null => {
    if (String(r.values.rule ?? '').trim() !== DIGEST_RULE) return null;
    const day = readDay(r.values.date);
    const recipient = normalizeEmail(r.values.recipient);
    return day === null || Number.isNaN(day) || !recipient ? null : `${recipient}|${day}`;
  };
  // A key's digest rows stay together: were some archived and some not, the ledger alone could
  // show a held-back row without the row that settled it, and the digest would go out again.
  const staying = new Set<string>();
  for (const r of [...rows.filter((r) => r.row > lastMoved), ...added]) {
    const key = keyOf(r);
    if (key) staying.add(key);
  }
  const plan: LedgerArchivePlan = { startRow: 2, numRows, keptRows: [], carry: [] };
  for (const r of rows) {
    if (r.row > lastMoved) break;
    const key = keyOf(r);
    if (!key) continue;
    const [recipient, dayText] = key.split('|');
    const day = Number(dayText);
    const status = keyStatus(state.get(recipient)?.get(day));
    if (staying.has(key) || day >= today - 1 || status === 'owed' || status === 'gaveUp') {
      plan.keptRows.push(r.row);
      plan.carry.push({ ...r.values });
    }
  }
  return plan;
}
