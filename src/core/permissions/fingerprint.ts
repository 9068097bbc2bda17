/**
 * The hourly check's fingerprint: everything the protections depend on (the plan: people and their
 * roles, the customers' column positions, system writers, the language) plus the sheets' ids and
 * grid sizes. Equal text, nothing to do: the shell hashes it and stops after a few calls.
 */
import { rangeToA1 } from './range';
import { PermissionPlan } from './types';

export function fingerprintText(plan: PermissionPlan, sheetIds: Partial<Record<string, number>>): string {
  const lines = plan.protections.map(
    (p) =>
      `${p.sheetKey}|${p.id}|${p.range ? rangeToA1(p.range) : '*'}|${p.editors.join(',')}|${p.description}`,
  );
  const sheets = Object.entries(plan.layouts)
    .map(([key, l]) => `${key}#${sheetIds[key] ?? ''}:${l?.maxRows ?? ''}x${l?.maxColumns ?? ''}`)
    .sort();
  return [`owner ${plan.owner}`, ...sheets, ...lines].join('\n');
}
