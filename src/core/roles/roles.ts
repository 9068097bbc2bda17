/**
 * Who may do what (README, "Roles and protected ranges"). The roles sheet maps e-mail addresses to roles; the
 * workbook owner is always admin; anyone else not listed, inactive or invisible is a viewer.
 * Every server entry point asks `can(role, action)` before acting; menus only hide what a role
 * cannot do, which is not security.
 */
import { isRole, listKeyOf, Role, SheetKey, SheetRow } from '../schema';

export const ACTIONS = [
  'setup',
  'applyPermissions',
  'editSettings',
  'editCustomers',
  'addCustomers',
  'importData',
  'exportData',
  'dedupe',
  'dataQuality',
  'previewTiers',
  'applyTiers',
  'manageReminders',
  'previewReminders',
  'actOnReminders',
  'refreshDashboard',
  'viewOwnReport',
  'backup',
  'handOver',
  'viewCustomers',
  'logFollowUps',
  'recordPurchases',
  'recordFeedback',
  'viewOpportunities',
  'manageOpportunities',
  'viewPerformance',
  'recomputeValues',
  'manageDataReview',
] as const;
export type Action = (typeof ACTIONS)[number];

const ADMIN: Role[] = ['admin'];
const MANAGERS: Role[] = ['admin', 'manager'];
const REPS: Role[] = ['admin', 'manager', 'accountManager'];
const STAFF: Role[] = ['admin', 'manager', 'accountManager', 'assistant'];
const EVERYONE: Role[] = ['admin', 'manager', 'accountManager', 'assistant', 'viewer'];

const ALLOWED: Record<Action, Role[]> = {
  setup: ADMIN,
  applyPermissions: ADMIN,
  editSettings: ADMIN,
  handOver: ADMIN,
  editCustomers: STAFF,
  addCustomers: STAFF,
  importData: MANAGERS,
  exportData: STAFF,
  dedupe: MANAGERS,
  dataQuality: STAFF,
  previewTiers: REPS,
  applyTiers: MANAGERS,
  manageReminders: MANAGERS,
  previewReminders: REPS,
  actOnReminders: REPS,
  refreshDashboard: MANAGERS,
  viewOwnReport: REPS,
  backup: MANAGERS,
  // Customer sidebar: everyone reads (Sheets shows every cell to everyone with access); account
  // managers write only for their own customers, checked per customer by core/sidebar mayActOn.
  viewCustomers: EVERYONE,
  logFollowUps: STAFF,
  recordPurchases: STAFF,
  recordFeedback: STAFF,
  // Sales: opportunities of one's own customers (checked per customer), performance scoped by role.
  viewOpportunities: STAFF,
  manageOpportunities: REPS,
  viewPerformance: REPS,
  recomputeValues: MANAGERS,
  manageDataReview: MANAGERS,
};

export function can(role: Role, action: Action): boolean {
  return ALLOWED[action].includes(role);
}

/** The sheets CSV import writes (DESIGN's runner contract: `crm import <sheetKey> <file.csv>`). */
export const IMPORT_SHEETS = [
  'customers',
  'interactions',
  'purchases',
  'feedback',
  'opportunities',
  'targets',
  'roles',
] as const satisfies readonly SheetKey[];
export type ImportSheet = (typeof IMPORT_SHEETS)[number];

/**
 * The action importing into each sheet needs, from the role matrix: the shared data sheets and
 * targets are managers' and admins'; opportunities anyone who works on them (account managers
 * only for their own customers, checked per row); roles admins only, as editing the roles sheet.
 */
const IMPORT_ACTIONS: Record<ImportSheet, Action> = {
  customers: 'importData',
  interactions: 'importData',
  purchases: 'importData',
  feedback: 'importData',
  targets: 'importData',
  opportunities: 'manageOpportunities',
  roles: 'editSettings',
};

export function isImportSheet(key: unknown): key is ImportSheet {
  return typeof key === 'string' && (IMPORT_SHEETS as readonly string[]).includes(key);
}

export function importAction(sheet: ImportSheet): Action {
  return IMPORT_ACTIONS[sheet];
}

/** Every action some import needs: the import menu item shows for a role holding any of them. */
export const IMPORT_ANY_ACTIONS: readonly Action[] = [...new Set(Object.values(IMPORT_ACTIONS))];

/** The sheets a role may import into, in IMPORT_SHEETS order. */
export function importSheetsFor(role: Role): ImportSheet[] {
  return IMPORT_SHEETS.filter((s) => can(role, IMPORT_ACTIONS[s]));
}

/** Roles that may edit every customer row (account managers edit only their own). */
export function editsAllCustomers(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

export interface RoleEntry {
  row: number;
  email: string;
  name: string;
  role: Role;
  team: string;
  managerEmail: string;
  active: boolean;
}

export function normalizeEmail(email: unknown): string {
  return String(email ?? '')
    .trim()
    .toLowerCase();
}

/** A cell read as a boolean: TRUE, "true", "yes", "是", 1 count as true; blank as `blankAs`. */
export function cellToBoolean(value: unknown, blankAs: boolean): boolean {
  if (value === '' || value === null || value === undefined) return blankAs;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const t = String(value).trim().toLowerCase();
  if (t === '') return blankAs;
  return ['true', 'yes', 'y', '1', '是', '在职', 'active'].includes(t);
}

/** Parses roles sheet rows; rows with no e-mail or an unknown role are skipped (the data-quality check reports them). */
export function parseRoles(rows: SheetRow[]): RoleEntry[] {
  const out: RoleEntry[] = [];
  for (const r of rows) {
    const email = normalizeEmail(r.values.email);
    // The cell holds the workbook's label (客户经理, accountManager, Account manager): read its key.
    const role = listKeyOf('role', r.values.role);
    if (!email || !isRole(role)) continue;
    out.push({
      row: r.row,
      email,
      name: String(r.values.name ?? '').trim(),
      role,
      team: String(r.values.team ?? '').trim(),
      managerEmail: normalizeEmail(r.values.managerEmail),
      active: cellToBoolean(r.values.active, true),
    });
  }
  return out;
}

export type RoleReason = 'owner' | 'listed' | 'blank' | 'notListed' | 'inactive';

export interface ActingUser {
  email: string;
  role: Role;
  /** why this role: blank, notListed and inactive users are viewers and are told why */
  reason: RoleReason;
  entry?: RoleEntry;
}

/** The acting user's role: the owner is always admin; the first active listing wins. */
export function resolveRole(email: string, owner: string, roles: RoleEntry[]): ActingUser {
  const e = normalizeEmail(email);
  if (!e) return { email: '', role: 'viewer', reason: 'blank' };
  const entry = roles.find((r) => r.email === e && r.active) ?? roles.find((r) => r.email === e);
  if (e === normalizeEmail(owner)) return { email: e, role: 'admin', reason: 'owner', entry };
  if (!entry) return { email: e, role: 'viewer', reason: 'notListed' };
  if (!entry.active) return { email: e, role: 'viewer', reason: 'inactive', entry };
  return { email: e, role: entry.role, reason: 'listed', entry };
}
