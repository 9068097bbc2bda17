/** Shapes shared by the permission planner, the rights evaluator and the reconciler diff. */
import type { Locale } from '../../i18n';
import type { RoleEntry } from '../roles';
import type { SheetKey } from '../schema';
import type { GridRange, SheetSize } from './range';

/** Every description the add-on writes starts with this; protections without it are never touched. */
export const PROTECTION_MARKER = '[sheets-crm]';

/** Customer columns assistants may edit on every row (the role matrix's "contact columns"). */
export const CONTACT_COLUMNS = ['name', 'phone', 'email', 'address'] as const;
/** The per-customer value columns (core/sales: all-time and 12 months), protected as their own group. */
export const VALUE_COLUMNS = [
  'revenue',
  'orders',
  'avgOrder',
  'lastPurchase',
  'revenue12m',
  'orders12m',
] as const;
/**
 * Of the locked columns, those Sheets keeps from everyone but managers and admins over the whole
 * column: no other role's action writes them. id and owner are written by an account manager's or
 * assistant's own form save of a new customer (the form runs as the user), so the edit check
 * reverts a person's edit of them instead (see edit-check.ts).
 */
export const MANAGER_ONLY_COLUMNS = ['tier', 'tierLocked', ...VALUE_COLUMNS] as const;
/** Customer columns only managers and admins may edit: id, owner and the manager-only ones. */
export const LOCKED_COLUMNS = ['id', 'owner', ...MANAGER_ONLY_COLUMNS] as const;
/** Sheets whose rows belong to the owner of the customer they reference (customerId column). */
export const CUSTOMER_SCOPED_SHEETS = ['interactions', 'purchases', 'feedback', 'opportunities'] as const;
/** Customer-scoped sheets assistants may only view (the sheet protection leaves them out). */
export const VIEW_ONLY_FOR_ASSISTANTS: readonly CustomerScopedSheet[] = ['opportunities'];
export type CustomerScopedSheet = (typeof CUSTOMER_SCOPED_SHEETS)[number];

/** A sheet as the shell finds it. */
export interface SheetLayout extends SheetSize {
  /** the last row with content (header = 1); the plan does not depend on it */
  lastRow?: number;
  /** 1-based column index per column key (found by header metadata); required for customers */
  columns?: Partial<Record<string, number>>;
}

export interface PlanInput {
  roles: RoleEntry[];
  /** the workbook owner: always admin, and always an editor in Sheets whatever the plan says */
  owner: string;
  /** language of the protection descriptions */
  locale: Locale;
  /** the sheets that exist; a sheet missing here gets no protections */
  layouts: Partial<Record<SheetKey, SheetLayout>>;
  /**
   * Accounts (besides admins) whose code writes the system sheets (logs, tier history, dashboard):
   * e.g. the manager who installed the reminder trigger, since a trigger runs as its installer.
   */
  systemWriters?: string[];
}

/** One protection the plan wants. */
export interface DesiredProtection {
  /** stable key, written into the description; the diff matches existing protections by it */
  id: string;
  /** the id without its range part: a stale member of a group is moved rather than re-created */
  group: string;
  sheetKey: SheetKey;
  /** null: a sheet-level protection (Sheet.protect()) */
  range: GridRange | null;
  /** sheet-level only: cells left open */
  unprotectedRanges: GridRange[];
  /** sorted, lowercased; the workbook owner is listed too (Sheets always counts them) */
  editors: string[];
  description: string;
}

export interface PermissionPlan {
  owner: string;
  protections: DesiredProtection[];
  layouts: Partial<Record<SheetKey, SheetLayout>>;
}

/** A protection as the shell reads it (Spreadsheet.getProtections of both types). */
export interface ExistingProtection<H = unknown> {
  /** the shell's own reference (a Protection, an index): handed back untouched in the diff */
  handle: H;
  /** null: a sheet the add-on does not manage (e.g. a user's copy of a tab): never touched */
  sheetKey: SheetKey | null;
  description: string;
  /** null: sheet-level */
  range: GridRange | null;
  unprotectedRanges?: GridRange[];
  editors: string[];
  domainEdit: boolean;
  warningOnly: boolean;
}
