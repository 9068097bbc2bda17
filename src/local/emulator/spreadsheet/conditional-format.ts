/**
 * Conditional format rules: builder, rule and boolean condition objects over plain CfRule data
 * stored per sheet, and `cfStyleAt`, the uncounted helper that tells which colours the rules give
 * a cell (the playground uses it to colour tiers).
 */
import { counted, isDate } from '../context';
import { dateToSerial } from './display';
import { EnumValue, enumValue } from './enums';
import type { Env, Proxied } from './env';
import { evaluateFormula, isSatisfied } from './formula';
import type { CfFormat, CfRule, SheetModel } from './model';
import { makeRange, type RangeImpl } from './range';
import { bounded, containsCell } from './rect';
import { formulaHost, plainReader } from './validation';
import { NUMBER_TESTS, recorder } from './criteria';
import type { Cell } from './values';
import { Formula } from './values';

type CFR = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type CFB = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type BC = GoogleAppsScript.Spreadsheet.BooleanCondition;

const copyRule = (r: CfRule): CfRule => ({
  ranges: r.ranges.map((x) => ({ sheetId: x.sheetId, rect: { ...x.rect } })),
  criteria: r.criteria,
  values: [...r.values],
  format: { ...r.format },
});

class BooleanConditionImpl implements Pick<
  BC,
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getBackground'
  | 'getFontColor'
  | 'getBold'
  | 'getItalic'
  | 'getUnderline'
  | 'getStrikethrough'
> {
  constructor(private readonly _r: CfRule) {}
  getCriteriaType() {
    return enumValue<GoogleAppsScript.Spreadsheet.BooleanCriteria>('BooleanCriteria', this._r.criteria ?? '');
  }
  getCriteriaValues() {
    return this._r.values.map((v) => (isDate(v) ? new Date((v as Date).getTime()) : v));
  }
  getBackground() {
    return (this._r.format.background ?? null) as string;
  }
  getFontColor() {
    return (this._r.format.fontColor ?? null) as string;
  }
  getBold() {
    return (this._r.format.bold ?? null) as boolean;
  }
  getItalic() {
    return (this._r.format.italic ?? null) as boolean;
  }
  getUnderline() {
    return (this._r.format.underline ?? null) as boolean;
  }
  getStrikethrough() {
    return (this._r.format.strikethrough ?? null) as boolean;
  }
}

function rangesOf(env: Env, r: CfRule) {
  return r.ranges.flatMap((x) => {
    const s = env.wb.sheetById(x.sheetId);
    return s ? [makeRange(env, s, x.rect)] : [];
  });
}

export class ConditionalFormatRuleImpl implements Pick<
  CFR,
  'getRanges' | 'getBooleanCondition' | 'getGradientCondition' | 'copy'
> {
  constructor(
    private readonly _env: Env,
    readonly _rule: CfRule,
  ) {}
  getRanges() {
    return rangesOf(this._env, this._rule);
  }
  getBooleanCondition() {
    return (
      this._rule.criteria
        ? counted(this._env.ctx, 'BooleanCondition', new BooleanConditionImpl(this._rule))
        : null
    ) as BC;
  }
  getGradientCondition() {
    return null as unknown as GoogleAppsScript.Spreadsheet.GradientCondition;
  }
  copy() {
    return makeCfBuilder(this._env, copyRule(this._rule));
  }
}

export function makeCfRule(env: Env, r: CfRule): CFR {
  return counted(
    env.ctx,
    'ConditionalFormatRule',
    new ConditionalFormatRuleImpl(env, copyRule(r)),
  ) as unknown as CFR;
}

type BuilderKeys =
  | 'build'
  | 'copy'
  | 'getBooleanCondition'
  | 'getRanges'
  | 'setBackground'
  | 'setBold'
  | 'setFontColor'
  | 'setItalic'
  | 'setRanges'
  | 'setStrikethrough'
  | 'setUnderline'
  | 'whenCellEmpty'
  | 'whenCellNotEmpty'
  | 'whenDateAfter'
  | 'whenDateBefore'
  | 'whenDateEqualTo'
  | 'whenFormulaSatisfied'
  | 'whenNumberBetween'
  | 'whenNumberEqualTo'
  | 'whenNumberGreaterThan'
  | 'whenNumberGreaterThanOrEqualTo'
  | 'whenNumberLessThan'
  | 'whenNumberLessThanOrEqualTo'
  | 'whenNumberNotBetween'
  | 'whenNumberNotEqualTo'
  | 'whenTextContains'
  | 'whenTextDoesNotContain'
  | 'whenTextEndsWith'
  | 'whenTextEqualTo'
  | 'whenTextStartsWith'
  | 'withCriteria';

export class ConditionalFormatRuleBuilderImpl implements Proxied<CFB>, Pick<CFB, BuilderKeys> {
  _self!: CFB;
  constructor(
    private readonly _env: Env,
    private readonly _rule: CfRule,
  ) {}
  _record(criteria: string, values: unknown[]): CFB {
    this._rule.criteria = criteria;
    this._rule.values = values.map((v) => (isDate(v) ? new Date((v as Date).getTime()) : v));
    return this._self;
  }
  private _fmt(patch: CfFormat) {
    Object.assign(this._rule.format, patch);
    return this._self;
  }
  build() {
    return makeCfRule(this._env, this._rule);
  }
  copy() {
    return makeCfBuilder(this._env, copyRule(this._rule));
  }
  getBooleanCondition() {
    return (
      this._rule.criteria
        ? counted(this._env.ctx, 'BooleanCondition', new BooleanConditionImpl(copyRule(this._rule)))
        : null
    ) as BC;
  }
  getRanges() {
    return rangesOf(this._env, this._rule);
  }
  setBackground(color: string | null) {
    return this._fmt({ background: color });
  }
  setFontColor(color: string | null) {
    return this._fmt({ fontColor: color });
  }
  setBold(b: boolean | null) {
    return this._fmt({ bold: b });
  }
  setItalic(b: boolean | null) {
    return this._fmt({ italic: b });
  }
  setUnderline(b: boolean | null) {
    return this._fmt({ underline: b });
  }
  setStrikethrough(b: boolean | null) {
    return this._fmt({ strikethrough: b });
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    this._rule.ranges = ranges.map((r) => {
      const impl = r as unknown as RangeImpl;
      return { sheetId: impl._sheet.id, rect: { ...impl._rect } };
    });
    return this._self;
  }
  whenCellEmpty = recorder<CFB>('CELL_EMPTY', 0);
  whenCellNotEmpty = recorder<CFB>('CELL_NOT_EMPTY', 0);
  whenDateAfter(d: unknown) {
    return this._record(d instanceof EnumValue ? 'DATE_AFTER_RELATIVE' : 'DATE_AFTER', [d]);
  }
  whenDateBefore(d: unknown) {
    return this._record(d instanceof EnumValue ? 'DATE_BEFORE_RELATIVE' : 'DATE_BEFORE', [d]);
  }
  whenDateEqualTo(d: unknown) {
    return this._record(d instanceof EnumValue ? 'DATE_EQUAL_TO_RELATIVE' : 'DATE_EQUAL_TO', [d]);
  }
  whenFormulaSatisfied = recorder<CFB>('CUSTOM_FORMULA', 1);
  whenNumberBetween = recorder<CFB>('NUMBER_BETWEEN', 2);
  whenNumberNotBetween = recorder<CFB>('NUMBER_NOT_BETWEEN', 2);
  whenNumberEqualTo = recorder<CFB>('NUMBER_EQUAL_TO', 1);
  whenNumberNotEqualTo = recorder<CFB>('NUMBER_NOT_EQUAL_TO', 1);
  whenNumberGreaterThan = recorder<CFB>('NUMBER_GREATER_THAN', 1);
  whenNumberGreaterThanOrEqualTo = recorder<CFB>('NUMBER_GREATER_THAN_OR_EQUAL_TO', 1);
  whenNumberLessThan = recorder<CFB>('NUMBER_LESS_THAN', 1);
  whenNumberLessThanOrEqualTo = recorder<CFB>('NUMBER_LESS_THAN_OR_EQUAL_TO', 1);
  whenTextContains = recorder<CFB>('TEXT_CONTAINS', 1);
  whenTextDoesNotContain = recorder<CFB>('TEXT_DOES_NOT_CONTAIN', 1);
  whenTextEqualTo = recorder<CFB>('TEXT_EQUAL_TO', 1);
  whenTextStartsWith = recorder<CFB>('TEXT_STARTS_WITH', 1);
  whenTextEndsWith = recorder<CFB>('TEXT_ENDS_WITH', 1);
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: unknown[]) {
    return this._record(String(criteria), args);
  }
}

export function makeCfBuilder(env: Env, rule?: CfRule): CFB {
  const impl = new ConditionalFormatRuleBuilderImpl(
    env,
    rule ?? { ranges: [], criteria: null, values: [], format: {} },
  );
  return (impl._self = counted(env.ctx, 'ConditionalFormatRuleBuilder', impl) as unknown as CFB);
}

// ---- evaluation (uncounted) -------------------------------------------------------------------

function relativeDay(env: Env, v: unknown): number {
  const today = Math.floor(dateToSerial(env.ctx.clock.date(), env.wb.init.timeZone));
  switch (String(v)) {
    case 'TOMORROW':
      return today + 1;
    case 'YESTERDAY':
      return today - 1;
    case 'PAST_WEEK':
      return today - 7;
    case 'PAST_MONTH':
      return today - 30;
    case 'PAST_YEAR':
      return today - 365;
    default:
      return today;
  }
}

function ruleMatches(
  env: Env,
  sheet: SheetModel,
  rule: CfRule,
  anchor: { row: number; col: number },
  row: number,
  col: number,
  c: Cell,
): boolean {
  const tz = env.wb.init.timeZone;
  const v = rule.values;
  const empty = c === undefined || c === '';
  const text = empty ? '' : c instanceof Formula ? c.text : c instanceof Date ? '' : String(c);
  const n =
    typeof c === 'number'
      ? c
      : c instanceof Date
        ? dateToSerial(c, tz)
        : typeof c === 'string' && c.trim() !== '' && !Number.isNaN(Number(c))
          ? Number(c)
          : null;
  const day = c instanceof Date ? Math.floor(dateToSerial(c, tz)) : null;
  const dayArg = (x: unknown) =>
    x instanceof EnumValue
      ? relativeDay(env, x)
      : Math.floor(dateToSerial(new Date((x as Date).getTime()), tz));
  const test = NUMBER_TESTS.get(rule.criteria ?? '');
  if (test) return n !== null && test(n, Number(v[0]));
  switch (rule.criteria) {
    case 'CELL_EMPTY':
      return empty;
    case 'CELL_NOT_EMPTY':
      return !empty;
    case 'TEXT_EQUAL_TO':
      return !empty && text.toLowerCase() === String(v[0]).toLowerCase();
    case 'TEXT_NOT_EQUAL_TO':
      return text.toLowerCase() !== String(v[0]).toLowerCase();
    case 'TEXT_CONTAINS':
      return !empty && text.toLowerCase().includes(String(v[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(String(v[0]).toLowerCase());
    case 'TEXT_STARTS_WITH':
      return !empty && text.toLowerCase().startsWith(String(v[0]).toLowerCase());
    case 'TEXT_ENDS_WITH':
      return !empty && text.toLowerCase().endsWith(String(v[0]).toLowerCase());
    case 'NUMBER_NOT_EQUAL_TO':
      return n === null || n !== Number(v[0]);
    case 'NUMBER_BETWEEN':
      return (
        n !== null && n >= Math.min(Number(v[0]), Number(v[1])) && n <= Math.max(Number(v[0]), Number(v[1]))
      );
    case 'NUMBER_NOT_BETWEEN':
      return (
        n !== null && (n < Math.min(Number(v[0]), Number(v[1])) || n > Math.max(Number(v[0]), Number(v[1])))
      );
    case 'DATE_BEFORE':
    case 'DATE_BEFORE_RELATIVE':
      return day !== null && day < dayArg(v[0]);
    case 'DATE_AFTER':
    case 'DATE_AFTER_RELATIVE':
      return day !== null && day > dayArg(v[0]);
    case 'DATE_EQUAL_TO':
    case 'DATE_EQUAL_TO_RELATIVE':
      return day !== null && day === dayArg(v[0]);
    case 'CUSTOM_FORMULA':
      try {
        return isSatisfied(
          evaluateFormula(String(v[0]), formulaHost(env, sheet, plainReader), anchor, { row, col }),
        );
      } catch {
        return false;
      }
  }
  return false;
}

export interface CfStyle {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
}

/** The style the sheet's rules give a cell (the first matching rule wins); `value` overrides the stored cell. */
export function cfStyleAt(
  env: Env,
  sheet: SheetModel,
  row: number,
  col: number,
  value?: unknown,
): CfStyle | null {
  const c = (value === undefined ? sheet.cell(row, col) : value) as Cell;
  for (const rule of sheet.cfRules) {
    const hit = rule.ranges.find(
      (x) =>
        x.sheetId === sheet.id && containsCell(bounded(x.rect, sheet.maxRows, sheet.maxColumns), row, col),
    );
    if (!hit || !ruleMatches(env, sheet, rule, hit.rect, row, col, c)) continue;
    const f = rule.format;
    return {
      background: f.background ?? null,
      fontColor: f.fontColor ?? null,
      bold: f.bold ?? null,
      italic: f.italic ?? null,
    };
  }
  return null;
}
