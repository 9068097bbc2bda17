/**
 * Opportunity stages. The workbook stores each stage as its label from Settings `list.stage` (the
 * dropdown people pick from), six labels in the order of STAGES; code maps a label to its stage by
 * position, never by comparing display text with a language. An admin may rename a label in
 * Settings; the default English and Chinese labels and the stage keys are understood too, so a
 * workbook whose labels were changed, or a CSV typed in the other language, still reads.
 */
import { t, Locale, LOCALES } from '../../i18n';
import { listSetting, SettingsMap } from '../schema';

export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const OPEN_STAGES: readonly Stage[] = ['lead', 'qualified', 'proposal', 'negotiation'];
export const CLOSED_STAGES: readonly Stage[] = ['won', 'lost'];

/** The probability a new opportunity gets in a stage when none is given (percent). */
export const DEFAULT_PROBABILITY: Readonly<Record<Stage, number>> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

/** The catalog key of each stage's default label. */
const STAGE_LABEL_KEYS = {
  lead: 'sales.stage.lead',
  qualified: 'sales.stage.qualified',
  proposal: 'sales.stage.proposal',
  negotiation: 'sales.stage.negotiation',
  won: 'sales.stage.won',
  lost: 'sales.stage.lost',
} as const satisfies Record<Stage, string>;

export function isOpenStage(stage: Stage): boolean {
  return OPEN_STAGES.includes(stage);
}

const fold = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase();

/** The label the workbook shows for each stage: Settings `list.stage` by position, else the catalog's. */
export function stageLabels(settings: SettingsMap, locale: Locale): Record<Stage, string> {
  const list = listSetting(settings, 'list.stage');
  const out = {} as Record<Stage, string>;
  STAGES.forEach((s, i) => (out[s] = list[i] ?? t(locale, STAGE_LABEL_KEYS[s])));
  return out;
}

/** A reader of stage cells for one settings object: label (any case), stage key, or default label. */
export function stageReader(settings: SettingsMap): (value: unknown) => Stage | null {
  const map = new Map<string, Stage>();
  const list = listSetting(settings, 'list.stage');
  STAGES.forEach((s, i) => {
    if (list[i] !== undefined) map.set(fold(list[i]), s);
  });
  for (const s of STAGES) {
    for (const locale of LOCALES) {
      const label = fold(t(locale, STAGE_LABEL_KEYS[s]));
      if (!map.has(label)) map.set(label, s);
    }
    if (!map.has(s.toLowerCase())) map.set(s.toLowerCase(), s);
  }
  return (value) => map.get(fold(value)) ?? null;
}
