/**
 * What Sheets would let a user do with one cell under a plan: editable iff the user owns the
 * workbook or is an editor of every protection covering the cell. The matrix test, the shell's
 * "why can't I edit" message and the emulator's expectations all use this one rule.
 */
import { normalizeEmail } from '../roles';
import { SHEETS, SheetKey } from '../schema';
import { rangeCovers } from './range';
import { DesiredProtection, PermissionPlan } from './types';

export interface EditRights {
  editable: boolean;
  /** ids of the protections covering the cell */
  covering: string[];
  /** ids of the covering protections the user is not an editor of */
  blockedBy: string[];
}

export function protectionCovers(p: DesiredProtection, row: number, column: number): boolean {
  if (p.range) return rangeCovers(p.range, row, column);
  return !p.unprotectedRanges.some((u) => rangeCovers(u, row, column));
}

/** `column` is a column key (found in the plan's layout, else the schema's order) or a 1-based index. */
export function effectiveEditRights(
  plan: PermissionPlan,
  user: string,
  sheetKey: SheetKey,
  row: number,
  column: string | number,
): EditRights {
  const col = typeof column === 'number' ? column : columnIndex(plan, sheetKey, column);
  const email = normalizeEmail(user);
  const covering = plan.protections.filter((p) => p.sheetKey === sheetKey && protectionCovers(p, row, col));
  const isOwner = email !== '' && email === normalizeEmail(plan.owner);
  const blockedBy = isOwner ? [] : covering.filter((p) => !p.editors.includes(email));
  return {
    editable: blockedBy.length === 0,
    covering: covering.map((p) => p.id),
    blockedBy: blockedBy.map((p) => p.id),
  };
}

function columnIndex(plan: PermissionPlan, sheetKey: SheetKey, key: string): number {
  const found = plan.layouts[sheetKey]?.columns?.[key];
  if (typeof found === 'number') return found;
  const i = SHEETS[sheetKey].columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`Unknown column ${sheetKey}.${key}`);
  return i + 1;
}
