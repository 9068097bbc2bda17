/**
 * The data-quality audit: reads, never changes. The shell reads each sheet once (every row from 2
 * to the last row, blank ones included, as SheetRow), calls `checkDataQuality`, writes `findings` to
 * the report sheet and prints the report with --json.
 *
 * Kinds: invalid (a cell that breaks its column's rule, validation.ts), required (blank required
 * cell), orphan (a customer id in interactions / purchases / feedback that no customer has),
 * duplicateId (a customer id used by more than one row), duplicate (a group of likely duplicate
 * customers, dedupe.ts), blankRow (a blank row with data below it), missingColumn (a column the
 * add-on needs is not in the sheet: its cells are not checked, which would only repeat it).
 */
import { Locale, MessageKey, t } from '../../i18n';
import { DuplicateGroup, DuplicateReason, findDuplicateGroups } from './dedupe';
import { cellText } from '../shared';
import { parseRoles } from '../roles';
import { SheetKey, SheetRow, SHEETS, SettingsMap } from '../schema';
import { columnLabel, validateRecord, validationContext } from './validation';

export const QUALITY_SHEETS = ['customers', 'interactions', 'purchases', 'feedback', 'roles'] as const;
export type QualitySheet = (typeof QUALITY_SHEETS)[number];

export const QUALITY_KINDS = [
  'invalid',
  'required',
  'orphan',
  'duplicateId',
  'duplicate',
  'blankRow',
  'missingColumn',
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export interface QualityFinding {
  kind: QualityKind;
  sheetKey: SheetKey;
  /** the sheet's own row number; null for a missing column */
  row: number | null;
  columnKey: string | null;
  /** the column's localized label, '' for whole-row findings */
  column: string;
  /** the cell's value as text (shortened), '' when not about one cell */
  value: string;
  /** localized */
  message: string;
}

export interface QualityInput {
  /** the sheets to audit; roles, when given, also decide which owners are active */
  sheets: Partial<Record<QualitySheet, SheetRow[]>>;
  /** column keys present in each sheet (its layout); columns the schema has and these lack are reported */
  layouts?: Partial<Record<QualitySheet, Array<string | null>>>;
  settings: SettingsMap;
  locale: Locale;
  timeZone: string;
  /**
   * What the checks need from sheets not audited in this call (a stage of a resumed audit): every
   * customer id (orphan references) and the roles (active owners). The audited sheets win.
   */
  context?: { customerIds?: string[]; roles?: SheetRow[] };
  /**
   * Sheets given as a row range [from, to] of a larger sheet (a stage of a resumed audit): the
   * missing columns are reported by the part starting at row 2 only, and blank rows of a part that
   * is not the sheet's last are reported whatever follows them in the part (data lies below).
   * Customers are never split: duplicates need every customer at once.
   */
  parts?: Partial<Record<Exclude<QualitySheet, 'customers'>, QualityPart>>;
}

export interface QualityPart {
  from: number;
  to: number;
  /** the part reaches the sheet's last row */
  last: boolean;
}

export interface AuditReport {
  findings: QualityFinding[];
  counts: Record<QualityKind, number>;
  total: number;
  duplicateGroups: DuplicateGroup[];
  /** data rows checked per sheet (blank rows excluded) */
  rowsChecked: Partial<Record<QualitySheet, number>>;
}

const REASON_KEYS = {
  email: 'dedupe.reason.email',
  phone: 'dedupe.reason.phone',
  nameCompany: 'dedupe.reason.nameCompany',
} as const satisfies Record<DuplicateReason, MessageKey>;

export function duplicateReasonLabel(locale: Locale, reason: DuplicateReason): string {
  return t(locale, REASON_KEYS[reason]);
}

function shown(v: unknown): string {
  const s = cellText(v);
  return s.length > 200 ? s.slice(0, 199) + '…' : s;
}

function isBlankRow(sheetKey: SheetKey, r: SheetRow): boolean {
  return SHEETS[sheetKey].columns.every((c) => cellText(r.values[c.key]).trim() === '');
}

export function checkDataQuality(input: QualityInput): AuditReport {
  const { locale } = input;
  const customers = input.sheets.customers ?? [];
  const ctx = validationContext({
    locale,
    timeZone: input.timeZone,
    settings: input.settings,
    roles: input.sheets.roles
      ? parseRoles(input.sheets.roles)
      : input.context?.roles
        ? parseRoles(input.context.roles)
        : undefined,
    customerIds: input.sheets.customers
      ? customers.map((r) => cellText(r.values.id))
      : input.context?.customerIds,
  });
  const findings: QualityFinding[] = [];
  const rowsChecked: Partial<Record<QualitySheet, number>> = {};
  const add = (f: Omit<QualityFinding, 'column' | 'value'> & { value?: unknown }) =>
    findings.push({
      ...f,
      column: f.columnKey ? columnLabel(locale, f.sheetKey, f.columnKey) : '',
      value: shown(f.value),
    });

  for (const sheetKey of QUALITY_SHEETS) {
    const rows = input.sheets[sheetKey];
    if (!rows) continue;
    const layout = input.layouts?.[sheetKey];
    const part = sheetKey === 'customers' ? undefined : input.parts?.[sheetKey];
    const missing = new Set(
      layout ? SHEETS[sheetKey].columns.map((c) => c.key).filter((k) => !layout.includes(k)) : [],
    );
    if (!part || part.from <= 2)
      for (const columnKey of missing) {
        const message = t(locale, 'quality.missingColumn', {
          column: columnLabel(locale, sheetKey, columnKey),
          sheet: t(locale, `sheet.${sheetKey}`),
        });
        add({ kind: 'missingColumn', sheetKey, row: null, columnKey, message });
      }

    const sorted = [...rows].sort((a, b) => a.row - b.row);
    const lastFilled = sorted.reduce((last, r) => (isBlankRow(sheetKey, r) ? last : r.row), 0);
    const blankRows: number[] = [];
    let prev = part ? part.from - 1 : 1;
    let checked = 0;
    for (const r of sorted) {
      for (let gap = prev + 1; gap < r.row; gap++) blankRows.push(gap);
      prev = r.row;
      if (isBlankRow(sheetKey, r)) {
        blankRows.push(r.row);
        continue;
      }
      checked++;
      for (const i of validateRecord(sheetKey, r.values, ctx).issues) {
        if (missing.has(i.columnKey)) continue;
        const kind: QualityKind =
          i.code === 'required' ? 'required' : i.code === 'reference' ? 'orphan' : 'invalid';
        add({
          kind,
          sheetKey,
          row: r.row,
          columnKey: i.columnKey,
          value: r.values[i.columnKey],
          message: i.message,
        });
      }
    }
    // A part followed by more of its sheet: its trailing blank rows lie above data too.
    const dataBelow = !!part && !part.last;
    if (dataBelow) for (let gap = prev + 1; gap <= part.to; gap++) blankRows.push(gap);
    for (const row of blankRows)
      if (row < lastFilled || dataBelow)
        add({
          kind: 'blankRow',
          sheetKey,
          row,
          columnKey: null,
          message: t(locale, 'quality.blankRow', { row }),
        });
    rowsChecked[sheetKey] = checked;
  }

  const firstRowOfId = new Map<string, number>();
  for (const r of customers) {
    const id = cellText(r.values.id).trim().toUpperCase();
    if (!id) continue;
    const first = firstRowOfId.get(id);
    if (first === undefined) firstRowOfId.set(id, r.row);
    else
      add({
        kind: 'duplicateId',
        sheetKey: 'customers',
        row: r.row,
        columnKey: 'id',
        value: id,
        message: t(locale, 'quality.duplicateId', { id, first }),
      });
  }

  const duplicateGroups = findDuplicateGroups(customers.filter((r) => !isBlankRow('customers', r)));
  for (const g of duplicateGroups) {
    const members = [g.keep, ...g.others];
    add({
      kind: 'duplicate',
      sheetKey: 'customers',
      row: g.keep.row,
      columnKey: null,
      message: t(locale, 'quality.duplicateGroup', {
        rows: members.map((m) => m.row).join(', '),
        ids: members.map((m) => m.id).join(', '),
        reasons: g.reasons.map((r) => duplicateReasonLabel(locale, r)).join(', '),
      }),
    });
  }

  const counts = Object.fromEntries(QUALITY_KINDS.map((k) => [k, 0])) as Record<QualityKind, number>;
  for (const f of findings) counts[f.kind]++;
  findings.sort(
    (a, b) =>
      QUALITY_SHEETS.indexOf(a.sheetKey as QualitySheet) -
        QUALITY_SHEETS.indexOf(b.sheetKey as QualitySheet) || (a.row ?? 0) - (b.row ?? 0),
  );
  return { findings, counts, total: findings.length, duplicateGroups, rowsChecked };
}

/** One sheet's rows [from, to] audited in a stage. */
export interface StagePart {
  sheet: QualitySheet;
  from: number;
  to: number;
}

export interface SheetExtent {
  sheet: QualitySheet;
  /** the sheet's last row with content (1: only the header) */
  lastRow: number;
  width: number;
}

/**
 * Packs the sheets, in audit order, into stages of at most `stageCells` cells read: a sheet that
 * does not fit what is left of a stage is split by rows, except customers, read whole in one stage
 * (duplicates compare every customer). Concatenating the stages' findings, each sorted as
 * checkDataQuality sorts them, gives the one-stage order. A workbook that fits is one stage.
 */
export function planQualityStages(extents: SheetExtent[], stageCells: number): StagePart[][] {
  const ordered = QUALITY_SHEETS.map((k) => extents.find((e) => e.sheet === k)).filter(
    (e): e is SheetExtent => !!e,
  );
  const stages: StagePart[][] = [];
  let current: StagePart[] = [];
  let used = 0;
  const close = () => {
    if (current.length) stages.push(current);
    current = [];
    used = 0;
  };
  for (const e of ordered) {
    const width = Math.max(e.width, 1);
    if (e.lastRow < 2 || e.sheet === 'customers') {
      const cells = Math.max(e.lastRow - 1, 0) * width;
      if (used > 0 && used + cells > stageCells) close();
      current.push({ sheet: e.sheet, from: 2, to: Math.max(e.lastRow, 1) });
      used += cells;
      continue;
    }
    let from = 2;
    while (from <= e.lastRow) {
      let rows = Math.floor((stageCells - used) / width);
      if (rows < 1) {
        if (used > 0) {
          close();
          continue;
        }
        rows = 1;
      }
      const to = Math.min(e.lastRow, from + rows - 1);
      current.push({ sheet: e.sheet, from, to });
      used += (to - from + 1) * width;
      from = to + 1;
    }
  }
  close();
  return stages;
}
