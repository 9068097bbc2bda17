/**
 * The "Sheets CRM / 客户管理" menu: which items exist and which role sees each. Hiding an item is
 * a courtesy, not security: every handler checks the role again (server/session).
 */
import type { MessageKey } from '../../i18n';
import { Action, can, IMPORT_ANY_ACTIONS } from './roles';
import { Role } from '../schema';

export interface MenuItemDef {
  /** i18n key of the caption */
  labelKey: Extract<MessageKey, `menu.${string}`>;
  /** the global function the item runs */
  functionName: string;
  /** shown only to roles that may do this (any of a list); always shown when absent */
  action?: Action | readonly Action[];
}

export type MenuEntry = MenuItemDef | 'separator';

export const MENU: MenuEntry[] = [
  { labelKey: 'menu.setup', functionName: 'menuSetup', action: 'setup' },
  'separator',
  // Customer workbook
  { labelKey: 'menu.customerForm', functionName: 'menuCustomerForm', action: 'addCustomers' },
  { labelKey: 'menu.customerSidebar', functionName: 'menuCustomerSidebar', action: 'viewCustomers' },
  // account managers import their own opportunities; the dialog lists what the role may import
  { labelKey: 'menu.import', functionName: 'menuImport', action: IMPORT_ANY_ACTIONS },
  { labelKey: 'menu.export', functionName: 'menuExport', action: 'exportData' },
  { labelKey: 'menu.dedupe', functionName: 'menuDedupe', action: 'dedupe' },
  { labelKey: 'menu.dataQuality', functionName: 'menuDataQuality', action: 'dataQuality' },
  { labelKey: 'menu.dataReview', functionName: 'menuToggleDataReview', action: 'manageDataReview' },
  'separator',
  // ABC tiering
  { labelKey: 'menu.tiering', functionName: 'menuTiering', action: 'previewTiers' },
  { labelKey: 'menu.tierSchedule', functionName: 'menuTierSchedule', action: 'applyTiers' },
  'separator',
  // Reminders
  { labelKey: 'menu.remind.preview', functionName: 'menuPreviewReminders', action: 'previewReminders' },
  { labelKey: 'menu.remind.contacted', functionName: 'menuMarkContacted', action: 'actOnReminders' },
  { labelKey: 'menu.remind.snooze1', functionName: 'menuSnooze1', action: 'actOnReminders' },
  { labelKey: 'menu.remind.snooze3', functionName: 'menuSnooze3', action: 'actOnReminders' },
  { labelKey: 'menu.remind.snooze7', functionName: 'menuSnooze7', action: 'actOnReminders' },
  { labelKey: 'menu.remind.snooze14', functionName: 'menuSnooze14', action: 'actOnReminders' },
  { labelKey: 'menu.remind.toggle', functionName: 'menuToggleReminders', action: 'manageReminders' },
  'separator',
  // Roles and protected ranges
  { labelKey: 'menu.applyPermissions', functionName: 'menuApplyPermissions', action: 'applyPermissions' },
  { labelKey: 'menu.handOver', functionName: 'menuHandOver', action: 'handOver' },
  'separator',
  // Reports, backups
  { labelKey: 'menu.refreshDashboard', functionName: 'menuRefreshDashboard', action: 'refreshDashboard' },
  { labelKey: 'menu.myFigures', functionName: 'menuMyFigures', action: 'viewOwnReport' },
  { labelKey: 'menu.dashboardDaily', functionName: 'menuToggleDashboardRefresh', action: 'refreshDashboard' },
  { labelKey: 'menu.backupNow', functionName: 'menuBackupNow', action: 'backup' },
  { labelKey: 'menu.backupSchedule', functionName: 'menuApplyBackupSchedule', action: 'backup' },
  'separator',
  { labelKey: 'menu.about', functionName: 'menuAbout' },
];

/** The menu a role sees: hidden items removed, no leading, trailing or doubled separators. */
export function menuFor(role: Role, menu: MenuEntry[] = MENU): MenuEntry[] {
  const allowed = (action: Action | readonly Action[]) =>
    typeof action === 'string' ? can(role, action) : action.some((a) => can(role, a));
  const visible = menu.filter((e) => e === 'separator' || !e.action || allowed(e.action));
  const out: MenuEntry[] = [];
  for (const e of visible) {
    if (e === 'separator' && (out.length === 0 || out[out.length - 1] === 'separator')) continue;
    out.push(e);
  }
  while (out[out.length - 1] === 'separator') out.pop();
  return out;
}
