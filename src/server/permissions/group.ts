/**
 * "Group by owner": a stable sort of the customer rows by owner (core groupRowsByOwnerOrder), so
 * each owner's rows form one block and need one protection. One read of the data block (values
 * and formulas), one write of it permuted. Formulas move as their text; cell notes and formats
 * stay in place (they are per column in this workbook). Callers confirm first and hold the lock.
 */
import { groupRowsByOwnerOrder } from '../../core/permissions';
import { CellValue } from '../../core/schema';
import { Execution, requireTable } from '../session';

export interface GroupingSummary {
  moved: number;
  blocksBefore: number;
  blocksAfter: number;
}

interface Grouping extends GroupingSummary {
  order: number[];
  grid: CellValue[][];
}

function planGrouping(ex: Execution): Grouping {
  const table = requireTable(ex, 'customers');
  const ownerIndex = table.header.byKey.owner;
  const grid = table.grid;
  const g = groupRowsByOwnerOrder(
    grid.map((line) => ({ owner: ownerIndex === undefined ? '' : line[ownerIndex] })),
  );
  return { moved: g.moved, blocksBefore: g.blocksBefore, blocksAfter: g.blocksAfter, order: g.order, grid };
}

/** What grouping would do (nothing written). */
export function previewGrouping(ex: Execution): GroupingSummary {
  const { moved, blocksBefore, blocksAfter } = planGrouping(ex);
  return { moved, blocksBefore, blocksAfter };
}

/** Sorts the customer rows by owner in one write; re-reads the sheet first (the caller holds the lock). */
export function groupCustomersByOwner(ex: Execution): GroupingSummary {
  ex.wb.forget('customers');
  const g = planGrouping(ex);
  const summary = { moved: g.moved, blocksBefore: g.blocksBefore, blocksAfter: g.blocksAfter };
  if (g.moved === 0) return summary;
  const table = requireTable(ex, 'customers');
  const range = table.sheet.getRange(2, 1, g.grid.length, table.width);
  const formulas = range.getFormulas();
  range.setValues(g.order.map((from) => g.grid[from].map((v, c) => formulas[from][c] || v)));
  ex.wb.forget('customers');
  return summary;
}
