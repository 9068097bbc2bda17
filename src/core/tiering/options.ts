/**
 * ABC tiering options: what the sidebar form, the CLI flags and the settings sheet all describe.
 * One parser (`tierOptionsFromSettings`) serves all three: the shell overlays the form's or the
 * CLI's values on the saved settings as `tier.*` strings and parses the result, so a value means
 * the same thing wherever it was typed. `tierOptionsToSettings` gives the pairs to save back.
 */
import { Locale, localize, message, Message, UserError } from '../../i18n';
import { SettingsMap, withDefaults } from '../schema';

export const TIER_METHODS = ['cumulative', 'rank', 'absolute'] as const;
export type TierMethod = (typeof TIER_METHODS)[number];

export const TIER_METRICS = ['revenue', 'orders'] as const;
export type TierMetric = (typeof TIER_METRICS)[number];

/** '' = one ranking over every customer; otherwise one ranking per owner or per region. */
export const TIER_GROUP_BYS = ['', 'owner', 'region'] as const;
export type TierGroupBy = (typeof TIER_GROUP_BYS)[number];

/**
 * Every cut-off of every method is kept, so switching method in the sidebar does not lose the
 * others; only the chosen method's pair is validated and used.
 */
export interface TierOptions {
  /** a string, not TierMethod, so an unknown value from settings survives until validation reports it */
  method: string;
  metric: string;
  groupBy: string;
  /** months back from today; 0 = all time */
  windowMonths: number;
  /** cumulative: A while the share of value ranked before is < a, B while < b (0 < a < b < 1) */
  a: number;
  b: number;
  /** rank: A for the top ceil(n * rankA), B for the next up to ceil(n * (rankA + rankB)) */
  rankA: number;
  rankB: number;
  /** absolute: A if value >= absoluteA, B if value >= absoluteB (absoluteA >= absoluteB >= 0) */
  absoluteA: number;
  absoluteB: number;
}

/** Settings keys behind each option. */
export const TIER_SETTING_KEYS: Record<keyof TierOptions, string> = {
  method: 'tier.method',
  metric: 'tier.metric',
  groupBy: 'tier.groupBy',
  windowMonths: 'tier.windowMonths',
  a: 'tier.a',
  b: 'tier.b',
  rankA: 'tier.rankA',
  rankB: 'tier.rankB',
  absoluteA: 'tier.absoluteA',
  absoluteB: 'tier.absoluteB',
};

/**
 * A number as people type it in a settings cell or a form: "0.8", " 80% ", "１００,０００" is not
 * accepted (only ASCII digits), "100,000" is (thousands separators). Blank or junk gives NaN,
 * which validation reports.
 */
export function parseSettingNumber(text: unknown): number {
  if (typeof text === 'number') return text;
  let s = String(text ?? '').trim();
  let scale = 1;
  if (s.endsWith('%') || s.endsWith('％')) {
    s = s.slice(0, -1).trim();
    scale = 100;
  }
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?$/.test(s) || !/\d/.test(s)) return NaN;
  return Number(s.replace(/,/g, '')) / scale;
}

/** The options saved in settings (blank or missing keys take the documented defaults). Never throws. */
export function tierOptionsFromSettings(settings: SettingsMap): TierOptions {
  const s = withDefaults(settings);
  const word = (key: string) => String(s[key] ?? '').trim();
  const num = (key: string) => parseSettingNumber(s[key]);
  const k = TIER_SETTING_KEYS;
  return {
    method: word(k.method).toLowerCase(),
    metric: word(k.metric).toLowerCase(),
    groupBy: word(k.groupBy).toLowerCase(),
    windowMonths: num(k.windowMonths),
    a: num(k.a),
    b: num(k.b),
    rankA: num(k.rankA),
    rankB: num(k.rankB),
    absoluteA: num(k.absoluteA),
    absoluteB: num(k.absoluteB),
  };
}

/** The settings key/value pairs that store these options (every tier.* key, as text). */
export function tierOptionsToSettings(options: TierOptions): SettingsMap {
  const out: SettingsMap = {};
  for (const [field, key] of Object.entries(TIER_SETTING_KEYS)) {
    out[key] = String(options[field as keyof TierOptions]);
  }
  return out;
}

/**
 * Options read back from JSON (a large apply saves them for its continuation): every field of
 * TierOptions with its type, or null. Whether they are valid is validateTierOptions' business.
 */
export function tierOptionsFromJson(value: unknown): TierOptions | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(TIER_SETTING_KEYS) as Array<keyof TierOptions>) {
    const v = record[field];
    const text = field === 'method' || field === 'metric' || field === 'groupBy';
    if (text ? typeof v !== 'string' : typeof v !== 'number') return null;
    out[field] = v;
  }
  return out as unknown as TierOptions;
}

/** The chosen method's two cut-offs, as the CLI's --a/--b and the sidebar's two inputs show them. */
export function activeCutoffs(options: TierOptions): { a: number; b: number } {
  if (options.method === 'rank') return { a: options.rankA, b: options.rankB };
  if (options.method === 'absolute') return { a: options.absoluteA, b: options.absoluteB };
  return { a: options.a, b: options.b };
}

/** A copy with the chosen method's cut-offs replaced where given (CLI --a/--b). */
export function withActiveCutoffs(options: TierOptions, a?: number, b?: number): TierOptions {
  const keys: [keyof TierOptions, keyof TierOptions] =
    options.method === 'rank'
      ? ['rankA', 'rankB']
      : options.method === 'absolute'
        ? ['absoluteA', 'absoluteB']
        : ['a', 'b'];
  const out: TierOptions = { ...options };
  if (a !== undefined) (out[keys[0]] as number) = a;
  if (b !== undefined) (out[keys[1]] as number) = b;
  return out;
}

/** One thing wrong with the options: the field to highlight and the catalog message. */
export interface TierOptionProblem {
  field: keyof TierOptions;
  message: Message;
}

/**
 * Shares closer than this to a cut-off count as reaching it: sums of amounts with cents are not
 * exact in binary, and a rounding error must not move a customer to another tier.
 */
export const SHARE_EPSILON = 1e-9;

const isShare = (x: number) => Number.isFinite(x) && x > 0 && x < 1;

/** Every problem with the options (empty when valid); the sidebar can mark each field. */
export function tierOptionProblems(o: TierOptions): TierOptionProblem[] {
  const out: TierOptionProblem[] = [];
  const add = (field: keyof TierOptions, m: Message) => out.push({ field, message: m });

  if (!(TIER_METHODS as readonly string[]).includes(o.method))
    add('method', message('tier.error.method', { value: o.method }));
  if (!(TIER_METRICS as readonly string[]).includes(o.metric))
    add('metric', message('tier.error.metric', { value: o.metric }));
  if (!(TIER_GROUP_BYS as readonly string[]).includes(o.groupBy))
    add('groupBy', message('tier.error.groupBy', { value: o.groupBy }));
  if (!Number.isInteger(o.windowMonths) || o.windowMonths < 0)
    add('windowMonths', message('tier.error.window'));

  if (o.method === 'cumulative') {
    if (!isShare(o.a)) add('a', message('tier.error.share', { name: 'A' }));
    if (!isShare(o.b)) add('b', message('tier.error.share', { name: 'B' }));
    if (isShare(o.a) && isShare(o.b) && o.a >= o.b)
      add('b', message('tier.error.shareOrder', { a: o.a, b: o.b }));
  } else if (o.method === 'rank') {
    // rankA and rankB are the shares of customers in A and in B, so they add up, not nest.
    if (!isShare(o.rankA)) add('rankA', message('tier.error.share', { name: 'A' }));
    if (!isShare(o.rankB)) add('rankB', message('tier.error.share', { name: 'B' }));
    if (isShare(o.rankA) && isShare(o.rankB) && o.rankA + o.rankB > 1 + SHARE_EPSILON)
      add('rankB', message('tier.error.rankSum', { a: o.rankA, b: o.rankB }));
  } else if (o.method === 'absolute') {
    const ok = (x: number) => Number.isFinite(x) && x >= 0;
    if (!ok(o.absoluteA)) add('absoluteA', message('tier.error.threshold', { name: 'A' }));
    if (!ok(o.absoluteB)) add('absoluteB', message('tier.error.threshold', { name: 'B' }));
    if (ok(o.absoluteA) && ok(o.absoluteB) && o.absoluteA < o.absoluteB)
      add('absoluteB', message('tier.error.thresholdOrder', { x: o.absoluteA, y: o.absoluteB }));
  }
  return out;
}

/** The options narrowed to their valid types; throws a localized UserError listing every problem. */
export function validateTierOptions(
  options: TierOptions,
  locale: Locale,
): TierOptions & { method: TierMethod; metric: TierMetric; groupBy: TierGroupBy } {
  const problems = tierOptionProblems(options);
  if (problems.length > 0)
    throw UserError.of(locale, problems[0].message).withDetail(
      ...problems.slice(1).map((p) => localize(locale, p.message)),
    );
  return options as TierOptions & { method: TierMethod; metric: TierMetric; groupBy: TierGroupBy };
}
