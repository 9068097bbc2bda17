/**
 * A protection diff as Sheets API requests (addProtectedRange, updateProtectedRange,
 * deleteProtectedRange), sent in batchUpdate calls: a stale whole-sheet protection is deleted first
 * (Sheets has one per sheet), then create, update and the other deletes, so a run cut short errs on
 * the side of too much protection. Nothing here decides anything; the requests follow the diff.
 */
import { normalizeEmail } from '../../core/roles';
import { DesiredProtection, ProtectionDiff } from '../../core/permissions';
import { SheetKey } from '../../core/schema';
import { Handle, toApiRange } from './read';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type ApiProtectedRange = GoogleAppsScript.Sheets.Schema.ProtectedRange;

export interface RequestOptions {
  sheetIds: Partial<Record<SheetKey, number>>;
  /** the account this runs as: always kept an editor (Sheets refuses to lock out the caller) */
  effectiveUser: string;
}

function protectedRange(d: DesiredProtection, sheetId: number, me: string): ApiProtectedRange {
  const users = [...d.editors];
  const self = normalizeEmail(me);
  if (self && !users.includes(self)) users.push(self);
  return {
    range: toApiRange(sheetId, d.range),
    description: d.description,
    warningOnly: false,
    editors: { users },
    unprotectedRanges: d.unprotectedRanges.map((r) => toApiRange(sheetId, r)),
  };
}

const UPDATE_FIELDS = 'range,description,warningOnly,editors,unprotectedRanges';

export function diffRequests(diff: ProtectionDiff<Handle>, o: RequestOptions): Request[] {
  const del = (h: Handle): Request => ({ deleteProtectedRange: { protectedRangeId: h.protectedRangeId } });
  const first: Request[] = [];
  const last: Request[] = [];
  for (const d of diff.delete) (d.existing.range === null ? first : last).push(del(d.existing.handle));
  const create: Request[] = [];
  for (const c of diff.create) {
    const sheetId = o.sheetIds[c.desired.sheetKey];
    if (sheetId === undefined) continue;
    create.push({
      addProtectedRange: { protectedRange: protectedRange(c.desired, sheetId, o.effectiveUser) },
    });
  }
  const update: Request[] = diff.update.map((u) => {
    const p = protectedRange(u.desired, u.existing.handle.sheetId, o.effectiveUser);
    if (u.existing.domainEdit) p.editors!.domainUsersCanEdit = false;
    return {
      updateProtectedRange: {
        protectedRange: { ...p, protectedRangeId: u.existing.handle.protectedRangeId },
        fields: UPDATE_FIELDS,
      },
    };
  });
  return [...first, ...create, ...update, ...last];
}
