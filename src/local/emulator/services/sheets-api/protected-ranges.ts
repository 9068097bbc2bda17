/**
 * ProtectedRange: addProtectedRange, updateProtectedRange, deleteProtectedRange and the view
 * `Spreadsheets.get` returns. They act on the same protections SpreadsheetApp sees (Range.protect,
 * getProtections), so a person's edit is checked against them (spreadsheet/rights.ts).
 *
 * Reference statements followed (Sheets API, ProtectedRange):
 * - "The range may be fully unbounded, in which case this is considered a protected sheet."
 * - "Unprotected ranges are only supported on protected sheets."
 * - "editors: ... This field is only visible to users with edit access to the protected range and
 *   the document. Editors are not supported with warning_only protection."
 * - "warningOnly: ... When writing: if this field is true, then editors are ignored. Additionally,
 *   if this field is changed from true to false and the editors field is not set (nor included in
 *   the field mask), then the editors will be set to all the editors in the document."
 * - "requestingUserCanEdit: True if the user who requested this protected range can edit the
 *   protected area. This field is read-only."
 * - "When writing, only one of range or named_range_id may be set."
 * Not emulated (rejected loudly): group editors.
 */
import type { Env } from '../../spreadsheet/env';
import type { ProtectionModel, RangeRef } from '../../spreadsheet/model';
import { PROTECTED_MESSAGE, isProtectionEditor, spreadsheetEditors } from '../../spreadsheet/rights';
import { compact, isWholeSheet, reject, requiredFields, toGridRange, toRect } from './shared';

type PR = GoogleAppsScript.Sheets.Schema.ProtectedRange;

const me = (env: Env) => env.ctx.identity.effective;

function editorsFrom(
  env: Env,
  e: GoogleAppsScript.Sheets.Schema.Editors | undefined,
): {
  users: string[];
  domain: boolean;
} {
  if (e?.groups?.length) reject('Group editors are not emulated.');
  const users = (e?.users ?? []).map((u) => String(u).toLowerCase());
  return { users, domain: !!e?.domainUsersCanEdit };
}

/** The owner can always edit; the requesting user keeps access to what they protect. */
function editorList(env: Env, users: string[]): string[] {
  return [...new Set([env.ctx.owner, me(env), ...users].filter((u) => u))];
}

function rangeOf(env: Env, pr: PR): { ref: RangeRef; type: 'RANGE' | 'SHEET'; name: string | null } {
  if (pr.range && pr.namedRangeId) reject('Only one of range or namedRangeId may be set.');
  if (pr.namedRangeId) {
    const nr = env.wb.namedRanges.find((n) => n.name === pr.namedRangeId);
    if (!nr) reject(`No named range with id: ${pr.namedRangeId}`);
    return { ref: nr.ref, type: 'RANGE', name: nr.name };
  }
  const { sheet, rect } = toRect(env, pr.range);
  return { ref: { sheetId: sheet.id, rect }, type: isWholeSheet(pr.range!) ? 'SHEET' : 'RANGE', name: null };
}

function unprotectedOf(env: Env, type: 'RANGE' | 'SHEET', sheetId: number, pr: PR): RangeRef[] {
  const list = pr.unprotectedRanges ?? [];
  if (list.length && type !== 'SHEET') reject('Unprotected ranges are only supported on protected sheets.');
  return list.map((g) => {
    const { sheet, rect } = toRect(env, g);
    if (sheet.id !== sheetId) reject('Unprotected ranges must be on the protected sheet.');
    return { sheetId, rect };
  });
}

export function addProtectedRange(env: Env, req: GoogleAppsScript.Sheets.Schema.AddProtectedRangeRequest) {
  const pr = req.protectedRange;
  if (!pr) reject('protectedRange is required');
  if (pr.protectedRangeId !== undefined && env.wb.protections.some((p) => p.id === pr.protectedRangeId))
    reject(`A protected range with id ${pr.protectedRangeId} already exists.`);
  const { ref, type, name } = rangeOf(env, pr);
  const warningOnly = !!pr.warningOnly;
  const ed = editorsFrom(env, pr.editors);
  const p: ProtectionModel = {
    id: pr.protectedRangeId ?? env.wb.newId(),
    type,
    sheetId: ref.sheetId,
    ref: type === 'SHEET' ? null : ref,
    rangeName: name,
    description: pr.description ?? '',
    // A warning-only protection has no editors (everyone may edit after a warning).
    editors: warningOnly ? null : editorList(env, ed.users),
    domainEdit: warningOnly ? false : ed.domain,
    warningOnly,
    unprotected: unprotectedOf(env, type, ref.sheetId, pr),
  };
  env.wb.protections.push(p);
  return { addProtectedRange: { protectedRange: protectedRangeView(env, p) } };
}

function find(env: Env, id: number | undefined): ProtectionModel {
  const p = env.wb.protections.find((x) => x.id === id);
  if (!p) reject(`No protected range with id: ${id}`);
  return p;
}

function assertEditor(env: Env, p: ProtectionModel): void {
  if (!isProtectionEditor(env.wb, p, me(env), env.ctx.owner)) reject(PROTECTED_MESSAGE);
}

const UPDATABLE = ['range', 'namedRangeId', 'description', 'warningOnly', 'editors', 'unprotectedRanges'];

export function updateProtectedRange(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.UpdateProtectedRangeRequest,
) {
  const pr = req.protectedRange;
  if (!pr) reject('protectedRange is required');
  const p = find(env, pr.protectedRangeId);
  assertEditor(env, p);
  let fields = requiredFields(req.fields);
  if (fields.includes('*')) fields = UPDATABLE;
  const top = new Set(fields.map((f) => f.split('.')[0]));
  for (const f of top) if (!UPDATABLE.includes(f)) reject(`Invalid field mask: ${f}`);
  if (top.has('range') || top.has('namedRangeId')) {
    const r = rangeOf(env, { range: top.has('range') ? pr.range : undefined, namedRangeId: pr.namedRangeId });
    p.type = r.type;
    p.sheetId = r.ref.sheetId;
    p.ref = r.type === 'SHEET' ? null : r.ref;
    p.rangeName = r.name;
    if (r.type === 'RANGE') p.unprotected = [];
  }
  if (top.has('description')) p.description = pr.description ?? '';
  if (top.has('unprotectedRanges')) p.unprotected = unprotectedOf(env, p.type, p.sheetId, pr);
  const wasWarning = p.warningOnly;
  if (top.has('warningOnly')) p.warningOnly = !!pr.warningOnly;
  if (p.warningOnly) {
    p.editors = null;
    p.domainEdit = false;
  } else if (top.has('editors')) {
    const ed = editorsFrom(env, pr.editors);
    p.editors = editorList(env, ed.users);
    p.domainEdit = ed.domain;
  } else if (wasWarning) {
    p.editors = spreadsheetEditors(env.wb, env.ctx.owner); // "set to all the editors in the document"
  }
  return {};
}

export function deleteProtectedRange(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.DeleteProtectedRangeRequest,
) {
  const p = find(env, req.protectedRangeId);
  assertEditor(env, p);
  env.wb.protections = env.wb.protections.filter((x) => x !== p);
  return {};
}

export function protectedRangeView(env: Env, p: ProtectionModel): PR {
  const canEdit = p.warningOnly || isProtectionEditor(env.wb, p, me(env), env.ctx.owner);
  const sheet = env.wb.sheetById(p.sheetId);
  const editors =
    p.editors === null
      ? spreadsheetEditors(env.wb, env.ctx.owner)
      : [...new Set([env.ctx.owner, ...p.editors])];
  return compact<PR>({
    protectedRangeId: p.id,
    range: p.type === 'SHEET' || !p.ref ? { sheetId: p.sheetId } : toGridRange(p.sheetId, p.ref.rect),
    namedRangeId: p.rangeName ?? undefined,
    description: p.description || undefined,
    warningOnly: p.warningOnly,
    requestingUserCanEdit: canEdit,
    unprotectedRanges: sheet ? p.unprotected.map((u) => toGridRange(p.sheetId, u.rect)) : [],
    editors:
      canEdit && !p.warningOnly ? compact({ users: editors, domainUsersCanEdit: p.domainEdit }) : undefined,
  });
}
