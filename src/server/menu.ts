/** Builds the localized menu for the acting user's role when the spreadsheet opens. */
import { menuFor } from '../core/menu';
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
  const ui = SpreadsheetApp.getUi();
  ui.createMenu('Sheets CRM / 客户管理')
    .addItem('Set up / 初始化', 'menuSetup')
    .addItem('About / 关于', 'menuAbout')
    .addToUi();
}
