/**
 * Setup step: the data-validation rules Sheets enforces on people's edits, built from the one
 * definition in core (`sheetValidationRules`). Each rule covers its column from row 2 down with an
 * open-ended range (`E2:E`), so rows added later are covered too; allowInvalid is false and the
 * help text is localized. Re-running setup sets each rule on its column again, which replaces the
 * rule in place (a cell holds one rule), so rules are never duplicated and follow moved columns.
 * Dropdowns take their values from the settings sheet; re-run setup after extending a list.
 */
import { columnLetter } from '../../core/shared';
import { mapHeader, HeaderMap, SHEET_KEYS, SheetKey, SHEETS } from '../../core/schema';
import {
  ColumnRef,
  openColumnRange,
  RuleCriteria,
  sheetValidationRules,
  SheetValidationRule,
} from '../../core/workbook';
import { Locale } from '../../i18n';
import type { Execution } from '../session';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

interface Layout {
  sheet: Sheet;
  header: HeaderMap;
}

export function applyValidationRules(ex: Execution, locale: Locale): void {
  const layouts = new Map<SheetKey, Layout | null>();
  const layoutOf = (key: SheetKey): Layout | null => {
    if (!layouts.has(key)) layouts.set(key, readLayout(ex, key));
    return layouts.get(key)!;
  };
  const resolve = (ref: ColumnRef): string | null => {
    const layout = layoutOf(ref.sheetKey);
    const index = layout?.header.byKey[ref.columnKey];
    if (!layout || index === undefined) return null;
    return openColumnRange(layout.sheet.getName(), columnLetter(index + 1));
  };
  for (const key of SHEET_KEYS) {
    const rules = sheetValidationRules(key, ex.settings, { locale });
    if (rules.length === 0) continue;
    const layout = layoutOf(key);
    if (!layout) continue;
    for (const rule of rules) {
      const index = layout.header.byKey[rule.columnKey];
      if (index === undefined) continue;
      const letter = columnLetter(index + 1);
      const sameRow = (ref: ColumnRef): string => {
        const i = layout.header.byKey[ref.columnKey];
        return i === undefined ? '' : columnLetter(i + 1);
      };
      const validation = buildRule(rule, letter, resolve, sameRow);
      if (validation) layout.sheet.getRange(`${letter}2:${letter}`).setDataValidation(validation);
    }
  }
}

/** The header of a sheet only (setup has just written it): one read of values and notes. */
function readLayout(ex: Execution, key: SheetKey): Layout | null {
  const sheet = ex.wb.sheet(key);
  if (!sheet) return null;
  const width = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(1, 1, 1, width);
  const header = mapHeader(SHEETS[key], range.getValues()[0], range.getNotes()[0]);
  return { sheet, header };
}

function buildRule(
  rule: SheetValidationRule,
  letter: string,
  resolve: (ref: ColumnRef) => string | null,
  sameRow: (ref: ColumnRef) => string,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation()
    .setAllowInvalid(rule.allowInvalid)
    .setHelpText(rule.helpText);
  const withCriteria = applyCriteria(builder, rule.criteria, letter, resolve, sameRow);
  return withCriteria ? withCriteria.build() : null;
}

function applyCriteria(
  builder: Builder,
  criteria: RuleCriteria,
  letter: string,
  resolve: (ref: ColumnRef) => string | null,
  sameRow: (ref: ColumnRef) => string,
): Builder | null {
  switch (criteria.kind) {
    case 'list':
      return builder.requireValueInList(criteria.values, true);
    case 'email':
      return builder.requireTextIsEmail();
    case 'date':
      return builder.requireDate();
    case 'checkbox':
      return builder.requireCheckbox();
    case 'numberAtLeast':
      return builder.requireNumberGreaterThanOrEqualTo(criteria.min);
    case 'formula': {
      // A rule whose referenced column is missing is skipped; setup re-adds the column first.
      if (criteria.refs.some((r) => resolve(r) === null)) return null;
      return builder.requireFormulaSatisfied(
        criteria.formula(letter, 2, (r) => resolve(r) as string, sameRow),
      );
    }
  }
}
