/**
 * What the Sheets advanced service's resources share: the API's error text, GridRange <-> the
 * model's rectangles, colours, and field masks.
 *
 * Errors: an advanced service throws "API call to sheets.spreadsheets.<method> failed with error:
 * <the API's message>"; a batchUpdate request's message is "Invalid requests[<i>].<kind>: <why>"
 * (the Sheets API's error form for one bad request of a batch).
 */
import { EmulatorError } from '../../context';
import { quoteSheetName, splitSheet, parseA1Rect, formatA1 } from '../../spreadsheet/a1';
import type { Env } from '../../spreadsheet/env';
import type { SheetModel } from '../../spreadsheet/model';
import { type Rect, bounded } from '../../spreadsheet/rect';

export type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;

/** A request's (or call's) own complaint; the service wraps it with the method it came from. */
export class ApiRequestError extends Error {}

export class SheetsApiError extends EmulatorError {
  constructor(method: string, message: string) {
    super(`API call to sheets.spreadsheets.${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
  }
}

export function reject(message: string): never {
  throw new ApiRequestError(message);
}

export function sheetOf(env: Env, sheetId: number | undefined): SheetModel {
  const id = sheetId ?? 0; // an absent sheetId is the proto default, 0
  const s = env.wb.sheetById(id);
  if (!s) reject(`No grid with id: ${id}`);
  return s;
}

/**
 * A GridRange (0-based, end exclusive, absent bounds unbounded) as a 1-based rectangle whose
 * unbounded ends stay open (Infinity), so a protection or rule over "A2:C" follows the sheet's growth.
 */
export function toRect(env: Env, g: GridRange | undefined): { sheet: SheetModel; rect: Rect } {
  if (!g) reject('range is required');
  const sheet = sheetOf(env, g.sheetId);
  const r0 = g.startRowIndex ?? 0;
  const c0 = g.startColumnIndex ?? 0;
  const r1 = g.endRowIndex;
  const c1 = g.endColumnIndex;
  if (r0 < 0 || c0 < 0 || (r1 !== undefined && r1 < r0) || (c1 !== undefined && c1 < c0))
    reject(`Invalid range: ${JSON.stringify(g)}`);
  const rect: Rect = {
    row: r0 + 1,
    col: c0 + 1,
    rows: r1 === undefined ? Infinity : r1 - r0,
    cols: c1 === undefined ? Infinity : c1 - c0,
  };
  if (
    (r1 ?? 0) > sheet.maxRows ||
    (c1 ?? 0) > sheet.maxColumns ||
    r0 >= sheet.maxRows ||
    c0 >= sheet.maxColumns
  )
    reject(
      `Range (${quoteSheetName(sheet.name)}!${formatA1(bounded(rect, Math.max(r1 ?? 0, sheet.maxRows), Math.max(c1 ?? 0, sheet.maxColumns)))}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
    );
  return { sheet, rect };
}

export function isWholeSheet(g: GridRange): boolean {
  return (
    g.startRowIndex === undefined &&
    g.endRowIndex === undefined &&
    g.startColumnIndex === undefined &&
    g.endColumnIndex === undefined
  );
}

/** A rectangle as the API prints it: only bounded ends appear. */
export function toGridRange(sheetId: number, r: Rect): GridRange {
  const g: GridRange = { sheetId };
  if (r.row > 1 || Number.isFinite(r.rows)) g.startRowIndex = r.row - 1;
  if (Number.isFinite(r.rows)) g.endRowIndex = r.row - 1 + r.rows;
  if (r.col > 1 || Number.isFinite(r.cols)) g.startColumnIndex = r.col - 1;
  if (Number.isFinite(r.cols)) g.endColumnIndex = r.col - 1 + r.cols;
  return g;
}

/** "Sheet1!A1:B2", "'My sheet'!A:A", "Sheet1" (the whole sheet) or "A1:B2" (the first sheet). */
export function parseA1Range(env: Env, a1: string): { sheet: SheetModel; rect: Rect } {
  const { sheetName, ref } = splitSheet(String(a1));
  if (sheetName === null) {
    const byName = env.wb.sheetByName(ref.replace(/^'(.*)'$/, '$1').replace(/''/g, "'"));
    if (byName) return { sheet: byName, rect: { row: 1, col: 1, rows: Infinity, cols: Infinity } };
  }
  const sheet = sheetName === null ? env.wb.sheets[0] : env.wb.sheetByName(sheetName);
  const rect = parseA1Rect(ref);
  if (!sheet || !rect) reject(`Unable to parse range: ${a1}`);
  return { sheet, rect };
}

export function a1Of(sheet: SheetModel, r: Rect): string {
  return `${quoteSheetName(sheet.name)}!${formatA1(bounded(r, sheet.maxRows, sheet.maxColumns))}`;
}

// ---- colours ----------------------------------------------------------------------------------

const hex2 = (x: number | undefined) =>
  Math.round(Math.max(0, Math.min(1, x ?? 0)) * 255)
    .toString(16)
    .padStart(2, '0');

export function colorToHex(c: GoogleAppsScript.Sheets.Schema.Color | undefined): string | undefined {
  if (!c) return undefined;
  return `#${hex2(c.red)}${hex2(c.green)}${hex2(c.blue)}`;
}

export function hexToColor(hex: string | null | undefined): GoogleAppsScript.Sheets.Schema.Color | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return undefined;
  const f = (s: string) => Math.round((parseInt(s, 16) / 255) * 1e4) / 1e4;
  return { red: f(m[1]), green: f(m[2]), blue: f(m[3]) };
}

// ---- field masks ------------------------------------------------------------------------------

/** A parsed field mask: each key maps to its sub-mask; an empty node means "the whole field". */
export interface FieldMask {
  [field: string]: FieldMask;
}

/**
 * Parses "sheets(properties(sheetId,title),protectedRanges),spreadsheetId" and dotted paths
 * ("sheets.properties.title"): the partial-response syntax the Google APIs share ("*" is every field).
 */
export function parseFieldMask(text: string): FieldMask {
  const root: FieldMask = {};
  let i = 0;
  const s = text.replace(/\s+/g, '');
  function parseList(into: FieldMask, close: boolean): void {
    for (;;) {
      let name = '';
      while (i < s.length && !',().'.includes(s[i])) name += s[i++];
      if (!name) reject(`Invalid field mask: ${text}`);
      let node = (into[name] ??= {});
      while (s[i] === '.') {
        i++;
        let sub = '';
        while (i < s.length && !',().'.includes(s[i])) sub += s[i++];
        if (!sub) reject(`Invalid field mask: ${text}`);
        node = node[sub] ??= {};
      }
      if (s[i] === '(') {
        i++;
        parseList(node, true);
      }
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        if (!close) reject(`Invalid field mask: ${text}`);
        i++;
        return;
      }
      if (i >= s.length) {
        if (close) reject(`Invalid field mask: ${text}`);
        return;
      }
      reject(`Invalid field mask: ${text}`);
    }
  }
  if (s) parseList(root, false);
  return root;
}

/** Keeps only the masked fields of a response (arrays are masked element by element). */
export function applyFieldMask<T>(value: T, mask: FieldMask): T {
  if (Object.keys(mask).length === 0 || '*' in mask) return value;
  if (Array.isArray(value)) return value.map((v) => applyFieldMask(v, mask)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(mask)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = applyFieldMask(v, sub);
  }
  return out as T;
}

/** Whether a mask selects a path (or an ancestor of it). */
export function maskSelects(mask: FieldMask, path: string[]): boolean {
  let node = mask;
  if (Object.keys(node).length === 0) return true;
  for (const p of path) {
    if ('*' in node) return true;
    const next = node[p];
    if (!next) return false;
    if (Object.keys(next).length === 0) return true;
    node = next;
  }
  return true;
}

/** The leaf paths a mask lists ("userEnteredFormat.numberFormat", ...), for update requests. */
export function maskPaths(mask: FieldMask, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, sub] of Object.entries(mask)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (Object.keys(sub).length === 0) out.push(p);
    else out.push(...maskPaths(sub, p));
  }
  return out;
}

/** A field of an update request's `fields`, required by every update* request and repeatCell. */
export function requiredFields(fields: string | undefined): string[] {
  if (fields === undefined || String(fields).trim() === '') reject('At least one field must be specified.');
  return maskPaths(parseFieldMask(String(fields)));
}

/** Drops undefined, empty arrays and false booleans, as the API's JSON leaves unset fields out. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}
