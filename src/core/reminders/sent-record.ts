/**
 * The reminder job's own record of the digests it sent, kept outside the Reminder log (in document
 * properties): a manager who clears or edits the ledger must not make the next run send the day's
 * digests again. The record is a list of recipients per day key, in chunks under the 9 KB per
 * value limit; only the last SENT_RECORD_KEEP_DAYS days are kept, which is all a resend could
 * concern (older days are never planned again unless the ledger says they are owed).
 */
import type { SheetRow } from '../schema';
import { normalizeEmail } from '../roles';
import { parseIsoDay } from '../shared';
import { DIGEST_RULE } from './ledger';

/** Property keys: prefix, day key (YYYY-MM-DD), chunk number. */
export const SENT_RECORD_PREFIX = 'sheetsCrm.reminders.sent.';
export const SENT_RECORD_KEEP_DAYS = 3;
/** Characters per chunk: recipients are ASCII addresses, so bytes = characters, under 9 KB. */
const CHUNK_CHARS = 8000;

/** day key → recipients, read from the document's properties (other keys ignored, bad values skipped). */
export function readSentRecord(properties: Record<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, value] of Object.entries(properties)) {
    if (!key.startsWith(SENT_RECORD_PREFIX)) continue;
    const day = key.slice(SENT_RECORD_PREFIX.length).split('.')[0];
    let list: unknown;
    try {
      list = JSON.parse(value);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    let set = out.get(day);
    if (!set) out.set(day, (set = new Set()));
    for (const r of list) if (typeof r === 'string' && normalizeEmail(r)) set.add(normalizeEmail(r));
  }
  return out;
}

/** The record as ledger rows ("sent" digest rows), so planning treats it like the ledger itself. */
export function sentRecordRows(record: Map<string, Set<string>>): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const [day, recipients] of record)
    for (const recipient of recipients)
      rows.push({
        row: 0,
        values: { date: day, rule: DIGEST_RULE, customerId: '', recipient, status: 'sent' },
      });
  return rows;
}

export interface SentRecordWrite {
  /** properties to set (the day's chunks, rewritten whole) */
  set: Record<string, string>;
  /** property keys to delete: days past the window, chunks no longer used */
  remove: string[];
}

/** What to write after a run sent to `recipients` on `day`: the day's chunks, and old days pruned. */
export function recordSends(
  properties: Record<string, string>,
  day: string,
  recipients: string[],
): SentRecordWrite {
  const record = readSentRecord(properties);
  const today = record.get(day) ?? new Set<string>();
  for (const r of recipients) if (normalizeEmail(r)) today.add(normalizeEmail(r));
  const set: Record<string, string> = {};
  let chunk: string[] = [];
  let chars = 2;
  let n = 0;
  const flush = () => {
    set[`${SENT_RECORD_PREFIX}${day}.${n++}`] = JSON.stringify(chunk);
    chunk = [];
    chars = 2;
  };
  for (const r of [...today].sort()) {
    if (chunk.length && chars + r.length + 3 > CHUNK_CHARS) flush();
    chunk.push(r);
    chars += r.length + 3;
  }
  if (chunk.length) flush();
  const oldest = (parseIsoDay(day) ?? 0) - (SENT_RECORD_KEEP_DAYS - 1);
  const remove = Object.keys(properties).filter((key) => {
    if (!key.startsWith(SENT_RECORD_PREFIX) || key in set) return false;
    const [keyDay] = key.slice(SENT_RECORD_PREFIX.length).split('.');
    const dayNumber = parseIsoDay(keyDay);
    return keyDay === day || dayNumber === null || dayNumber < oldest;
  });
  return { set, remove };
}
