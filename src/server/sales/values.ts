/**
 * Per-customer value columns on the Customers sheet (revenue, orders, avgOrder, lastPurchase and the
 * 12-month revenue12m, orders12m), computed in core/sales. Two writers:
 * - the nightly job (`nightlyCustomerValues`, a time-driven trigger setup installs, running as its
 *   installer) recomputes every customer from all purchases. It reads only the columns it needs
 *   (the customers' id and value columns, five columns of purchases), compares (core
 *   `valueChanges`) and writes only the cells that changed, in one Values.batchUpdate, at most
 *   VALUES_CELLS_PER_RUN cells per execution: when more changed (the first fill of a large
 *   workbook), a one-off trigger (`continueCustomerValues`) recomputes a minute later and writes
 *   the next part, until none is left. Each part recomputes and finds what still differs; only
 *   the row to go on from is kept, so the parts sweep the sheet once (cells that never take the
 *   value written cannot hold it up). The day is recorded (`recordValuesComputed`, which tiering
 *   trusts) only once the sweep has written every changed row;
 * - after purchase rows are added (import, a won opportunity, the sidebar) the new rows are added
 *   to the affected customers' cells: one read and one write of the rows between the first and the
 *   last affected customer.
 * The columns are locked to managers and admins (like tier), so a rep's own purchase waits for the
 * nightly job; the caller holds the document lock.
 */
import {
  addPurchases,
  addWindowPurchases,
  CustomerValue,
  KEPT_VALUE_COLUMNS,
  KeptValueColumn,
  nextValuePart,
  valueBlocks,
  valueChanges,
  WINDOW_VALUE_COLUMNS,
  WindowValue,
} from '../../core/sales';
import { can, editsAllCustomers, resolveRole } from '../../core/roles';
import { CellValue, SheetRow } from '../../core/schema';
import { a1Range, cellText, dayNumberOf, dayNumberToDate, quotedSheetName } from '../../core/shared';
import { recordAction } from '../audit';
import {
  continueLater,
  deleteKey,
  DOC_KEYS,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  readNumber,
  removeTriggers,
  sheetsService,
  withDocumentLock,
  writeText,
} from '../document';
import { recordValuesComputed } from './values-state';
import {
  begin,
  beginAsInstaller,
  Execution,
  reportingFailures,
  requireAction,
  requireInstallerAction,
  requireLayout,
  runContinuation,
  underLockOrLater,
} from '../session';

export const VALUES_HANDLER = 'nightlyCustomerValues';
/** The one-off trigger that writes what one execution left (document `continueLater`). */
export const VALUES_CONTINUE_HANDLER = 'continueCustomerValues';
const NIGHTLY_HOUR = 2;

/**
 * Changed value cells one execution writes at most. At 100,000 customers and about 780,000
 * purchase rows, in the bench's cost model (src/local/emulator/cost-model.ts): the customers' id
 * and six value columns are 700,000 cells read (7 s), the purchases' five columns 3.9M (39 s), the
 * 35 or so calls 6 s (the Values.batchUpdate 1 s of it): some 52 s before writing. 150,000 cells
 * written at 0.15 ms are 22.5 s more: about 75 s, well under the 90 s an action may take, with room
 * for the comparison's own JavaScript and more purchases. A first fill (6 cells a customer: 600,000
 * at 100,000 customers) thus takes four executions a minute apart; a night's changes (new
 * purchases, purchases leaving the 12 months) are far fewer.
 */
export const VALUES_CELLS_PER_RUN = 150_000;

/** The purchase columns core/sales reads: `customerValues` and `customerWindowValues`. */
const PURCHASE_COLUMNS = ['customerId', 'date', 'amount', 'orderId', 'type'];

type Layout = NonNullable<ReturnType<Execution['wb']['layout']>>;

/** Sheet columns (0-based) of the value columns present, and their adjacent runs. */
function valueRuns(layout: Layout): Array<{ start: number; keys: KeptValueColumn[] }> {
  const cols = KEPT_VALUE_COLUMNS.map((k) => ({ k, i: layout.header.byKey[k] }))
    .filter((c): c is { k: KeptValueColumn; i: number } => c.i !== undefined)
    .sort((a, b) => a.i - b.i);
  const runs: Array<{ start: number; keys: KeptValueColumn[] }> = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.keys.length === c.i) last.keys.push(c.k);
    else runs.push({ start: c.i, keys: [c.k] });
  }
  return runs;
}

function cellsOf(
  v: CustomerValue | undefined,
  w: WindowValue | undefined,
  timeZone: string,
): Record<string, CellValue> {
  const window = { revenue12m: w?.revenue12m ?? 0, orders12m: w?.orders12m ?? 0 };
  if (!v) return { revenue: 0, orders: 0, avgOrder: '', lastPurchase: '', ...window };
  return {
    revenue: v.revenue,
    orders: v.orders,
    avgOrder: v.avgOrder ?? '',
    lastPurchase: v.lastPurchase === null ? '' : dayNumberToDate(v.lastPurchase, timeZone),
    ...window,
  };
}

export interface RecomputeResult {
  /** customer rows with an id */
  customers: number;
  /** customer rows whose value cells differed from the purchases */
  changed: number;
  /** of those, the rows this execution wrote */
  written: number;
  cellsWritten: number;
  /** whether the continuation trigger writes the changed cells left */
  continues: boolean;
}

function cellsPerRun(): number {
  const n = readNumber(DOC_KEYS.valuesCellsPerRun);
  return n !== null && n > 0 ? n : VALUES_CELLS_PER_RUN;
}

/**
 * Recomputes every customer's value and writes the cells that differ, up to the cap. A first part
 * starts a sweep of the sheet at its top; `part` 'next' (the continuation) goes on from the row the
 * part before stopped at. Schedules the next part while the sweep has changed rows ahead, and
 * records the day once it has none.
 */
export function recomputeCustomerValues(ex: Execution, part: 'first' | 'next' = 'first'): RecomputeResult {
  const customers = ex.wb.readColumns('customers', ['id', ...KEPT_VALUE_COLUMNS]);
  if (!customers) return { customers: 0, changed: 0, written: 0, cellsWritten: 0, continues: false };
  const { layout } = customers;
  const runs = valueRuns(layout);
  const purchases = ex.wb.readColumns('purchases', PURCHASE_COLUMNS)?.rows ?? [];
  const today = dayNumberOf(new Date(), ex.timeZone);
  const changes = valueChanges(
    customers.rows,
    runs.flatMap((r) => r.keys),
    purchases,
    ex.timeZone,
    today,
  );
  const fromRow = (part === 'next' ? readNumber(DOC_KEYS.valuesNextRow) : null) ?? 2;
  const { now, cellsNow, nextRow } = nextValuePart(changes, fromRow, cellsPerRun());
  const blocks = valueBlocks(now, runs);
  if (blocks.length) {
    const name = quotedSheetName(layout.sheet.getName());
    // One call for every block. USER_ENTERED parses the ISO days as dates; numbers are sent as
    // numbers, which it stores as they are ("Numbers will stay as numbers"), and null cells are
    // skipped, so a block writes only its changed cells.
    sheetsService().Spreadsheets!.Values!.batchUpdate(
      {
        valueInputOption: 'USER_ENTERED',
        data: blocks.map((b) => ({
          range: `${name}!${a1Range(b.row, b.column, b.values.length, b.values[0].length)}`,
          values: b.values,
        })),
      },
      ex.wb.id(),
    );
    ex.wb.forget('customers');
  }
  const continues = nextRow !== null;
  if (continues) {
    writeText(DOC_KEYS.valuesNextRow, String(nextRow));
    continueLater(VALUES_CONTINUE_HANDLER);
  } else {
    deleteKey(DOC_KEYS.valuesNextRow);
    // Only once the sweep has written every changed row, and when the sheet holds the 12-month
    // columns: tiering trusts the day recorded here.
    if (WINDOW_VALUE_COLUMNS.every((k) => layout.header.byKey[k] !== undefined))
      recordValuesComputed(today, ex.timeZone);
  }
  return {
    customers: customers.rows.filter((r) => cellText(r.values.id).trim() !== '').length,
    changed: changes.length,
    written: now.length,
    cellsWritten: cellsNow,
    continues,
  };
}

/**
 * After purchase rows were appended: adds them to their customers' value cells. Only managers and
 * admins may write the locked value columns; anyone else's purchases wait for the nightly job.
 */
export function customerValuesAfterPurchases(ex: Execution, added: Array<Record<string, unknown>>): void {
  if (added.length === 0 || !editsAllCustomers(ex.user.role)) return;
  const byCustomer = new Map<string, SheetRow[]>();
  added.forEach((values, i) => {
    const id = cellText(values.customerId).trim().toUpperCase();
    if (!id) return;
    let list = byCustomer.get(id);
    if (!list) byCustomer.set(id, (list = []));
    list.push({ row: i, values: values as Record<string, CellValue> });
  });
  const ids = ex.wb.readColumn('customers', 'id');
  if (!ids || byCustomer.size === 0) return;
  const rowOf = new Map<string, number>();
  ids.values.forEach((id, i) => {
    const key = cellText(id).trim().toUpperCase();
    if (byCustomer.has(key) && !rowOf.has(key)) rowOf.set(key, i + 2);
  });
  if (rowOf.size === 0) return;
  const first = Math.min(...rowOf.values());
  const last = Math.max(...rowOf.values());
  const runs = valueRuns(ids.layout);
  if (runs.length === 0) return;
  const from = runs[0].start;
  const to = runs[runs.length - 1].start + runs[runs.length - 1].keys.length - 1;
  const header = ids.layout.header.byKey;
  const block = ids.layout.sheet.getRange(first, from + 1, last - first + 1, to - from + 1);
  const grid = block.getValues() as CellValue[][];
  const cell = (line: CellValue[], key: string) => line[(header[key] ?? -1) - from] ?? '';
  const today = dayNumberOf(new Date(), ex.timeZone);
  for (const [id, row] of rowOf) {
    const line = grid[row - first];
    const next = cellsOf(
      addPurchases(
        {
          revenue: cell(line, 'revenue'),
          orders: cell(line, 'orders'),
          lastPurchase: cell(line, 'lastPurchase'),
        },
        byCustomer.get(id)!,
        ex.timeZone,
      ),
      addWindowPurchases(
        { revenue12m: cell(line, 'revenue12m'), orders12m: cell(line, 'orders12m') },
        byCustomer.get(id)!,
        ex.timeZone,
        today,
      ),
      ex.timeZone,
    );
    for (const run of runs) run.keys.forEach((k, j) => (line[run.start - from + j] = next[k]));
  }
  // One write per run of value columns over the affected rows (columns between runs are left alone).
  for (const run of runs)
    ids.layout.sheet
      .getRange(first, run.start + 1, grid.length, run.keys.length)
      .setValues(grid.map((line) => line.slice(run.start - from, run.start - from + run.keys.length)));
  ex.wb.forget('customers');
}

/** The nightly trigger (runs as its installer, an admin or manager who must still hold the role). */
export function nightlyCustomerValues(e?: { triggerUid?: string }): void {
  reportingFailures(
    VALUES_HANDLER,
    () => {
      if (e?.triggerUid !== undefined && !isDocumentTriggerEvent(VALUES_HANDLER, e.triggerUid)) return;
      const ex = beginAsInstaller();
      requireInstallerAction(ex, 'recomputeValues', VALUES_HANDLER);
      requireLayout(ex, 'customers');
      withDocumentLock(ex, () => recomputeCustomerValues(ex), { onBusy: () => null });
    },
    e,
  );
}

/**
 * The continuation's one-off trigger (runs as whoever started the recompute): recomputes and writes
 * the next part; when nothing is left it removes its own trigger (a fired one-off trigger stays
 * listed). A busy workbook tries again a minute later.
 */
export function continueCustomerValues(e?: { triggerUid?: unknown }): RecomputeResult | null {
  return runContinuation(VALUES_CONTINUE_HANDLER, 'recomputeValues', e, (ex) => {
    requireLayout(ex, 'customers');
    const result = underLockOrLater(ex, VALUES_CONTINUE_HANDLER, e, () =>
      recomputeCustomerValues(ex, 'next'),
    );
    if (result && !result.continues) removeTriggers(VALUES_CONTINUE_HANDLER);
    return result;
  });
}

/** `crm run recomputeCustomerValuesNow` and the menu: recompute at once. */
export function recomputeCustomerValuesNow(): RecomputeResult {
  const ex = begin();
  requireAction(ex, 'recomputeValues');
  requireLayout(ex, 'customers');
  const result = withDocumentLock(ex, () => recomputeCustomerValues(ex));
  const { customers, changed, written, continues } = result;
  recordAction(ex, {
    action: 'recomputeValues',
    sheet: 'customers',
    details: { customers, changed, written, continues },
  });
  const message = continues ? 'sales.valuesContinuing' : 'sales.valuesRecomputed';
  ex.wb.ss.toast(ex.t(message, { customers, changed, written }), ex.t('menu.title'));
  return result;
}

/**
 * Setup step: the nightly trigger, installed once for the admin running setup. Setup does not fill
 * the columns itself: reading every purchase would cost a large workbook's setup most of its
 * 6 minutes; the first night (or `recomputeCustomerValuesNow`) fills them.
 */
export function setUpCustomerValues(ex: Execution): void {
  // One nightly trigger for the workbook, recorded with its installer: a second admin running setup
  // does not add another.
  installDocumentTrigger(
    VALUES_HANDLER,
    () =>
      ScriptApp.newTrigger(VALUES_HANDLER)
        .timeBased()
        .everyDays(1)
        .atHour(NIGHTLY_HOUR)
        .inTimezone(ex.timeZone)
        .create(),
    (who) => can(resolveRole(who, ex.owner, ex.roles).role, 'recomputeValues'),
  );
}
