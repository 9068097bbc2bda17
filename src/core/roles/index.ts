/**
 * Roles and what each may do: the Roles sheet parsed, the acting user resolved, the menu per role.
 */
export { menuFor } from './menu';
export {
  IMPORT_ANY_ACTIONS,
  IMPORT_SHEETS,
  can,
  cellToBoolean,
  editsAllCustomers,
  importAction,
  importSheetsFor,
  isImportSheet,
  normalizeEmail,
  parseRoles,
  resolveRole,
} from './roles';
export type { ActingUser, Action, ImportSheet, RoleEntry } from './roles';
export {
  USER_KEY_MAX_AGE_DAYS,
  USER_KEY_MAX_CHARS,
  USER_KEY_MAX_ENTRIES,
  lookupUserKey,
  parseUserKeys,
  rememberUserKey,
} from './user-keys';
export type { UserKeyMap } from './user-keys';
