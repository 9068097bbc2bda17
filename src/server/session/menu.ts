/** Builds the localized menu for the acting user's role when the spreadsheet opens. */
import { menuFor } from '../../core/roles';
import { MessageKey, t } from '../../i18n';
import { Execution } from './session';

export function buildMenu(ex: Execution): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createMenu(ex.t('menu.title'));
  for (const entry of menuFor(ex.user.role)) {
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
