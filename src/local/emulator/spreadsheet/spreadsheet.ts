/** Spreadsheet: the workbook's sheets, names, editors, named ranges and selection. */
import { EmulatorError, counted } from '../context';
import { parseA1OrThrow, splitSheet } from './a1';
import { type Env, type Proxied, emailOf } from './env';
import { addMetadata, makeFinder, metadataAt } from './metadata';
import { SheetModel } from './model';
import { makeProtection } from './protection';
import { type RangeImpl, a1Range, makeRange } from './range';
import { spreadsheetEditors } from './rights';
import { type SheetImpl, makeSheet } from './sheet';
import { makeUser } from './user';

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type NR = GoogleAppsScript.Spreadsheet.NamedRange;

export function sheetNameTaken(env: Env, name: string): boolean {
  return env.wb.sheets.some((s) => s.name.toLowerCase() === String(name).toLowerCase());
}

export function activeSheetModel(env: Env): SheetModel {
  const { wb } = env;
  return (wb.activeSheetId !== null ? wb.sheetById(wb.activeSheetId) : undefined) ?? wb.sheets[0];
}

/** Adds a sheet (index 0-based) after the reference's checks; it becomes the active sheet. */
export function addSheet(env: Env, name?: string, index?: number): SheetModel {
  const { wb } = env;
  let n = name;
  if (n === undefined || n === '') {
    let k = wb.sheets.length + 1;
    while (sheetNameTaken(env, `Sheet${k}`)) k++;
    n = `Sheet${k}`;
  } else if (sheetNameTaken(env, n)) {
    throw new EmulatorError(`A sheet with the name "${n}" already exists. Please enter another name.`);
  }
  wb.checkGrowth(1000 * 26);
  const sheet = new SheetModel(wb.sheets.length === 0 ? 0 : wb.newId(), n);
  const at = index === undefined ? wb.sheets.length : Math.max(0, Math.min(index, wb.sheets.length));
  wb.sheets.splice(at, 0, sheet);
  wb.activeSheetId = sheet.id;
  wb.activeRange = { sheetId: sheet.id, rect: { row: 1, col: 1, rows: 1, cols: 1 } };
  return sheet;
}

type Keys =
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'toast'
  | 'getSheets'
  | 'getSheetByName'
  | 'getSheetById'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'setActiveRange'
  | 'getActiveCell'
  | 'getCurrentCell'
  | 'getRange'
  | 'getRangeByName'
  | 'setNamedRange'
  | 'getNamedRanges'
  | 'removeNamedRange'
  | 'getEditors'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'getViewers'
  | 'addViewer'
  | 'getOwner'
  | 'getProtections'
  | 'addDeveloperMetadata'
  | 'getDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'getNumSheets'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'appendRow'
  | 'getSheetName'
  | 'moveActiveSheet';

export class SpreadsheetImpl implements Proxied<SS>, Pick<SS, Keys> {
  _self!: SS;
  constructor(readonly _env: Env) {}

  private get _wb() {
    return this._env.wb;
  }
  getId() {
    return this._wb.init.id;
  }
  getName() {
    return this._wb.init.name;
  }
  rename(name: string) {
    this._wb.init.name = String(name);
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this._wb.init.id}/edit`;
  }
  getSpreadsheetLocale() {
    return this._wb.init.locale;
  }
  setSpreadsheetLocale(locale: string) {
    this._wb.init.locale = String(locale);
  }
  getSpreadsheetTimeZone() {
    return this._wb.init.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new EmulatorError(`Invalid argument: ${timeZone}`);
    }
    this._wb.init.timeZone = timeZone;
  }
  toast(message: string, title?: string, timeoutSeconds?: number | null) {
    this._wb.toasts.push({
      message: String(message),
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? null,
      at: this._env.ctx.clock.now(),
    });
    this._env.onToast?.(String(message), title ?? null, timeoutSeconds ?? null);
  }
  getSheets() {
    return this._wb.sheets.map((s) => makeSheet(this._env, s));
  }
  getNumSheets() {
    return this._wb.sheets.length;
  }
  getSheetByName(name: string) {
    const s = this._wb.sheetByName(name);
    return (s ? makeSheet(this._env, s) : null) as GoogleAppsScript.Spreadsheet.Sheet;
  }
  getSheetById(id: number) {
    const s = this._wb.sheetById(id);
    return (s ? makeSheet(this._env, s) : null) as GoogleAppsScript.Spreadsheet.Sheet;
  }
  /** insertSheet(), (index), (name), (name, index), (name, index, options), (name, options), (options) */
  insertSheet(a?: unknown, b?: unknown) {
    const name = typeof a === 'string' ? a : undefined;
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : undefined;
    return makeSheet(this._env, addSheet(this._env, name, index));
  }
  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    const model = (sheet as unknown as SheetImpl)._sheet;
    const wb = this._wb;
    if (!wb.sheets.includes(model)) throw new EmulatorError('Sheet not found');
    if (wb.sheets.length === 1) throw new EmulatorError("You can't remove all the sheets in a document.");
    wb.sheets = wb.sheets.filter((s) => s !== model);
    wb.protections = wb.protections.filter((p) => p.sheetId !== model.id);
    wb.namedRanges = wb.namedRanges.filter((n) => n.ref.sheetId !== model.id);
    wb.metadata = wb.metadata.filter((m) => {
      const loc = m.location;
      return (
        loc.type === 'SPREADSHEET' || (loc.type === 'SHEET' ? loc.sheetId : loc.ref.sheetId) !== model.id
      );
    });
    if (wb.activeSheetId === model.id) {
      wb.activeSheetId = wb.sheets[0].id;
      wb.activeRange = { sheetId: wb.sheets[0].id, rect: { row: 1, col: 1, rows: 1, cols: 1 } };
    }
  }
  getActiveSheet() {
    return makeSheet(this._env, activeSheetModel(this._env));
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    return (sheet as unknown as SheetImpl)._self.activate();
  }
  moveActiveSheet(pos: number) {
    const s = activeSheetModel(this._env);
    this._wb.sheets = this._wb.sheets.filter((x) => x !== s);
    this._wb.sheets.splice(Math.max(0, pos - 1), 0, s);
  }
  getActiveRange() {
    const ref = this._wb.activeRange;
    const sheet = ref ? this._wb.sheetById(ref.sheetId) : undefined;
    if (!ref || !sheet)
      return makeRange(this._env, activeSheetModel(this._env), { row: 1, col: 1, rows: 1, cols: 1 });
    return makeRange(this._env, sheet, ref.rect);
  }
  getActiveCell() {
    const r = this.getActiveRange() as unknown as RangeImpl;
    return makeRange(this._env, r._sheet, { row: r._rect.row, col: r._rect.col, rows: 1, cols: 1 });
  }
  getCurrentCell() {
    return this.getActiveCell();
  }
  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range) {
    return range.activate();
  }
  getSheetName() {
    return activeSheetModel(this._env).name;
  }
  /** getRange("Sheet1!A1:B2"); without a sheet name the active sheet is used. */
  getRange(a1: string) {
    const { sheetName, ref } = splitSheet(String(a1));
    const sheet = sheetName === null ? activeSheetModel(this._env) : this._wb.sheetByName(sheetName);
    if (!sheet) throw new EmulatorError('Range not found');
    return a1Range(this._env, sheet, parseA1OrThrow(ref));
  }
  getDataRange() {
    return makeSheet(this._env, activeSheetModel(this._env)).getDataRange();
  }
  getLastRow() {
    return activeSheetModel(this._env).lastRow();
  }
  getLastColumn() {
    return activeSheetModel(this._env).lastColumn();
  }
  appendRow(row: unknown[]) {
    makeSheet(this._env, activeSheetModel(this._env)).appendRow(row);
    return this.getActiveSheet();
  }

  // ---- named ranges -------------------------------------------------------------------------
  setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range) {
    if (
      !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^(true|false)$/i.test(name)
    )
      throw new EmulatorError(`Invalid name: ${name}`);
    const impl = range as unknown as RangeImpl;
    this._wb.namedRanges = this._wb.namedRanges.filter((n) => n.name !== name);
    this._wb.namedRanges.push({ name, ref: { sheetId: impl._sheet.id, rect: { ...impl._rect } } });
  }
  getRangeByName(name: string) {
    const n = this._wb.namedRanges.find((x) => x.name === name);
    const sheet = n && this._wb.sheetById(n.ref.sheetId);
    return (
      n && sheet ? makeRange(this._env, sheet, n.ref.rect) : null
    ) as GoogleAppsScript.Spreadsheet.Range;
  }
  getNamedRanges() {
    return this._wb.namedRanges.map((n) => makeNamedRange(this._env, n));
  }
  removeNamedRange(name: string) {
    this._wb.namedRanges = this._wb.namedRanges.filter((n) => n.name !== name);
  }

  // ---- people -------------------------------------------------------------------------------
  getEditors() {
    return spreadsheetEditors(this._wb, this._env.ctx.owner).map((e) => makeUser(this._env, e));
  }
  addEditor(user: unknown) {
    const e = emailOf(user);
    if (e !== this._env.ctx.owner && !this._wb.editors.includes(e)) this._wb.editors.push(e);
    this._wb.viewers = this._wb.viewers.filter((v) => v !== e);
    return this._self;
  }
  addEditors(emails: string[]) {
    emails.forEach((e) => this.addEditor(e));
    return this._self;
  }
  removeEditor(user: unknown) {
    const e = emailOf(user);
    this._wb.editors = this._wb.editors.filter((x) => x !== e);
    return this._self;
  }
  getViewers() {
    return [...this._wb.viewers, ...spreadsheetEditors(this._wb, this._env.ctx.owner)].map((e) =>
      makeUser(this._env, e),
    );
  }
  addViewer(user: unknown) {
    const e = emailOf(user);
    if (!this._wb.viewers.includes(e) && !this._wb.editors.includes(e)) this._wb.viewers.push(e);
    return this._self;
  }
  getOwner() {
    return makeUser(this._env, this._env.ctx.owner);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType) {
    const t = String(type);
    return this._wb.protections.filter((p) => p.type === t).map((p) => makeProtection(this._env, p));
  }

  // ---- developer metadata -------------------------------------------------------------------
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown) {
    addMetadata(this._env, { kind: 'spreadsheet' }, key, value, visibility);
    return this._self;
  }
  getDeveloperMetadata() {
    return metadataAt(this._env, { kind: 'spreadsheet' });
  }
  createDeveloperMetadataFinder() {
    return makeFinder(this._env, { kind: 'spreadsheet' });
  }
}

export function makeSpreadsheet(env: Env): SS {
  const impl = new SpreadsheetImpl(env);
  return (impl._self = counted(env.ctx, 'Spreadsheet', impl) as unknown as SS);
}

class NamedRangeImpl
  implements Proxied<NR>, Pick<NR, 'getName' | 'getRange' | 'setName' | 'setRange' | 'remove'>
{
  _self!: NR;
  constructor(
    private readonly _env: Env,
    private readonly _n: { name: string; ref: { sheetId: number; rect: RangeImpl['_rect'] } },
  ) {}
  getName() {
    return this._n.name;
  }
  getRange() {
    return makeRange(this._env, this._env.wb.sheetById(this._n.ref.sheetId)!, this._n.ref.rect);
  }
  setName(name: string) {
    this._n.name = String(name);
    return this._self;
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range) {
    const impl = range as unknown as RangeImpl;
    this._n.ref.sheetId = impl._sheet.id;
    this._n.ref.rect = { ...impl._rect };
    return this._self;
  }
  remove() {
    this._env.wb.namedRanges = this._env.wb.namedRanges.filter((x) => x !== this._n);
  }
}

function makeNamedRange(env: Env, n: ConstructorParameters<typeof NamedRangeImpl>[1]): NR {
  const impl = new NamedRangeImpl(env, n);
  return (impl._self = counted(env.ctx, 'NamedRange', impl) as unknown as NR);
}
