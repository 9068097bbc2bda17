/**
 * The start of every server function: who is acting, in which role and locale, with the
 * workbook's settings. Reads the settings and roles sheets once per execution.
 */
import { Action, ActingUser, can, parseRoles, resolveRole, RoleEntry } from '../../core/roles';
import { SettingsMap, SHEETS, withDefaults, SheetKey } from '../../core/schema';
import { isLocale, Locale, resolveLocale, tDynamic, translator, Translate, UserError } from '../../i18n';
import { knowEffectiveUser, Layout, Table, Workbook } from '../document';
import { IdentityOptions, IdentitySource, resolveIdentity } from './identity';

export interface Execution {
  wb: Workbook;
  locale: Locale;
  t: Translate;
  user: ActingUser;
  roles: RoleEntry[];
  settings: SettingsMap;
  owner: string;
  timeZone: string;
  /** where the acting address came from ('unknown': Apps Script hid it, see ./identity) */
  identity: IdentitySource;
}

export function readSettings(wb: Workbook): SettingsMap {
  const table = wb.read('settings');
  const fromSheet: SettingsMap = {};
  for (const r of table?.rows ?? []) {
    const key = String(r.values.key ?? '').trim();
    if (key) fromSheet[key] = String(r.values.value ?? '');
  }
  return withDefaults(fromSheet);
}

export function ownerOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const owner = ss.getOwner();
  return owner ? owner.getEmail() : '';
}

/** The locale of messages: the workbook's setting once set up, else the user's or sheet's locale. */
function localeOf(wb: Workbook, settingsLocale: string | undefined): Locale {
  if (settingsLocale && isLocale(settingsLocale)) return settingsLocale;
  return resolveLocale(Session.getActiveUserLocale() || wb.ss.getSpreadsheetLocale());
}

/**
 * The execution of an entry point. `options.as = 'installer'` for time-driven and installable jobs:
 * they act as the account they run as, whose role is checked like anyone's.
 */
export function begin(wb: Workbook = new Workbook(), options: IdentityOptions = {}): Execution {
  const settingsSheetExists = wb.sheet('settings') !== null;
  const settings = settingsSheetExists ? readSettings(wb) : withDefaults({});
  const locale = localeOf(wb, settingsSheetExists ? settings.locale : undefined);
  const roles = parseRoles(wb.read('roles')?.rows ?? []);
  const owner = ownerOf(wb.ss);
  const identity = resolveIdentity(options);
  if (identity.source === 'active' || identity.source === 'effective') knowEffectiveUser(identity.email);
  const user = resolveRole(identity.email, owner, roles);
  let timeZone: string | undefined;
  return {
    wb,
    locale,
    t: translator(locale),
    user,
    roles,
    settings,
    owner,
    // fetched when first used: most actions never format a date in the spreadsheet's zone
    get timeZone() {
      return (timeZone ??= wb.ss.getSpreadsheetTimeZone());
    },
    identity: identity.source,
  };
}

/** A time-driven or installable job: acts as its installer (the effective user). */
export function beginAsInstaller(wb: Workbook = new Workbook()): Execution {
  return begin(wb, { as: 'installer' });
}

/** Why a user is a viewer, in their words; '' when the role comes from the roles sheet. */
export function roleNotice(ex: Execution): string {
  switch (ex.user.reason) {
    case 'blank':
      return ex.t('error.unknownUser');
    case 'notListed':
      return ex.t('error.notInRoles', { email: ex.user.email });
    case 'inactive':
      return ex.t('error.inactiveUser', { email: ex.user.email });
    default:
      return '';
  }
}

/** Refuses, with a localized message, when the acting role may not do the action. */
export function requireAction(ex: Execution, action: Action): void {
  if (can(ex.user.role, action)) return;
  throw new UserError(ex.locale, 'error.notAllowed', {
    role: ex.t(`role.${ex.user.role}`),
    action: ex.t(`action.${action}`),
  }).withDetail(roleNotice(ex));
}

/**
 * A sheet the action needs, with the columns it reads: refuses with "not set up" when the sheet is
 * missing, and names the missing columns when a header (or the whole header row) is gone, so an
 * action never reports success over a sheet it could not read. `columns` defaults to the sheet's
 * required columns.
 */
export function requireTable(ex: Execution, key: SheetKey, columns?: readonly string[]): Table {
  const table = ex.wb.read(key);
  if (!table) throw new UserError(ex.locale, 'error.notSetUp');
  requireColumns(ex, table, columns);
  return table;
}

/**
 * Like requireTable from the sheet's header alone: for an action that then reads only some columns
 * (Workbook.readColumns), so the check does not read every cell of a large sheet.
 */
export function requireLayout(ex: Execution, key: SheetKey, columns?: readonly string[]): Layout {
  const layout = ex.wb.layout(key);
  if (!layout) throw new UserError(ex.locale, 'error.notSetUp');
  requireColumns(ex, layout, columns);
  return layout;
}

function requireColumns(ex: Execution, layout: Layout, columns?: readonly string[]): void {
  const key = layout.key;
  const wanted = columns ?? SHEETS[key].columns.filter((c) => c.required).map((c) => c.key);
  const missing = wanted.filter((c) => layout.header.byKey[c] === undefined);
  if (missing.length)
    throw new UserError(ex.locale, 'error.missingColumns', {
      sheet: ex.t(`sheet.${key}`),
      columns: missing.map((c) => columnLabel(ex, key, c)).join(', '),
    });
}

function columnLabel(ex: Execution, sheet: SheetKey, column: string): string {
  return tDynamic(ex.locale, `col.${sheet}.${column}`);
}

/** Ui calls fail in time-driven triggers; handlers that may run there ask first. */
export function isInteractive(): boolean {
  return interactiveUi() !== null;
}

/** The spreadsheet's UI where a person is looking at it (one call), else null (a trigger). */
export function interactiveUi(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}
