/** Shapes shared by the permission planner, the rights evaluator and the reconciler diff. */
import type { Locale } from '../../i18n';
import type { RoleEntry } from '../roles';
import type { CellValue, SheetKey } from '../schema';
import type { GridRange, SheetSize } from './range';

/** Every description the add-on writes starts with this; protections without it are never touched. */
export const PROTECTION_MARKER = '[sheets-crm]';

/** Customer columns assistants may edit on every row (the role matrix's "contact columns"). */
export const CONTACT_COLUMNS = ['name', 'phone', 'email', 'address'] as const;
/**
 * Customer columns only managers and admins may edit: id, owner, tier, and the per-customer value
 * the add-on computes from purchases (core/sales).
 */
export const LOCKED_COLUMNS = [
  'id',
  'owner',
  'tier',
  'revenue',
  'orders',
  'avgOrder',
  'lastPurchase',
] as const;
/** Sheets whose rows belong to the owner of the customer they reference. */
export const CUSTOMER_SCOPED_SHEETS = ['interactions', 'feedback', 'opportunities'] as const;
/** Customer-scoped sheets assistants may only view (the sheet protection leaves them out). */
export const VIEW_ONLY_FOR_ASSISTANTS: readonly CustomerScopedSheet[] = ['opportunities'];
export type CustomerScopedSheet = (typeof CUSTOMER_SCOPED_SHEETS)[number];

/** A sheet as the shell finds it. */
export interface SheetLayout extends SheetSize {
  /** the last row with content (header = 1; 1 when there is no data) */
  lastRow: number;
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
  /** the customers' owner column, one entry per data row (rows not listed count as unowned) */
  customerRows: Array<{ row: number; owner: CellValue }>;
  /** customer id -> owner e-mail, for the rows of interactions and feedback */
  customerOwners: Record<string, string>;
  /** the customerId column per data row of interactions and feedback */
  scopedRows?: Partial<Record<CustomerScopedSheet, Array<{ row: number; customerId: CellValue }>>>;
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
