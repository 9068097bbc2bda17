/**
 * Developer metadata on the spreadsheet, a sheet, or whole rows/columns. Row and column metadata
 * hold a range reference, so it follows its rows/columns through inserts, deletes and moves and
 * is removed with them (model.applyDimOp).
 */
import { EmulatorError, counted } from '../context';
import type { Env, Proxied } from './env';
import { EnumValue, enumValue } from './enums';
import type { MetadataLocation, MetadataModel, SheetModel } from './model';
import { makeRange, type RangeImpl } from './range';
import { type Rect, bounded, intersect } from './rect';
import { makeSheet } from './sheet';
import { makeSpreadsheet } from './spreadsheet';

type DM = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type DML = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation;
type DMF = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;

export const ARBITRARY_RANGE_MESSAGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

export type MetadataTarget =
  | { kind: 'spreadsheet' }
  | { kind: 'sheet'; sheet: SheetModel }
  | { kind: 'range'; sheet: SheetModel; rect: Rect };

function locationFor(target: MetadataTarget): MetadataLocation {
  if (target.kind === 'spreadsheet') return { type: 'SPREADSHEET' };
  if (target.kind === 'sheet') return { type: 'SHEET', sheetId: target.sheet.id };
  const { sheet, rect } = target;
  const wholeColumns = rect.row === 1 && rect.row + rect.rows - 1 >= sheet.maxRows;
  const wholeRows = rect.col === 1 && rect.col + rect.cols - 1 >= sheet.maxColumns;
  if (wholeColumns && !wholeRows)
    return {
      type: 'COLUMN',
      ref: { sheetId: sheet.id, rect: { row: 1, col: rect.col, rows: Infinity, cols: rect.cols } },
    };
  if (wholeRows)
    return {
      type: 'ROW',
      ref: { sheetId: sheet.id, rect: { row: rect.row, col: 1, rows: rect.rows, cols: Infinity } },
    };
  throw new EmulatorError(ARBITRARY_RANGE_MESSAGE);
}

const VISIBILITIES = ['DOCUMENT', 'PROJECT'];

export function addMetadata(
  env: Env,
  target: MetadataTarget,
  key: string,
  value?: unknown,
  visibility?: unknown,
): void {
  // Overloads: (key), (key, value), (key, visibility), (key, value, visibility).
  let v: unknown = value;
  let vis: unknown = visibility;
  if (visibility === undefined && value instanceof EnumValue && VISIBILITIES.includes(String(value))) {
    vis = value;
    v = undefined;
  }
  if (!key) throw new EmulatorError('Developer metadata must always have a key specified.');
  env.wb.metadata.push({
    id: env.wb.newId(),
    key: String(key),
    value: v === undefined || v === null ? null : String(v),
    visibility: vis === undefined ? 'DOCUMENT' : (String(vis) as 'DOCUMENT' | 'PROJECT'),
    location: locationFor(target),
  });
}

function within(env: Env, m: MetadataModel, target: MetadataTarget): boolean {
  const loc = m.location;
  if (target.kind === 'spreadsheet') return true;
  if (loc.type === 'SPREADSHEET') return false;
  const sheetId = loc.type === 'SHEET' ? loc.sheetId : loc.ref.sheetId;
  if (sheetId !== target.sheet.id) return false;
  if (target.kind === 'sheet') return true;
  if (loc.type === 'SHEET') return false;
  const s = target.sheet;
  return (
    intersect(
      bounded(loc.ref.rect, s.maxRows, s.maxColumns),
      bounded(target.rect, s.maxRows, s.maxColumns),
    ) !== null
  );
}

/** Metadata attached to exactly this object (getDeveloperMetadata) */
export function metadataAt(env: Env, target: MetadataTarget): DM[] {
  return env.wb.metadata
    .filter((m) => {
      if (target.kind === 'spreadsheet') return m.location.type === 'SPREADSHEET';
      if (target.kind === 'sheet')
        return m.location.type === 'SHEET' && m.location.sheetId === target.sheet.id;
      return m.location.type !== 'SHEET' && within(env, m, target);
    })
    .map((m) => makeMetadata(env, m));
}

export class DeveloperMetadataImpl
  implements
    Proxied<DM>,
    Pick<
      DM,
      | 'getId'
      | 'getKey'
      | 'getValue'
      | 'getVisibility'
      | 'getLocation'
      | 'setKey'
      | 'setValue'
      | 'setVisibility'
      | 'remove'
      | 'moveToColumn'
      | 'moveToRow'
      | 'moveToSheet'
      | 'moveToSpreadsheet'
    >
{
  _self!: DM;
  constructor(
    private readonly _env: Env,
    readonly _m: MetadataModel,
  ) {}
  getId() {
    return this._m.id;
  }
  getKey() {
    return this._m.key;
  }
  getValue() {
    return this._m.value as string;
  }
  getVisibility() {
    return enumValue<GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility>(
      'DeveloperMetadataVisibility',
      this._m.visibility,
    );
  }
  getLocation() {
    return makeLocation(this._env, this._m.location);
  }
  setKey(key: string) {
    this._m.key = String(key);
    return this._self;
  }
  setValue(value: string) {
    this._m.value = value === null ? null : String(value);
    return this._self;
  }
  setVisibility(v: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility) {
    this._m.visibility = String(v) as 'DOCUMENT' | 'PROJECT';
    return this._self;
  }
  remove() {
    this._env.wb.metadata = this._env.wb.metadata.filter((x) => x !== this._m);
  }
  private _moveTo(target: MetadataTarget) {
    this._m.location = locationFor(target);
    return this._self;
  }
  moveToColumn(column: GoogleAppsScript.Spreadsheet.Range) {
    const r = column as unknown as RangeImpl;
    return this._moveTo({
      kind: 'range',
      sheet: r._sheet,
      rect: { row: 1, col: r._rect.col, rows: Infinity, cols: r._b().cols },
    });
  }
  moveToRow(row: GoogleAppsScript.Spreadsheet.Range) {
    const r = row as unknown as RangeImpl;
    return this._moveTo({
      kind: 'range',
      sheet: r._sheet,
      rect: { row: r._rect.row, col: 1, rows: r._b().rows, cols: Infinity },
    });
  }
  moveToSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    return this._moveTo({ kind: 'sheet', sheet: (sheet as unknown as { _sheet: SheetModel })._sheet });
  }
  moveToSpreadsheet() {
    return this._moveTo({ kind: 'spreadsheet' });
  }
}

export function makeMetadata(env: Env, m: MetadataModel): DM {
  const impl = new DeveloperMetadataImpl(env, m);
  return (impl._self = counted(env.ctx, 'DeveloperMetadata', impl) as unknown as DM);
}

class LocationImpl implements Pick<
  DML,
  'getLocationType' | 'getRow' | 'getColumn' | 'getSheet' | 'getSpreadsheet'
> {
  constructor(
    private readonly _env: Env,
    private readonly _loc: MetadataLocation,
  ) {}
  getLocationType() {
    return enumValue<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType>(
      'DeveloperMetadataLocationType',
      this._loc.type,
    );
  }
  private _range(type: string) {
    const loc = this._loc;
    if (loc.type !== type || (loc.type !== 'ROW' && loc.type !== 'COLUMN'))
      return null as unknown as GoogleAppsScript.Spreadsheet.Range;
    const sheet = this._env.wb.sheetById(loc.ref.sheetId)!;
    return makeRange(this._env, sheet, bounded(loc.ref.rect, sheet.maxRows, sheet.maxColumns));
  }
  getRow() {
    return this._range('ROW');
  }
  getColumn() {
    return this._range('COLUMN');
  }
  getSheet() {
    const loc = this._loc;
    const id = loc.type === 'SHEET' ? loc.sheetId : loc.type === 'SPREADSHEET' ? null : loc.ref.sheetId;
    const sheet = id === null ? undefined : this._env.wb.sheetById(id);
    return (sheet ? makeSheet(this._env, sheet) : null) as GoogleAppsScript.Spreadsheet.Sheet;
  }
  getSpreadsheet() {
    return (
      this._loc.type === 'SPREADSHEET' ? makeSpreadsheet(this._env) : null
    ) as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }
}

function makeLocation(env: Env, loc: MetadataLocation): DML {
  return counted(env.ctx, 'DeveloperMetadataLocation', new LocationImpl(env, loc)) as unknown as DML;
}

class FinderImpl
  implements
    Proxied<DMF>,
    Pick<
      DMF,
      | 'find'
      | 'withId'
      | 'withKey'
      | 'withValue'
      | 'withLocationType'
      | 'withVisibility'
      | 'onIntersectingLocations'
    >
{
  _self!: DMF;
  private _filters: ((m: MetadataModel) => boolean)[] = [];
  constructor(
    private readonly _env: Env,
    private readonly _target: MetadataTarget,
  ) {}
  private _add(f: (m: MetadataModel) => boolean) {
    this._filters.push(f);
    return this._self;
  }
  withId(id: number) {
    return this._add((m) => m.id === id);
  }
  withKey(key: string) {
    return this._add((m) => m.key === key);
  }
  withValue(value: string) {
    return this._add((m) => m.value === value);
  }
  withLocationType(t: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType) {
    return this._add((m) => m.location.type === String(t));
  }
  withVisibility(v: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility) {
    return this._add((m) => m.visibility === String(v));
  }
  onIntersectingLocations() {
    return this._self;
  }
  find() {
    return this._env.wb.metadata
      .filter((m) => within(this._env, m, this._target) && this._filters.every((f) => f(m)))
      .map((m) => makeMetadata(this._env, m));
  }
}

export function makeFinder(env: Env, target: MetadataTarget): DMF {
  const impl = new FinderImpl(env, target);
  return (impl._self = counted(env.ctx, 'DeveloperMetadataFinder', impl) as unknown as DMF);
}
