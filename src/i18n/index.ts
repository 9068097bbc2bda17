/**
 * Message catalogs. Every user-facing string lives here in en and zh-CN; each feature owns one
 * catalog file under ./catalog so features can grow without touching each other's strings.
 * test/unit/i18n/catalogs.test.ts fails when a key is missing in one locale or used nowhere.
 */
import * as foundation from './catalog/foundation';
import * as workbook from './catalog/workbook';
import * as permissions from './catalog/permissions';
import * as reminders from './catalog/reminders';
import * as reports from './catalog/reports';
import * as tiering from './catalog/tiering';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalog = Record<string, string>;

const parts: Array<{ en: Catalog; zhCN: Catalog }> = [
  foundation,
  tiering,
  permissions,
  reports,
  reminders,
  workbook,
];

export const CATALOGS: Record<Locale, Catalog> = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  'zh-CN': Object.assign({}, ...parts.map((p) => p.zhCN)),
};

/**
 * Key families built at run time (`sheet.${key}`, `col.customers.${key}`, ...): the usage test
 * counts a key of these families as used.
 */
export const DYNAMIC_KEY_PREFIXES = ['sheet.', 'col.', 'role.', 'action.', 'setting.'];

/** Maps any locale tag (zh, zh_CN, zh-Hans-CN, en_US, ...) to a supported locale. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const t = String(tag ?? '')
    .toLowerCase()
    .replace('_', '-');
  return t.startsWith('zh') ? 'zh-CN' : 'en';
}

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'zh-CN';
}

/** Translates a key; `{name}` placeholders take params. A missing key shows itself, never blank. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A translator bound to one locale. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** An error whose message is already localized: the shell shows it as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
