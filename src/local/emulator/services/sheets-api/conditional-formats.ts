/**
 * addConditionalFormatRule / deleteConditionalFormatRule and the rules `Spreadsheets.get` lists
 * per sheet. Reference (Sheets API): "Adds a new conditional format rule at the given index. All
 * subsequent rules' indexes are incremented."; "Deletes a conditional format rule at the given
 * index. All subsequent rules' indexes are decremented." Rules are the same list SpreadsheetApp's
 * getConditionalFormatRules reads. Gradient rules are not emulated (rejected loudly).
 */
import type { Env } from '../../spreadsheet/env';
import type { CfFormat, CfRule } from '../../spreadsheet/model';
import { conditionFromModel, conditionToModel } from './conditions';
import { colorToHex, compact, hexToColor, reject, sheetOf, toGridRange, toRect } from './shared';

type CF = GoogleAppsScript.Sheets.Schema.ConditionalFormatRule;

function formatOf(f: GoogleAppsScript.Sheets.Schema.CellFormat | undefined): CfFormat {
  const t = f?.textFormat;
  return compact({
    background: colorToHex(f?.backgroundColor),
    fontColor: colorToHex(t?.foregroundColor),
    bold: t?.bold,
    italic: t?.italic,
    underline: t?.underline,
    strikethrough: t?.strikethrough,
  }) as CfFormat;
}

export function addConditionalFormatRule(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.AddConditionalFormatRuleRequest,
) {
  const rule = req.rule;
  if (!rule?.ranges?.length) reject('rule.ranges is required');
  if (rule.gradientRule) reject('Gradient rules are not emulated.');
  if (!rule.booleanRule) reject('rule.booleanRule is required');
  const refs = rule.ranges.map((g) => {
    const { sheet, rect } = toRect(env, g);
    return { sheetId: sheet.id, rect };
  });
  if (refs.some((r) => r.sheetId !== refs[0].sheetId))
    reject('All ranges of a rule must be on the same sheet.');
  const sheet = sheetOf(env, refs[0].sheetId);
  const { criteria, values } = conditionToModel(env, rule.booleanRule.condition, 'conditional');
  const model: CfRule = { ranges: refs, criteria, values, format: formatOf(rule.booleanRule.format) };
  const at = req.index ?? 0;
  if (at < 0 || at > sheet.cfRules.length) reject(`Invalid index: ${at}`);
  sheet.cfRules.splice(at, 0, model);
  return {};
}

export function deleteConditionalFormatRule(
  env: Env,
  req: GoogleAppsScript.Sheets.Schema.DeleteConditionalFormatRuleRequest,
) {
  const sheet = sheetOf(env, req.sheetId);
  const at = req.index ?? 0;
  if (at < 0 || at >= sheet.cfRules.length)
    reject(`No conditional format on sheet: ${sheet.id} at index: ${at}`);
  sheet.cfRules.splice(at, 1);
  return {};
}

export function conditionalFormatView(env: Env, r: CfRule): CF {
  const f = r.format;
  const textFormat = compact({
    foregroundColor: hexToColor(f.fontColor),
    bold: f.bold ?? undefined,
    italic: f.italic ?? undefined,
    underline: f.underline ?? undefined,
    strikethrough: f.strikethrough ?? undefined,
  });
  return {
    ranges: r.ranges.map((x) => toGridRange(x.sheetId, x.rect)),
    booleanRule: {
      condition: conditionFromModel(env, r.criteria, r.values, 'conditional'),
      format: compact({
        backgroundColor: hexToColor(f.background),
        textFormat: Object.keys(textFormat).length ? textFormat : undefined,
      }),
    },
  };
}
