/**
 * Setup and its re-runs: creates the add-on's sheets with localized headers, key notes, formats and
 * a frozen header row; adds what is missing to an existing workbook and never deletes, moves or
 * rewrites a user's row or column. Safe to run any number of times.
 */
import { listLabel, SETTING_DEFS, SHEET_KEYS, SheetKey, settingDefault } from '../../core/schema';
import { normalizeEmail } from '../../core/roles';
import { isLocale, Locale } from '../../i18n';
import { LocaleSwitch, switchLocale } from './locale-switch';
import { Execution, readSettings } from '../session';
import { SETUP_STEPS } from './setup-steps';
import { setUpSheets } from './setup-sheets';
import { flushRequests, Workbook } from '../document';

export interface SetupResult {
  created: SheetKey[];
  checked: SheetKey[];
  columnsAdded: Record<string, string[]>;
  /** sheets whose header row was gone (deleted by a user): a new one was inserted above the data */
  headersRestored: SheetKey[];
  /** set when setup ran in another language than the workbook's: list values relabelled */
  localeSwitch?: LocaleSwitch;
}

export function runSetup(ex: Execution, locale: Locale): SetupResult {
  const { wb } = ex;
  const previous = wb.sheet('settings') ? readSettingsRaw(wb).locale : undefined;
  const result: SetupResult = setUpSheets(wb, locale);
  removeDefaultSheet(wb, result);
  if (previous !== undefined && isLocale(previous.trim()) && previous.trim() !== locale)
    result.localeSwitch = switchLocale(ex, previous.trim() as Locale, locale);
  seedSettings(wb, locale);
  // The steps below (dropdowns) read the settings just seeded, in the workbook's language.
  ex.settings = readSettings(wb);
  seedOwner(wb, ex.owner, locale);
  for (const step of SETUP_STEPS) step(ex, locale);
  flushRequests(wb.id());
  return result;
}

/** A new spreadsheet's empty "Sheet1" goes once the add-on's sheets exist; a used one stays. */
function removeDefaultSheet(wb: Workbook, result: SetupResult): void {
  if (result.created.length !== SHEET_KEYS.length) return;
  for (const sheet of wb.ss.getSheets()) {
    if (
      /^(Sheet1|工作表1)$/.test(sheet.getName()) &&
      sheet.getLastRow() === 0 &&
      sheet.getLastColumn() === 0
    ) {
      wb.ss.deleteSheet(sheet);
    }
  }
}

/** Appends the settings the sheet lacks, with their defaults; an admin's values are never touched. */
function seedSettings(wb: Workbook, locale: Locale): void {
  const present = new Set(Object.keys(readSettingsRaw(wb)));
  const rows = SETTING_DEFS.filter((d) => !present.has(d.key)).map((d) => [
    d.key,
    settingDefault(d.key, locale),
  ]);
  wb.append(
    'settings',
    rows.map(([k, v]) => ({ key: k, value: v })),
  );
}

function readSettingsRaw(wb: Workbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of wb.read('settings')?.rows ?? []) out[String(r.values.key)] = String(r.values.value);
  return out;
}

/** The owner is always an admin; the roles sheet says so from the start. */
function seedOwner(wb: Workbook, owner: string, locale: Locale): void {
  if (!owner) return;
  const roles = wb.read('roles')?.rows ?? [];
  if (roles.some((r) => normalizeEmail(r.values.email) === normalizeEmail(owner))) return;
  const role = listLabel('role', 'admin', locale);
  wb.append('roles', [{ email: owner, name: '', role, team: '', managerEmail: '', active: true }]);
}
