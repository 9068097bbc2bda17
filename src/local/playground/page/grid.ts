/**
 * The sheet as a grid: column letters and frozen rows stay on top, body rows are virtualised
 * (only the rows in view are in the DOM, fetched from the server in blocks), so a 100,000-row
 * sheet scrolls like a 100-row one. Double-click or Enter edits a cell; the server applies the
 * edit as the acting user and the page shows Sheets' refusal when there is one.
 */
import { clear, h } from '../../../ui/shared/dom';
import { get, type SheetWindow } from './api';
import { chartElement } from './charts';

type WindowRow = SheetWindow['rows'][number];
type WindowCell = WindowRow['cells'][number];

export const ROW_HEIGHT = 24;
const BLOCK = 100;
const OVERSCAN = 8;
const ROW_HEADER_WIDTH = 52;

export interface GridHost {
  /** the acting user */
  user(): string;
  /** applies an edit; resolves when the page has shown the outcome */
  edit(sheet: string, row: number, column: number, value: string): Promise<void>;
  /** the selected cell or block changed */
  selectionChanged?(): void;
}

/** 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export class Grid {
  private sheet = '';
  private generation = 0;
  private blocks = new Map<number, WindowRow[]>();
  /** blocks on their way, each resolving once drawn */
  private loading = new Map<number, Promise<void>>();
  private shape: Omit<SheetWindow, 'rows'> | null = null;
  private selected: { row: number; column: number } | null = null;
  /** the other corner of a shift-click range; the selection is the block between the two */
  private anchor: { row: number; column: number } | null = null;
  private editing = false;
  private frame = 0;
  /** body rows [first, last) in the DOM, overscan included */
  private drawn = { first: 0, last: 0 };

  constructor(
    private readonly root: HTMLElement,
    private readonly host: GridHost,
  ) {
    root.addEventListener('scroll', () => this.schedule());
    root.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(root);
  }

  get sheetName(): string {
    return this.sheet;
  }

  /**
   * The selected block in A1 notation (the active range an add-on call sees, as in Sheets), or
   * null when nothing is selected.
   */
  selection(): { sheet: string; range: string } | null {
    if (!this.selected || !this.sheet) return null;
    const a = this.anchor ?? this.selected;
    const b = this.selected;
    const cell = (row: number, column: number) => `${columnLetter(column)}${row}`;
    const top = cell(Math.min(a.row, b.row), Math.min(a.column, b.column));
    const bottom = cell(Math.max(a.row, b.row), Math.max(a.column, b.column));
    return { sheet: this.sheet, range: top === bottom ? top : `${top}:${bottom}` };
  }

  private inSelection(row: number, column: number): boolean {
    if (!this.selected) return false;
    const a = this.anchor ?? this.selected;
    const b = this.selected;
    return (
      row >= Math.min(a.row, b.row) &&
      row <= Math.max(a.row, b.row) &&
      column >= Math.min(a.column, b.column) &&
      column <= Math.max(a.column, b.column)
    );
  }

  /** Shows `name` from its top; resolves once its first rows are drawn. */
  show(name: string): Promise<void> {
    this.sheet = name;
    this.selected = null;
    this.anchor = null;
    this.host.selectionChanged?.();
    this.root.scrollTop = 0;
    return this.invalidate();
  }

  /**
   * Drops every fetched row (after an action that may have changed the workbook) and redraws;
   * resolves once the rows in view are drawn, so the page counts as busy until then.
   */
  invalidate(): Promise<void> {
    this.generation++;
    this.blocks.clear();
    this.loading.clear();
    return this.fetchBlock(this.firstVisibleBlock());
  }

  private firstVisibleBlock(): number {
    return Math.floor(this.root.scrollTop / ROW_HEIGHT / BLOCK);
  }

  /**
   * Redraws after a scroll or resize only when the view leaves the rows drawn: the overscan rows
   * are there for that, and a redraw would replace the cell under a double-click in progress.
   */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const top = Math.floor(this.root.scrollTop / ROW_HEIGHT);
      const bottom = Math.min(
        this.bodyRows(),
        Math.ceil((this.root.scrollTop + this.root.clientHeight) / ROW_HEIGHT),
      );
      if (top < this.drawn.first || bottom > this.drawn.last) void this.render();
    });
  }

  private bodyRows(): number {
    return this.shape ? Math.max(this.shape.lastRow - this.shape.frozenRows, 0) : 0;
  }

  private fetchBlock(block: number): Promise<void> {
    const pending = this.loading.get(block);
    if (pending) return pending;
    if (this.blocks.has(block) || !this.sheet) return Promise.resolve();
    const generation = this.generation;
    const sheet = this.sheet;
    const frozen = this.shape?.frozenRows ?? 0;
    const fetched = get<SheetWindow>('/api/sheet', {
      name: sheet,
      from: frozen + 1 + block * BLOCK,
      count: BLOCK,
      as: this.host.user(),
    })
      .then((w) => {
        if (generation !== this.generation || sheet !== this.sheet) return;
        this.loading.delete(block);
        const { rows, ...shape } = w;
        const shifted = this.shape && this.shape.frozenRows !== shape.frozenRows;
        this.shape = shape;
        if (shifted) return this.invalidate();
        this.blocks.set(block, rows);
        return this.render();
      })
      .catch((e: Error) => {
        this.loading.delete(block);
        clear(this.root);
        this.root.appendChild(h('p', { class: 'grid-error' }, e.message));
      });
    this.loading.set(block, fetched);
    return fetched;
  }

  private rowAt(index: number): WindowRow | undefined {
    return this.blocks.get(Math.floor(index / BLOCK))?.[index % BLOCK];
  }

  /** Draws the rows in view; resolves once the blocks they need are fetched and drawn too. */
  private render(): Promise<void> {
    if (!this.shape || this.editing) return Promise.resolve();
    const total = this.bodyRows();
    const first = Math.max(0, Math.floor(this.root.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil(this.root.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(total, first + visible);
    const fetches: Array<Promise<void>> = [];
    for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(last - 1, 0) / BLOCK); b++)
      fetches.push(this.fetchBlock(b));

    const s = this.shape;
    const cols = h(
      'colgroup',
      {},
      h('col', { style: `width:${ROW_HEADER_WIDTH}px` }),
      ...s.columnWidths.map((w) => h('col', { style: `width:${w}px` })),
    );
    const letters = h(
      'tr',
      { class: 'letters' },
      h('th', { class: 'corner' }),
      ...s.columns.map((c) => h('th', { scope: 'col' }, c)),
    );
    const thead = h('thead', {}, letters, ...s.frozen.map((r) => this.rowElement(r, true)));
    const body = h('tbody', {});
    body.appendChild(h('tr', { class: 'spacer', style: `height:${first * ROW_HEIGHT}px` }));
    for (let i = first; i < last; i++) {
      const r = this.rowAt(i);
      body.appendChild(r ? this.rowElement(r, false) : this.placeholder(s.frozenRows + 1 + i));
    }
    body.appendChild(h('tr', { class: 'spacer', style: `height:${(total - last) * ROW_HEIGHT}px` }));
    const table = h(
      'table',
      {
        class: 'grid',
        'data-sheet': s.name,
        'data-last-row': s.lastRow,
        style: `width:${ROW_HEADER_WIDTH + s.columnWidths.reduce((a, b) => a + b, 0)}px`,
      },
      cols,
      thead,
      body,
    );
    const scroll = this.root.scrollTop;
    clear(this.root);
    this.root.appendChild(table);
    this.drawCharts(table);
    this.root.scrollTop = scroll;
    this.drawn = { first, last };
    return Promise.all(fetches).then(() => undefined);
  }

  /**
   * The embedded charts over the grid at their anchor cells, as Sheets floats them: rows are
   * ROW_HEIGHT apart below the letters row, columns as wide as the sheet says (100 px past the
   * last used column, Sheets' default width).
   */
  private drawCharts(table: HTMLElement): void {
    const s = this.shape;
    if (!s?.charts.length) return;
    const letters = table.querySelector<HTMLElement>('tr.letters')?.offsetHeight || ROW_HEIGHT;
    const layer = h('div', { class: 'chart-layer' });
    for (const c of s.charts) {
      let left = ROW_HEADER_WIDTH;
      for (let col = 1; col < c.anchorColumn; col++) left += s.columnWidths[col - 1] ?? 100;
      const top = letters + (c.anchorRow - 1) * ROW_HEIGHT;
      layer.appendChild(chartElement(c, left + c.offsetX, top + c.offsetY));
    }
    this.root.appendChild(layer);
  }

  private placeholder(row: number): HTMLElement {
    return h(
      'tr',
      { class: 'loading', 'data-row': row },
      h('th', { scope: 'row' }, row),
      h('td', { colspan: this.shape!.columns.length }, '…'),
    );
  }

  private rowElement(r: WindowRow, frozen: boolean): HTMLElement {
    return h(
      'tr',
      { 'data-row': r.row, class: frozen ? 'frozen' : '' },
      h('th', { scope: 'row' }, r.row),
      ...r.cells.map((c, i) => this.cellElement(c, r.row, i + 1)),
    );
  }

  private cellElement(c: WindowCell, row: number, column: number): HTMLElement {
    const style: string[] = [];
    if (c.s?.bold) style.push('font-weight:bold');
    if (c.s?.italic) style.push('font-style:italic');
    if (c.s?.background) style.push(`background:${c.s.background}`);
    if (c.s?.color) style.push(`color:${c.s.color}`);
    if (c.s?.align) style.push(`text-align:${c.s.align}`);
    const isSelected = this.inSelection(row, column);
    const td = h(
      'td',
      {
        'data-row': row,
        'data-col': column,
        class: [c.e === false ? 'locked' : '', isSelected ? 'selected' : ''].join(' ').trim(),
        title: c.v.length > 20 ? c.v : undefined,
        style: style.join(';') || undefined,
      },
      c.v,
    );
    td.addEventListener('click', (e) => this.select(row, column, (e as MouseEvent).shiftKey));
    td.addEventListener('dblclick', () => this.startEdit(td, row, column, c.v));
    return td;
  }

  /** A click selects a cell; a shift-click extends the selection to a block, as in Sheets. */
  private select(row: number, column: number, extend = false): void {
    this.anchor = extend ? (this.anchor ?? this.selected) : null;
    this.selected = { row, column };
    this.root.querySelectorAll<HTMLElement>('td[data-row]').forEach((el) => {
      el.classList.toggle('selected', this.inSelection(Number(el.dataset.row), Number(el.dataset.col)));
    });
    this.root.focus({ preventScroll: true });
    this.host.selectionChanged?.();
  }

  private cellAt(row: number, column: number): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`td[data-row="${row}"][data-col="${column}"]`);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.editing || !this.selected || !this.shape) return;
    const { row, column } = this.selected;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    if (e.key === 'Enter' || e.key === 'F2') {
      const td = this.cellAt(row, column);
      if (td) this.startEdit(td, row, column, td.textContent ?? '');
      e.preventDefault();
    } else if (moves[e.key]) {
      const [dr, dc] = moves[e.key];
      const next = {
        row: Math.min(Math.max(row + dr, 1), Math.max(this.shape.lastRow, 1)),
        column: Math.min(Math.max(column + dc, 1), this.shape.columns.length),
      };
      this.selected = next;
      this.anchor = null;
      this.host.selectionChanged?.();
      const top = (next.row - this.shape.frozenRows - 1) * ROW_HEIGHT;
      if (top < this.root.scrollTop) this.root.scrollTop = top;
      else if (top + 3 * ROW_HEIGHT > this.root.scrollTop + this.root.clientHeight)
        this.root.scrollTop = top + 3 * ROW_HEIGHT - this.root.clientHeight;
      this.render();
      e.preventDefault();
    }
  }

  private setCached(row: number, column: number, value: string): void {
    const all = [...(this.shape?.frozen ?? []), ...[...this.blocks.values()].flat()];
    const cell = all.find((r) => r.row === row)?.cells[column - 1];
    if (cell) cell.v = value;
  }

  private startEdit(td: HTMLElement, row: number, column: number, value: string): void {
    if (this.editing) return;
    this.editing = true;
    this.selected = { row, column };
    const input = h('input', { class: 'cell-editor', value, 'aria-label': 'Cell value' });
    clear(td);
    td.appendChild(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      this.editing = false;
      if (commit && input.value !== value) {
        // Show what was typed until the server's answer redraws the sheet (Sheets does the same).
        this.setCached(row, column, input.value);
        this.render();
        void this.host.edit(this.sheet, row, column, input.value).finally(() => this.root.focus());
      } else {
        this.render();
        this.root.focus();
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      else if (e.key === 'Escape') finish(false);
      e.stopPropagation();
    });
    input.addEventListener('blur', () => finish(true));
  }
}
