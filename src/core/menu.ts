/**
 * The "Sheets CRM / 客户管理" menu: which items exist and which role sees each. Hiding an item is
 * a courtesy, not security: every handler checks the role again (src/server/session.ts).
 */
import { Action, can } from './roles';
import { Role } from './schema';

export interface MenuItemDef {
  /** i18n key of the caption */
  labelKey: string;
  /** the global function the item runs */
  functionName: string;
  /** shown only to roles that may do this; always shown when absent */
  action?: Action;
}

export type MenuEntry = MenuItemDef | 'separator';

export const MENU: MenuEntry[] = [
  { labelKey: 'menu.setup', functionName: 'menuSetup', action: 'setup' },
  'separator',
  { labelKey: 'menu.about', functionName: 'menuAbout' },
];

/** The menu a role sees: hidden items removed, no leading, trailing or doubled separators. */
export function menuFor(role: Role, menu: MenuEntry[] = MENU): MenuEntry[] {
  const visible = menu.filter((e) => e === 'separator' || !e.action || can(role, e.action));
  const out: MenuEntry[] = [];
  for (const e of visible) {
    if (e === 'separator' && (out.length === 0 || out[out.length - 1] === 'separator')) continue;
    out.push(e);
  }
  while (out[out.length - 1] === 'separator') out.pop();
  return out;
}
