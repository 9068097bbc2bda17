/**
 * Setup step: the data-validation rules Sheets enforces on people's edits, built from the one
 * definition in core (`sheetValidationRules`). Each rule covers its column from row 2 down with an
 * open-ended range (`E2:E`), so rows added later are covered too; allowInvalid is false and the
 * help text is localized. Re-running setup sets each rule on its column again, which replaces the
 * rule in place (a cell holds one rule), so rules are never duplicated and follow moved columns.
 * Dropdowns take their values from the settings sheet; re-run setup after extending a list.
 * Every rule is one setDataValidation request, sent in the batchUpdate of setup's protections.
 */
import { columnLetter } from '../../core/shared';
import { mapHeader, HeaderMap, SHEET_KEYS, SheetKey, SHEETS } from '../../core/schema';
import { ColumnRef, openColumnRange, RuleCriteria, sheetValidationRules } from '../../core/workbook';
import { Locale } from '../../i18n';
import type { Execution } from '../session';
import { queueRequests } from '../document';

interface Layout {
  sheetId: number;
  name: string;
  header: HeaderMap;
}

type Request = GoogleAppsScript.Sheets.Schema.Request;
type Condition = GoogleAppsScript.Sheets.Schema.BooleanCondition;

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
    return openColumnRange(layout.name, columnLetter(index + 1));
  };
  const requests: Request[] = [];
  for (const key of SHEET_KEYS) {
    const rules = sheetValidationRules(key, ex.settings, { locale });
    if (rules.length === 0) continue;
    const layout = layoutOf(key);
    if (!layout) continue;
    const { sheetId } = layout;
    for (const rule of rules) {
      const index = layout.header.byKey[rule.columnKey];
      if (index === undefined) continue;
      const sameRow = (ref: ColumnRef): string => {
        const i = layout.header.byKey[ref.columnKey];
        return i === undefined ? '' : columnLetter(i + 1);
      };
      const condition = conditionOf(rule.criteria, columnLetter(index + 1), resolve, sameRow);
      if (!condition) continue;
      requests.push({
        setDataValidation: {
          range: { sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + 1 },
          rule: {
            condition,
            inputMessage: rule.helpText,
            strict: !rule.allowInvalid,
            showCustomUi: rule.criteria.kind === 'list',
          },
        },
      });
    }
  }
  // Sent with the protections setup applies next: one call for both.
  queueRequests(requests);
}

/** The header of a sheet: as setup has just written it, else one read of its values and notes. */
function readLayout(ex: Execution, key: SheetKey): Layout | null {
  const known = ex.wb.knownHeader(key);
  if (known) return { sheetId: known.sheetId, name: known.title, header: known.header };
  const sheet = ex.wb.sheet(key);
  if (!sheet) return null;
  const width = Math.max(sheet.getLastColumn(), 1);
  const range = sheet.getRange(1, 1, 1, width);
  const header = mapHeader(SHEETS[key], range.getValues()[0], range.getNotes()[0]);
  return { sheetId: sheet.getSheetId(), name: sheet.getName(), header };
}

/** A rule's criteria as the Sheets API's condition (ConditionType), or null when it cannot be set. */
function conditionOf(
  criteria: RuleCriteria,
  letter: string,
  resolve: (ref: ColumnRef) => string | null,
  sameRow: (ref: ColumnRef) => string,
): Condition | null {
  const value = (v: string | number) => ({ userEnteredValue: String(v) });
  switch (criteria.kind) {
    case 'list':
      return { type: 'ONE_OF_LIST', values: criteria.values.map(value) };
    case 'email':
      return { type: 'TEXT_IS_EMAIL' };
    case 'date':
      return { type: 'DATE_IS_VALID' };
    case 'checkbox':
      return { type: 'BOOLEAN' };
    case 'numberAtLeast':
      return { type: 'NUMBER_GREATER_THAN_EQ', values: [value(criteria.min)] };
    case 'formula': {
      // A rule whose referenced column is missing is skipped; setup re-adds the column first.
      if (criteria.refs.some((r) => resolve(r) === null)) return null;
      return {
        type: 'CUSTOM_FORMULA',
        values: [value(criteria.formula(letter, 2, (r) => resolve(r) as string, sameRow))],
      };
    }
  }
}
