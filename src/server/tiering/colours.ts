/**
 * A/B/C colours on the customers' tier column as conditional format rules (they follow the value,
 * unlike per-cell backgrounds, and survive sorting). The add-on's rules are recognised by their
 * shape (text equal to A, B or C with this palette's background), so only they are replaced and a
 * user's own rules keep their place, in front of ours (the first matching rule wins in Sheets).
 */
import { columnLetter } from '../../core/shared';
import { Tier, TIERS } from '../../core/tiering';
import { Layout } from '../document';

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export const TIER_PALETTE: Record<Tier, { background: string; fontColor: string }> = {
  A: { background: '#ceead6', fontColor: '#0d652d' },
  B: { background: '#feefc3', fontColor: '#7a4f01' },
  C: { background: '#e8eaed', fontColor: '#3c4043' },
};

/** The tier this rule colours when it is one of the add-on's, else null. */
function ourTier(rule: Rule): Tier | null {
  const condition = rule.getBooleanCondition();
  if (!condition || String(condition.getCriteriaType()) !== 'TEXT_EQUAL_TO') return null;
  const tier = String(condition.getCriteriaValues()[0] ?? '').toUpperCase();
  if (!(TIERS as readonly string[]).includes(tier)) return null;
  const background = String(condition.getBackground() ?? '').toLowerCase();
  return background === TIER_PALETTE[tier as Tier].background ? (tier as Tier) : null;
}

/** Makes the sheet carry exactly our three rules on the tier column; returns whether it wrote. */
export function ensureTierColours(customers: Layout): boolean {
  const column = customers.header.byKey.tier;
  if (column === undefined) return false;
  const letter = columnLetter(column + 1);
  const a1 = `${letter}2:${letter}`;
  const sheet = customers.sheet;
  const rules = sheet.getConditionalFormatRules();
  const ours: Array<{ rule: Rule; tier: Tier }> = [];
  const others: Rule[] = [];
  for (const rule of rules) {
    const tier = ourTier(rule);
    if (tier) ours.push({ rule, tier });
    else others.push(rule);
  }
  const upToDate =
    ours.length === TIERS.length &&
    ours.every(({ rule, tier }, i) => {
      const ranges = rule.getRanges();
      return tier === TIERS[i] && ranges.length === 1 && ranges[0].getA1Notation() === a1;
    });
  if (upToDate) return false;
  const range = sheet.getRange(a1);
  const mine = TIERS.map((tier) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo(tier)
      .setBackground(TIER_PALETTE[tier].background)
      .setFontColor(TIER_PALETTE[tier].fontColor)
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...others, ...mine]);
  return true;
}
