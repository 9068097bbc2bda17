/**
 * The edit check: what Sheets protections cannot say without one protection per owner block, decided
 * per edit by the installable edit trigger (running as an admin), which reverts the edit and logs it.
 * The role matrix (DESIGN.md, test/support/design-matrix.ts) for a person's edit of one cell:
 *
 * customers   account manager: a row they own (owner cell before the edit), or a new row (no id and
 *             no owner yet); never id; owner only to claim a new row for themselves; never tier or
 *             tierLocked (Sheets refuses those first)
 *             assistant: contact columns of every row; any column of a new row but id/owner/tier
 * interactions, purchases, feedback, opportunities
 *             account manager: rows whose customer (customerId before and after the edit) is theirs
 *             or blank; assistant: every row, but opportunities they only view (Sheets refuses first)
 * admins and managers pass; viewers are refused by Sheets (the check reverts them too, should a
 * protection be missing).
 */
import { Role, SheetKey } from '../schema';
import { CONTACT_COLUMNS, CUSTOMER_SCOPED_SHEETS, LOCKED_COLUMNS, VIEW_ONLY_FOR_ASSISTANTS } from './types';

export interface EditFacts {
  sheetKey: SheetKey;
  role: Role;
  /** the editor, lowercased */
  user: string;
  /** the column key of the edited cell, or null for a column the add-on does not know */
  column: string | null;
  /**
   * customers: the row's owner before the edit ('' for none); customer-scoped sheets: the owner of
   * the customer the row referred to before the edit, '' only when the row named no customer (a
   * customer without owner, or an unknown id, must come as a value no user has)
   */
  ownerBefore: string;
  /** the same after the edit (differs only when the owner or customerId cell was edited) */
  ownerAfter: string;
  /** customers: the row had no id and no owner before the edit; scoped sheets: no customerId */
  newRow: boolean;
}

export type EditVerdict = 'allowed' | 'notYourCustomer' | 'lockedColumn' | 'contactOnly' | 'viewOnly';

const isScoped = (key: SheetKey) => (CUSTOMER_SCOPED_SHEETS as readonly string[]).includes(key);
const has = (list: readonly string[], column: string | null) => column !== null && list.includes(column);

export function checkEdit(f: EditFacts): EditVerdict {
  if (f.role === 'admin' || f.role === 'manager') return 'allowed';
  const scoped = isScoped(f.sheetKey);
  if (f.sheetKey !== 'customers' && !scoped) return 'allowed'; // Sheets protections decide the rest
  if (f.role === 'viewer') return 'viewOnly';
  if (scoped) {
    if (f.role === 'assistant')
      return (VIEW_ONLY_FOR_ASSISTANTS as readonly string[]).includes(f.sheetKey) ? 'viewOnly' : 'allowed';
    const mine = (owner: string) => owner === '' || owner === f.user;
    return (f.newRow || mine(f.ownerBefore)) && mine(f.ownerAfter) ? 'allowed' : 'notYourCustomer';
  }
  if (f.role === 'assistant') {
    if (has(CONTACT_COLUMNS, f.column)) return 'allowed';
    if (has(LOCKED_COLUMNS, f.column)) return 'lockedColumn';
    return f.newRow ? 'allowed' : 'contactOnly';
  }
  // account manager
  if (f.column === 'owner') {
    return f.newRow && f.ownerAfter === f.user ? 'allowed' : 'lockedColumn';
  }
  if (has(LOCKED_COLUMNS, f.column)) return 'lockedColumn';
  return f.newRow || f.ownerBefore === f.user ? 'allowed' : 'notYourCustomer';
}

/** Columns whose edit changes who a row belongs to: the shell reads the old and new owner for them. */
export function ownershipColumnOf(sheetKey: SheetKey): string | null {
  if (sheetKey === 'customers') return 'owner';
  return isScoped(sheetKey) ? 'customerId' : null;
}
