/**
 * The customer form's rules, shared by the sidebar (in the browser) and the server: which fields a
 * role may change, how a cell is shown in a form field, and which fields a submission changes.
 * The role matrix: account managers edit their own customers except id/owner/tier; assistants
 * edit the contact columns; admins and managers edit everything. Id, createdAt and updatedAt are
 * always the add-on's.
 */
import { cellToDayNumber, dayNumberOf, dayNumberToIso, wallClock } from '../shared';
import { CONTACT_COLUMNS, LOCKED_COLUMNS } from '../permissions';
import { editsAllCustomers, normalizeEmail } from '../roles';
import { CellValue, CUSTOMER_COLUMNS, ColumnType, Role } from '../schema';

/** Columns the add-on fills itself (ids, times, per-customer value): never taken from a form. */
export const ASSIGNED_COLUMNS = [
  'id',
  'createdAt',
  'updatedAt',
  ...CUSTOMER_COLUMNS.filter((c) => c.computed).map((c) => c.key),
];

/**
 * Customer columns a role may set in the form. `isNew` is an added customer; `ownsRow` whether the
 * acting user is the customer's owner (for an edit).
 */
export function editableFields(role: Role, isNew: boolean, ownsRow: boolean): Set<string> {
  const all = CUSTOMER_COLUMNS.map((c) => c.key).filter((k) => !ASSIGNED_COLUMNS.includes(k));
  if (editsAllCustomers(role)) return new Set(all);
  const locked = new Set<string>(LOCKED_COLUMNS);
  if (role === 'accountManager' && (isNew || ownsRow)) return new Set(all.filter((k) => !locked.has(k)));
  if (role === 'assistant') {
    if (isNew) return new Set(all.filter((k) => !locked.has(k)));
    return new Set<string>(CONTACT_COLUMNS);
  }
  return new Set();
}

/** Whether `email` owns a customer whose owner cell is `owner`. */
export function isOwnerOf(email: string, owner: unknown): boolean {
  const e = normalizeEmail(email);
  return e !== '' && normalizeEmail(owner) === e;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as a form field's text: dates YYYY-MM-DD, datetimes YYYY-MM-DD HH:MM, booleans TRUE/FALSE. */
export function toFormValue(value: unknown, type: ColumnType, timeZone: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    if (Number.isNaN(d.getTime())) return '';
    const day = dayNumberToIso(dayNumberOf(d, timeZone));
    if (type !== 'datetime') return day;
    const w = wallClock(d, timeZone);
    return `${day} ${pad(w.hour)}:${pad(w.minute)}`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** A comparable form of a value: dates by day, text trimmed and case-folded, booleans as TRUE/FALSE. */
function comparable(value: unknown, type: ColumnType, timeZone: string): string {
  if (type === 'date' || type === 'datetime') {
    const day = cellToDayNumber(value, timeZone);
    if (day !== null && !Number.isNaN(day)) return 'd' + day;
  }
  const text = toFormValue(value, type, timeZone).trim().toLowerCase();
  if (type === 'boolean') return ['true', 'yes', '1', '是'].includes(text) ? 'TRUE' : 'FALSE';
  return text;
}

/** The customer columns whose submitted value differs from the existing one (keys absent from `submitted` are unchanged). */
export function changedFields(
  existing: Record<string, CellValue>,
  submitted: Record<string, unknown>,
  timeZone: string,
): string[] {
  return CUSTOMER_COLUMNS.filter(
    (c) =>
      c.key in submitted &&
      comparable(existing[c.key], c.type, timeZone) !== comparable(submitted[c.key], c.type, timeZone),
  ).map((c) => c.key);
}

/**
 * An edit is judged on what the person changed: an old invalid value in a field they did not touch
 * (typed into the sheet before the form, or before a rule existed) is a warning, not a refusal, so
 * fixing a phone number is never blocked by last year's malformed birthday. A new record has no
 * old values: everything blocks.
 */
export function splitIssues<T extends { columnKey: string }>(
  issues: T[],
  existing: Record<string, CellValue> | null,
  submitted: Record<string, unknown>,
  timeZone: string,
): { blocking: T[]; warnings: T[] } {
  if (!existing) return { blocking: issues, warnings: [] };
  const touched = new Set(changedFields(existing, submitted, timeZone));
  return {
    blocking: issues.filter((i) => touched.has(i.columnKey)),
    warnings: issues.filter((i) => !touched.has(i.columnKey)),
  };
}
