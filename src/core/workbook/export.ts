/**
 * Sheet rows to CSV that Excel and Sheets open safely: UTF-8 with a BOM (so Excel reads Chinese
 * correctly), RFC 4180, CRLF, formula triggers neutralised, dates as YYYY-MM-DD in the spreadsheet's
 * time zone, datetimes as YYYY-MM-DD HH:MM:SS, booleans as TRUE/FALSE, numbers as plain digits
 * (never locale-formatted). The file imports back unchanged (import.ts reads all of these forms).
 */
import { Locale } from '../../i18n';
import { serializeCsv } from './csv';
import { offsetMinutes, neutralizeCsvCell } from '../shared';
import { CellValue, ColumnType, SheetKey, SheetRow, SHEETS } from '../schema';
import { columnLabel } from './validation';

export interface ExportOptions {
  sheetKey: SheetKey;
  /** the sheet's data rows; wholly blank rows are left out */
  rows: SheetRow[];
  timeZone: string;
  locale: Locale;
  /** header row of localized labels (default) or of column keys, which import as well */
  header?: 'labels' | 'keys';
  /** prefix a UTF-8 BOM (default true) */
  bom?: boolean;
}

/** Columns in the schema's order; a user's own columns are not exported. */
export function exportCsv(options: ExportOptions): string {
  const columns = SHEETS[options.sheetKey].columns;
  const head = columns.map((c) =>
    options.header === 'keys' ? c.key : columnLabel(options.locale, options.sheetKey, c.key),
  );
  const zone = new ZoneClock(options.timeZone);
  const body: string[][] = [];
  for (const r of options.rows) {
    const cells = columns.map((c) => exportCell(r.values[c.key], c.type, zone));
    if (cells.some((x) => x !== '')) body.push(cells);
  }
  return serializeCsv([head.map(neutralizeCsvCell), ...body], { bom: options.bom ?? true });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** One cell as CSV text. */
export function exportCell(value: CellValue | undefined | null, type: ColumnType, zone: ZoneClock): string {
  if (value === '' || value === null || value === undefined) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    if (Number.isNaN(d.getTime())) return '';
    const w = zone.wall(d.getTime());
    const day = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
    const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
    if (type === 'date') return day;
    return type === 'datetime' || time !== '00:00:00' ? `${day} ${time}` : day;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return neutralizeCsvCell(String(value));
}

/**
 * Wall-clock time in a zone without Intl formatting per cell, which would dominate exporting
 * 50,000 rows. The offset is looked up per window of 2^31 ms (~25 days): when it is the same at
 * both ends, the window is taken as constant (zones change offset at most twice a year); when it
 * differs, the window is resolved per 15 minutes of UTC, on which every offset change falls.
 */
export class ZoneClock {
  private windows = new Map<number, number | null>();
  private quarters = new Map<number, number>();
  constructor(readonly timeZone: string) {}

  /** A Date whose UTC fields are the wall-clock fields of `ms` in the zone. */
  wall(ms: number): Date {
    return new Date(ms + this.offset(ms) * 60000);
  }

  private offset(ms: number): number {
    const w = Math.floor(ms / WINDOW);
    let constant = this.windows.get(w);
    if (constant === undefined) {
      const start = offsetMinutes(w * WINDOW, this.timeZone);
      constant = start === offsetMinutes((w + 1) * WINDOW - 1000, this.timeZone) ? start : null;
      this.windows.set(w, constant);
    }
    if (constant !== null) return constant;
    const q = Math.floor(ms / 900000);
    let off = this.quarters.get(q);
    if (off === undefined) this.quarters.set(q, (off = offsetMinutes(q * 900000, this.timeZone)));
    return off;
  }
}

const WINDOW = 2 ** 31;
