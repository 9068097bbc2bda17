/**
 * ABC tiering's shell: the sidebar, preview and apply, tier colours, the monthly schedule and the
 * follow-up cadence on edit.
 */
export { followUpOnEdit } from './cadence';
export { menuTierSchedule, scheduledRetiering } from './schedule';
export { applyTiers, menuTiering, previewTiers, tierSidebarData } from './tiering';
export type {
  TierApplyResult,
  TierPreviewData,
  TierPreviewResponse,
  TierSidebarData,
  TierUiMessages,
} from './tiering';
