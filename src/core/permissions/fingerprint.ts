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

/** cyrb53: a fast 53-bit string hash (public domain, bryc), seeded. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A short digest of a fingerprint text, computed here rather than with Utilities.computeDigest:
 * two service calls fewer for the hourly check. Two seeds (106 bits) make an accidental match of
 * a changed fingerprint negligible; it only decides whether to skip a run that a daily full check
 * repeats anyway.
 */
export function fingerprintDigest(text: string): string {
  return `${cyrb53(text, 1).toString(36)}.${cyrb53(text, 2).toString(36)}`;
}
