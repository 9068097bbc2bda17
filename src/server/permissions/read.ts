/**
 * What the reconciler reads, once each: the plan input (roles, the customers' owner column, the
 * customerId column of interactions and feedback, every sheet's size) and the protections the
 * add-on's sheets already have (Sheet.getProtections, RANGE and SHEET, once per sheet).
 */
import {
  a1ToRange,
  CUSTOMER_SCOPED_SHEETS,
  ExistingProtection,
  GridRange,
  PlanInput,
  protectionIdOf,
  SheetLayout,
  systemWriters,
} from '../../core/permissions';
import { normalizeEmail, parseRoles } from '../../core/roles';
import { SHEET_KEYS, SheetKey } from '../../core/schema';
import type { Execution } from '../session';
import { Table } from '../document';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The shell's handle on an existing protection: the object and the sheet it sits on. */
export interface Handle {
  protection: Protection;
  sheet: Sheet;
}

export interface ReadInput {
  input: PlanInput;
  sheets: Partial<Record<SheetKey, Sheet>>;
}

function layoutOf(sheet: Sheet, table: Table | null): SheetLayout {
  const layout: SheetLayout = {
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
    lastRow: table ? table.lastRow : Math.max(sheet.getLastRow(), 1),
  };
  if (table) {
    const columns: Record<string, number> = {};
    for (const [key, index] of Object.entries(table.header.byKey)) columns[key] = index + 1;
    layout.columns = columns;
  }
  return layout;
}

/**
 * The plan input from one read of roles, customers, interactions and feedback (cached in ex.wb);
 * `only` limits it to some sheets (the per-row path plans the customers sheet alone).
 */
export function readPlanInput(ex: Execution, only: readonly SheetKey[] = SHEET_KEYS): ReadInput {
  const { wb } = ex;
  const roles = parseRoles(wb.read('roles')?.rows ?? []);
  const sheets: Partial<Record<SheetKey, Sheet>> = {};
  const layouts: PlanInput['layouts'] = {};
  const tables: Partial<Record<SheetKey, Table>> = {};
  for (const key of only) {
    const sheet = wb.sheet(key);
    if (!sheet) continue;
    sheets[key] = sheet;
    const needsRows = key === 'customers' || (CUSTOMER_SCOPED_SHEETS as readonly string[]).includes(key);
    const table = needsRows ? wb.read(key) : null;
    if (table) tables[key] = table;
    layouts[key] = layoutOf(sheet, table);
  }
  const customers = tables.customers?.rows ?? [];
  const customerOwners: Record<string, string> = {};
  for (const r of customers) {
    const id = String(r.values.id ?? '').trim();
    if (id) customerOwners[id] = normalizeEmail(r.values.owner);
  }
  const scopedRows: PlanInput['scopedRows'] = {};
  for (const key of CUSTOMER_SCOPED_SHEETS) {
    const table = tables[key];
    if (table) scopedRows[key] = table.rows.map((r) => ({ row: r.row, customerId: r.values.customerId }));
  }
  const input: PlanInput = {
    roles,
    owner: ex.owner,
    locale: ex.locale,
    layouts,
    customerRows: customers.map((r) => ({ row: r.row, owner: r.values.owner })),
    customerOwners,
    scopedRows,
    systemWriters: systemWriters(roles, ex.owner),
  };
  return { input, sheets };
}

/** A marked protection before its editors are read: enough to decide whether to read the rest. */
export interface MarkedRef {
  id: string;
  sheetKey: SheetKey;
  range: GridRange | null;
}

export interface ReadExisting {
  existing: ExistingProtection<Handle>[];
  /** sheets that carry a whole-sheet protection the add-on did not make (Sheets allows one per sheet) */
  foreignSheetProtection: Set<SheetKey>;
}

const RANGE_OF_SHEET: GridRange = { row: 1, column: 1, numRows: 1, numColumns: 1 };

/**
 * The protections of the given sheets. Only a description is read from a protection the add-on
 * did not make (it is handed to the diff as `sheetKey: null`, counted and never touched). A marked
 * one is read in full unless `select` leaves it out: the cheap per-row path picks the few it needs
 * from ids and ranges first, so the editors of the others are never read.
 */
export function readExisting(
  sheets: Partial<Record<SheetKey, Sheet>>,
  keys: readonly SheetKey[],
  select?: (marked: MarkedRef[]) => Set<number>,
): ReadExisting {
  const existing: ExistingProtection<Handle>[] = [];
  const foreignSheetProtection = new Set<SheetKey>();
  const marked: Array<MarkedRef & { handle: Handle; description: string }> = [];
  const types = [SpreadsheetApp.ProtectionType.RANGE, SpreadsheetApp.ProtectionType.SHEET];
  for (const key of keys) {
    const sheet = sheets[key];
    if (!sheet) continue;
    for (const type of types) {
      const sheetLevel = type === SpreadsheetApp.ProtectionType.SHEET;
      for (const protection of sheet.getProtections(type)) {
        const description = protection.getDescription();
        const id = protectionIdOf(description);
        const handle = { protection, sheet };
        if (!id) {
          if (sheetLevel) foreignSheetProtection.add(key);
          existing.push(blank(handle, description));
          continue;
        }
        // a range that no longer parses (its rows were deleted) reads as a stale one-cell range
        const range = sheetLevel
          ? null
          : (a1ToRange(protection.getRange().getA1Notation()) ?? RANGE_OF_SHEET);
        marked.push({ id, sheetKey: key, range, handle, description });
      }
    }
  }
  const chosen = select ? select(marked) : null;
  marked.forEach((m, i) => {
    if (!chosen || chosen.has(i)) existing.push(readFull(m.handle, m.sheetKey, m.description, m.range));
  });
  return { existing, foreignSheetProtection };
}

function blank(handle: Handle, description: string): ExistingProtection<Handle> {
  return {
    handle,
    sheetKey: null,
    description,
    range: null,
    editors: [],
    domainEdit: false,
    warningOnly: false,
  };
}

function readFull(
  handle: Handle,
  sheetKey: SheetKey,
  description: string,
  range: GridRange | null,
): ExistingProtection<Handle> {
  const p = handle.protection;
  const unprotectedRanges =
    range === null
      ? p
          .getUnprotectedRanges()
          .map((r) => a1ToRange(r.getA1Notation()))
          .filter((r): r is GridRange => r !== null)
      : [];
  const editors = [...new Set(p.getEditors().map((u) => normalizeEmail(u.getEmail())))]
    .filter(Boolean)
    .sort();
  return {
    handle,
    sheetKey,
    description,
    range,
    unprotectedRanges,
    editors,
    domainEdit: p.canDomainEdit(),
    warningOnly: p.isWarningOnly(),
  };
}
