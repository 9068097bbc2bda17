/**
 * UrlFetchApp: only the one URL the add-on fetches, the spreadsheet's own export
 * (`https://docs.google.com/spreadsheets/d/<id>/export?format=xlsx&gid=<sheetId>`), answered with a
 * real .xlsx of that sheet (SheetJS) built from the emulated cells and their number formats: a
 * text-formatted ('@') cell is a text cell, so phone numbers stay text without a quote, dates are
 * date serials in the spreadsheet's zone with their format. Any other URL fails loudly: the
 * emulator has no network.
 *
 * Reference (URL Fetch Service, Class UrlFetchApp, Class HTTPResponse):
 * - "This service requires the https://www.googleapis.com/auth/script.external_request scope."
 * - fetch(url, params): params.headers "a JavaScript key/value map of HTTP headers";
 *   params.muteHttpExceptions "if true the fetch doesn't throw an exception if the response code
 *   indicates failure, and instead returns the HTTPResponse". Without it a failure throws
 *   "Request failed for <host> returned code <code>" (seen in real use).
 * - HTTPResponse: getResponseCode() "the HTTP status code (200 for OK, etc.)", getBlob(),
 *   getContent() "the raw binary content", getContentText(), getHeaders().
 * - The export answers 401 without the user's OAuth token (ScriptApp.getOAuthToken()) as a
 *   Bearer Authorization header, as Drive does for a private file.
 */
import type * as XlsxModule from 'xlsx';
import { counted, type EmulatorContext } from '../context';
import type { WorkbookModel } from '../spreadsheet/model';
import { dateToSerial } from '../spreadsheet/display';
import { Formula } from '../spreadsheet/values';
import { signatureError } from './shared';
import type { UtilitiesEmulator } from './utilities';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EXPORT_URL = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/?#]+)\/export\?(.*)$/;

export interface UrlFetchSource {
  workbook(): WorkbookModel;
  /** the OAuth token ScriptApp.getOAuthToken() gives the effective user */
  token(): string;
}

export class UrlFetchAppEmulator {
  private source: UrlFetchSource | null = null;
  private readonly api: GoogleAppsScript.URL_Fetch.UrlFetchApp;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly utilities: UtilitiesEmulator,
  ) {
    const api = {
      fetch: (...args: unknown[]) => {
        const [url, params] = args as [
          unknown,
          { headers?: Record<string, string>; muteHttpExceptions?: boolean }?,
        ];
        if (typeof url !== 'string' || (params !== undefined && typeof params !== 'object'))
          throw signatureError('UrlFetchApp.fetch', args);
        const { code, body, type } = this.answer(url, params?.headers ?? {});
        if (code !== 200 && !params?.muteHttpExceptions)
          throw new Error(`Request failed for https://docs.google.com returned code ${code}.`);
        return this.response(code, body, type);
      },
    };
    this.api = counted(ctx, 'UrlFetchApp', api) as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp;
  }

  /** The runtime attaches the bound spreadsheet and the token check. */
  _attach(source: UrlFetchSource): void {
    this.source = source;
  }

  get global(): GoogleAppsScript.URL_Fetch.UrlFetchApp {
    return this.api;
  }

  private answer(url: string, headers: Record<string, string>): { code: number; body: Buffer; type: string } {
    const m = EXPORT_URL.exec(url);
    if (!m || !this.source)
      throw new Error(`UrlFetchApp.fetch is not emulated for ${url}: only the spreadsheet's own export is.`);
    const text = (s: string) => ({ code: 0, body: Buffer.from(s, 'utf8'), type: 'text/html' });
    const wb = this.source.workbook();
    const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    if (auth !== `Bearer ${this.source.token()}`) return { ...text('Unauthorized'), code: 401 };
    if (decodeURIComponent(m[1]) !== wb.init.id) return { ...text('Not Found'), code: 404 };
    const query = new URLSearchParams(m[2]);
    if (query.get('format') !== 'xlsx')
      throw new Error(`UrlFetchApp.fetch: export format ${query.get('format')} is not emulated (only xlsx).`);
    const gid = query.get('gid');
    const sheets = gid === null ? wb.sheets : wb.sheets.filter((s) => String(s.id) === gid);
    if (sheets.length === 0) return { ...text('Bad Request'), code: 400 };
    return { code: 200, body: toXlsx(wb, sheets), type: XLSX_MIME };
  }

  private response(code: number, body: Buffer, type: string): GoogleAppsScript.URL_Fetch.HTTPResponse {
    const blob = () => this.utilities.blob(body, type, null);
    const r = {
      getResponseCode: () => code,
      getBlob: blob,
      getContent: () => blob().getBytes(),
      getContentText: () => body.toString('utf8'),
      getHeaders: () => ({ 'Content-Type': type }),
      getAllHeaders: () => ({ 'Content-Type': type }),
    };
    return counted(this.ctx, 'HTTPResponse', r) as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
  }
}

/** The sheets as an .xlsx workbook: values as stored, number formats kept, text cells as text. */
function toXlsx(wb: WorkbookModel, sheets: WorkbookModel['sheets']): Buffer {
  // Loaded on first export only: SheetJS is large and every runner command starts the emulator.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('xlsx') as typeof XlsxModule;
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const ws: XlsxModule.WorkSheet = {};
    let maxRow = 0;
    let maxCol = 0;
    sheet.rows.forEach((line, r) => {
      line?.forEach((cell, c) => {
        if (cell === undefined || cell === '') return;
        const format = sheet.numberFormatAt(r + 1, c + 1);
        const address = XLSX.utils.encode_cell({ r, c });
        let out: XlsxModule.CellObject;
        if (cell instanceof Formula) out = { t: 's', v: cell.text };
        else if (cell instanceof Date || Object.prototype.toString.call(cell) === '[object Date]')
          out = { t: 'n', v: dateToSerial(cell as Date, wb.init.timeZone), z: format ?? 'yyyy-mm-dd' };
        else if (typeof cell === 'number')
          out =
            format === '@'
              ? { t: 's', v: String(cell), z: '@' }
              : { t: 'n', v: cell, ...(format && { z: format }) };
        else if (typeof cell === 'boolean') out = { t: 'b', v: cell };
        else out = { t: 's', v: cell, ...(format === '@' && { z: '@' }) };
        ws[address] = out;
        maxRow = Math.max(maxRow, r);
        maxCol = Math.max(maxCol, c);
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxRow, c: maxCol } });
    XLSX.utils.book_append_sheet(book, ws, sheet.name.slice(0, 31));
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
