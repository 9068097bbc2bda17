/**
 * BooleanCondition (Sheets API ConditionType) <-> the criteria names the model stores for
 * SpreadsheetApp's DataValidationCriteria and BooleanCriteria, so a rule set by either service is
 * read and enforced alike. Values are ConditionValue.userEnteredValue strings, "parsed as if the
 * user typed them into a cell" (reference); relative dates are not emulated.
 */
import type { Env } from '../../spreadsheet/env';
import { RangeValue } from '../../spreadsheet/model';
import { parseText } from '../../spreadsheet/values';
import { formatA1, quoteSheetName } from '../../spreadsheet/a1';
import { isDate } from '../../context';
import { parseA1Range, reject } from './shared';

type BC = GoogleAppsScript.Sheets.Schema.BooleanCondition;

/** API condition type -> model criteria, for data validation. */
const VALIDATION: Record<string, string> = {
  NUMBER_GREATER: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_EQ: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_EQ: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_EQ: 'NUMBER_EQUAL_TO',
  NUMBER_NOT_EQ: 'NUMBER_NOT_EQUAL_TO',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_NOT_CONTAINS: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQ: 'TEXT_EQUAL_TO',
  TEXT_IS_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_URL: 'TEXT_IS_VALID_URL',
  DATE_EQ: 'DATE_EQUAL_TO',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_AFTER: 'DATE_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_IS_VALID: 'DATE_IS_VALID_DATE',
  ONE_OF_RANGE: 'VALUE_IN_RANGE',
  ONE_OF_LIST: 'VALUE_IN_LIST',
  BOOLEAN: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
};

/** API condition type -> model criteria, for conditional formatting (BooleanCriteria names). */
const CONDITIONAL: Record<string, string> = {
  ...VALIDATION,
  NUMBER_EQ: 'NUMBER_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  BLANK: 'CELL_EMPTY',
  NOT_BLANK: 'CELL_NOT_EMPTY',
};

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const VALIDATION_BACK = invert(VALIDATION);
const CONDITIONAL_BACK = invert(CONDITIONAL);

function parsed(env: Env, text: string): unknown {
  const { timeZone, locale } = env.wb.init;
  return parseText(text, { plainText: false, timeZone, locale }).value;
}

function texts(c: BC): string[] {
  return (c.values ?? []).map((v) => {
    if (v.relativeDate !== undefined) reject('Relative dates are not emulated.');
    return String(v.userEnteredValue ?? '');
  });
}

/** A condition as the model stores it; `showCustomUi` is the dropdown flag of list/range rules. */
export function conditionToModel(
  env: Env,
  c: BC | undefined,
  kind: 'validation' | 'conditional',
  showCustomUi = false,
): { criteria: string; values: unknown[] } {
  if (!c?.type) reject('condition.type is required');
  const criteria = (kind === 'validation' ? VALIDATION : CONDITIONAL)[c.type];
  if (!criteria)
    reject(
      `Invalid ConditionType for ${kind === 'validation' ? 'data validation' : 'conditional formatting'}: ${c.type}`,
    );
  const t = texts(c);
  switch (criteria) {
    case 'VALUE_IN_LIST':
      if (!t.length) reject('ONE_OF_LIST condition requires at least one value.');
      return { criteria, values: [t, showCustomUi] };
    case 'VALUE_IN_RANGE': {
      const { sheet, rect } = parseA1Range(env, t[0]?.replace(/^=/, '') ?? '');
      return { criteria, values: [new RangeValue({ sheetId: sheet.id, rect }), showCustomUi] };
    }
    case 'CHECKBOX':
      return { criteria, values: t.map((x) => parsed(env, x)) };
    case 'CUSTOM_FORMULA':
      if (!t[0]?.startsWith('=')) reject('CUSTOM_FORMULA condition requires a formula starting with "=".');
      return { criteria, values: [t[0]] };
  }
  if (criteria.startsWith('DATE_') && criteria !== 'DATE_IS_VALID_DATE')
    return {
      criteria,
      values: t.map((x) => {
        const d = parsed(env, x);
        if (!isDate(d)) reject(`Invalid date: ${x}`);
        return d;
      }),
    };
  if (criteria.startsWith('NUMBER_')) return { criteria, values: t.map((x) => Number(x)) };
  return { criteria, values: t };
}

export function conditionFromModel(
  env: Env,
  criteria: string | null,
  values: unknown[],
  kind: 'validation' | 'conditional',
): BC {
  const type = criteria ? (kind === 'validation' ? VALIDATION_BACK : CONDITIONAL_BACK)[criteria] : undefined;
  if (!type) return { type: 'CONDITION_TYPE_UNSPECIFIED' };
  let list: unknown[] = values;
  if (criteria === 'VALUE_IN_LIST') list = (values[0] as unknown[]) ?? [];
  if (criteria === 'VALUE_IN_RANGE') {
    const ref = (values[0] as RangeValue).ref;
    const s = env.wb.sheetById(ref.sheetId);
    list = [s ? `=${quoteSheetName(s.name)}!${formatA1(ref.rect)}` : '=#REF!'];
  }
  const out: BC = { type };
  const shown = list.filter((v) => v !== undefined && v !== null);
  if (shown.length)
    out.values = shown.map((v) => ({
      userEnteredValue: isDate(v) ? (v as Date).toISOString().slice(0, 10) : String(v),
    }));
  return out;
}
