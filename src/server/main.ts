/**
 * Every entry point of the add-on, and nothing else: onOpen/onInstall, menu handlers, trigger
 * handlers and google.script.run targets. scripts/build.mjs turns each export into a top-level
 * function of dist/Code.js. Each one resolves the acting user and role before it acts.
 * docs/ARCHITECTURE.md, "How a call flows", follows a call from here to the sheet.
 */
import { isLocale, t, UserError } from '../i18n';
import { recordAction } from './audit';
import { followUpOnEdit } from './tiering';
import { buildMenu, buildMinimalMenu, begin, interactiveUi, requireAction, roleNotice } from './session';
import { withDocumentLock } from './document';
import { runSetup, SetupResult } from './workbook';

// Customer workbook: customer form, CSV import/export, duplicates, data-quality audit.
export { customerFormData, menuCustomerForm, saveCustomer } from './workbook';
export {
  exportCsvFile,
  exportXlsxFile,
  exportDialogData,
  importCsv,
  importDialogData,
  menuExport,
  menuImport,
} from './workbook';
export {
  continueDataQuality,
  findDuplicates,
  menuDataQuality,
  menuDedupe,
  mergeDuplicates,
  runDataQuality,
} from './workbook';
export { menuToggleDataReview, monthlyDataReview } from './workbook';

// Customer sidebar: a customer's history, follow-ups, purchases and feedback.
export {
  customerSidebarData,
  logFollowUp,
  menuCustomerSidebar,
  recordFeedback,
  recordPurchase,
  searchCustomers,
} from './sidebar';

// Roles and protected ranges: the reconciler, its hourly trigger, hand-over.
export {
  applyPermissions,
  menuApplyPermissions,
  previewOwnerGrouping,
  reconcileProtectionsTrigger,
} from './permissions';
export { handOverCustomers, menuHandOver } from './permissions';

// ABC tiering: sidebar, preview, apply (a large one continues by trigger), the monthly re-tiering
// switch and trigger.
export { applyTiers, continueTierApply, menuTiering, previewTiers, tierSidebarData } from './tiering';
export { menuTierSchedule, scheduledRetiering } from './tiering';

// Reminders: the daily trigger and its catch-up, the switch, the preview, row actions.
export {
  menuPreviewReminders,
  menuToggleReminders,
  previewReminders,
  runDailyReminders,
  runReminderCatchUp,
  setDailyReminders,
} from './reminders';
export { menuMarkContacted, menuSnooze1, menuSnooze3, menuSnooze7, menuSnooze14 } from './reminders';

// Reports: dashboard, own figures, edit audit trigger, backups.
export {
  dashboardDailyRefresh,
  menuMyFigures,
  menuRefreshDashboard,
  menuToggleDashboardRefresh,
  myFigures,
  runReport,
} from './reports';
export { onEditAudit } from './audit';
export { backupScheduled, listBackups, menuApplyBackupSchedule, menuBackupNow } from './reports';

// Sales: opportunities, per-customer value (nightly job), per-rep performance.
export { addOpportunity, listOpportunities, moveOpportunity } from './sales';
export {
  continueCustomerValues,
  nightlyCustomerValues,
  recomputeCustomerValuesNow,
  salesPerformance,
} from './sales';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  if (e && e.authMode === ScriptApp.AuthMode.NONE) return buildMinimalMenu();
  buildMenu(begin());
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/**
 * Menu "Set up workbook" (admins). `locale` ('en' or 'zh-CN') is passed by `crm init --locale`;
 * from the menu the workbook's or the user's locale is used.
 */
export function menuSetup(locale?: unknown): SetupResult {
  const ex = begin();
  requireAction(ex, 'setup');
  if (typeof locale === 'string' && !isLocale(locale))
    throw new UserError(ex.locale, 'error.badLocale', { locale });
  const chosen = isLocale(locale) ? locale : ex.locale;
  const result = withDocumentLock(ex, () => {
    const done = runSetup(ex, chosen);
    recordAction(ex, {
      action: 'setup',
      details: { created: done.created.length, checked: done.checked.length },
    });
    return done;
  });
  const ui = interactiveUi();
  if (ui) {
    const done = t(chosen, 'setup.done', { created: result.created.length, repaired: result.checked.length });
    const change = result.localeSwitch;
    const examples = (change?.unknown ?? [])
      .slice(0, 10)
      .map((u) => `${t(chosen, `sheet.${u.sheetKey}`)}${u.row ? ' ' + u.row : ''}: ${u.value}`)
      .join('; ');
    ui.alert(
      change
        ? `${done}\n\n${t(chosen, 'setup.localeSwitched', { changed: change.changed, unknown: change.unknown.length, examples: examples || '-' })}`
        : done,
    );
  }
  return result;
}

export function menuAbout(): void {
  const ex = begin();
  const text = ex.t('about.text', { email: ex.user.email || '?', role: ex.t(`role.${ex.user.role}`) });
  const notice = roleNotice(ex);
  SpreadsheetApp.getUi().alert(notice ? `${text}\n\n${notice}` : text);
}

/**
 * Simple edit trigger: runs as the editor on every edit, so each handler returns at once when the
 * edit is none of its business. ABC tiering: follow-up cadence after a contact.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  followUpOnEdit(e);
}
