/**
 * Apps Script enums. Each value is a singleton object that prints as its name (String(x), JSON),
 * so scripts can compare with === and log it, and overloads can tell an enum from a string.
 */
export class EnumValue {
  constructor(
    readonly _enum: string,
    private readonly _name: string,
  ) {}
  name(): string {
    return this._name;
  }
  toString(): string {
    return this._name;
  }
  toJSON(): string {
    return this._name;
  }
  ordinal(): number {
    return ENUMS[this._enum].indexOf(this._name);
  }
}

/** The number and text comparisons DataValidationCriteria and BooleanCriteria both list, in this order. */
const COMPARISONS = [
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
];

const ENUMS: Record<string, readonly string[]> = {
  ProtectionType: ['RANGE', 'SHEET'],
  DeveloperMetadataLocationType: ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'],
  DeveloperMetadataVisibility: ['DOCUMENT', 'PROJECT'],
  DataValidationCriteria: [
    'DATE_AFTER',
    'DATE_BEFORE',
    'DATE_BETWEEN',
    'DATE_EQUAL_TO',
    'DATE_IS_VALID_DATE',
    'DATE_NOT_BETWEEN',
    'DATE_ON_OR_AFTER',
    'DATE_ON_OR_BEFORE',
    ...COMPARISONS,
    'TEXT_IS_VALID_EMAIL',
    'TEXT_IS_VALID_URL',
    'VALUE_IN_LIST',
    'VALUE_IN_RANGE',
    'CUSTOM_FORMULA',
    'CHECKBOX',
  ],
  BooleanCriteria: [
    'CELL_EMPTY',
    'CELL_NOT_EMPTY',
    'DATE_AFTER',
    'DATE_BEFORE',
    'DATE_EQUAL_TO',
    'DATE_NOT_EQUAL_TO',
    'DATE_AFTER_RELATIVE',
    'DATE_BEFORE_RELATIVE',
    'DATE_EQUAL_TO_RELATIVE',
    ...COMPARISONS,
    'TEXT_NOT_EQUAL_TO',
    'TEXT_STARTS_WITH',
    'TEXT_ENDS_WITH',
    'CUSTOM_FORMULA',
  ],
  RelativeDate: ['TODAY', 'TOMORROW', 'YESTERDAY', 'PAST_WEEK', 'PAST_MONTH', 'PAST_YEAR'],
  BorderStyle: ['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'],
  WrapStrategy: ['WRAP', 'OVERFLOW', 'CLIP'],
  Dimension: ['COLUMNS', 'ROWS'],
  CopyPasteType: [
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  ],
  ChartType: [
    'AREA',
    'BAR',
    'BUBBLE',
    'CANDLESTICK',
    'COLUMN',
    'COMBO',
    'GAUGE',
    'GEO',
    'HISTOGRAM',
    'RADAR',
    'LINE',
    'ORG',
    'PIE',
    'SCATTER',
    'SPARKLINE',
    'STEPPED_AREA',
    'TABLE',
    'TIMELINE',
    'TREEMAP',
    'WATERFALL',
  ],
};

const cache = new Map<string, Record<string, EnumValue>>();

export function enumOf(name: keyof typeof ENUMS | string): Record<string, EnumValue> {
  let e = cache.get(name);
  if (!e) {
    e = Object.freeze(Object.fromEntries(ENUMS[name].map((v) => [v, new EnumValue(name, v)]))) as Record<
      string,
      EnumValue
    >;
    cache.set(name, e);
  }
  return e;
}

/** The enum value for a stored name (as the script's getters return it). */
export function enumValue<T = unknown>(enumName: string, value: string): T {
  return (enumOf(enumName)[value] ?? value) as unknown as T;
}
