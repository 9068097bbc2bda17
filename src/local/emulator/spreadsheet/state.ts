/**
 * The workbook as plain JSON (SpreadsheetState) and back. Dates are {"$date": ms}, formulas
 * {"$formula": "=..."}, ranges held in rules {"$range": ref}, enum values {"$enum": [enum, name]};
 * open-ended rectangle sizes are null. Empty cells are null and trailing empties are dropped.
 */
import { EnumValue, enumValue } from './enums';
import { Layers } from './layers';
import {
  type CfRule,
  type ChartModel,
  type MetadataModel,
  type ProtectionModel,
  type RangeRef,
  RangeValue,
  SheetModel,
  type ValidationRule,
  WorkbookModel,
} from './model';
import type { Rect } from './rect';
import { type Cell, Formula } from './values';

export const STATE_VERSION = 1;

export type RectState = [number, number, number | null, number | null];
export interface RefState {
  sheetId: number;
  rect: RectState;
}
export type CellState = null | number | boolean | string | { $date: number } | { $formula: string };
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface SheetState {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  tabColor: string | null;
  hidden: boolean;
  columnWidths: [number, number][];
  rowHeights: [number, number][];
  hiddenColumns: number[];
  hiddenRows: number[];
  values: (CellState[] | null)[];
  formats: Record<string, { rect: RectState; value: Json }[]>;
  /** rule null marks a cleared rectangle (it hides rules below it) */
  validations: {
    rect: RectState;
    rule: { criteria: string; values: Json[]; allowInvalid: boolean; helpText: string | null } | null;
  }[];
  conditionalFormats: {
    ranges: RefState[];
    criteria: string | null;
    values: Json[];
    format: Record<string, Json>;
  }[];
  charts: {
    id: string;
    chartType: string;
    ranges: RefState[];
    options: Json;
    position: ChartModel['position'];
    numHeaders: number;
  }[];
}

export interface SpreadsheetState {
  version: typeof STATE_VERSION;
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  editors: string[];
  viewers: string[];
  nextId: number;
  activeSheetId: number | null;
  activeRange: RefState | null;
  sheets: SheetState[];
  namedRanges: { name: string; ref: RefState }[];
  protections: (Omit<ProtectionModel, 'ref' | 'unprotected'> & {
    ref: RefState | null;
    unprotected: RefState[];
  })[];
  metadata: (Omit<MetadataModel, 'location'> & {
    location: { type: string; sheetId?: number; ref?: RefState };
  })[];
  toasts: WorkbookModel['toasts'];
}

const encRect = (r: Rect): RectState => [
  r.row,
  r.col,
  Number.isFinite(r.rows) ? r.rows : null,
  Number.isFinite(r.cols) ? r.cols : null,
];
const decRect = (r: RectState): Rect => ({
  row: r[0],
  col: r[1],
  rows: r[2] ?? Infinity,
  cols: r[3] ?? Infinity,
});
const encRef = (r: RangeRef): RefState => ({ sheetId: r.sheetId, rect: encRect(r.rect) });
const decRef = (r: RefState): RangeRef => ({ sheetId: r.sheetId, rect: decRect(r.rect) });

function encAny(v: unknown): Json {
  if (v === undefined) return null;
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]')
    return { $date: (v as Date).getTime() };
  if (v instanceof RangeValue) return { $range: encRef(v.ref) as unknown as Json };
  if (v instanceof EnumValue) return { $enum: [v._enum, v.name()] };
  if (v instanceof Formula) return { $formula: v.text };
  if (Array.isArray(v)) return v.map(encAny);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encAny(x)]));
  return v as Json;
}

function decAny(v: Json): unknown {
  if (Array.isArray(v)) return v.map(decAny);
  if (v && typeof v === 'object') {
    if ('$date' in v) return new Date(v.$date as number);
    if ('$range' in v) return new RangeValue(decRef(v.$range as unknown as RefState));
    if ('$enum' in v) return enumValue((v.$enum as string[])[0], (v.$enum as string[])[1]);
    if ('$formula' in v) return new Formula(v.$formula as string);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decAny(x)]));
  }
  return v;
}

function encCell(c: Cell): CellState {
  if (c === undefined) return null;
  if (c instanceof Date) return { $date: c.getTime() };
  if (c instanceof Formula) return { $formula: c.text };
  return c;
}

function decCell(c: CellState): Cell {
  if (c === null) return undefined;
  if (typeof c === 'object') return '$date' in c ? new Date(c.$date) : new Formula(c.$formula);
  return c;
}

function encRule(r: ValidationRule | undefined) {
  if (!r) return null;
  return {
    criteria: r.criteria,
    values: r.values.map(encAny),
    allowInvalid: r.allowInvalid,
    helpText: r.helpText,
  };
}

export function encodeSheet(s: SheetModel): SheetState {
  const values: (CellState[] | null)[] = [];
  const last = s.lastRow();
  for (let r = 0; r < last; r++) {
    const line = s.rows[r];
    if (!line) {
      values.push(null);
      continue;
    }
    let end = line.length;
    while (end > 0 && line[end - 1] === undefined) end--;
    const out: CellState[] = new Array(end);
    for (let c = 0; c < end; c++) out[c] = encCell(line[c]);
    values.push(out);
  }
  const formats: SheetState['formats'] = {};
  for (const [prop, layer] of s.formats)
    if (layer.entries.length)
      formats[prop] = layer.entries.map((e) => ({ rect: encRect(e.rect), value: encAny(e.value) }));
  return {
    id: s.id,
    name: s.name,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    frozenRows: s.frozenRows,
    frozenColumns: s.frozenColumns,
    tabColor: s.tabColor,
    hidden: s.hidden,
    columnWidths: [...s.columnWidths],
    rowHeights: [...s.rowHeights],
    hiddenColumns: [...s.hiddenColumns],
    hiddenRows: [...s.hiddenRows],
    values,
    formats,
    validations: s.validations.entries.map((e) => ({ rect: encRect(e.rect), rule: encRule(e.value) })),
    conditionalFormats: s.cfRules.map((r) => ({
      ranges: r.ranges.map(encRef),
      criteria: r.criteria,
      values: r.values.map(encAny),
      format: encAny(r.format) as Record<string, Json>,
    })),
    charts: s.charts.map((c) => ({
      ...c,
      ranges: c.ranges.map(encRef),
      options: encAny(c.options),
      position: { ...c.position },
    })),
  };
}

function decodeSheet(st: SheetState): SheetModel {
  const s = new SheetModel(st.id, st.name, st.maxRows, st.maxColumns);
  s.frozenRows = st.frozenRows;
  s.frozenColumns = st.frozenColumns;
  s.tabColor = st.tabColor;
  s.hidden = st.hidden;
  s.columnWidths = new Map(st.columnWidths);
  s.rowHeights = new Map(st.rowHeights ?? []);
  s.hiddenColumns = new Set(st.hiddenColumns);
  s.hiddenRows = new Set(st.hiddenRows ?? []);
  s.rows = st.values.map((line) => (line ? line.map(decCell) : undefined));
  for (const [prop, entries] of Object.entries(st.formats)) {
    const layer = new Layers<unknown>();
    layer.entries = entries.map((e) => ({ rect: decRect(e.rect), value: decAny(e.value) }));
    s.formats.set(prop, layer);
  }
  s.validations.entries = st.validations.map((e) => ({
    rect: decRect(e.rect),
    value: (e.rule ? { ...e.rule, values: e.rule.values.map(decAny) } : undefined) as ValidationRule,
  }));
  s.cfRules = st.conditionalFormats.map((r): CfRule => ({
    ranges: r.ranges.map(decRef),
    criteria: r.criteria,
    values: r.values.map(decAny),
    format: decAny(r.format) as CfRule['format'],
  }));
  s.charts = st.charts.map((c) => ({
    ...c,
    ranges: c.ranges.map(decRef),
    options: decAny(c.options) as Record<string, unknown>,
    position: { ...c.position },
  }));
  return s;
}

export function encodeWorkbook(wb: WorkbookModel): SpreadsheetState {
  return {
    version: STATE_VERSION,
    ...wb.init,
    editors: [...wb.editors],
    viewers: [...wb.viewers],
    nextId: wb.nextId,
    activeSheetId: wb.activeSheetId,
    activeRange: wb.activeRange && encRef(wb.activeRange),
    sheets: wb.sheets.map(encodeSheet),
    namedRanges: wb.namedRanges.map((n) => ({ name: n.name, ref: encRef(n.ref) })),
    protections: wb.protections.map((p) => ({
      ...p,
      editors: p.editors && [...p.editors],
      ref: p.ref && encRef(p.ref),
      unprotected: p.unprotected.map(encRef),
    })),
    metadata: wb.metadata.map((m) => ({
      ...m,
      location:
        m.location.type === 'ROW' || m.location.type === 'COLUMN'
          ? { type: m.location.type, ref: encRef(m.location.ref) }
          : m.location.type === 'SHEET'
            ? { type: 'SHEET', sheetId: m.location.sheetId }
            : { type: 'SPREADSHEET' },
    })),
    toasts: wb.toasts.map((t) => ({ ...t })),
  };
}

export function decodeWorkbook(st: SpreadsheetState): WorkbookModel {
  if (st.version !== STATE_VERSION) throw new Error(`Unsupported spreadsheet state version: ${st.version}`);
  const wb = new WorkbookModel({ id: st.id, name: st.name, locale: st.locale, timeZone: st.timeZone });
  wb.editors = [...st.editors];
  wb.viewers = [...(st.viewers ?? [])];
  wb.nextId = st.nextId;
  wb.activeSheetId = st.activeSheetId;
  wb.activeRange = st.activeRange && decRef(st.activeRange);
  wb.sheets = st.sheets.map(decodeSheet);
  // Named ranges and the protections that name them share one reference, so both follow shifts.
  wb.namedRanges = st.namedRanges.map((n) => ({ name: n.name, ref: decRef(n.ref) }));
  wb.protections = st.protections.map((p) => {
    const named = p.rangeName ? wb.namedRanges.find((n) => n.name === p.rangeName) : undefined;
    return {
      ...p,
      editors: p.editors && [...p.editors],
      ref: named ? named.ref : p.ref && decRef(p.ref),
      unprotected: p.unprotected.map(decRef),
    };
  });
  wb.metadata = st.metadata.map((m) => ({
    ...m,
    location:
      m.location.type === 'ROW' || m.location.type === 'COLUMN'
        ? { type: m.location.type, ref: decRef(m.location.ref!) }
        : m.location.type === 'SHEET'
          ? { type: 'SHEET', sheetId: m.location.sheetId! }
          : { type: 'SPREADSHEET' },
  })) as MetadataModel[];
  wb.toasts = st.toasts.map((t) => ({ ...t }));
  return wb;
}
