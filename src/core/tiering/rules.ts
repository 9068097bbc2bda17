/**
 * The three tiering formulas, applied to one ranking (one group's positive values,
 * largest first, ties already broken by id).
 */
import { SHARE_EPSILON, TierOptions } from './options';

export type Tier = 'A' | 'B' | 'C';
export const TIERS: readonly Tier[] = ['A', 'B', 'C'];

/** ceil(n * share), immune to binary noise such as 10 * (0.1 + 0.2) = 3.0000000000000004. */
export function ceilCount(n: number, share: number): number {
  return Math.ceil(Math.round(n * share * 1e6) / 1e6);
}

/**
 * The tier of each value (rank = index + 1):
 * - cumulative: prior / total < a → A, < b → B, else C (prior = sum of the values before);
 * - rank: rank <= ceil(n * rankA) → A, <= ceil(n * (rankA + rankB)) → B, else C;
 * - absolute: value >= absoluteA → A, >= absoluteB → B, else C.
 * Comparisons allow SHARE_EPSILON so binary rounding of summed cents cannot flip a tier: a share
 * a hair under a cut-off counts as reaching it, a value a hair under a threshold as reaching it.
 */
export function tierRanking(values: ArrayLike<number>, o: TierOptions): Tier[] {
  const n = values.length;
  const out: Tier[] = new Array(n);
  if (o.method === 'cumulative') {
    let total = 0;
    for (let i = 0; i < n; i++) total += values[i];
    let prior = 0;
    for (let i = 0; i < n; i++) {
      const share = prior / total;
      out[i] = share < o.a - SHARE_EPSILON ? 'A' : share < o.b - SHARE_EPSILON ? 'B' : 'C';
      prior += values[i];
    }
  } else if (o.method === 'rank') {
    const lastA = ceilCount(n, o.rankA);
    const lastB = ceilCount(n, o.rankA + o.rankB);
    for (let i = 0; i < n; i++) out[i] = i < lastA ? 'A' : i < lastB ? 'B' : 'C';
  } else {
    const reaches = (v: number, x: number) => v + SHARE_EPSILON * Math.max(1, Math.abs(x)) >= x;
    for (let i = 0; i < n; i++) {
      out[i] = reaches(values[i], o.absoluteA) ? 'A' : reaches(values[i], o.absoluteB) ? 'B' : 'C';
    }
  }
  return out;
}
