/** The reminder settings, parsed once per run with the documented defaults as fallbacks. */
import { CadenceDays, cadenceFromSettings } from '../tiering';
import { staleDaysSetting } from '../sales';
import { isValidTimeZone } from '../shared';
import { listSetting, SETTING_DEFS, SettingsMap, withDefaults } from '../schema';
import { Locale, resolveLocale } from '../../i18n';

export interface ReminderConfig {
  /** the zone of the date cells and of "today" */
  timeZone: string;
  /** the default recipient locale */
  locale: Locale;
  /** follow-ups due within this many days are "upcoming" */
  leadDays: number;
  /** birthdays are listed from this many days before through the day */
  birthdayDays: number;
  /** contract expiries are listed exactly this many days before contractEnd (0 = on the day) */
  contractDays: number[];
  /** follow-up cadence in days per tier (core/tiering/cadence.ts owns the rule) */
  cadence: CadenceDays;
  /** open opportunities whose expected close is within this many days are listed daily */
  closingDays: number;
  /** open opportunities in one stage this many days are listed then, and every this many days after (0 = off) */
  stuckDays: number;
  /** customers not updated for more than this many days (the monthly review's definition) */
  staleDays: number;
}

function defaultOf(key: string): string {
  return SETTING_DEFS.find((d) => d.key === key)?.default ?? '';
}

function nonNegativeInt(text: string): number | null {
  const n = Number(String(text).trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** A non-negative integer setting; a typo falls back to the default rather than stopping reminders. */
function intSetting(settings: SettingsMap, key: string): number {
  return nonNegativeInt(settings[key] ?? '') ?? Number(defaultOf(key));
}

function contractDays(settings: SettingsMap): number[] {
  const parse = (s: SettingsMap) =>
    listSetting(s, 'reminder.contractDays')
      .map(nonNegativeInt)
      .filter((n): n is number => n !== null);
  const days = parse(settings);
  const list = days.length ? days : parse({ 'reminder.contractDays': defaultOf('reminder.contractDays') });
  return [...new Set(list)].sort((a, b) => b - a);
}

/**
 * `timeZone` should be the spreadsheet's own zone (the zone Sheets uses for date cells); the
 * settings' timeZone is the fallback, then its default.
 */
export function reminderConfig(settingsFromSheet: SettingsMap, timeZone?: string): ReminderConfig {
  const settings = withDefaults(settingsFromSheet);
  const zone = [timeZone, settings.timeZone, defaultOf('timeZone')].find(
    (z): z is string => !!z && isValidTimeZone(z),
  );
  return {
    timeZone: zone ?? 'UTC',
    locale: resolveLocale(settings.locale),
    leadDays: intSetting(settings, 'reminder.leadDays'),
    birthdayDays: intSetting(settings, 'reminder.birthdayDays'),
    contractDays: contractDays(settings),
    cadence: cadenceFromSettings(settings),
    closingDays: intSetting(settings, 'sales.closingDays'),
    stuckDays: intSetting(settings, 'sales.stuckDays'),
    staleDays: staleDaysSetting(settings),
  };
}
