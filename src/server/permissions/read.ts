/**
 * What the reconciler reads: the plan input (roles, the customers' header, every sheet's id and
 * grid size) and the protected ranges, all sheets at once, through one
 * `Sheets.Spreadsheets.get` with a fields mask (the Sheets advanced service). Never a row of data:
 * the plan is bounded by people, not rows.
 */
import {
  ExistingProtection,
  GridRange,
  PlanInput,
  protectionIdOf,
  SheetLayout,
  systemWriters,
} from '../../core/permissions';
import { normalizeEmail } from '../../core/roles';
import { SHEET_KEYS, SheetKey } from '../../core/schema';
import type { Execution } from '../session';
import { recordedSheetIds, sheetsService } from '../document';

type ApiRange = GoogleAppsScript.Sheets.Schema.GridRange;
type ApiProtectedRange = GoogleAppsScript.Sheets.Schema.ProtectedRange;

/** The shell's handle on an existing protection: its id for update and delete requests. */
export interface Handle {
  protectedRangeId: number;
  sheetId: number;
}

const SIZES = 'sheets.properties(sheetId,gridProperties(rowCount,columnCount))';
const WITH_PROTECTIONS =
  'sheets(properties(sheetId,gridProperties(rowCount,columnCount)),' +
  'protectedRanges(protectedRangeId,range,description,warningOnly,editors,unprotectedRanges))';

export interface ReadInput {
  input: PlanInput;
  /** sheet id per key of the add-on's sheets that exist */
  sheetIds: Partial<Record<SheetKey, number>>;
  existing: ExistingProtection<Handle>[];
  /** sheets that carry a whole-sheet protection the add-on did not make (Sheets allows one per sheet) */
  foreignSheetProtection: Set<SheetKey>;
}

/** API grid range (0-based, end exclusive, absent = unbounded) to core's 1-based open range. */
export function fromApiRange(r: ApiRange | undefined): GridRange | null {
  if (!r) return null;
  const bounded = [r.startRowIndex, r.endRowIndex, r.startColumnIndex, r.endColumnIndex].some(
    (v) => v !== undefined && v !== null,
  );
  if (!bounded) return null; // the whole sheet
  const row = (r.startRowIndex ?? 0) + 1;
  const column = (r.startColumnIndex ?? 0) + 1;
  return {
    row,
    column,
    numRows: r.endRowIndex === undefined || r.endRowIndex === null ? null : r.endRowIndex - row + 1,
    numColumns:
      r.endColumnIndex === undefined || r.endColumnIndex === null ? null : r.endColumnIndex - column + 1,
  };
}

export function toApiRange(sheetId: number, r: GridRange | null): ApiRange {
  if (!r) return { sheetId };
  const out: ApiRange = { sheetId, startRowIndex: r.row - 1, startColumnIndex: r.column - 1 };
  if (r.numRows !== null) out.endRowIndex = r.row - 1 + r.numRows;
  if (r.numColumns !== null) out.endColumnIndex = r.column - 1 + r.numColumns;
  return out;
}

/**
 * The sheet ids of the add-on's sheets: the ids setup recorded, where the spreadsheet still has
 * them (no call per sheet); a key without one is found as Workbook finds it (metadata mark, name).
 */
function sheetIdsOf(ex: Execution, present: Set<number>): Partial<Record<SheetKey, number>> {
  const recorded = recordedSheetIds();
  const ids: Partial<Record<SheetKey, number>> = {};
  for (const key of SHEET_KEYS) {
    const id = recorded[key];
    if (id !== undefined && present.has(id)) ids[key] = id;
    else {
      const sheet = ex.wb.sheet(key);
      if (sheet) ids[key] = sheet.getSheetId();
    }
  }
  return ids;
}

/**
 * The plan input and, with `protections`, the protected ranges: one get of the whole spreadsheet's
 * sheet properties (and protections), plus the customers' header row.
 */
export function readPlanInput(ex: Execution, protections: boolean): ReadInput {
  const got = sheetsService().Spreadsheets!.get(ex.wb.id(), {
    fields: protections ? WITH_PROTECTIONS : SIZES,
  });
  const sheetIds = sheetIdsOf(ex, new Set((got.sheets ?? []).map((s) => s.properties?.sheetId ?? -1)));
  const keyOfId = new Map(Object.entries(sheetIds).map(([k, id]) => [id, k as SheetKey]));
  const layouts: PlanInput['layouts'] = {};
  const existing: ExistingProtection<Handle>[] = [];
  const foreignSheetProtection = new Set<SheetKey>();
  for (const s of got.sheets ?? []) {
    const sheetId = s.properties?.sheetId ?? 0;
    const key = keyOfId.get(sheetId);
    if (!key) continue;
    const layout: SheetLayout = {
      maxRows: s.properties?.gridProperties?.rowCount ?? 0,
      maxColumns: s.properties?.gridProperties?.columnCount ?? 0,
    };
    if (key === 'customers') layout.columns = customerColumns(ex, layout.maxColumns);
    layouts[key] = layout;
    for (const p of s.protectedRanges ?? []) {
      const e = existingOf(p, key, sheetId);
      if (e.sheetKey === null && e.range === null) foreignSheetProtection.add(key);
      existing.push(e);
    }
  }
  const input: PlanInput = {
    roles: ex.roles,
    owner: ex.owner,
    locale: ex.locale,
    layouts,
    systemWriters: systemWriters(ex.roles, ex.owner),
  };
  return { input, sheetIds, existing, foreignSheetProtection };
}

function customerColumns(ex: Execution, maxColumns: number): Record<string, number> {
  const columns: Record<string, number> = {};
  const header = ex.wb.headerOf('customers', maxColumns);
  for (const [key, index] of Object.entries(header?.byKey ?? {})) columns[key] = index + 1;
  return columns;
}

function existingOf(p: ApiProtectedRange, key: SheetKey, sheetId: number): ExistingProtection<Handle> {
  const description = p.description ?? '';
  const marked = protectionIdOf(description) !== null;
  return {
    handle: { protectedRangeId: p.protectedRangeId ?? -1, sheetId },
    sheetKey: marked ? key : null,
    description,
    range: fromApiRange(p.range),
    unprotectedRanges: (p.unprotectedRanges ?? [])
      .map(fromApiRange)
      .filter((r): r is GridRange => r !== null),
    editors: [...new Set((p.editors?.users ?? []).map(normalizeEmail))].filter(Boolean).sort(),
    domainEdit: p.editors?.domainUsersCanEdit === true,
    warningOnly: p.warningOnly === true,
  };
}
