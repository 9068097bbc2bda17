/**
 * Roles and what each may do: the Roles sheet parsed, the acting user resolved, the menu per role.
 */
export { menuFor } from './menu';
export { can, cellToBoolean, editsAllCustomers, normalizeEmail, parseRoles, resolveRole } from './roles';
export type { ActingUser, Action, RoleEntry } from './roles';
