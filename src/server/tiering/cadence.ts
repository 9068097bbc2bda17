/**
 * Follow-up cadence on a person's edit (the simple onEdit trigger, running as the editor): when
 * lastContact changes on the customers sheet, or an interaction is typed into the interactions
 * sheet, nextFollowUp becomes lastContact + the cadence of the customer's tier unless it was set by
 * hand (core/cadence `planFollowUp`). An interaction moves lastContact forward to its date, never
 * back, and its own nextFollowUp, when given, wins.
 *
 * onEdit runs on every keystroke-commit in the workbook, so it returns after a few cheap calls
 * unless the edit touches one of those columns, and then reads only the rows it needs (never a
 * whole sheet). Its writes run as the editor, so protections apply to them as to the edit itself;
 * one refused is reported in a toast and leaves the sheet as the user made it.
 */
import { planFollowUp } from '../../core/tiering';
import { HeaderMap, mapHeader, SheetKey, SHEETS } from '../../core/schema';
import { cellToDayNumber, dayNumberToDate, dayNumberToIso, messageOf } from '../../core/shared';
import { can } from '../../core/roles';
import { begin, Execution } from '../session';
import { sheetKeyOf, withDocumentLock } from '../document';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

interface EditEvent {
  range?: Range;
  oldValue?: unknown;
  user?: unknown;
}

/** A simple trigger is killed after 30 s: a busy workbook costs at most this wait, then a toast. */
const SIMPLE_TRIGGER_LOCK_WAIT_MS = 3_000;

function headerOf(sheet: Sheet, key: SheetKey): { header: HeaderMap; width: number } {
  const width = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(1, 1, 1, width);
  return { header: mapHeader(SHEETS[key], range.getValues()[0], range.getNotes()[0]), width };
}

/** Whether the edited columns [first, last] (1-based) include a column key's column. */
const touches = (header: HeaderMap, key: string, first: number, last: number) => {
  const i = header.byKey[key];
  return i !== undefined && i + 1 >= first && i + 1 <= last;
};

/**
 * e.oldValue as a cell: Apps Script gives a date's old value as its serial number (days since
 * 1899-12-30), as a number or numeric text; dates and ISO text pass through.
 */
function oldCell(value: unknown): unknown {
  const serial =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : NaN;
  return Number.isFinite(serial) ? dayNumberToIso(Math.floor(serial) - 25569) : (value ?? '');
}

export function followUpOnEdit(e: EditEvent | undefined): void {
  const range = e?.range;
  if (!range) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getLastRow();
  if (lastRow < firstRow) return;
  const sheet = range.getSheet();
  const key = sheetKeyOf(sheet);
  if (key !== 'customers' && key !== 'interactions') return;
  const { header, width } = headerOf(sheet, key);
  const firstColumn = range.getColumn();
  const lastColumn = range.getLastColumn();
  const hit = (k: string) => touches(header, k, firstColumn, lastColumn);
  if (key === 'customers' ? !hit('lastContact') : !hit('date') && !hit('customerId') && !hit('nextFollowUp'))
    return;

  // Runs as the editor, whose address a gmail.com account hides here: a known role that may not
  // edit customers stops it; otherwise the sheet's protections decide, as they did for the edit.
  const ex = begin(undefined, { event: e });
  if (ex.identity !== 'unknown' && !can(ex.user.role, 'editCustomers')) return;
  try {
    withDocumentLock(
      ex,
      () => {
        if (key === 'customers') {
          const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
          afterContactEdit(ex, sheet, header, width, firstRow, lastRow, {
            previous: single ? oldCell(e?.oldValue) : '',
            explicitNextFollowUp: hit('nextFollowUp'),
          });
        } else afterInteractionEdit(ex, sheet, header, width, firstRow, lastRow);
      },
      { waitMs: SIMPLE_TRIGGER_LOCK_WAIT_MS },
    );
  } catch (error) {
    sheet.getParent().toast(ex.t('tier.cadence.notUpdated', { message: messageOf(error) }));
  }
}

interface CustomerRow {
  /** sheet row */
  row: number;
  previousLastContact: unknown;
  lastContact: unknown;
  nextFollowUp: unknown;
  tier: unknown;
  explicitNextFollowUp?: unknown;
}

/**
 * Plans each row and writes what changes: lastContact (interactions only) and nextFollowUp, each as
 * one block over the rows from the first to the last written, rows between keeping their cells.
 */
function writePlans(
  ex: Execution,
  sheet: Sheet,
  header: HeaderMap,
  grid: unknown[][],
  firstRow: number,
  rows: CustomerRow[],
  newLastContact: Map<number, number>,
): void {
  const nextFollowUps = new Map<number, number>();
  for (const r of rows) {
    const plan = planFollowUp(r, ex.settings, ex.timeZone);
    if (plan.write && plan.nextFollowUp !== null) nextFollowUps.set(r.row, plan.nextFollowUp);
  }
  writeDays(ex, sheet, header.byKey.lastContact, grid, firstRow, newLastContact);
  writeDays(ex, sheet, header.byKey.nextFollowUp, grid, firstRow, nextFollowUps);
}

function writeDays(
  ex: Execution,
  sheet: Sheet,
  column: number | undefined,
  grid: unknown[][],
  firstRow: number,
  days: Map<number, number>,
): void {
  if (column === undefined || days.size === 0) return;
  const first = Math.min(...days.keys());
  const last = Math.max(...days.keys());
  const block: unknown[][] = [];
  for (let row = first; row <= last; row++) {
    const day = days.get(row);
    block.push([
      day === undefined ? (grid[row - firstRow]?.[column] ?? '') : dayNumberToDate(day, ex.timeZone),
    ]);
  }
  sheet.getRange(first, column + 1, block.length, 1).setValues(block);
}

/** The customers sheet: lastContact typed (or pasted) on rows firstRow..lastRow. */
function afterContactEdit(
  ex: Execution,
  sheet: Sheet,
  header: HeaderMap,
  width: number,
  firstRow: number,
  lastRow: number,
  edit: { previous: unknown; explicitNextFollowUp: boolean },
): void {
  const grid = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  const at = (line: unknown[], k: string) => (header.byKey[k] === undefined ? '' : line[header.byKey[k]]);
  const rows: CustomerRow[] = grid.map((line, i) => ({
    row: firstRow + i,
    previousLastContact: edit.previous,
    lastContact: at(line, 'lastContact'),
    nextFollowUp: at(line, 'nextFollowUp'),
    tier: at(line, 'tier'),
    // A nextFollowUp pasted together with lastContact is the user's own.
    explicitNextFollowUp: edit.explicitNextFollowUp ? at(line, 'nextFollowUp') : '',
  }));
  writePlans(ex, sheet, header, grid, firstRow, rows, new Map());
}

/** The interactions sheet: rows firstRow..lastRow were typed; each with a date and a customer counts. */
function afterInteractionEdit(
  ex: Execution,
  sheet: Sheet,
  header: HeaderMap,
  width: number,
  firstRow: number,
  lastRow: number,
): void {
  const lines = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  const latest = new Map<string, { day: number; nextFollowUp: unknown }>();
  for (const line of lines) {
    const id = String(line[header.byKey.customerId] ?? '').trim();
    const day = cellToDayNumber(line[header.byKey.date], ex.timeZone);
    if (!id || day === null || Number.isNaN(day)) continue;
    const nfu = header.byKey.nextFollowUp === undefined ? '' : line[header.byKey.nextFollowUp];
    const seen = latest.get(id);
    if (!seen || day >= seen.day) latest.set(id, { day, nextFollowUp: nfu });
  }
  if (latest.size === 0) return;

  const customers = ex.wb.sheet('customers');
  if (!customers) return;
  const { header: ch, width: cw } = headerOf(customers, 'customers');
  const idColumn = ch.byKey.id;
  const lastCustomerRow = customers.getLastRow();
  if (idColumn === undefined || lastCustomerRow < 2) return;
  const ids = customers.getRange(2, idColumn + 1, lastCustomerRow - 1, 1).getValues();
  const rowOf = new Map<string, number>();
  ids.forEach((line, i) => {
    const id = String(line[0] ?? '').trim();
    if (latest.has(id) && !rowOf.has(id)) rowOf.set(id, i + 2);
  });
  if (rowOf.size === 0) return;
  const first = Math.min(...rowOf.values());
  const last = Math.max(...rowOf.values());
  const grid = customers.getRange(first, 1, last - first + 1, cw).getValues();
  const at = (line: unknown[], k: string) => (ch.byKey[k] === undefined ? '' : line[ch.byKey[k]]);

  const rows: CustomerRow[] = [];
  const newLastContact = new Map<number, number>();
  for (const [id, row] of rowOf) {
    const line = grid[row - first];
    const { day, nextFollowUp } = latest.get(id)!;
    const current = at(line, 'lastContact');
    const currentDay = cellToDayNumber(current, ex.timeZone);
    // An older interaction logged late does not move the last contact back.
    if (currentDay !== null && !Number.isNaN(currentDay) && day < currentDay) continue;
    if (currentDay !== day) newLastContact.set(row, day);
    rows.push({
      row,
      previousLastContact: current,
      lastContact: dayNumberToIso(day),
      nextFollowUp: at(line, 'nextFollowUp'),
      tier: at(line, 'tier'),
      explicitNextFollowUp: nextFollowUp,
    });
  }
  writePlans(ex, customers, ch, grid, first, rows, newLastContact);
}
