/**
 * Per-customer value columns on the Customers sheet (revenue, orders, avgOrder, lastPurchase),
 * computed in core/sales. Two writers:
 * - the nightly job (`nightlyCustomerValues`, a time-driven trigger setup installs, running as its
 *   installer) recomputes every customer from all purchases: the customers' id column and the
 *   purchases sheet read once, one setValues per block of adjacent value columns;
 * - after purchase rows are added (import, a won opportunity, the sidebar) the new rows are added
 *   to the affected customers' cells: one read and one write of the rows between the first and the
 *   last affected customer.
 * The columns are locked to managers and admins (like tier), so a rep's own purchase waits for the
 * nightly job; the caller holds the document lock.
 */
import {
  addPurchases,
  addWindowPurchases,
  customerValues,
  customerWindowValues,
  CustomerValue,
  VALUE_COLUMNS,
  WINDOW_VALUE_COLUMNS,
  WindowValue,
} from '../../core/sales';
import { can, editsAllCustomers, resolveRole } from '../../core/roles';
import { CellValue, SheetRow } from '../../core/schema';
import { cellText, dayNumberOf, dayNumberToDate } from '../../core/shared';
import { recordAction } from '../audit';
import { installDocumentTrigger, isDocumentTriggerEvent, withDocumentLock } from '../document';
import { recordValuesComputed } from './values-state';
import {
  begin,
  beginAsInstaller,
  Execution,
  reportingFailures,
  requireAction,
  requireInstallerAction,
  requireTable,
} from '../session';

export const VALUES_HANDLER = 'nightlyCustomerValues';
const NIGHTLY_HOUR = 2;

type Layout = NonNullable<ReturnType<Execution['wb']['layout']>>;

/** Every column the add-on keeps from purchases: all-time and 12-month value. */
const KEPT_COLUMNS = [...VALUE_COLUMNS, ...WINDOW_VALUE_COLUMNS];

/** Sheet columns (0-based) of the value columns present, and their adjacent runs. */
function valueRuns(layout: Layout): Array<{ start: number; keys: string[] }> {
  const cols = KEPT_COLUMNS.map((k) => ({ k, i: layout.header.byKey[k] }))
    .filter((c): c is { k: (typeof KEPT_COLUMNS)[number]; i: number } => c.i !== undefined)
    .sort((a, b) => a.i - b.i);
  const runs: Array<{ start: number; keys: string[] }> = [];
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

/** Recomputes every customer's value; returns the number of customer rows written. */
export function recomputeCustomerValues(ex: Execution): number {
  const ids = ex.wb.readColumn('customers', 'id');
  if (!ids || ids.values.length === 0) return 0;
  const purchases = ex.wb.read('purchases')?.rows ?? [];
  const today = dayNumberOf(new Date(), ex.timeZone);
  const values = customerValues(purchases, ex.timeZone);
  const window = customerWindowValues(purchases, ex.timeZone, today);
  const rows = ids.values.map((id) => {
    const key = cellText(id).trim().toUpperCase();
    return cellsOf(values.get(key), window.get(key), ex.timeZone);
  });
  // Rows without an id stay blank: a value there would belong to no one.
  const blank = Object.fromEntries(KEPT_COLUMNS.map((k) => [k, '']));
  ids.values.forEach((id, i) => {
    if (cellText(id).trim() === '') rows[i] = blank;
  });
  for (const run of valueRuns(ids.layout))
    ids.layout.sheet
      .getRange(2, run.start + 1, rows.length, run.keys.length)
      .setValues(rows.map((r) => run.keys.map((k) => r[k])));
  ex.wb.forget('customers');
  // Only when the sheet holds the 12-month columns: tiering trusts the day recorded here.
  if (WINDOW_VALUE_COLUMNS.every((k) => ids.layout.header.byKey[k] !== undefined))
    recordValuesComputed(today, ex.timeZone);
  return rows.length;
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
      requireTable(ex, 'customers');
      withDocumentLock(ex, () => recomputeCustomerValues(ex), { onBusy: () => 0 });
    },
    e,
  );
}

/** `crm run recomputeCustomerValuesNow` and the menu: recompute at once. */
export function recomputeCustomerValuesNow(): { customers: number } {
  const ex = begin();
  requireAction(ex, 'recomputeValues');
  requireTable(ex, 'customers');
  const customers = withDocumentLock(ex, () => recomputeCustomerValues(ex));
  recordAction(ex, { action: 'recomputeValues', sheet: 'customers', details: { customers } });
  ex.wb.ss.toast(ex.t('sales.valuesRecomputed', { customers }), ex.t('menu.title'));
  return { customers };
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
