/**
 * The add-on's own writes in the audit log: its actions (setup, import, merge, tier apply,
 * protections, hand-over, backup: one row each) and the cells the customer form and the reminder
 * actions change (script writes fire no edit trigger, so they log themselves).
 *
 * Only roles that may write the protected log append to it directly; for account managers and
 * assistants the rows wait in document properties (core/audit/queue.ts) until an execution that
 * may write the log appends them. Callers already hold the document lock when they write; this does
 * not take it again (releasing a nested lock would release the caller's).
 */
import {
  decodePendingAudit,
  encodePendingAudit,
  PENDING_AUDIT_PREFIX,
  ActionEvent,
  AuditRecord,
  auditRowForAction,
  auditRowsForFieldChanges,
  FieldChange,
} from '../../core/audit';
import { systemWriterRoles } from '../../core/permissions';
import type { SheetKey } from '../../core/schema';
import type { Execution } from '../session';
import { documentProperties, type Workbook } from '../document';
import { messageOf } from '../../core/shared';

export function recordAction(ex: Execution, event: Omit<ActionEvent, 'user' | 'time'>): void {
  writeAuditRows(ex, [auditRowForAction({ ...event, user: actingUser(ex), time: new Date() })]);
}

/** The cells a script write changed in one record (the form's save): one row each, one append. */
export function recordFieldChanges(ex: Execution, sheet: SheetKey, id: string, changes: FieldChange[]): void {
  if (changes.length === 0) return;
  writeAuditRows(
    ex,
    auditRowsForFieldChanges({ user: actingUser(ex), time: new Date(), sheet, id, changes }),
  );
}

/**
 * Appends the oldest parked rows (at most PENDING_AUDIT_KEYS_PER_FLUSH values) to the log in one
 * block, then deletes their properties. The caller holds the document lock and may write the log.
 * Returns the number of rows appended.
 */
export function flushPendingAudit(wb: Workbook): number {
  const store = documentProperties();
  const queue = decodePendingAudit(store.getProperties());
  if (queue.unreadable.length)
    console.warn(`Sheets CRM: unreadable parked audit rows left in place: ${queue.unreadable.join(', ')}`);
  if (queue.read.length === 0) return 0;
  if (queue.rows.length) wb.append('auditLog', queue.rows);
  for (const key of queue.read) store.deleteProperty(key);
  return queue.rows.length;
}

function writeAuditRows(ex: Execution, rows: AuditRecord[]): void {
  if (systemWriterRoles().includes(ex.user.role)) {
    flushPendingAudit(ex.wb); // parked rows are older: they go first
    ex.wb.append('auditLog', rows);
    return;
  }
  try {
    const store = documentProperties();
    // Keys sort in the order the rows happened: time, then (for the same millisecond) how many
    // were parked before; callers hold the document lock, so the count is stable.
    const before = store.getKeys().filter((k) => k.startsWith(PENDING_AUDIT_PREFIX)).length;
    const stamp = `${PENDING_AUDIT_PREFIX}${String(Date.now()).padStart(15, '0')}.${String(before).padStart(6, '0')}.${Utilities.getUuid()}`;
    const values = encodePendingAudit(rows);
    const parked: Record<string, string> = {};
    values.forEach((value, i) => (parked[`${stamp}.${i}`] = value));
    store.setProperties(parked);
  } catch (e) {
    // The change itself is saved; a full property store (500 KB) must not undo it.
    console.error(`Sheets CRM: could not park ${rows.length} audit row(s): ${messageOf(e)}`);
  }
}

function actingUser(ex: Execution): string {
  return ex.user.email || Session.getEffectiveUser().getEmail();
}
