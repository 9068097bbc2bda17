/**
 * Every entry point of the add-on, and nothing else: onOpen/onInstall, menu handlers, trigger
 * handlers and google.script.run targets. scripts/build.mjs turns each export into a top-level
 * function of dist/Code.js. Each one resolves the acting user and role before it acts.
 */
import { isLocale, t, UserError } from '../i18n';
import { recordAction } from './audit-log';
import { followUpOnEdit } from './cadence';
import { buildMenu, buildMinimalMenu } from './menu';
import { begin, isInteractive, requireAction, roleNotice, withDocumentLock } from './session';
import { runSetup, SetupResult } from './setup';

// Customer workbook (issue 3): customer form, CSV import/export, duplicates, data-quality audit.
export { customerFormData, menuCustomerForm, saveCustomer } from './customer-form';
export {
  exportCsvFile,
  exportDialogData,
  importCsv,
  importDialogData,
  menuExport,
  menuImport,
} from './import-export';
export { findDuplicates, menuAudit, menuDedupe, mergeDuplicates, runAudit } from './data-quality';

// Roles and protected ranges (issue 4): the reconciler, its hourly trigger, hand-over.
export {
  applyPermissions,
  menuApplyPermissions,
  previewOwnerGrouping,
  reconcileProtectionsTrigger,
} from './permissions';
export { handOverCustomers, menuHandOver } from './hand-over';

// ABC tiering (issue 5): sidebar, preview, apply, the monthly re-tiering switch and trigger.
export { applyTiers, menuTiering, previewTiers, tierSidebarData } from './tiering';
export { menuTierSchedule, scheduledRetiering } from './tier-schedule';

// Reminders (issue 6): the daily trigger and its catch-up, the switch, the preview, row actions.
export {
  menuPreviewReminders,
  menuToggleReminders,
  previewReminders,
  runDailyReminders,
  runReminderCatchUp,
  setDailyReminders,
} from './reminders';
export { menuMarkContacted, menuSnooze1, menuSnooze3, menuSnooze7, menuSnooze14 } from './reminder-actions';

// Reports (issue 7): dashboard, own figures, edit audit trigger, backups.
export {
  dashboardDailyRefresh,
  menuMyFigures,
  menuRefreshDashboard,
  menuToggleDashboardRefresh,
  myFigures,
  runReport,
} from './dashboard';
export { onEditAudit } from './audit-trail';
export { backupScheduled, listBackups, menuApplyBackupSchedule, menuBackupNow } from './backup';

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
    throw new UserError(ex.t('error.badLocale', { locale }));
  const chosen = isLocale(locale) ? locale : ex.locale;
  const result = withDocumentLock(ex, () => {
    const done = runSetup(ex, chosen);
    recordAction(ex, {
      action: 'setup',
      details: { created: done.created.length, checked: done.checked.length },
    });
    return done;
  });
  if (isInteractive()) {
    SpreadsheetApp.getUi().alert(
      t(chosen, 'setup.done', { created: result.created.length, repaired: result.checked.length }),
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
 * edit is none of its business. ABC tiering (issue 5): follow-up cadence after a contact.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  followUpOnEdit(e);
}
