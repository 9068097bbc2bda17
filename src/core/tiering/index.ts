/**
 * ABC tiering: customer value, the three tiering methods, the preview and its Pareto chart, and the
 * follow-up cadence that tiers drive.
 */
export {
  DEFAULT_CADENCE,
  cadenceForTier,
  cadenceFromSettings,
  followUpDueDay,
  isOverdue,
  nextFollowUpAfterContact,
  planFollowUp,
} from './cadence';
export type { CadenceDays, ContactChange, FollowUpDays } from './cadence';
export { settingHolds, tierFieldErrors, tierOptionsFromForm } from './form';
export type { TierFieldError, TierFormField, TierFormInput } from './form';
export {
  activeCutoffs,
  parseSettingNumber,
  tierOptionProblems,
  tierOptionsFromJson,
  tierOptionsFromSettings,
  tierOptionsToSettings,
  validateTierOptions,
  withActiveCutoffs,
} from './options';
export type { TierMethod, TierOptions } from './options';
export { TIER_COLOURS, escapeXml, paretoSvg, svgToString } from './pareto-svg';
export type { SvgNode } from './pareto-svg';
export { downsampleRanks, paretoChart } from './pareto';
export { pageOf, tierPreview, tierWarningMessages } from './preview';
export type { Page } from './preview';
export { TIERS, computeTiers } from './tiers';
export type { Tier, TierChange, TierInput, TierResult } from './tiers';
