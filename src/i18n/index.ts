/**
 * Message catalogs. Every user-facing string lives here in en and zh-CN; each feature owns one
 * catalog file under ./catalog so features can grow without touching each other's strings.
 *
 * Keys are a type: `t(locale, key, params)` compiles only for a key of the English catalog, and only
 * with a value for each `{placeholder}` its text names. test/unit/i18n/catalogs.test.ts checks the
 * translations' placeholders and that every key is used.
 */
import * as foundation from './catalog/foundation';
import * as workbook from './catalog/workbook';
import * as permissions from './catalog/permissions';
import * as reminders from './catalog/reminders';
import * as reports from './catalog/reports';
import * as tiering from './catalog/tiering';
import * as local from './catalog/local';
import * as sidebar from './catalog/sidebar';
import * as sales from './catalog/sales';
import { fillPlaceholders } from './format';

export {
  fillPlaceholders,
  formatMessage,
  pluralForm,
  displayWidth,
  fitColumns,
  padStartColumns,
} from './format';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

type English = typeof foundation.en &
  typeof workbook.en &
  typeof permissions.en &
  typeof reminders.en &
  typeof reports.en &
  typeof tiering.en &
  typeof local.en &
  typeof sidebar.en &
  typeof sales.en;

/** Every message key of the catalogs. */
export type MessageKey = keyof English & string;

/** The `{name}` placeholders (and `{name|one|other}` plural choices) of a message text, as names. */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `${infer N}|${string}` ? N : Name) | Placeholders<Rest>
  : never;

/** The values a key's text needs: one per placeholder. */
export type MessageParams<K extends MessageKey> = { [P in Placeholders<English[K]>]: string | number };

/** The parameters argument of `t` for a key: required when its text has placeholders. */
export type ParamsArg<K extends MessageKey> = [Placeholders<English[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

const parts = [foundation, tiering, permissions, reports, reminders, workbook, local, sidebar, sales];

export const CATALOGS: Record<Locale, Readonly<Record<string, string>>> = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  'zh-CN': Object.assign({}, ...parts.map((p) => p.zhCN)),
};

/**
 * Key families built at run time from a key known only as text (a column key of a user's sheet, a
 * setting's name): the usage test counts a key of these families as used.
 */
export const DYNAMIC_KEY_PREFIXES = ['sheet.', 'col.', 'role.', 'action.', 'setting.'];

/** Maps any locale tag (zh, zh_CN, zh-Hans-CN, en_US, ...) to a supported locale. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const text = String(tag ?? '')
    .toLowerCase()
    .replace('_', '-');
  return text.startsWith('zh') ? 'zh-CN' : 'en';
}

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'zh-CN';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGS.en, key);
}

function lookup(locale: Locale, key: string, params?: Readonly<Record<string, string | number>>): string {
  return fillPlaceholders(CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key, params);
}

/** Translates a key with the values its placeholders need. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return lookup(locale, key, params[0]);
}

/**
 * Translates a key known only at run time (a family such as `col.<sheet>.<column>`); a key that
 * is not in the catalogs shows itself, never a blank.
 */
export function tDynamic(
  locale: Locale,
  key: string,
  params?: Readonly<Record<string, string | number>>,
): string {
  return lookup(locale, key, params);
}

/** A message to show later, in whatever locale the reader has: a key and its checked parameters. */
export interface Message {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export function message<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Message {
  return { key, params: params[0] ?? {} };
}

export function localize(locale: Locale, m: Message): string {
  return lookup(locale, m.key, m.params);
}

/** A translator bound to one locale. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => string;

export function translator(locale: Locale): Translate {
  return (key, ...params) => lookup(locale, key, params[0]);
}

/** The texts of some keys in one locale, for a dialog that formats them in the browser. */
export function messagesFor<K extends MessageKey>(locale: Locale, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) out[key] = lookup(locale, key);
  return out;
}

/** Every message of a family (`tier.ui.` ...) in one locale, for a page that formats them itself. */
export function messagesWithPrefix<P extends string>(
  locale: Locale,
  prefix: P,
): Record<Extract<MessageKey, `${P}${string}`>, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(CATALOGS.en)) if (key.startsWith(prefix)) out[key] = lookup(locale, key);
  return out as Record<Extract<MessageKey, `${P}${string}`>, string>;
}

/**
 * An error whose message is already localized: the shell shows it as it is. It keeps its key and
 * parameters, so callers and tests can tell errors apart without reading their wording; `detail`
 * adds lines (another message, a list of rows) below the first.
 */
export class UserError<K extends MessageKey = MessageKey> extends Error {
  readonly key: K;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(locale: Locale, key: K, ...params: ParamsArg<K>) {
    super(lookup(locale, key, params[0]));
    this.name = 'UserError';
    this.key = key;
    this.params = params[0] ?? {};
  }

  /** An error from a message built earlier (its parameters were checked where it was built). */
  static of(locale: Locale, m: Message): UserError {
    const Unchecked = UserError as unknown as new (
      l: Locale,
      k: MessageKey,
      p: Message['params'],
    ) => UserError;
    return new Unchecked(locale, m.key, m.params);
  }

  /** The same error with more lines under its message. */
  withDetail(...lines: string[]): this {
    const detail = lines.filter((l) => l !== '');
    if (detail.length) this.message = [this.message, ...detail].join('\n');
    return this;
  }
}
