/**
 * Per-cell properties (number formats, colours, validation rules) stored as a layered list of
 * rectangles: later entries win. A format over a whole column is one entry, not one per row, and
 * reading a block paints the entries that intersect it.
 */
import { type DimOp, type Rect, contains, intersect, shiftRect } from './rect';

export interface LayerEntry<T> {
  rect: Rect;
  value: T;
}

export class Layers<T> {
  entries: LayerEntry<T>[] = [];

  /** Sets one value over a rectangle; `undefined` clears it. */
  set(r: Rect, value: T | undefined): void {
    this.entries = this.entries.filter((e) => !contains(r, e.rect));
    if (value === undefined && !this.entries.some((e) => intersect(e.rect, r))) return;
    this.entries.push({ rect: { ...r }, value: value as T });
  }

  /** Sets a grid of values, compressed into one entry per vertical run of equal values. */
  setGrid(r: Rect, grid: (T | undefined)[][], eq: (a: T | undefined, b: T | undefined) => boolean): void {
    const first = grid[0]?.[0];
    if (grid.every((row) => row.every((v) => eq(v, first)))) return this.set(r, first);
    this.set(r, undefined);
    for (let j = 0; j < r.cols; j++) {
      let start = 0;
      for (let i = 1; i <= r.rows; i++) {
        if (i < r.rows && eq(grid[i][j], grid[start][j])) continue;
        const v = grid[start][j];
        if (v !== undefined)
          this.entries.push({
            rect: { row: r.row + start, col: r.col + j, rows: i - start, cols: 1 },
            value: v,
          });
        start = i;
      }
    }
  }

  get(row: number, col: number): T | undefined {
    return this.entryAt(row, col)?.value;
  }

  /** The winning entry at a cell (its rectangle anchors relative formulas). */
  entryAt(row: number, col: number): LayerEntry<T> | undefined {
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const e = this.entries[k];
      const r = e.rect;
      if (row >= r.row && col >= r.col && row < r.row + r.rows && col < r.col + r.cols)
        return e.value === undefined ? undefined : e;
    }
    return undefined;
  }

  /** Whether any entry with a value intersects `r`. */
  touches(r: Rect, pred: (v: T) => boolean = () => true): boolean {
    return this.entries.some((e) => e.value !== undefined && pred(e.value) && intersect(e.rect, r) !== null);
  }

  /** The values over a bounded rectangle as a grid (undefined where nothing is set). */
  paint(r: Rect): (T | undefined)[][] {
    const out: (T | undefined)[][] = [];
    for (let i = 0; i < r.rows; i++) out.push(new Array<T | undefined>(r.cols).fill(undefined));
    for (const e of this.entries) {
      const x = intersect(e.rect, r);
      if (!x) continue;
      for (let i = x.row - r.row, iEnd = i + x.rows; i < iEnd; i++) {
        const line = out[i];
        for (let j = x.col - r.col, jEnd = j + x.cols; j < jEnd; j++) line[j] = e.value;
      }
    }
    return out;
  }

  shift(op: DimOp): void {
    const next: LayerEntry<T>[] = [];
    for (const e of this.entries) {
      const r = shiftRect(e.rect, op);
      if (r) next.push({ rect: r, value: e.value });
    }
    this.entries = next;
  }
}
