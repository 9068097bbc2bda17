/**
 * Sheets.Spreadsheets.get and Sheets.Spreadsheets.batchUpdate over the model SpreadsheetApp uses.
 *
 * Reference statements followed (Sheets API, spreadsheets.get / batchUpdate):
 * - get: "By default, data within grids is not returned. You can include grid data in one of 2
 *   ways: specify a field mask listing your desired fields using the fields URL parameter in HTTP,
 *   or set the includeGridData URL parameter to true. If a field mask is set, the includeGridData
 *   parameter is ignored." and "ranges: The ranges to retrieve from the spreadsheet."
 * - batchUpdate: "Each request is validated before being applied. If any request is not valid then
 *   the entire request will fail and nothing will be applied." and "The replies will mirror the
 *   requests" (an empty reply for a request without one).
 * - Batch guide: "Each batch request, including all subrequests, is counted as one API request".
 */
import { formatCell, dateToSerial } from '../../spreadsheet/display';
import type { Env } from '../../spreadsheet/env';
import type { SheetModel } from '../../spreadsheet/model';
import { type Rect, bounded } from '../../spreadsheet/rect';
import { spreadsheetEditors } from '../../spreadsheet/rights';
import { Formula, type Cell } from '../../spreadsheet/values';
import { type Snapshot, snapshot } from './atomic';
import { updateCells } from './cells';
import {
  addConditionalFormatRule,
  conditionalFormatView,
  deleteConditionalFormatRule,
} from './conditional-formats';
import { setDataValidation, validationView } from './data-validation';
import { appendDimension, deleteDimension } from './dimensions';
import { createDeveloperMetadata, deleteDeveloperMetadata, metadataView } from './developer-metadata';
import { addSheet, deleteSheet, sheetProperties } from './sheets';
import { repeatCell, updateDimensionProperties, updateSheetProperties } from './formats';
import {
  addProtectedRange,
  deleteProtectedRange,
  protectedRangeView,
  updateProtectedRange,
} from './protected-ranges';
import {
  ApiRequestError,
  SheetsApiError,
  applyFieldMask,
  compact,
  maskSelects,
  parseA1Range,
  parseFieldMask,
  toGridRange,
} from './shared';

type Handler = (env: Env, req: never, batch: Snapshot) => object;

const REQUESTS: Record<string, Handler> = {
  addProtectedRange,
  updateProtectedRange,
  deleteProtectedRange,
  setDataValidation,
  repeatCell,
  updateDimensionProperties,
  updateSheetProperties,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  createDeveloperMetadata,
  deleteDeveloperMetadata,
  deleteDimension,
  appendDimension,
  addSheet,
  deleteSheet,
  updateCells,
};

/**
 * Requests that move cells: the batch's snapshot then saves cell values and range positions too.
 * (updateCells saves the rows it writes itself; appendDimension moves nothing that exists.)
 */
const STRUCTURAL = ['deleteDimension'];

export const NOT_FOUND = 'Requested entity was not found.';
export const NO_PERMISSION = 'The caller does not have permission';

export function assertSpreadsheet(env: Env, method: string, id: unknown): void {
  if (String(id) !== env.wb.init.id) throw new SheetsApiError(method, NOT_FOUND);
}

export function assertCanEditDocument(env: Env, method: string): void {
  const me = env.ctx.identity.effective;
  if (!spreadsheetEditors(env.wb, env.ctx.owner).includes(me))
    throw new SheetsApiError(method, NO_PERMISSION);
}

export function batchUpdate(
  env: Env,
  resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
  spreadsheetId: string,
) {
  assertSpreadsheet(env, 'batchUpdate', spreadsheetId);
  assertCanEditDocument(env, 'batchUpdate');
  const requests = resource?.requests ?? [];
  if (!requests.length) throw new SheetsApiError('batchUpdate', 'Must specify at least one request.');
  const saved = snapshot(
    env.wb,
    requests.some((r) => STRUCTURAL.some((k) => (r as Record<string, unknown>)?.[k] !== undefined)),
  );
  const replies: object[] = [];
  requests.forEach((request, i) => {
    const kinds = Object.keys(request ?? {}).filter(
      (k) => (request as Record<string, unknown>)[k] !== undefined,
    );
    if (kinds.length !== 1) {
      saved.restore();
      throw new SheetsApiError('batchUpdate', `Invalid requests[${i}]: a request must set exactly one kind.`);
    }
    const kind = kinds[0];
    const handler = REQUESTS[kind];
    if (!handler) {
      saved.restore();
      throw new SheetsApiError(
        'batchUpdate',
        `Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field (or the request is not emulated).`,
      );
    }
    try {
      replies.push(handler(env, (request as Record<string, unknown>)[kind] as never, saved));
    } catch (e) {
      saved.restore();
      if (e instanceof ApiRequestError)
        throw new SheetsApiError('batchUpdate', `Invalid requests[${i}].${kind}: ${e.message}`);
      throw e;
    }
  });
  return { spreadsheetId: env.wb.init.id, replies };
}

// ---- get ------------------------------------------------------------------------------------

function extendedValue(c: Cell, tz: string): GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined {
  if (c === undefined || c === '') return undefined;
  if (c instanceof Formula) return { formulaValue: c.text };
  if (c instanceof Date) return { numberValue: dateToSerial(c, tz) };
  if (typeof c === 'number') return { numberValue: c };
  if (typeof c === 'boolean') return { boolValue: c };
  return { stringValue: String(c) };
}

/** Which GridData parts a response keeps: both metadata lists unless a fields mask leaves them out. */
interface GridWant {
  rowMetadata: boolean;
  columnMetadata: boolean;
}

/**
 * DimensionProperties for `count` rows or columns from 1-based `start`: pixelSize, hiddenByUser and
 * "The developer metadata associated with a single row or column." (DimensionProperties).
 */
function dimensionProperties(
  env: Env,
  sheet: SheetModel,
  rows: boolean,
  start: number,
  count: number,
): GoogleAppsScript.Sheets.Schema.DimensionProperties[] {
  const byIndex = new Map<number, GoogleAppsScript.Sheets.Schema.DeveloperMetadata[]>();
  for (const m of env.wb.metadata) {
    const l = m.location;
    if (l.type !== (rows ? 'ROW' : 'COLUMN') || l.ref.sheetId !== sheet.id) continue;
    const [first, len] = rows ? [l.ref.rect.row, l.ref.rect.rows] : [l.ref.rect.col, l.ref.rect.cols];
    const from = Math.max(first, start);
    const to = Math.min(first + len - 1, start + count - 1);
    for (let i = from; i <= to; i++) {
      const list = byIndex.get(i) ?? [];
      list.push(metadataView(env, m));
      byIndex.set(i, list);
    }
  }
  const sizes = rows ? sheet.rowHeights : sheet.columnWidths;
  const hidden = rows ? sheet.hiddenRows : sheet.hiddenColumns;
  const size = rows ? 21 : 100; // Sheet.getRowHeight / getColumnWidth defaults
  const out: GoogleAppsScript.Sheets.Schema.DimensionProperties[] = [];
  for (let i = start; i < start + count; i++)
    out.push(
      compact({
        pixelSize: sizes.get(i) ?? size,
        hiddenByUser: hidden.has(i),
        developerMetadata: byIndex.get(i),
      }),
    );
  return out;
}

function gridData(
  env: Env,
  sheet: SheetModel,
  rect: Rect,
  want: GridWant,
): GoogleAppsScript.Sheets.Schema.GridData {
  const b = bounded(rect, sheet.maxRows, sheet.maxColumns);
  const tz = env.wb.init.timeZone;
  env.ctx.counter.read(b.rows * b.cols);
  const nf = sheet.layer('numberFormat').paint(b);
  const noteLayer = sheet.formats.get('note');
  const notes = noteLayer && noteLayer.touches(b) ? noteLayer.paint(b) : null;
  const rowData: GoogleAppsScript.Sheets.Schema.RowData[] = [];
  for (let i = 0; i < b.rows; i++) {
    const values: GoogleAppsScript.Sheets.Schema.CellData[] = [];
    for (let j = 0; j < b.cols; j++) {
      const row = b.row + i;
      const col = b.col + j;
      const c = sheet.cell(row, col);
      const fmt = nf[i][j] as string | undefined;
      const rule = sheet.validations.get(row, col);
      const user = extendedValue(c, tz);
      const cell: GoogleAppsScript.Sheets.Schema.CellData = compact({
        userEnteredValue: user,
        effectiveValue: c instanceof Formula ? undefined : user,
        formattedValue: user ? formatCell(c, fmt, tz) : undefined,
        userEnteredFormat: fmt
          ? { numberFormat: { type: fmt === '@' ? 'TEXT' : 'NUMBER', pattern: fmt } }
          : undefined,
        dataValidation: rule ? validationView(env, rule) : undefined,
        // CellData.note: "Any note on the cell."
        note: notes ? ((notes[i][j] as string | undefined) ?? undefined) : undefined,
      });
      values.push(cell);
    }
    while (values.length && Object.keys(values[values.length - 1]).length === 0) values.pop();
    rowData.push(values.length ? { values } : {});
  }
  while (rowData.length && !rowData[rowData.length - 1].values) rowData.pop();
  return compact<GoogleAppsScript.Sheets.Schema.GridData>({
    startRow: b.row - 1 || undefined,
    startColumn: b.col - 1 || undefined,
    rowData,
    // "Metadata about the requested rows/columns in the grid, starting with the row in startRow /
    // the column in startColumn." (GridData)
    rowMetadata: want.rowMetadata ? dimensionProperties(env, sheet, true, b.row, b.rows) : undefined,
    columnMetadata: want.columnMetadata ? dimensionProperties(env, sheet, false, b.col, b.cols) : undefined,
  });
}

function sheetView(
  env: Env,
  sheet: SheetModel,
  withData: boolean,
  rects: Rect[],
  want: GridWant,
): GoogleAppsScript.Sheets.Schema.Sheet {
  const { wb } = env;
  return compact<GoogleAppsScript.Sheets.Schema.Sheet>({
    properties: sheetProperties(env, sheet),
    protectedRanges: wb.protections
      .filter((p) => p.sheetId === sheet.id)
      .map((p) => protectedRangeView(env, p)),
    conditionalFormats: sheet.cfRules.map((r) => conditionalFormatView(env, r)),
    developerMetadata: wb.metadata
      .filter((m) => m.location.type === 'SHEET' && m.location.sheetId === sheet.id)
      .map((m) => metadataView(env, m)),
    data: withData
      ? (rects.length ? rects : [{ row: 1, col: 1, rows: Infinity, cols: Infinity }]).map((r) =>
          gridData(env, sheet, r, want),
        )
      : undefined,
  });
}

export function get(
  env: Env,
  spreadsheetId: string,
  optionalArgs: { fields?: string; ranges?: string | string[]; includeGridData?: boolean } = {},
) {
  assertSpreadsheet(env, 'get', spreadsheetId);
  const { wb } = env;
  const mask = optionalArgs.fields ? parseFieldMask(optionalArgs.fields) : null;
  const withData = mask ? maskSelects(mask, ['sheets', 'data']) : !!optionalArgs.includeGridData;
  const want: GridWant = {
    rowMetadata: !mask || maskSelects(mask, ['sheets', 'data', 'rowMetadata']),
    columnMetadata: !mask || maskSelects(mask, ['sheets', 'data', 'columnMetadata']),
  };
  const ranges = optionalArgs.ranges === undefined ? [] : ([] as string[]).concat(optionalArgs.ranges);
  const wanted = new Map<SheetModel, Rect[]>();
  try {
    for (const r of ranges) {
      const { sheet, rect } = parseA1Range(env, r);
      wanted.set(sheet, [...(wanted.get(sheet) ?? []), rect]);
    }
  } catch (e) {
    if (e instanceof ApiRequestError) throw new SheetsApiError('get', e.message);
    throw e;
  }
  const sheets = wb.sheets.filter((s) => !ranges.length || wanted.has(s));
  const out: GoogleAppsScript.Sheets.Schema.Spreadsheet = {
    spreadsheetId: wb.init.id,
    properties: {
      title: wb.init.name,
      locale: wb.init.locale,
      timeZone: wb.init.timeZone,
      autoRecalc: 'ON_CHANGE',
    },
    sheets: sheets.map((s) => sheetView(env, s, withData, wanted.get(s) ?? [], want)),
    namedRanges: wb.namedRanges.map((n) => ({
      namedRangeId: n.name,
      name: n.name,
      range: toGridRange(n.ref.sheetId, n.ref.rect),
    })),
    developerMetadata: wb.metadata
      .filter((m) => m.location.type === 'SPREADSHEET')
      .map((m) => metadataView(env, m)),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${wb.init.id}/edit`,
  };
  const trimmed = compact(out);
  return mask ? applyFieldMask(trimmed, mask) : trimmed;
}
