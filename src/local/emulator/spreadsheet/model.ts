/**
 * The workbook as plain data: sheets with their value grids and layered properties, and the
 * workbook-wide holders of ranges (protections, named ranges, developer metadata). API classes
 * read and write this model; `applyDimOp` is the single place where inserting, deleting or moving
 * rows/columns shifts everything that holds a range.
 */
import { EmulatorError } from '../context';
import { type DimOp, type Rect, movedIndex, shiftRect } from './rect';
import { Layers } from './layers';
import type { Cell } from './values';

export const MAX_CELLS = 10_000_000;
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;

export interface RangeRef {
  sheetId: number;
  rect: Rect;
}

/** A range used as a criteria value (requireValueInRange): it follows the referenced sheet. */
export class RangeValue {
  constructor(readonly ref: RangeRef) {}
}

export interface ValidationRule {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CfFormat {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  underline?: boolean | null;
  strikethrough?: boolean | null;
}

export interface CfRule {
  ranges: RangeRef[];
  criteria: string | null;
  values: unknown[];
  format: CfFormat;
}

export interface ChartModel {
  id: string;
  chartType: string;
  ranges: RangeRef[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
}

export interface ProtectionModel {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  /** the protected range (RANGE) */
  ref: RangeRef | null;
  rangeName: string | null;
  description: string;
  /** null until a script changes editors: permissions then mirror the spreadsheet's (reference) */
  editors: string[] | null;
  domainEdit: boolean;
  warningOnly: boolean;
  unprotected: RangeRef[];
}

export type MetadataLocation =
  { type: 'SPREADSHEET' } | { type: 'SHEET'; sheetId: number } | { type: 'ROW' | 'COLUMN'; ref: RangeRef };

export interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

export class SheetModel {
  rows: (Cell[] | undefined)[] = [];
  formats = new Map<string, Layers<unknown>>();
  validations = new Layers<ValidationRule>();
  cfRules: CfRule[] = [];
  charts: ChartModel[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  hidden = false;
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  hiddenRows = new Set<number>();
  rowHeights = new Map<number, number>();

  constructor(
    public id: number,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  layer(prop: string): Layers<unknown> {
    let l = this.formats.get(prop);
    if (!l) this.formats.set(prop, (l = new Layers<unknown>()));
    return l;
  }

  numberFormatAt(row: number, col: number): string | undefined {
    return this.formats.get('numberFormat')?.get(row, col) as string | undefined;
  }

  cell(row: number, col: number): Cell {
    return this.rows[row - 1]?.[col - 1];
  }

  setCell(row: number, col: number, c: Cell): void {
    let line = this.rows[row - 1];
    if (!line) {
      if (c === undefined) return;
      while (this.rows.length < row - 1) this.rows.push(undefined);
      line = this.rows[row - 1] = [];
    }
    line[col - 1] = c;
  }

  /** Last row with content (0 when empty). */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const line = this.rows[r];
      if (line && line.some((c) => c !== undefined && c !== '')) return r + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length - 1; c >= last; c--)
        if (line[c] !== undefined && line[c] !== '') {
          last = c + 1;
          break;
        }
    }
    return last;
  }

  /** Moves the grid itself; properties are shifted by applyDimOp. */
  shiftGrid(op: DimOp): void {
    if (op.dim === 'row') {
      if (op.kind === 'insert') {
        if (op.at - 1 < this.rows.length) this.rows.splice(op.at - 1, 0, ...new Array<undefined>(op.count));
      } else if (op.kind === 'delete') this.rows.splice(op.at - 1, op.count);
      else this.rows = permute(this.rows, op.from, op.count, op.to, this.maxRows);
      return;
    }
    for (let r = 0; r < this.rows.length; r++) {
      const line = this.rows[r];
      if (!line) continue;
      if (op.kind === 'insert') {
        if (op.at - 1 < line.length) line.splice(op.at - 1, 0, ...new Array<undefined>(op.count));
      } else if (op.kind === 'delete') line.splice(op.at - 1, op.count);
      else this.rows[r] = permute(line, op.from, op.count, op.to, this.maxColumns);
    }
  }
}

function permute<T>(items: T[], from: number, count: number, to: number, size: number): T[] {
  const out: T[] = [];
  const n = Math.min(Math.max(items.length, from + count - 1, to), size);
  for (let i = 1; i <= n; i++) {
    const v = items[i - 1];
    if (v !== undefined) out[movedIndex(i, from, count, to) - 1] = v;
  }
  return out;
}

export interface WorkbookInit {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  editors: string[] = [];
  viewers: string[] = [];
  namedRanges: { name: string; ref: RangeRef }[] = [];
  protections: ProtectionModel[] = [];
  metadata: MetadataModel[] = [];
  toasts: { message: string; title: string; timeoutSeconds: number | null; at: number }[] = [];
  nextId = 1;
  activeSheetId: number | null = null;
  activeRange: RangeRef | null = null;

  constructor(public init: WorkbookInit) {}

  newId(): number {
    return this.nextId++;
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  /** Refuses growth past the workbook-wide cell limit. */
  checkGrowth(extraCells: number): void {
    if (extraCells > 0 && this.totalCells() + extraCells > MAX_CELLS)
      throw new EmulatorError(CELL_LIMIT_MESSAGE);
  }

  /** Every range reference held anywhere, with a way to drop it when its cells are deleted. */
  private *holders(): Generator<{ ref: RangeRef; drop: () => void }> {
    for (const p of this.protections) {
      if (p.ref)
        yield { ref: p.ref, drop: () => (this.protections = this.protections.filter((x) => x !== p)) };
      for (const u of p.unprotected)
        yield { ref: u, drop: () => (p.unprotected = p.unprotected.filter((x) => x !== u)) };
    }
    for (const n of this.namedRanges)
      yield { ref: n.ref, drop: () => (this.namedRanges = this.namedRanges.filter((x) => x !== n)) };
    for (const m of this.metadata)
      if (m.location.type === 'ROW' || m.location.type === 'COLUMN')
        yield { ref: m.location.ref, drop: () => (this.metadata = this.metadata.filter((x) => x !== m)) };
    for (const s of this.sheets) {
      for (const rule of s.cfRules)
        for (const r of rule.ranges)
          yield { ref: r, drop: () => (rule.ranges = rule.ranges.filter((x) => x !== r)) };
      for (const chart of s.charts)
        for (const r of chart.ranges)
          yield { ref: r, drop: () => (chart.ranges = chart.ranges.filter((x) => x !== r)) };
      const seen = new Set<ValidationRule>();
      for (const e of s.validations.entries) {
        if (!e.value || seen.has(e.value)) continue; // undefined marks a cleared rectangle
        seen.add(e.value);
        for (const v of e.value.values)
          if (v instanceof RangeValue) yield { ref: v.ref, drop: () => undefined };
      }
    }
    if (this.activeRange) yield { ref: this.activeRange, drop: () => (this.activeRange = null) };
  }

  /** Inserts, deletes or moves rows/columns of one sheet and shifts everything that holds a range. */
  applyDimOp(sheet: SheetModel, op: DimOp): void {
    sheet.shiftGrid(op);
    for (const layer of sheet.formats.values()) layer.shift(op);
    sheet.validations.shift(op);
    const drops: (() => void)[] = [];
    const shifted = new Map<RangeRef, boolean>(); // a ref may be shared (a named range and its protection)
    for (const h of [...this.holders()]) {
      if (h.ref.sheetId !== sheet.id) continue;
      if (!shifted.has(h.ref)) {
        const r = shiftRect(h.ref.rect, op);
        if (r) h.ref.rect = r;
        shifted.set(h.ref, r !== null);
      }
      if (!shifted.get(h.ref)) drops.push(h.drop);
    }
    drops.forEach((d) => d());
    for (const s of this.sheets) s.cfRules = s.cfRules.filter((rule) => rule.ranges.length > 0);
    shiftIndexed(sheet, op);
    if (op.kind === 'insert') {
      if (op.dim === 'row') sheet.maxRows += op.count;
      else sheet.maxColumns += op.count;
    } else if (op.kind === 'delete') {
      if (op.dim === 'row') sheet.maxRows -= op.count;
      else sheet.maxColumns -= op.count;
    }
  }
}

/** Per-index sheet properties (widths, hidden columns/rows) follow their rows/columns too. */
function shiftIndexed(sheet: SheetModel, op: DimOp): void {
  const map = (i: number): number | null => {
    const s = shiftRect(
      op.dim === 'row' ? { row: i, col: 1, rows: 1, cols: 1 } : { row: 1, col: i, rows: 1, cols: 1 },
      op,
    );
    return s ? (op.dim === 'row' ? s.row : s.col) : null;
  };
  const remapMap = (m: Map<number, number>) => {
    const next = new Map<number, number>();
    for (const [i, v] of m) {
      const j = map(i);
      if (j !== null) next.set(j, v);
    }
    return next;
  };
  const remapSet = (set: Set<number>) => new Set([...set].map(map).filter((j): j is number => j !== null));
  if (op.dim === 'col') {
    sheet.columnWidths = remapMap(sheet.columnWidths);
    sheet.hiddenColumns = remapSet(sheet.hiddenColumns);
  } else {
    sheet.rowHeights = remapMap(sheet.rowHeights);
    sheet.hiddenRows = remapSet(sheet.hiddenRows);
  }
}
