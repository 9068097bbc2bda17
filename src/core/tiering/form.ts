/**
 * The tiering sidebar's form and the CLI's flags as options: both send method, metric, window,
 * grouping and the chosen method's two cut-offs (cutoffA / cutoffB, as `--a` / `--b` do). The values
 * come from a browser or a command line, so anything may arrive: only known fields are read, each as
 * short text, and overlaid on the saved settings, then parsed by the one settings parser, so "80%"
 * means the same in the form, the CLI and the settings sheet.
 */
import { Locale, localize } from '../../i18n';
import { SettingsMap } from '../schema';
import {
  parseSettingNumber,
  TierOptions,
  tierOptionProblems,
  tierOptionsFromSettings,
  withActiveCutoffs,
} from './options';

export interface TierFormInput {
  method?: string;
  metric?: string;
  windowMonths?: string | number;
  /** '' = no grouping */
  groupBy?: string;
  /** the chosen method's A cut-off (share, rank share or threshold) */
  cutoffA?: string | number;
  cutoffB?: string | number;
}

export const TIER_FORM_FIELDS = [
  'method',
  'metric',
  'windowMonths',
  'groupBy',
  'cutoffA',
  'cutoffB',
] as const;
export type TierFormField = (typeof TIER_FORM_FIELDS)[number];

/** Longer text is cut: an error message quotes the value, and nothing typed needs more. */
const MAX_TEXT = 60;

/** A field's value as trimmed text; undefined when absent or not a string/number. */
function field(input: unknown, name: TierFormField): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const v = (input as Record<string, unknown>)[name];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  return v.trim().slice(0, MAX_TEXT);
}

/**
 * The saved options with the form's (or CLI's) fields laid over them, each parsed as the settings
 * parser parses its cell (words lower-cased, numbers by parseSettingNumber); a blank field is
 * invalid, not "the default". Never throws: validation reports what is wrong.
 */
export function tierOptionsFromForm(settings: SettingsMap, input: unknown): TierOptions {
  const out = tierOptionsFromSettings(settings);
  const word = (name: 'method' | 'metric' | 'groupBy') => {
    const v = field(input, name);
    if (v !== undefined) out[name] = v.toLowerCase();
  };
  word('method');
  word('metric');
  word('groupBy');
  const windowMonths = field(input, 'windowMonths');
  if (windowMonths !== undefined) out.windowMonths = parseSettingNumber(windowMonths);
  const a = field(input, 'cutoffA');
  const b = field(input, 'cutoffB');
  return withActiveCutoffs(
    out,
    a === undefined ? undefined : parseSettingNumber(a),
    b === undefined ? undefined : parseSettingNumber(b),
  );
}

/** Which form field shows a problem of an option. */
const FIELD_OF: Record<keyof TierOptions, TierFormField> = {
  method: 'method',
  metric: 'metric',
  groupBy: 'groupBy',
  windowMonths: 'windowMonths',
  a: 'cutoffA',
  rankA: 'cutoffA',
  absoluteA: 'cutoffA',
  b: 'cutoffB',
  rankB: 'cutoffB',
  absoluteB: 'cutoffB',
};

export interface TierFieldError {
  field: TierFormField;
  message: string;
}

/** Every problem of the options as a localized message on its form field (empty when valid). */
export function tierFieldErrors(options: TierOptions, locale: Locale): TierFieldError[] {
  return tierOptionProblems(options).map((p) => ({
    field: FIELD_OF[p.field],
    message: localize(locale, p.message),
  }));
}

/**
 * Whether a settings cell already holds a value: numbers compare as numbers ("80%" holds 0.8),
 * words without case or surrounding space. Saving then rewrites only what really changed.
 */
export function settingHolds(cell: unknown, value: string): boolean {
  const text = String(cell ?? '').trim();
  if (text.toLowerCase() === value.trim().toLowerCase()) return true;
  const a = parseSettingNumber(cell);
  const b = parseSettingNumber(value);
  return Number.isFinite(a) && Number.isFinite(b) && a === b;
}
