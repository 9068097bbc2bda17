/**
 * ABC tiering's shell: the sidebar, preview and apply (and its continuation trigger), tier colours,
 * the monthly schedule and the follow-up cadence on edit.
 */
export { followUpOnEdit } from './cadence';
export { menuTierSchedule, scheduledRetiering } from './schedule';
export { applyTiers, continueTierApply, menuTiering, previewTiers, tierSidebarData } from './tiering';
export type {
  TierApplyResult,
  TierPreviewData,
  TierPreviewResponse,
  TierSidebarData,
  TierUiMessages,
} from './tiering';
