/**
 * Who may edit what. The rule: the owner may edit everything; anyone else may edit a cell only if
 * they are an editor of every non-warning-only protection covering it (a sheet protection covers
 * every cell outside its unprotected ranges). Checked per protection rectangle, never per cell.
 */
import { EmulatorError } from '../context';
import { domainOf } from './env';
import type { ProtectionModel, SheetModel, WorkbookModel } from './model';
import { type Rect, bounded, intersect, subtract } from './rect';

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** The spreadsheet's editors: the owner first, then users given access. */
export function spreadsheetEditors(wb: WorkbookModel, owner: string): string[] {
  return [owner, ...wb.editors.filter((e) => e !== owner)];
}

/** Whether `user` is an editor of one protection (the owner always is). */
export function isProtectionEditor(
  wb: WorkbookModel,
  p: ProtectionModel,
  user: string,
  owner: string,
): boolean {
  if (user === owner) return true;
  // Until editors are changed, a new protection mirrors the spreadsheet's permissions (Range.protect reference).
  if (p.editors === null) return true;
  if (p.editors.includes(user)) return true;
  return p.domainEdit && user !== '' && domainOf(user) === domainOf(owner);
}

/** Whether protection `p` covers any cell of `r` (bounded, on p's sheet). */
export function protectionCovers(wb: WorkbookModel, p: ProtectionModel, sheet: SheetModel, r: Rect): boolean {
  if (p.sheetId !== sheet.id) return false;
  if (p.type === 'RANGE')
    return !!p.ref && intersect(bounded(p.ref.rect, sheet.maxRows, sheet.maxColumns), r) !== null;
  let rest: Rect[] = [r];
  for (const u of p.unprotected) {
    rest = rest.flatMap((x) => subtract(x, u.rect));
    if (rest.length === 0) return false;
  }
  return rest.length > 0;
}

export function canEditRect(
  wb: WorkbookModel,
  sheet: SheetModel,
  r: Rect,
  user: string,
  owner: string,
): boolean {
  if (user === owner) return true;
  for (const p of wb.protections) {
    if (p.warningOnly || p.sheetId !== sheet.id) continue;
    if (!isProtectionEditor(wb, p, user, owner) && protectionCovers(wb, p, sheet, r)) return false;
  }
  return true;
}

export function assertCanEdit(
  wb: WorkbookModel,
  sheet: SheetModel,
  r: Rect,
  user: string,
  owner: string,
): void {
  if (r.rows <= 0 || r.cols <= 0) return;
  if (!canEditRect(wb, sheet, r, user, owner)) throw new EmulatorError(PROTECTED_MESSAGE);
}
