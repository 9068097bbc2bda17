/**
 * Acting on reminders from the customers sheet: "Mark contacted today" and "Snooze N days" on the
 * selected rows. One read of the customers sheet and one setValues per block of adjacent columns,
 * under the document lock; account managers act only on their own customers, and a selection
 * with anyone else's row is refused whole (nothing written).
 */
import { dayNumberOf, dayNumberToDate } from '../../core/shared';
import { customerRowsOf, planMarkContacted, planSnooze, rowsNotOwned } from '../../core/reminders';
import type { CellValue, SheetRow } from '../../core/schema';
import { UserError } from '../../i18n';
import { recordAction } from '../audit';
import { customerRowsWritten } from '../workbook';
import { withDocumentLock } from '../document';
import { begin, Execution, requireAction, requireTable } from '../session';
import type { Table } from '../document';

export interface ReminderActionResult {
  /** the sheet rows changed */
  rows: number[];
  message: string;
}

/** The selected sheet rows (header excluded); refuses a selection outside the customers sheet. */
function selectedRows(ex: Execution): { first: number; last: number } {
  const sheet = ex.wb.sheet('customers');
  if (!sheet) throw new UserError(ex.locale, 'error.notSetUp');
  const range = SpreadsheetApp.getActiveRange();
  if (!range || range.getSheet().getSheetId() !== sheet.getSheetId())
    throw new UserError(ex.locale, 'remind.act.selectCustomers');
  const first = Math.max(2, range.getRow());
  const last = range.getLastRow();
  if (last < first) throw new UserError(ex.locale, 'remind.act.selectCustomers');
  return { first, last };
}

/** The customers in the selection, after the ownership check. */
function actionableRows(ex: Execution, table: Table, first: number, last: number): SheetRow[] {
  const rows = customerRowsOf(table.rows.filter((r) => r.row >= first && r.row <= last));
  if (rows.length === 0) throw new UserError(ex.locale, 'remind.act.selectCustomers');
  const refused = rowsNotOwned(rows, ex.user);
  if (refused.length) throw new UserError(ex.locale, 'remind.act.notYours', { rows: refused.join(', ') });
  return rows;
}

/**
 * Writes new values of some columns for some rows: one setValues per run of adjacent columns,
 * spanning the first to the last changed row; cells in between keep the values just read.
 */
function writeCells(table: Table, changes: Map<string, Map<number, CellValue>>): void {
  const rows = [...changes.values()].flatMap((m) => [...m.keys()]);
  if (rows.length === 0) return;
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const columns = [...changes.keys()]
    .map((key) => ({ key, index: table.header.byKey[key] }))
    .filter((c) => c.index !== undefined)
    .sort((a, b) => a.index - b.index);
  const runs: Array<typeof columns> = [];
  for (const c of columns) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].index === c.index - 1) run.push(c);
    else runs.push([c]);
  }
  for (const run of runs) {
    const grid: CellValue[][] = [];
    for (let row = top; row <= bottom; row++) {
      const line = table.grid[row - 2] ?? [];
      grid.push(
        run.map((c) =>
          changes.get(c.key)!.has(row) ? changes.get(c.key)!.get(row)! : (line[c.index] ?? ''),
        ),
      );
    }
    table.sheet.getRange(top, run[0].index + 1, grid.length, run.length).setValues(grid);
  }
}

/**
 * The frame of every action: the selected customers (ownership checked) under the document lock,
 * then one audit row (script writes do not fire the edit trigger), the written rows' hooks and a
 * toast. `act` writes and says which rows changed.
 */
function actOnSelection(
  action: 'markContacted' | 'snooze',
  act: (ex: Execution, table: Table, rows: SheetRow[], today: number) => ReminderActionResult,
): ReminderActionResult {
  const ex = begin();
  requireAction(ex, 'actOnReminders');
  const { first, last } = selectedRows(ex);
  const result = withDocumentLock(ex, () => {
    const table = requireTable(ex, 'customers');
    const rows = actionableRows(ex, table, first, last);
    const done = act(ex, table, rows, dayNumberOf(Date.now(), ex.timeZone));
    if (done.rows.length) {
      const changed = new Set(done.rows);
      recordAction(ex, {
        action,
        sheet: 'customers',
        range: `${Math.min(...done.rows)}:${Math.max(...done.rows)}`,
        details: {
          rows: done.rows.length,
          ids: rows
            .filter((r) => changed.has(r.row))
            .map((r) => String(r.values.id ?? ''))
            .join(','),
        },
      });
    }
    customerRowsWritten(ex, done.rows);
    return done;
  });
  ex.wb.ss.toast(result.message, ex.t('menu.title'));
  return result;
}

/** Menu "Mark contacted today": lastContact = today, nextFollowUp by cadence, one interaction each. */
export function menuMarkContacted(): ReminderActionResult {
  return actOnSelection('markContacted', (ex, table, rows, today) => {
    const planned = planMarkContacted(rows, today, ex.settings, ex.timeZone);
    const now = new Date();
    const lastContact = new Map<number, CellValue>();
    const nextFollowUp = new Map<number, CellValue>();
    const updatedAt = new Map<number, CellValue>();
    for (const c of planned) {
      lastContact.set(c.row, c.lastContact);
      if (c.nextFollowUp) nextFollowUp.set(c.row, c.nextFollowUp);
      updatedAt.set(c.row, now);
    }
    writeCells(
      table,
      new Map([
        ['lastContact', lastContact],
        ['nextFollowUp', nextFollowUp],
        ['updatedAt', updatedAt],
      ]),
    );
    const byRow = new Map(rows.map((r) => [r.row, r]));
    ex.wb.append(
      'interactions',
      planned.map((c) => ({
        date: dayNumberToDate(today, ex.timeZone),
        customerId: c.customerId,
        summary: ex.t('remind.act.interactionSummary'),
        nextFollowUp: c.nextFollowUp ?? byRow.get(c.row)?.values.nextFollowUp ?? '',
        loggedBy: ex.user.email,
      })),
    );
    const changed = planned.map((c) => c.row);
    return { rows: changed, message: ex.t('remind.act.contacted', { count: changed.length }) };
  });
}

function snooze(days: number): ReminderActionResult {
  return actOnSelection('snooze', (ex, table, rows, today) => {
    const planned = planSnooze(rows, days, today, ex.settings, ex.timeZone);
    const now = new Date();
    writeCells(
      table,
      new Map([
        ['nextFollowUp', new Map<number, CellValue>(planned.map((c) => [c.row, c.nextFollowUp]))],
        ['updatedAt', new Map<number, CellValue>(planned.map((c) => [c.row, now]))],
      ]),
    );
    const changed = planned.map((c) => c.row);
    return { rows: changed, message: ex.t('remind.act.snoozed', { count: changed.length, days }) };
  });
}

/** Menu "Snooze 1 day" ... "Snooze 14 days" (SNOOZE_DAYS in core). */
export function menuSnooze1(): ReminderActionResult {
  return snooze(1);
}
export function menuSnooze3(): ReminderActionResult {
  return snooze(3);
}
export function menuSnooze7(): ReminderActionResult {
  return snooze(7);
}
export function menuSnooze14(): ReminderActionResult {
  return snooze(14);
}
