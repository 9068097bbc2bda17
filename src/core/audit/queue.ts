/**
 * Audit rows waiting for someone allowed to write the log.
 *
 * The auditLog sheet is protected so that only admins, managers and the add-on's triggers can
 * write it; account managers and assistants are kept out so they cannot rewrite the trail. Yet
 * their form saves and reminder actions are script writes, which fire no edit trigger, so the
 * add-on must log them itself. Running as them, it parks the rows in document properties, which
 * every user may write; the next execution that may write the log (the edit trigger, the hourly
 * reconcile, any manager's or admin's action) appends them in one block under the document lock,
 * with the time they happened, then deletes what it appended: a failure in between repeats rows,
 * it never loses one.
 */
import type { AuditRecord } from './trail';

/** Document property keys of parked rows: prefix, time, then a unique suffix. */
export const PENDING_AUDIT_PREFIX = 'sheetsCrm.audit.pending.';

/** Properties hold at most 9 KB per value (Apps Script quotas); stay below it. */
export const PENDING_AUDIT_VALUE_MAX_BYTES = 8 * 1024;

interface ParkedRow extends Omit<AuditRecord, 'timestamp'> {
  timestamp: number;
}

/** Bytes of a string in UTF-8, as the property store counts them. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Rows as property values, each under the size limit (a row is far smaller: its texts are capped). */
export function encodePendingAudit(rows: AuditRecord[]): string[] {
  const values: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const row of rows) {
    const parked: ParkedRow = { ...row, timestamp: row.timestamp.getTime() };
    const json = JSON.stringify(parked);
    const bytes = utf8Length(json) + 1;
    if (batch.length && size + bytes > PENDING_AUDIT_VALUE_MAX_BYTES) {
      values.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(json);
    size += bytes;
  }
  if (batch.length) values.push(`[${batch.join(',')}]`);
  return values;
}

export interface DecodedQueue {
  /** the rows, oldest first */
  rows: AuditRecord[];
  /** keys whose value could not be read: left in place, so nothing is lost */
  unreadable: string[];
  /** keys whose rows are in `rows`: delete them once the rows are appended */
  read: string[];
}

/**
 * Parked values one execution appends at most: each costs a deleteProperty call (about 0.16 s),
 * and a queue that grew over a quiet weekend drains over the next few executions instead.
 */
export const PENDING_AUDIT_KEYS_PER_FLUSH = 100;

/** The oldest parked rows among all document properties: those of the first `limit` keys. */
export function decodePendingAudit(
  properties: Record<string, string>,
  limit = PENDING_AUDIT_KEYS_PER_FLUSH,
): DecodedQueue {
  const out: DecodedQueue = { rows: [], unreadable: [], read: [] };
  for (const key of Object.keys(properties).sort()) {
    if (!key.startsWith(PENDING_AUDIT_PREFIX)) continue;
    if (out.read.length >= limit) break;
    const rows = parse(properties[key]);
    if (!rows) {
      out.unreadable.push(key);
      continue;
    }
    out.read.push(key);
    out.rows.push(...rows);
  }
  // stable: rows of one save keep their order
  out.rows.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  return out;
}

function parse(value: string): AuditRecord[] | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return null;
    const rows: AuditRecord[] = [];
    for (const item of parsed) {
      if (!item || typeof item !== 'object' || typeof (item as ParkedRow).timestamp !== 'number') return null;
      const p = item as ParkedRow;
      rows.push({
        timestamp: new Date(p.timestamp),
        user: text(p.user),
        sheet: text(p.sheet),
        range: text(p.range),
        oldValue: text(p.oldValue),
        newValue: text(p.newValue),
        action: text(p.action),
      });
    }
    return rows;
  } catch {
    return null;
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
