/**
 * Who writes the system sheets (logs, tier history, dashboard). Protections cannot make a sheet
 * read-only for the account whose code writes it, and Apps Script code runs as the user who clicked
 * (or, for an installable trigger, as its installer). So everyone whose role may run an action that
 * appends to those sheets must be an editor of them: the plan's `systemWriters`.
 */
import { Action, can, normalizeEmail, resolveRole, RoleEntry } from '../roles';
import { Role, ROLES } from '../schema';

/**
 * Actions whose handlers write a system sheet as the acting user: an audit row (import, merge, tier
 * apply, backup), tier history, the reminder ledger (its trigger runs as the manager who installed
 * it) or the dashboard. Edits logged by the installable edit trigger run as its installer (an admin).
 */
export const SYSTEM_SHEET_ACTIONS: readonly Action[] = [
  'importData',
  'dedupe',
  'applyTiers',
  'manageReminders',
  'refreshDashboard',
  'backup',
];

/** The roles that may run at least one of the actions above. */
export function systemWriterRoles(): Role[] {
  return ROLES.filter((role) => SYSTEM_SHEET_ACTIONS.some((a) => can(role, a)));
}

/** The e-mail addresses, as resolveRole sees them, that write the system sheets (sorted, unique). */
export function systemWriters(roles: RoleEntry[], owner: string): string[] {
  const writerRoles = new Set<Role>(systemWriterRoles());
  const out = new Set<string>();
  for (const email of [owner, ...roles.map((r) => r.email)]) {
    const e = normalizeEmail(email);
    if (e && writerRoles.has(resolveRole(e, owner, roles).role)) out.add(e);
  }
  return [...out].sort();
}
