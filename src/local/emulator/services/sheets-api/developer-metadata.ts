/**
 * createDeveloperMetadata / deleteDeveloperMetadata and the metadata `Spreadsheets.get` lists.
 * The same records SpreadsheetApp's addDeveloperMetadata / createDeveloperMetadataFinder use.
 * Reference (Sheets API, DeveloperMetadataLocation): a location is the spreadsheet, a sheet
 * (sheetId) or a dimensionRange ("Represents the row or column when metadata is associated with a
 * dimension. The specified DimensionRange must represent a single row or column"); metadataId is
 * "generated if none is specified"; "If a specified ID is already in use, an error is thrown".
 */
import type { Env } from '../../spreadsheet/env';
import type { MetadataLocation, MetadataModel } from '../../spreadsheet/model';
import { compact, reject, sheetOf } from './shared';

type DM = GoogleAppsScript.Sheets.Schema.DeveloperMetadata;

function locationOf(
  env: Env,
  loc: GoogleAppsScript.Sheets.Schema.DeveloperMetadataLocation | undefined,
): MetadataLocation {
  if (!loc) reject('developerMetadata.location is required');
  if (loc.spreadsheet) return { type: 'SPREADSHEET' };
  if (loc.dimensionRange) {
    const d = loc.dimensionRange;
    const sheet = sheetOf(env, d.sheetId);
    const start = d.startIndex ?? 0;
    const end = d.endIndex ?? start + 1;
    if (end - start !== 1) reject('The specified DimensionRange must represent a single row or column.');
    if (d.dimension === 'ROWS')
      return {
        type: 'ROW',
        ref: { sheetId: sheet.id, rect: { row: start + 1, col: 1, rows: 1, cols: Infinity } },
      };
    if (d.dimension === 'COLUMNS')
      return {
        type: 'COLUMN',
        ref: { sheetId: sheet.id, rect: { row: 1, col: start + 1, rows: Infinity, cols: 1 } },
      };
    reject(`Invalid dimension: ${d.dimension}`);
  }
  if (loc.sheetId !== undefined) return { type: 'SHEET', sheetId: sheetOf(env, loc.sheetId).id };
  reject('developerMetadata.location must name the spreadsheet, a sheet or a dimension range.');
}

export function createDeveloperMetadata(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.CreateDeveloperMetadataRequest,
) {
  const d = req.developerMetadata;
  if (!d?.metadataKey) reject('Developer metadata must always have a key specified.');
  if (d.visibility !== undefined && d.visibility !== 'DOCUMENT' && d.visibility !== 'PROJECT')
    reject(`Invalid visibility: ${d.visibility}`);
  if (d.metadataId !== undefined && env.wb.metadata.some((m) => m.id === d.metadataId))
    reject(`Developer metadata with id ${d.metadataId} already exists.`);
  const m: MetadataModel = {
    id: d.metadataId ?? env.wb.newId(),
    key: String(d.metadataKey),
    value: d.metadataValue === undefined ? null : String(d.metadataValue),
    visibility: (d.visibility ?? 'DOCUMENT') as 'DOCUMENT' | 'PROJECT',
    location: locationOf(env, d.location),
  };
  env.wb.metadata.push(m);
  return { createDeveloperMetadata: { developerMetadata: metadataView(env, m) } };
}

/** Deletes what a developerMetadataLookup (metadataId and/or metadataKey) matches. */
export function deleteDeveloperMetadata(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.DeleteDeveloperMetadataRequest,
) {
  const lookup = req.dataFilter?.developerMetadataLookup;
  if (!lookup) reject('Only developerMetadataLookup data filters are emulated.');
  const hit = (m: MetadataModel) =>
    (lookup.metadataId === undefined || m.id === lookup.metadataId) &&
    (lookup.metadataKey === undefined || m.key === lookup.metadataKey) &&
    (lookup.metadataValue === undefined || m.value === lookup.metadataValue);
  const gone = env.wb.metadata.filter(hit);
  env.wb.metadata = env.wb.metadata.filter((m) => !hit(m));
  return { deleteDeveloperMetadata: { deletedDeveloperMetadata: gone.map((m) => metadataView(env, m)) } };
}

export function metadataView(env: Env, m: MetadataModel): DM {
  const l = m.location;
  let location: GoogleAppsScript.Sheets.Schema.DeveloperMetadataLocation;
  if (l.type === 'SPREADSHEET') location = { locationType: 'SPREADSHEET', spreadsheet: true };
  else if (l.type === 'SHEET') location = { locationType: 'SHEET', sheetId: l.sheetId };
  else {
    const rows = l.type === 'ROW';
    const start = (rows ? l.ref.rect.row : l.ref.rect.col) - 1;
    const len = rows ? l.ref.rect.rows : l.ref.rect.cols;
    location = {
      locationType: rows ? 'ROW' : 'COLUMN',
      dimensionRange: {
        sheetId: l.ref.sheetId,
        dimension: rows ? 'ROWS' : 'COLUMNS',
        startIndex: start,
        endIndex: start + len,
      },
    };
  }
  return compact<DM>({
    metadataId: m.id,
    metadataKey: m.key,
    metadataValue: m.value ?? undefined,
    location,
    visibility: m.visibility,
  });
}
