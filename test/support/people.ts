/** The people of the test workbooks, and their rows on the Roles sheet. */
import type { RoleEntry } from '../../src/core/roles';
import type { CellValue, Role } from '../../src/core/schema';

export const OWNER = 'owner@example.com';
export const MANAGER = 'manager@example.com';
export const REP = 'rep1@example.com';
export const VIEWER = 'viewer@example.com';

/** Account manager n: rep1@example.com, rep2@example.com, ... */
export const rep = (n: number) => `rep${n}@example.com`;

/** A Roles sheet record: active, with no name, team or manager unless `extra` gives them. */
export function roleRow(
  email: string,
  role: Role,
  extra: { name?: string; team?: string; managerEmail?: string; active?: boolean } = {},
): Record<string, CellValue> {
  return { email, name: '', role, team: '', managerEmail: '', active: true, ...extra };
}

/** A Roles sheet row as core's parseRoles reads it. */
export function roleEntry(row: number, email: string, role: Role, active = true): RoleEntry {
  return { row, email, name: '', role, team: '', managerEmail: '', active };
}
