/**
 * Setup's tabs and header rows in three Sheets API requests, whatever the number of sheets and
 * columns: one get of every tab's properties and sheet marks, one get of row 1 of the add-on's tabs
 * (values, notes and column marks), and one batchUpdate that adds the missing tabs and writes every
 * header, note, format, freeze, column width and mark. The header logic itself is core's
 * (planHeader); this file only reads and turns plans into requests. A user's cells are never
 * rewritten with anything but what they held: kept header cells are sent back as read.
 */
import {
  CellValue,
  ColumnType,
  METADATA_COLUMN_KEY,
  METADATA_SHEET_KEY,
  SHEET_KEYS,
  SheetKey,
  SHEETS,
} from '../../core/schema';
import { ColumnMark, HeaderPlan, planHeader } from '../../core/workbook';
import { quotedSheetName } from '../../core/shared';
import { CATALOGS, LOCALES, Locale, t, tDynamic } from '../../i18n';
import { batchUpdate, recordedSheetIds, sheetsService, Workbook } from '../document';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type ExtendedValue = GoogleAppsScript.Sheets.Schema.ExtendedValue;
type NumberFormat = GoogleAppsScript.Sheets.Schema.NumberFormat;
type ApiSheet = GoogleAppsScript.Sheets.Schema.Sheet;

const text: NumberFormat = { type: 'TEXT', pattern: '@' };
const NUMBER_FORMATS: Partial<Record<ColumnType, NumberFormat>> = {
  id: text,
  phone: text,
  text,
  email: text,
  list: text,
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
  datetime: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm' },
  money: { type: 'NUMBER', pattern: '#,##0.00' },
  number: { type: 'NUMBER', pattern: '#,##0.##' },
  integer: { type: 'NUMBER', pattern: '0' },
  rating: { type: 'NUMBER', pattern: '0' },
  percent: { type: 'NUMBER', pattern: '0' },
};

/** The header row's look: bold on a light indigo (#e8eaf6). */
const HEADER_FORMAT = {
  textFormat: { bold: true },
  backgroundColor: { red: 0xe8 / 255, green: 0xea / 255, blue: 0xf6 / 255 },
};

/** A new tab's rows: as many as Sheets gives a tab added in the UI. */
const NEW_TAB_ROWS = 1000;

const TAB_FIELDS =
  'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount)),' +
  'developerMetadata(metadataId,metadataKey,metadataValue))';
const ROW_FIELDS =
  'sheets(properties(sheetId),data(startColumn,rowData(values(userEnteredValue,note)),' +
  'columnMetadata(developerMetadata(metadataId,metadataKey,metadataValue))))';

interface Tab {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  /** sheet keys its metadata marks name */
  marks: string[];
  created: boolean;
}

interface HeaderRow {
  /** row 1's cells as read, for writing back unchanged */
  raw: Array<ExtendedValue | undefined>;
  values: unknown[];
  notes: string[];
  marks: ColumnMark[];
}

export interface SheetsOutcome {
  created: SheetKey[];
  checked: SheetKey[];
  columnsAdded: Record<string, string[]>;
  headersRestored: SheetKey[];
}

/** Every add-on tab and header row set up; the Workbook learns the ids and headers. */
export function setUpSheets(wb: Workbook, locale: Locale): SheetsOutcome {
  const out: SheetsOutcome = { created: [], checked: [], columnsAdded: {}, headersRestored: [] };
  const api = sheetsService().Spreadsheets!;
  const tabs = (api.get(wb.id(), { fields: TAB_FIELDS }).sheets ?? []).map(tabOf);
  const located = locate(tabs);
  const rows = readHeaderRows(wb.id(), [...located.values()]);
  const titles = new Set(tabs.map((tab) => tab.title));
  const ids = new Set(tabs.map((tab) => tab.sheetId));
  const requests: Request[] = [];
  for (const key of SHEET_KEYS) {
    const def = SHEETS[key];
    let tab = located.get(key);
    if (tab) out.checked.push(key);
    else {
      tab = newTab(key, locale, titles, ids);
      out.created.push(key);
      requests.push({
        addSheet: {
          properties: {
            sheetId: tab.sheetId,
            title: tab.title,
            gridProperties: def.columns.length
              ? { rowCount: tab.rowCount, columnCount: tab.columnCount, frozenRowCount: 1 }
              : undefined,
          },
        },
      });
    }
    if (!tab.marks.includes(key))
      requests.push({
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: METADATA_SHEET_KEY,
            metadataValue: key,
            location: { sheetId: tab.sheetId },
            visibility: 'DOCUMENT',
          },
        },
      });
    wb.rememberId(key, tab.sheetId);
    if (def.columns.length === 0) continue;
    const plan = headerPlan(wb, key, tab, rows.get(tab.sheetId), locale);
    if (plan.missing.length) out.columnsAdded[key] = plan.missing;
    if (plan.restored) out.headersRestored.push(key);
    requests.push(
      ...headerRequests(key, tab, plan, plan.insertRow ? [] : (rows.get(tab.sheetId)?.raw ?? [])),
    );
    const raw = plan.insertRow ? [] : (rows.get(tab.sheetId)?.values ?? []);
    wb.knowHeader(key, {
      sheetId: tab.sheetId,
      title: tab.title,
      header: plan.header,
      values: plan.labels.map((label, i) => (label ?? raw[i] ?? '') as CellValue),
      maxRows: Math.max(tab.rowCount, 2),
    });
  }
  wb.saveSheetIds();
  batchUpdate(wb.id(), requests);
  return out;
}

function tabOf(s: ApiSheet): Tab {
  const p = s.properties ?? {};
  const grid = p.gridProperties ?? {};
  return {
    sheetId: p.sheetId ?? 0,
    title: p.title ?? '',
    rowCount: grid.rowCount ?? 0,
    columnCount: grid.columnCount ?? 0,
    frozenRowCount: grid.frozenRowCount ?? 0,
    marks: (s.developerMetadata ?? [])
      .filter((m) => m.metadataKey === METADATA_SHEET_KEY)
      .map((m) => String(m.metadataValue ?? '')),
    created: false,
  };
}

/**
 * Each key's tab, found as Workbook finds it: the id setup recorded, else the tab its metadata mark
 * names, else its label in any locale. A tab serves one key.
 */
function locate(tabs: Tab[]): Map<SheetKey, Tab> {
  const recorded = recordedSheetIds();
  const out = new Map<SheetKey, Tab>();
  const taken = new Set<number>();
  const take = (key: SheetKey, tab: Tab | undefined) => {
    if (!tab || out.has(key) || taken.has(tab.sheetId)) return;
    out.set(key, tab);
    taken.add(tab.sheetId);
  };
  for (const key of SHEET_KEYS)
    take(
      key,
      tabs.find((tab) => tab.sheetId === recorded[key]),
    );
  for (const key of SHEET_KEYS)
    take(
      key,
      tabs.find((tab) => !taken.has(tab.sheetId) && tab.marks.includes(key)),
    );
  for (const key of SHEET_KEYS) {
    const labels = LOCALES.map((l) => CATALOGS[l][`sheet.${key}`]);
    take(
      key,
      tabs.find((tab) => !taken.has(tab.sheetId) && labels.includes(tab.title)),
    );
  }
  return out;
}

/** Row 1 of each tab (values, notes, column marks): one get for all of them. */
function readHeaderRows(spreadsheetId: string, tabs: Tab[]): Map<number, HeaderRow> {
  const out = new Map<number, HeaderRow>();
  const wanted = tabs.filter((tab) => tab.columnCount > 0 && tab.rowCount > 0);
  if (wanted.length === 0) return out;
  const got = sheetsService().Spreadsheets!.get(spreadsheetId, {
    ranges: wanted.map((tab) => `${quotedSheetName(tab.title)}!1:1`),
    fields: ROW_FIELDS,
  });
  for (const s of got.sheets ?? []) {
    const data = s.data?.[0];
    const start = data?.startColumn ?? 0;
    const cells = data?.rowData?.[0]?.values ?? [];
    const row: HeaderRow = { raw: [], values: [], notes: [], marks: [] };
    for (let i = 0; i < start + cells.length; i++) {
      const cell = i < start ? undefined : cells[i - start];
      row.raw.push(cell?.userEnteredValue);
      row.values.push(plainValue(cell?.userEnteredValue));
      row.notes.push(cell?.note ?? '');
    }
    (data?.columnMetadata ?? []).forEach((column, j) => {
      for (const m of column.developerMetadata ?? [])
        if (m.metadataKey === METADATA_COLUMN_KEY)
          row.marks.push({ key: String(m.metadataValue ?? ''), index: start + j, id: m.metadataId ?? -1 });
    });
    out.set(s.properties?.sheetId ?? -1, row);
  }
  return out;
}

function plainValue(v: ExtendedValue | undefined): unknown {
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.numberValue !== undefined) return v.numberValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.formulaValue !== undefined) return v.formulaValue;
  return '';
}

/** A tab for a key the workbook lacks: a free id, a name no tab has, only its own columns. */
function newTab(key: SheetKey, locale: Locale, titles: Set<string>, ids: Set<number>): Tab {
  const name = t(locale, `sheet.${key}`);
  let title = name;
  for (let i = 2; titles.has(title); i++) title = `${name} (${i})`;
  titles.add(title);
  // Any unused non-negative id will do; one derived from the key keeps runs reproducible.
  let sheetId = keyHash(key);
  while (ids.has(sheetId)) sheetId = (sheetId + 1) % 2_147_483_647;
  ids.add(sheetId);
  // A tab comes with 26 columns; every spare one costs a cell per row against Sheets' 10,000,000
  // cell limit, so a new tab has only its own columns (inserting one later is always possible).
  const columns = SHEETS[key].columns.length;
  return {
    sheetId,
    title,
    rowCount: NEW_TAB_ROWS,
    columnCount: columns || 26,
    frozenRowCount: columns ? 1 : 0,
    marks: [],
    created: true,
  };
}

/** FNV-1a of the key, as a positive 31-bit number. */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (const ch of `sheets-crm:${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return ((h >>> 0) % 2_147_483_646) + 1;
}

function headerPlan(
  wb: Workbook,
  key: SheetKey,
  tab: Tab,
  row: HeaderRow | undefined,
  locale: Locale,
): HeaderPlan {
  const input = {
    def: SHEETS[key],
    values: row?.values ?? [],
    notes: row?.notes ?? [],
    marks: row?.marks ?? [],
    lastColumn: tab.created ? 0 : null,
    maxColumns: tab.columnCount,
    label: (column: string) => tDynamic(locale, `col.${key}.${column}`),
    noteText: t(locale, 'setup.columnNote'),
  };
  let plan = planHeader(input);
  // Only a sheet lacking columns, or whose row 1 names none, needs its extent (one call).
  if ('needsLastColumn' in plan) {
    const sheet = wb.ss.getSheetById(tab.sheetId)!;
    plan = planHeader({ ...input, lastColumn: sheet.getLastColumn() });
    if ('needsLastColumn' in plan) throw new Error('planHeader asked twice for the last column');
    // The data moved up into row 1 (its header row was deleted): a row goes in above it first.
    if (plan.insertRow) {
      sheet.insertRowBefore(1);
      tab.rowCount++;
    }
  }
  return plan;
}

function headerRequests(key: SheetKey, tab: Tab, plan: HeaderPlan, raw: Array<ExtendedValue | undefined>) {
  const { sheetId } = tab;
  const requests: Request[] = [];
  if (plan.width > tab.columnCount)
    requests.push({
      appendDimension: { sheetId, dimension: 'COLUMNS', length: plan.width - tab.columnCount },
    });
  if (tab.rowCount < 2)
    requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: 2 - tab.rowCount } });
  const row = { startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: plan.width };
  requests.push({
    updateCells: {
      range: { sheetId, ...row },
      rows: [
        {
          values: plan.labels.map((label, i) => ({
            userEnteredValue:
              label === undefined ? raw[i] : label === '' ? undefined : { stringValue: label },
            note: plan.notes[i] || undefined,
          })),
        },
      ],
      fields: 'userEnteredValue,note',
    },
  });
  requests.push({
    repeatCell: {
      range: { sheetId, ...row },
      cell: { userEnteredFormat: HEADER_FORMAT },
      fields: 'userEnteredFormat(textFormat.bold,backgroundColor)',
    },
  });
  if (tab.frozenRowCount < 1)
    requests.push({
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
        fields: 'gridProperties.frozenRowCount',
      },
    });
  for (const column of SHEETS[key].columns) {
    const index = plan.header.byKey[column.key];
    const numberFormat = NUMBER_FORMATS[column.type];
    // From row 2 to the end of the sheet, open-ended: rows added later get it too.
    if (numberFormat)
      requests.push({
        repeatCell: {
          range: { sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + 1 },
          cell: { userEnteredFormat: { numberFormat } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    if (plan.missing.includes(column.key) && column.width)
      requests.push({
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 },
          properties: { pixelSize: column.width },
          fields: 'pixelSize',
        },
      });
  }
  for (const metadataId of plan.staleMarks)
    requests.push({ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataId } } } });
  for (const mark of plan.newMarks)
    requests.push({
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: METADATA_COLUMN_KEY,
          metadataValue: mark.key,
          location: {
            dimensionRange: {
              sheetId,
              dimension: 'COLUMNS',
              startIndex: mark.index,
              endIndex: mark.index + 1,
            },
          },
          visibility: 'DOCUMENT',
        },
      },
    });
  return requests;
}
