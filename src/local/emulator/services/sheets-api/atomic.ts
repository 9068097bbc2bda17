/**
 * "If any request is not valid then the entire request will fail and nothing will be applied"
 * (Sheets API, spreadsheets.batchUpdate). Requests apply in order, each seeing the earlier ones'
 * effects, so the batch runs on the live model after a snapshot of everything a request may change
 * (every part but cell values and range positions, which only a structural request such as
 * deleteDimension changes: those are saved too when the batch holds one), restored on failure.
 * A request that writes cell values (updateCells) saves the rows it is about to change through
 * `saveRows`, so a failing batch does not copy every grid to undo a few rows. Sheets added by the
 * batch leave with the sheet list; deleted ones come back with it.
 * Model objects keep their identity, so Protection or DeveloperMetadata objects a script holds stay valid.
 */
import type { Layers, LayerEntry } from '../../spreadsheet/layers';
import type { Cell } from '../../spreadsheet/values';
import { RangeValue } from '../../spreadsheet/model';
import type {
  RangeRef,
  CfRule,
  MetadataModel,
  ProtectionModel,
  SheetModel,
  WorkbookModel,
} from '../../spreadsheet/model';

interface SheetSaved {
  sheet: SheetModel;
  fields: Pick<
    SheetModel,
    'name' | 'frozenRows' | 'frozenColumns' | 'tabColor' | 'hidden' | 'maxRows' | 'maxColumns'
  >;
  formats: Map<string, { layer: Layers<unknown>; entries: LayerEntry<unknown>[] }>;
  validations: LayerEntry<unknown>[];
  cfRules: CfRule[];
  cfCopies: CfRule[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
}

export interface Snapshot {
  restore(): void;
  /** Saves rows `from`..`to` (1-based) of a sheet before a request writes their cells. */
  saveRows(sheet: SheetModel, from: number, to: number): void;
}

interface RowsSaved {
  length: number;
  lines: Map<number, Cell[] | undefined>;
}

export function snapshot(wb: WorkbookModel, structural = false): Snapshot {
  const grids = structural
    ? wb.sheets.map((s) => ({ s, rows: s.rows.map((line) => line && [...line]) }))
    : [];
  const rects = structural ? rangeRects(wb) : [];
  const charts = structural
    ? wb.sheets.flatMap((s) => s.charts.map((c) => ({ c, ranges: [...c.ranges] })))
    : [];
  const activeRange = wb.activeRange;
  const activeSheetId = wb.activeSheetId;
  const journal = new Map<SheetModel, RowsSaved>();
  const nextId = wb.nextId;
  const sheets = [...wb.sheets];
  const protections = wb.protections.map((p) => ({ p, copy: structuredClone(p) as ProtectionModel }));
  const protectionList = [...wb.protections];
  const metadata = wb.metadata.map((m) => ({ m, copy: structuredClone(m) as MetadataModel }));
  const metadataList = [...wb.metadata];
  const namedRanges = [...wb.namedRanges];
  const saved: SheetSaved[] = wb.sheets.map((s) => ({
    sheet: s,
    fields: {
      name: s.name,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      tabColor: s.tabColor,
      hidden: s.hidden,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
    },
    formats: new Map([...s.formats].map(([k, layer]) => [k, { layer, entries: [...layer.entries] }])),
    validations: [...s.validations.entries] as LayerEntry<unknown>[],
    cfRules: [...s.cfRules],
    cfCopies: s.cfRules.map((r) => ({ ...r, ranges: r.ranges.map((x) => ({ ...x, rect: { ...x.rect } })) })),
    columnWidths: new Map(s.columnWidths),
    rowHeights: new Map(s.rowHeights),
    hiddenColumns: new Set(s.hiddenColumns),
    hiddenRows: new Set(s.hiddenRows),
  }));
  return {
    saveRows(sheet, from, to) {
      let saved = journal.get(sheet);
      if (!saved) journal.set(sheet, (saved = { length: sheet.rows.length, lines: new Map() }));
      for (let r = from - 1; r < to; r++)
        if (!saved.lines.has(r)) {
          const line = sheet.rows[r];
          saved.lines.set(r, line && [...line]);
        }
    },
    restore() {
      // Journalled rows first: a structural batch's whole-grid copies below then win.
      for (const [sheet, { length, lines }] of journal) {
        for (const [r, line] of lines) if (r < sheet.rows.length) sheet.rows[r] = line;
        if (sheet.rows.length > length) sheet.rows.length = length;
      }
      for (const { s, rows } of grids) s.rows = rows;
      for (const { ref, rect } of rects) ref.rect = rect;
      for (const { c, ranges } of charts) c.ranges = ranges;
      wb.activeRange = activeRange;
      wb.activeSheetId = activeSheetId;
      wb.nextId = nextId;
      wb.sheets = sheets;
      for (const { p, copy } of protections) Object.assign(p, copy);
      wb.protections = protectionList;
      for (const { m, copy } of metadata) Object.assign(m, copy);
      wb.metadata = metadataList;
      wb.namedRanges = namedRanges;
      for (const x of saved) {
        Object.assign(x.sheet, x.fields);
        for (const k of [...x.sheet.formats.keys()]) if (!x.formats.has(k)) x.sheet.formats.delete(k);
        for (const [k, { layer, entries }] of x.formats) {
          layer.entries = entries;
          x.sheet.formats.set(k, layer);
        }
        x.sheet.validations.entries = x.validations as typeof x.sheet.validations.entries;
        x.sheet.cfRules = x.cfRules.map((r, i) => Object.assign(r, x.cfCopies[i]));
        x.sheet.columnWidths = x.columnWidths;
        x.sheet.rowHeights = x.rowHeights;
        x.sheet.hiddenColumns = x.hiddenColumns;
        x.sheet.hiddenRows = x.hiddenRows;
      }
    },
  };
}

/** Positions of the ranges held outside protections, metadata and rules (those are copied whole). */
function rangeRects(wb: WorkbookModel): Array<{ ref: RangeRef; rect: RangeRef['rect'] }> {
  const refs: RangeRef[] = wb.namedRanges.map((n) => n.ref);
  for (const s of wb.sheets) {
    for (const c of s.charts) refs.push(...c.ranges);
    for (const e of s.validations.entries)
      for (const v of e.value?.values ?? []) if (v instanceof RangeValue) refs.push(v.ref);
  }
  if (wb.activeRange) refs.push(wb.activeRange);
  return refs.map((ref) => ({ ref, rect: { ...ref.rect } }));
}
