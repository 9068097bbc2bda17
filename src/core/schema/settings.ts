/**
 * The settings sheet: one row per key. Every key the add-on reads is declared here with its
 * default and kind, so setup can write documented defaults and every feature parses them the same
 * way. Dropdown lists (list.*) live here too, so an admin extends a dropdown by editing one cell.
 */

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

  s('list.region', 'list', 'North, South, East, West, Central, Overseas'),
  s(
    'list.industry',
    'list',
    'Manufacturing, Retail, Finance, Technology, Healthcare, Education, Logistics, Other',
  ),
  s('list.type', 'list', 'Prospect, Customer, Partner, Distributor'),
  s('list.status', 'list', 'Active, Inactive, Archived'),
  s('list.tier', 'list', 'A, B, C'),
  s('list.channel', 'list', 'Phone, Email, Visit, WeChat, Meeting, Other'),
  s('list.feedbackCategory', 'list', 'Product, Service, Delivery, Price, Other'),
  s('list.role', 'list', 'admin, manager, accountManager, assistant, viewer'),
  // Opportunity stages, in this order: lead, qualified, proposal, negotiation, won, lost (core/sales
  // maps each label to its stage by position, so an admin may rename a label, not reorder).
  s('list.stage', 'list', 'Lead, Qualified, Proposal, Negotiation, Won, Lost'),

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

/** The defaults, overlaid with the sheet's values (blank values fall back to the default). */
export function withDefaults(fromSheet: SettingsMap): SettingsMap {
  const out: SettingsMap = {};
  for (const d of SETTING_DEFS) out[d.key] = d.default;
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
