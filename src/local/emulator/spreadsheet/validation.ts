/**
 * Data validation: the DataValidation/DataValidationBuilder API and rule evaluation. Rules are
 * evaluated only for a person's edits (SpreadsheetStore.userEdit); script writes bypass them, as
 * script-side setValue/setValues do in Sheets.
 */
import { counted, isDate } from '../context';
import type { Env, Proxied } from './env';
import { type FormulaHost, FormulaUnsupportedError, evaluateFormula, isSatisfied } from './formula';
import { RangeValue, type SheetModel, type ValidationRule } from './model';
import { bounded } from './rect';
import { formatCell, dateToSerial } from './display';
import type { Cell } from './values';
import { makeRange, type RangeImpl } from './range';
import { enumValue } from './enums';
import { NUMBER_TESTS, recorder } from './criteria';

type DV = GoogleAppsScript.Spreadsheet.DataValidation;
type DVB = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** Criteria values as the script sees them: stored ranges become Range objects again. */
function exposeValues(env: Env, values: unknown[]): unknown[] {
  return values.map((v) => {
    if (v instanceof RangeValue) {
      const sheet = env.wb.sheetById(v.ref.sheetId);
      return sheet ? makeRange(env, sheet, v.ref.rect) : null;
    }
    if (Array.isArray(v)) return [...v];
    if (isDate(v)) return new Date((v as Date).getTime());
    return v;
  });
}

/** Criteria values as stored: Range objects become RangeValues that follow their sheet. */
function storeValues(values: unknown[]): unknown[] {
  return values.map((v) => {
    const impl = v as RangeImpl | null;
    if (impl && typeof impl === 'object' && '_rect' in impl && '_sheet' in impl)
      return new RangeValue({ sheetId: impl._sheet.id, rect: { ...impl._rect } });
    if (isDate(v)) return new Date((v as Date).getTime());
    if (Array.isArray(v)) return [...v];
    return v;
  });
}

export class DataValidationImpl
  implements
    Proxied<DV>,
    Pick<DV, 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText' | 'getAllowInvalid' | 'copy'>
{
  _self!: DV;
  constructor(
    private readonly _env: Env,
    readonly _rule: ValidationRule,
  ) {}
  getCriteriaType() {
    return enumValue<GoogleAppsScript.Spreadsheet.DataValidationCriteria>(
      'DataValidationCriteria',
      this._rule.criteria,
    );
  }
  getCriteriaValues() {
    return exposeValues(this._env, this._rule.values);
  }
  getHelpText() {
    return this._rule.helpText as string;
  }
  getAllowInvalid() {
    return this._rule.allowInvalid;
  }
  copy() {
    return makeValidationBuilder(this._env, { ...this._rule, values: [...this._rule.values] });
  }
}

export function makeValidation(env: Env, rule: ValidationRule): DV {
  const impl = new DataValidationImpl(env, rule);
  return (impl._self = counted(env.ctx, 'DataValidation', impl) as unknown as DV);
}

type BuilderKeys =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateEqualTo'
  | 'requireDateNotBetween'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireNumberNotEqualTo'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria';

export class DataValidationBuilderImpl implements Proxied<DVB>, Pick<DVB, BuilderKeys> {
  _self!: DVB;
  constructor(
    private readonly _env: Env,
    private _rule: ValidationRule,
  ) {}
  _record(criteria: string, values: unknown[]): DVB {
    this._rule = { ...this._rule, criteria, values: storeValues(values) };
    return this._self;
  }
  build() {
    if (!this._rule.criteria) throw new Error('You must specify a data validation criteria before building.');
    return makeValidation(this._env, { ...this._rule, values: [...this._rule.values] });
  }
  copy() {
    return makeValidationBuilder(this._env, { ...this._rule, values: [...this._rule.values] });
  }
  getAllowInvalid() {
    return this._rule.allowInvalid;
  }
  getCriteriaType() {
    return enumValue<GoogleAppsScript.Spreadsheet.DataValidationCriteria>(
      'DataValidationCriteria',
      this._rule.criteria,
    );
  }
  getCriteriaValues() {
    return exposeValues(this._env, this._rule.values);
  }
  getHelpText() {
    return this._rule.helpText as string;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown) {
    return this._record(
      'CHECKBOX',
      [checked, unchecked].filter((v) => v !== undefined),
    );
  }
  requireDate = recorder<DVB>('DATE_IS_VALID_DATE', 0);
  requireDateAfter = recorder<DVB>('DATE_AFTER', 1);
  requireDateBefore = recorder<DVB>('DATE_BEFORE', 1);
  requireDateBetween = recorder<DVB>('DATE_BETWEEN', 2);
  requireDateEqualTo = recorder<DVB>('DATE_EQUAL_TO', 1);
  requireDateNotBetween = recorder<DVB>('DATE_NOT_BETWEEN', 2);
  requireDateOnOrAfter = recorder<DVB>('DATE_ON_OR_AFTER', 1);
  requireDateOnOrBefore = recorder<DVB>('DATE_ON_OR_BEFORE', 1);
  requireFormulaSatisfied = recorder<DVB>('CUSTOM_FORMULA', 1);
  requireNumberBetween = recorder<DVB>('NUMBER_BETWEEN', 2);
  requireNumberEqualTo = recorder<DVB>('NUMBER_EQUAL_TO', 1);
  requireNumberGreaterThan = recorder<DVB>('NUMBER_GREATER_THAN', 1);
  requireNumberGreaterThanOrEqualTo = recorder<DVB>('NUMBER_GREATER_THAN_OR_EQUAL_TO', 1);
  requireNumberLessThan = recorder<DVB>('NUMBER_LESS_THAN', 1);
  requireNumberLessThanOrEqualTo = recorder<DVB>('NUMBER_LESS_THAN_OR_EQUAL_TO', 1);
  requireNumberNotBetween = recorder<DVB>('NUMBER_NOT_BETWEEN', 2);
  requireNumberNotEqualTo = recorder<DVB>('NUMBER_NOT_EQUAL_TO', 1);
  requireTextContains = recorder<DVB>('TEXT_CONTAINS', 1);
  requireTextDoesNotContain = recorder<DVB>('TEXT_DOES_NOT_CONTAIN', 1);
  requireTextEqualTo = recorder<DVB>('TEXT_EQUAL_TO', 1);
  requireTextIsEmail = recorder<DVB>('TEXT_IS_VALID_EMAIL', 0);
  requireTextIsUrl = recorder<DVB>('TEXT_IS_VALID_URL', 0);
  requireValueInList(values: string[], showDropdown = true) {
    return this._record('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true) {
    return this._record('VALUE_IN_RANGE', [range, showDropdown]);
  }
  setAllowInvalid(allow: boolean) {
    this._rule = { ...this._rule, allowInvalid: !!allow };
    return this._self;
  }
  setHelpText(text: string) {
    this._rule = { ...this._rule, helpText: text };
    return this._self;
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.DataValidationCriteria, args: unknown[]) {
    return this._record(String(criteria), args);
  }
}

export function makeValidationBuilder(env: Env, rule?: ValidationRule): DVB {
  // New rules allow invalid input (show a warning) unless told otherwise (DataValidation.getAllowInvalid reference).
  const impl = new DataValidationBuilderImpl(
    env,
    rule ?? { criteria: '', values: [], allowInvalid: true, helpText: null },
  );
  return (impl._self = counted(env.ctx, 'DataValidationBuilder', impl) as unknown as DVB);
}

// ---- evaluation ------------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?([\w-]+\.)+[\w-]{2,}(:\d+)?(\/\S*)?$/i;

export interface CellReader {
  /** the cell as the rule sees it (pending edits included) */
  cell(sheet: SheetModel, row: number, col: number): Cell;
}

function num(c: Cell, tz: string): number | null {
  if (typeof c === 'number') return c;
  if (c instanceof Date) return dateToSerial(c, tz);
  return null;
}

function dayOf(v: unknown, tz: string): number | null {
  if (v instanceof Date || isDate(v)) return Math.floor(dateToSerial(new Date((v as Date).getTime()), tz));
  return null;
}

/** Whether `c` satisfies the rule at (row, col); `anchor` is the top-left cell of the rule's range. */
export function satisfies(
  env: Env,
  sheet: SheetModel,
  rule: ValidationRule,
  anchor: { row: number; col: number },
  row: number,
  col: number,
  c: Cell,
  reader: CellReader,
): boolean {
  if (c === undefined || c === '') return true; // clearing a validated cell is always allowed
  const tz = env.wb.init.timeZone;
  const v = rule.values;
  const text = formatCell(c, sheet.numberFormatAt(row, col), tz);
  const n = num(c, tz);
  const day = c instanceof Date ? dayOf(c, tz) : null;
  const test = NUMBER_TESTS.get(rule.criteria);
  if (test) return n !== null && test(n, Number(v[0]));
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return ((v[0] as unknown[]) ?? []).some((x) => String(x) === text);
    case 'VALUE_IN_RANGE': {
      const ref = (v[0] as RangeValue).ref;
      const src = env.wb.sheetById(ref.sheetId);
      if (!src) return false;
      const b = bounded(ref.rect, src.maxRows, src.maxColumns);
      for (let i = b.row; i < b.row + b.rows; i++)
        for (let j = b.col; j < b.col + b.cols; j++) {
          const x = reader.cell(src, i, j);
          if (x !== undefined && formatCell(x, src.numberFormatAt(i, j), tz) === text) return true;
        }
      return false;
    }
    case 'NUMBER_BETWEEN':
      return n !== null && n >= Number(v[0]) && n <= Number(v[1]);
    case 'NUMBER_NOT_BETWEEN':
      return n !== null && (n < Number(v[0]) || n > Number(v[1]));
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== null && n !== Number(v[0]);
    case 'DATE_IS_VALID_DATE':
      return day !== null;
    case 'DATE_AFTER':
      return day !== null && day > dayOf(v[0], tz)!;
    case 'DATE_BEFORE':
      return day !== null && day < dayOf(v[0], tz)!;
    case 'DATE_ON_OR_AFTER':
      return day !== null && day >= dayOf(v[0], tz)!;
    case 'DATE_ON_OR_BEFORE':
      return day !== null && day <= dayOf(v[0], tz)!;
    case 'DATE_EQUAL_TO':
      return day !== null && day === dayOf(v[0], tz);
    case 'DATE_BETWEEN':
      return day !== null && day >= dayOf(v[0], tz)! && day <= dayOf(v[1], tz)!;
    case 'DATE_NOT_BETWEEN':
      return day !== null && (day < dayOf(v[0], tz)! || day > dayOf(v[1], tz)!);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof c === 'string' && EMAIL.test(c);
    case 'TEXT_IS_VALID_URL':
      return typeof c === 'string' && URL_RE.test(c);
    case 'TEXT_CONTAINS':
      return text.includes(String(v[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(v[0]));
    case 'TEXT_EQUAL_TO':
      return text === String(v[0]);
    case 'CHECKBOX':
      if (v.length === 0) return typeof c === 'boolean';
      return v.some((x) => String(x) === text);
    case 'CUSTOM_FORMULA': {
      const host = formulaHost(env, sheet, reader);
      return isSatisfied(evaluateFormula(String(v[0]), host, anchor, { row, col }));
    }
  }
  throw new FormulaUnsupportedError(`Unsupported data validation criteria: ${rule.criteria}`);
}

export function formulaHost(env: Env, sheet: SheetModel, reader: CellReader): FormulaHost {
  const find = (name: string | null) => (name === null ? sheet : env.wb.sheetByName(name));
  return {
    cell(name, row, col) {
      const s = find(name);
      return s ? reader.cell(s, row, col) : undefined;
    },
    size(name) {
      const s = find(name);
      return s ? { rows: s.maxRows, cols: s.maxColumns } : null;
    },
    toSerial: (d) => dateToSerial(d, env.wb.init.timeZone),
  };
}

export const plainReader: CellReader = { cell: (s, r, c) => s.cell(r, c) };
