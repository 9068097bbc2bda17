/**
 * Cell formats and dimension/sheet properties: repeatCell ("Updates all cells in the range to the
 * values in the given Cell object. Only the fields listed in the fields field are updated; others
 * are unchanged."), updateDimensionProperties and updateSheetProperties (both: "fields: The fields
 * that should be updated. At least one field must be specified."). They write the same per-range
 * layers and sheet fields SpreadsheetApp's setters write (setNumberFormat, setBackground,
 * setFontWeight, setFrozenRows, setColumnWidth, hideColumns, ...). A field the emulator does not
 * model is rejected loudly rather than ignored.
 */
import type { Env } from '../../spreadsheet/env';
import type { SheetModel } from '../../spreadsheet/model';
import { sheetNameTaken } from '../../spreadsheet/spreadsheet';
import { assertEditable } from './data-validation';
import { colorToHex, reject, requiredFields, sheetOf, toRect } from './shared';

type CellFormat = GoogleAppsScript.Sheets.Schema.CellFormat;

/** Default patterns per NumberFormat type when none is given (Sheets' en_US defaults). */
const DEFAULT_PATTERN: Record<string, string> = {
  TEXT: '@',
  NUMBER: '#,##0.00',
  PERCENT: '0.00%',
  CURRENCY: '"$"#,##0.00',
  DATE: 'yyyy-mm-dd',
  TIME: 'h:mm:ss am/pm',
  DATE_TIME: 'yyyy-mm-dd h:mm:ss',
  SCIENTIFIC: '0.00E+00',
};

/** userEnteredFormat sub-field -> (model layer, value from the CellFormat). */
export const FORMAT_FIELDS: Record<string, { layer: string; value: (f: CellFormat | undefined) => unknown }> =
  {
    numberFormat: {
      layer: 'numberFormat',
      value: (f) => {
        const nf = f?.numberFormat;
        if (!nf) return undefined;
        return nf.pattern || DEFAULT_PATTERN[nf.type ?? ''] || undefined;
      },
    },
    backgroundColor: { layer: 'background', value: (f) => colorToHex(f?.backgroundColor) },
    'textFormat.bold': {
      layer: 'fontWeight',
      value: (f) => (f?.textFormat?.bold === undefined ? undefined : f.textFormat.bold ? 'bold' : 'normal'),
    },
    'textFormat.italic': {
      layer: 'fontStyle',
      value: (f) =>
        f?.textFormat?.italic === undefined ? undefined : f.textFormat.italic ? 'italic' : 'normal',
    },
    'textFormat.foregroundColor': {
      layer: 'fontColor',
      value: (f) => colorToHex(f?.textFormat?.foregroundColor),
    },
    'textFormat.fontSize': { layer: 'fontSize', value: (f) => f?.textFormat?.fontSize },
    'textFormat.fontFamily': { layer: 'fontFamily', value: (f) => f?.textFormat?.fontFamily },
    horizontalAlignment: {
      layer: 'horizontalAlignment',
      value: (f) => (f?.horizontalAlignment ? f.horizontalAlignment.toLowerCase() : undefined),
    },
    verticalAlignment: {
      layer: 'verticalAlignment',
      value: (f) => (f?.verticalAlignment ? f.verticalAlignment.toLowerCase() : undefined),
    },
    wrapStrategy: { layer: 'wrapStrategy', value: (f) => f?.wrapStrategy },
  };

/**
 * The modelled format leaves a field path names ("userEnteredFormat", "userEnteredFormat.textFormat",
 * "userEnteredFormat.textFormat.bold", "*"), or null when it names no format field.
 */
export function formatLeavesOf(p: string): string[] | null {
  if (p === '*' || p === 'userEnteredFormat') return Object.keys(FORMAT_FIELDS);
  if (p === 'userEnteredFormat.textFormat')
    return Object.keys(FORMAT_FIELDS).filter((k) => k.startsWith('textFormat.'));
  if (p.startsWith('userEnteredFormat.') && FORMAT_FIELDS[p.slice('userEnteredFormat.'.length)])
    return [p.slice('userEnteredFormat.'.length)];
  return null;
}

/** Expands "userEnteredFormat" / "userEnteredFormat.textFormat" / "*" to the modelled leaves. */
function formatLeaves(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const leaves = formatLeavesOf(p);
    if (!leaves) reject(`repeatCell field "${p}" is not emulated.`);
    leaves.forEach((k) => out.add(k));
  }
  return [...out];
}

export function repeatCell(env: Env, req: GoogleAppsScript.Sheets.Schema.RepeatCellRequest) {
  const { sheet, rect } = toRect(env, req.range);
  const leaves = formatLeaves(requiredFields(req.fields));
  assertEditable(env, sheet, rect);
  const f = req.cell?.userEnteredFormat;
  for (const leaf of leaves) {
    const spec = FORMAT_FIELDS[leaf];
    // A listed field absent from the cell is cleared, as the reference's field-mask rule implies.
    sheet.layer(spec.layer).set(rect, spec.value(f) as unknown);
  }
  return {};
}

export function updateDimensionProperties(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.UpdateDimensionPropertiesRequest,
) {
  const range = req.range;
  if (!range) reject('range is required');
  const sheet = sheetOf(env, range.sheetId);
  const rows = range.dimension === 'ROWS';
  if (!rows && range.dimension !== 'COLUMNS') reject(`Invalid dimension: ${range.dimension}`);
  const max = rows ? sheet.maxRows : sheet.maxColumns;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? max;
  if (start < 0 || end > max || end < start)
    reject(`Invalid dimension range: ${start}..${end} (size ${max})`);
  const fields = requiredFields(req.fields);
  const p = req.properties ?? {};
  for (const field of fields.includes('*') ? ['pixelSize', 'hiddenByUser'] : fields) {
    for (let i = start + 1; i <= end; i++) {
      if (field === 'pixelSize') {
        const sizes = rows ? sheet.rowHeights : sheet.columnWidths;
        if (p.pixelSize === undefined) sizes.delete(i);
        else sizes.set(i, p.pixelSize);
      } else if (field === 'hiddenByUser') {
        const set = rows ? sheet.hiddenRows : sheet.hiddenColumns;
        if (p.hiddenByUser) set.add(i);
        else set.delete(i);
      } else reject(`updateDimensionProperties field "${field}" is not emulated.`);
    }
  }
  return {};
}

export function setFrozen(sheet: SheetModel, kind: 'rows' | 'columns', n: number | undefined): void {
  const count = n ?? 0;
  const max = kind === 'rows' ? sheet.maxRows : sheet.maxColumns;
  if (count < 0) reject(`Invalid frozen ${kind} count: ${count}`);
  if (count >= max) reject(`You can't freeze all visible ${kind} on the sheet.`);
  if (kind === 'rows') sheet.frozenRows = count;
  else sheet.frozenColumns = count;
}

export function updateSheetProperties(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest,
) {
  const p = req.properties;
  if (!p) reject('properties is required');
  const sheet = sheetOf(env, p.sheetId);
  let fields = requiredFields(req.fields);
  if (fields.includes('*'))
    fields = ['title', 'hidden', 'gridProperties.frozenRowCount', 'gridProperties.frozenColumnCount'];
  for (const field of fields) {
    switch (field) {
      case 'title': {
        const title = String(p.title ?? '');
        if (!title) reject('Sheet title must not be empty.');
        if (title.toLowerCase() !== sheet.name.toLowerCase() && sheetNameTaken(env, title))
          reject(`A sheet with the name "${title}" already exists. Please enter another name.`);
        sheet.name = title;
        break;
      }
      case 'hidden':
        if (p.hidden && env.wb.sheets.filter((s) => !s.hidden && s !== sheet).length === 0)
          reject("You can't hide all the sheets in a document.");
        sheet.hidden = !!p.hidden;
        break;
      case 'gridProperties':
        setFrozen(sheet, 'rows', p.gridProperties?.frozenRowCount);
        setFrozen(sheet, 'columns', p.gridProperties?.frozenColumnCount);
        break;
      case 'gridProperties.frozenRowCount':
        setFrozen(sheet, 'rows', p.gridProperties?.frozenRowCount);
        break;
      case 'gridProperties.frozenColumnCount':
        setFrozen(sheet, 'columns', p.gridProperties?.frozenColumnCount);
        break;
      default:
        reject(`updateSheetProperties field "${field}" is not emulated.`);
    }
  }
  return {};
}
