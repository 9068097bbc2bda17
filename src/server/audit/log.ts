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
  utf8Length,
  PENDING_AUDIT_VALUE_MAX_BYTES,
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
import {
  DOC_KEYS,
  documentProperties,
  documentPropertiesSnapshot,
  forgetDocumentState,
  readText,
  writeText,
  type Workbook,
} from '../document';
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
 * block, then deletes their properties: those of the document store and those this account spilled
 * into its own user store when the document store was full. The caller holds the document lock and
 * may write the log. Returns the number of rows appended.
 */
export function flushPendingAudit(wb: Workbook): number {
  const doc = documentProperties();
  // An account's own store is read only once some account has spilled rows there (two calls fewer
  // for every other flush); a spill marks the document store.
  const user = readText(DOC_KEYS.auditSpilled) ? userProperties() : null;
  const own = user ? pendingOf(user.getProperties()) : {};
  // the run's one read of the document store (taken under the lock the caller holds)
  const queue = decodePendingAudit({ ...own, ...pendingOf(documentPropertiesSnapshot()) });
  if (queue.unreadable.length)
    console.warn(`Sheets CRM: unreadable parked audit rows left in place: ${queue.unreadable.join(', ')}`);
  if (queue.read.length === 0) return 0;
  if (queue.rows.length) wb.append('auditLog', queue.rows);
  for (const key of queue.read) (key in own ? user! : doc).deleteProperty(key);
  forgetDocumentState(); // the snapshot still holds the keys just deleted
  return queue.rows.length;
}

/**
 * Parks audit rows in document properties until someone who may write the log appends them. The
 * document store holds 500 KB: past PARK_HIGH_WATER_BYTES the rows go to this account's own user
 * store instead (another 500 KB, readable only by this account), and move back to the document
 * store at this account's next park once there is room. Nothing is dropped short of both stores
 * being full; then the caller is told (the change it made stays, and says so in the console).
 */
export function parkAuditRows(rows: AuditRecord[]): void {
  if (rows.length === 0) return;
  const doc = documentProperties();
  const docProps = doc.getProperties();
  let used = storeBytes(docProps);
  const user = userProperties();
  const spilled = user ? pendingOf(user.getProperties()) : {};
  const parkedBefore = [...Object.keys(pendingOf(docProps)), ...Object.keys(spilled)];
  // Rows spilled earlier go back first, oldest first, while there is room.
  const back: Record<string, string> = {};
  let stillSpilled = 0;
  for (const key of Object.keys(spilled).sort()) {
    const size = utf8Length(key) + utf8Length(spilled[key]);
    if (stillSpilled || used + size > PARK_HIGH_WATER_BYTES) {
      stillSpilled++;
      continue;
    }
    back[key] = spilled[key];
    used += size;
  }
  if (Object.keys(back).length) {
    doc.setProperties(back);
    for (const key of Object.keys(back)) user!.deleteProperty(key);
  }
  const values = encodePendingAudit(rows);
  // One more save's rows usually fit in the newest value: fewer keys, fewer deletes per flush.
  const newest = Object.keys(pendingOf(docProps)).sort().pop();
  if (
    !stillSpilled &&
    newest &&
    values.length === 1 &&
    !(newest in back) &&
    /^\[.*\]$/s.test(docProps[newest])
  ) {
    const merged = `${docProps[newest].slice(0, -1)},${values[0].slice(1)}`;
    const grows = utf8Length(merged) - utf8Length(docProps[newest]);
    if (utf8Length(merged) <= PENDING_AUDIT_VALUE_MAX_BYTES && used + grows <= PARK_HIGH_WATER_BYTES) {
      doc.setProperty(newest, merged);
      return;
    }
  }
  // Keys sort in the order the rows happened: time, then a sequence above every parked key's
  // (callers hold the document lock, so it is stable).
  const seq =
    parkedBefore.reduce(
      (max, k) => Math.max(max, Number(k.slice(PENDING_AUDIT_PREFIX.length).split('.')[1]) || 0),
      0,
    ) + 1;
  const stamp = `${PENDING_AUDIT_PREFIX}${String(Date.now()).padStart(15, '0')}.${String(seq).padStart(9, '0')}.${Utilities.getUuid()}`;
  const parked: Record<string, string> = {};
  let size = 0;
  values.forEach((value, i) => {
    parked[`${stamp}.${i}`] = value;
    size += utf8Length(`${stamp}.${i}`) + utf8Length(value);
  });
  if (!user || (!stillSpilled && used + size <= PARK_HIGH_WATER_BYTES)) doc.setProperties(parked);
  else {
    user.setProperties(parked);
    if (!readText(DOC_KEYS.auditSpilled)) writeText(DOC_KEYS.auditSpilled, '1');
  }
}

/** Audit rows parked under the document store's high-water mark; the rest of the 500 KB stays free for the add-on's other state. */
export const PARK_HIGH_WATER_BYTES = 400 * 1024;

function pendingOf(props: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (k.startsWith(PENDING_AUDIT_PREFIX)) out[k] = v;
  return out;
}

function storeBytes(props: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(props)) n += utf8Length(k) + utf8Length(v);
  return n;
}

function userProperties(): GoogleAppsScript.Properties.Properties | null {
  try {
    return PropertiesService.getUserProperties();
  } catch {
    return null;
  }
}

function writeAuditRows(ex: Execution, rows: AuditRecord[]): void {
  if (systemWriterRoles().includes(ex.user.role)) {
    flushPendingAudit(ex.wb); // parked rows are older: they go first
    ex.wb.append('auditLog', rows);
    return;
  }
  try {
    parkAuditRows(rows);
  } catch (e) {
    // The change itself is saved; both stores full is the one case a row cannot be kept.
    console.error(`Sheets CRM: could not park ${rows.length} audit row(s): ${messageOf(e)}`);
  }
}

function actingUser(ex: Execution): string {
  return ex.user.email || Session.getEffectiveUser().getEmail();
}
