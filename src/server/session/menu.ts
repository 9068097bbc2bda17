/** Builds the localized menu for the acting user's role when the spreadsheet opens. */
import { menuFor } from '../../core/roles';
import { MessageKey, t } from '../../i18n';
import { Execution } from './session';

/**
 * The role's menu; when Apps Script hides who opened the sheet (a simple onOpen on a gmail.com
 * account) and no temporary key maps to an address yet, every item: each handler checks the role
 * itself, and a rep must not be left with only "About".
 */
export function buildMenu(ex: Execution): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createMenu(ex.t('menu.title'));
  const role = ex.identity === 'unknown' ? 'admin' : ex.user.role;
  for (const entry of menuFor(role)) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(ex.t(entry.labelKey), entry.functionName);
  }
  menu.addToUi();
}

/** Before the add-on is authorized (AuthMode.NONE) it may not read the sheet: a minimal menu. */
export function buildMinimalMenu(): void {
  // The locale is unknown until the sheet may be read: both languages.
  const both = (key: Extract<MessageKey, `menu.${string}`>) => `${t('en', key)} / ${t('zh-CN', key)}`;
  SpreadsheetApp.getUi()
    .createMenu(both('menu.title'))
    .addItem(both('menu.setup'), 'menuSetup')
    .addItem(both('menu.about'), 'menuAbout')
    .addToUi();
}
