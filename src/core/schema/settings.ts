/**
 * The settings sheet: one row per key. Every key the add-on reads is declared here with its
 * default and kind, so setup can write documented defaults and every feature parses them the same
 * way. Dropdown lists (list.*) live here too, so an admin extends a dropdown by editing one cell.
 */
import { isLocale, Locale } from '../../i18n';
import { listLabels, listOfSetting } from './lists';

export type SettingKind =
  'text' | 'integer' | 'number' | 'list' | 'boolean' | 'timeZone' | 'locale' | 'email';

export interface SettingDef {
  key: string;
  kind: SettingKind;
  /** the default as stored in the settings sheet */
  default: string;
}

const s = (key: string, kind: SettingKind, def: string): SettingDef => ({ key, kind, default: def });

export const SETTING_DEFS: SettingDef[] = [
  s('locale', 'locale', 'en'),
  s('timeZone', 'timeZone', 'Asia/Shanghai'),
  s('currency', 'text', '¥'),

  // Lists: the defaults here are the English labels; settingDefault gives the workbook's locale's.
  s('list.region', 'list', listLabels('region', 'en').join(', ')),
  s('list.industry', 'list', listLabels('industry', 'en').join(', ')),
  s('list.type', 'list', listLabels('type', 'en').join(', ')),
  s('list.status', 'list', listLabels('status', 'en').join(', ')),
  s('list.tier', 'list', listLabels('tier', 'en').join(', ')),
  s('list.channel', 'list', listLabels('channel', 'en').join(', ')),
  s('list.outcome', 'list', listLabels('outcome', 'en').join(', ')),
  s('list.feedbackCategory', 'list', listLabels('feedbackCategory', 'en').join(', ')),
  s('list.role', 'list', listLabels('role', 'en').join(', ')),
  s('list.purchaseType', 'list', listLabels('purchaseType', 'en').join(', ')),
  // Opportunity stages, in this order: lead, qualified, proposal, negotiation, won, lost (core/sales
  // maps each label to its stage by position, so an admin may rename a label, not reorder).
  s('list.stage', 'list', listLabels('stage', 'en').join(', ')),

  s('tier.method', 'text', 'cumulative'),
  s('tier.metric', 'text', 'revenue'),
  s('tier.windowMonths', 'integer', '12'),
  s('tier.a', 'number', '0.8'),
  s('tier.b', 'number', '0.95'),
  s('tier.rankA', 'number', '0.2'),
  s('tier.rankB', 'number', '0.3'),
  s('tier.absoluteA', 'number', '100000'),
  s('tier.absoluteB', 'number', '10000'),
  s('tier.groupBy', 'text', ''),
  s('cadence.A', 'integer', '14'),
  s('cadence.B', 'integer', '30'),
  s('cadence.C', 'integer', '90'),

  s('reminder.hour', 'integer', '8'),
  s('reminder.leadDays', 'integer', '3'),
  s('reminder.birthdayDays', 'integer', '3'),
  s('reminder.contractDays', 'list', '30, 7, 1, 0'),

  s('report.atRiskDays', 'integer', '90'),

  // Sales: opportunity reminders in the rep's digest, the stale-customer reminder.
  s('sales.closingDays', 'integer', '7'),
  s('sales.stuckDays', 'integer', '30'),
  s('review.staleDays', 'integer', '180'),

  s('backup.folder', 'text', 'Sheets CRM backups'),
  s('backup.keep', 'integer', '14'),
  s('backup.schedule', 'text', 'off'),
];

export const SETTING_KEYS = SETTING_DEFS.map((d) => d.key);

export type SettingsMap = Record<string, string>;

/** A setting's default in a workbook of that locale: list labels are the locale's. */
export function settingDefault(key: string, locale: Locale): string {
  const list = listOfSetting(key);
  if (list) return listLabels(list, locale).join(', ');
  if (key === 'locale') return locale;
  return SETTING_DEFS.find((d) => d.key === key)?.default ?? '';
}

/**
 * The defaults (in the locale the sheet names, else English), overlaid with the sheet's values
 * (blank values fall back to the default).
 */
export function withDefaults(fromSheet: SettingsMap): SettingsMap {
  const out: SettingsMap = {};
  const named = String(fromSheet.locale ?? '').trim();
  const locale: Locale = isLocale(named) ? named : 'en';
  for (const d of SETTING_DEFS) out[d.key] = settingDefault(d.key, locale);
  for (const [k, v] of Object.entries(fromSheet)) if (String(v).trim() !== '') out[k] = String(v).trim();
  return out;
}

/** A comma-separated list setting (full-width commas accepted) as trimmed, non-empty items. */
export function listSetting(settings: SettingsMap, key: string): string[] {
  return String(settings[key] ?? '')
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

export function numberSetting(settings: SettingsMap, key: string): number {
  return Number(String(settings[key] ?? '').trim());
}
