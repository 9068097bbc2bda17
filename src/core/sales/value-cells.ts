/**
 * The nightly recompute's comparison: what each customer row's value cells should hold (all-time
 * and 12-month value from every purchase) against what they hold, so the shell writes only the
 * cells that differ, at most a number of cells per execution (whole rows, one sweep of the sheet
 * across executions), grouped into blocks of consecutive rows.
 *
 * A cell holds what it should when: money (revenue, avgOrder, revenue12m) is a number within half
 * a cent; a count (orders, orders12m) is the same number; lastPurchase is a date on the same day
 * in the spreadsheet's time zone. A blank is only the same as a blank: a customer without purchases
 * has revenue 0 and orders 0 (a blank there is written), avgOrder and lastPurchase blank. Text that
 * looks like the value ("100", "2026-10-03") is rewritten as a number or a date. Rows without an id
 * should be blank: a value there would belong to no one.
 */
import { CellValue, SheetRow } from '../schema';
import { cellText, dayNumberToIso, dayReader } from '../shared';
import { customerValues, CustomerValue, VALUE_COLUMNS } from './values';
import { customerWindowValues, WINDOW_VALUE_COLUMNS, WindowValue } from './window-values';

/** Every value column the add-on keeps on the Customers sheet, all-time then 12 months. */
export const KEPT_VALUE_COLUMNS = [...VALUE_COLUMNS, ...WINDOW_VALUE_COLUMNS] as const;
export type KeptValueColumn = (typeof KEPT_VALUE_COLUMNS)[number];

/** What a value cell should hold: a number, '' for blank; lastPurchase as a day number. */
export type ValueCell = number | '';
export type ValueCells = Record<KeptValueColumn, ValueCell>;

/** One row whose cells differ: only the differing cells, with what they should hold. */
export interface ValueChange {
  /** sheet row number */
  row: number;
  cells: Partial<ValueCells>;
}

const MONEY = new Set<KeptValueColumn>(['revenue', 'avgOrder', 'revenue12m']);
const HALF_CENT = 0.005;

const BLANK: ValueCells = {
  revenue: '',
  orders: '',
  avgOrder: '',
  lastPurchase: '',
  revenue12m: '',
  orders12m: '',
};

/** A customer's cells from their value (none: no purchase) and 12-month value (none: none in the window). */
export function valueCellsOf(v: CustomerValue | undefined, w: WindowValue | undefined): ValueCells {
  return {
    revenue: v?.revenue ?? 0,
    orders: v?.orders ?? 0,
    avgOrder: v?.avgOrder ?? '',
    lastPurchase: v?.lastPurchase ?? '',
    revenue12m: w?.revenue12m ?? 0,
    orders12m: w?.orders12m ?? 0,
  };
}

const isDate = (v: unknown) => v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';

/** Whether a cell already holds what it should (see the module comment). */
export function holdsValue(
  key: KeptValueColumn,
  cell: CellValue | undefined,
  wanted: ValueCell,
  readDay: (value: unknown) => number,
): boolean {
  const blank = cell === '' || cell === null || cell === undefined;
  if (wanted === '') return blank;
  if (key === 'lastPurchase') return isDate(cell) && readDay(cell) === wanted;
  if (typeof cell !== 'number') return false;
  return MONEY.has(key) ? Math.abs(cell - wanted) < HALF_CENT : cell === wanted;
}

/**
 * The customer rows whose value cells differ from what the purchases give, each with only its
 * differing cells, in the order of `customers`: the sheet's rows in row order, holding the id and
 * the value columns `columns` the sheet has (a row missing there is blank in all of them and stays so).
 */
export function valueChanges(
  customers: readonly SheetRow[],
  columns: readonly KeptValueColumn[],
  purchases: readonly SheetRow[],
  timeZone: string,
  today: number,
): ValueChange[] {
  const values = customerValues(purchases, timeZone);
  const window = customerWindowValues(purchases, timeZone, today);
  const readDay = dayReader(timeZone);
  const changes: ValueChange[] = [];
  for (const { row, values: line } of customers) {
    const id = cellText(line.id).trim().toUpperCase();
    const wanted = id ? valueCellsOf(values.get(id), window.get(id)) : BLANK;
    let cells: Partial<ValueCells> | null = null;
    for (const key of columns) {
      if (holdsValue(key, line[key], wanted[key], readDay)) continue;
      (cells ??= {})[key] = wanted[key];
    }
    if (cells) changes.push({ row, cells });
  }
  return changes;
}

const cellsIn = (change: ValueChange) => Object.keys(change.cells).length;

/**
 * The part of `changes` one execution writes: whole rows up to `maxCells` cells (at least one row,
 * so every execution makes progress), from `fromRow` on, then from the top once past the last
 * change. A recompute split across executions sweeps the sheet once: each part goes on from where
 * the last stopped (`nextRow`; null once no changed row is left from `fromRow` on), so rows whose
 * cells never take the value written (a date column formatted as text) cannot hold it up. A last
 * part's spare room goes to rows above `fromRow` that differ again (rows that moved, purchases
 * added meanwhile).
 */
export function nextValuePart(
  changes: readonly ValueChange[],
  fromRow: number,
  maxCells: number,
): { now: ValueChange[]; cellsNow: number; nextRow: number | null } {
  const ahead = changes.filter((c) => c.row >= fromRow);
  const ordered = [...ahead, ...changes.filter((c) => c.row < fromRow)];
  let taken = 0;
  let i = 0;
  for (; i < ordered.length; i++) {
    const n = cellsIn(ordered[i]);
    if (i > 0 && taken + n > maxCells) break;
    taken += n;
  }
  const now = ordered.slice(0, i).sort((a, b) => a.row - b.row);
  const nextRow = i < ahead.length ? ordered[i - 1].row + 1 : null;
  return { now, cellsNow: taken, nextRow };
}

/** A block of the sheet to write: values by row, null where a cell keeps what it holds. */
export interface ValueBlock {
  row: number;
  /** 1-based sheet column of the block's first cell */
  column: number;
  /** numbers, '' to blank a cell, 'yyyy-mm-dd' for a date, null to leave the cell as it is */
  values: Array<Array<number | string | null>>;
}

/**
 * The blocks that write `changes`: per run of adjacent value columns (`start` 0-based sheet column,
 * `keys` in sheet order), one block per run of consecutive rows that change a cell in it. Cells of
 * those rows that keep their value are null, which the Sheets API skips ("Null values will be
 * skipped"), so only changed cells are written. Dates are ISO days, for USER_ENTERED input.
 */
export function valueBlocks(
  changes: readonly ValueChange[],
  runs: ReadonlyArray<{ start: number; keys: readonly KeptValueColumn[] }>,
): ValueBlock[] {
  const blocks: ValueBlock[] = [];
  for (const run of runs) {
    let block: ValueBlock | null = null;
    for (const change of changes) {
      if (!run.keys.some((k) => k in change.cells)) continue;
      const line = run.keys.map((k) => {
        const v = change.cells[k];
        if (v === undefined) return null;
        return k === 'lastPurchase' && v !== '' ? dayNumberToIso(v) : v;
      });
      if (block && block.row + block.values.length === change.row) block.values.push(line);
      else blocks.push((block = { row: change.row, column: run.start + 1, values: [line] }));
    }
  }
  return blocks;
}
