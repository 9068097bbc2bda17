/**
 * setDataValidation: "Sets a data validation rule to every cell in the range. To clear validation
 * in a range, call this with no rule specified." (Sheets API reference). The rule lands in the same
 * layer SpreadsheetApp's Range.setDataValidation writes, so a person's edit is checked against it
 * (SpreadsheetStore.userEdit) and getDataValidation reads it back. `strict` false is "allow
 * invalid" (a warning); `inputMessage` is the help text.
 */
import type { Env } from '../../spreadsheet/env';
import type { SheetModel, ValidationRule } from '../../spreadsheet/model';
import { canEditRect, PROTECTED_MESSAGE } from '../../spreadsheet/rights';
import type { Rect } from '../../spreadsheet/rect';
import { bounded } from '../../spreadsheet/rect';
import { conditionFromModel, conditionToModel } from './conditions';
import { compact, reject, toRect } from './shared';

export function assertEditable(env: Env, sheet: SheetModel, rect: Rect): void {
  const b = bounded(rect, sheet.maxRows, sheet.maxColumns);
  if (b.rows > 0 && b.cols > 0 && !canEditRect(env.wb, sheet, b, env.ctx.identity.effective, env.ctx.owner))
    reject(PROTECTED_MESSAGE);
}

export function setDataValidation(env: Env, req: GoogleAppsScript.Sheets.Schema.SetDataValidationRequest) {
  const { sheet, rect } = toRect(env, req.range);
  assertEditable(env, sheet, rect);
  sheet.validations.set(rect, req.rule ? ruleFromApi(env, req.rule) : undefined);
  return {};
}

/** A DataValidationRule as the model's rule (setDataValidation, updateCells' dataValidation). */
export function ruleFromApi(env: Env, r: GoogleAppsScript.Sheets.Schema.DataValidationRule): ValidationRule {
  const { criteria, values } = conditionToModel(env, r.condition, 'validation', !!r.showCustomUi);
  return { criteria, values, allowInvalid: !r.strict, helpText: r.inputMessage || null };
}

/** A stored rule as the API's DataValidationRule (GridData's cell dataValidation). */
export function validationView(
  env: Env,
  rule: ValidationRule,
): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  const showCustomUi =
    (rule.criteria === 'VALUE_IN_LIST' || rule.criteria === 'VALUE_IN_RANGE') && rule.values[1] !== false;
  return compact({
    condition: conditionFromModel(env, rule.criteria, rule.values, 'validation'),
    inputMessage: rule.helpText ?? undefined,
    strict: !rule.allowInvalid,
    showCustomUi,
  });
}
