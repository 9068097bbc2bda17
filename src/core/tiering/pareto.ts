/**
 * Pareto chart data for the tiering preview: bars by rank, the cumulative-share line and the
 * cut-offs, downsampled so the sidebar draws a few hundred points whatever the customer count.
 */

export interface ParetoPoint {
  /** 1-based global rank (value desc, id asc); the point stands for ranks up to the next point's */
  rank: number;
  /** the value at this rank: values fall with rank, so it is the largest of the ranks it stands for */
  value: number;
  /** share of the total positive value held by ranks 1..rank (0..1) */
  cumulativeShare: number;
}

export interface ParetoCutoffs {
  /** last rank that is A (0 = none); ranks aRank+1..bRank are B, the rest C */
  aRank: number;
  bRank: number;
  /** cumulative share at aRank and bRank, where the cut-off lines meet the curve */
  aShare: number;
  bShare: number;
}

export interface ParetoChart {
  /** customers with a positive value (the ranked ones) */
  n: number;
  /** their total value */
  total: number;
  points: ParetoPoint[];
  /**
   * Where the computed tiers change along the global ranking. With grouping, tiers are decided
   * within each group, so these are the counts of A and A+B customers placed as if in one ranking:
   * an approximation for the picture, the per-customer tiers stay exact.
   */
  cutoffs: ParetoCutoffs;
  grouped: boolean;
}

export const DEFAULT_PARETO_POINTS = 200;

/**
 * At most `maxPoints` ranks out of 1..n: evenly spread, always the first and the last, and every
 * rank in `keep` (the cut-offs) so the lines sit exactly on a point. Sorted, distinct.
 */
export function downsampleRanks(n: number, maxPoints: number, keep: number[] = []): number[] {
  if (n <= 0) return [];
  const kept = Array.from(new Set(keep.filter((r) => r >= 1 && r <= n)));
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i + 1);
  const spread = Math.max(2, maxPoints - kept.length);
  const out = new Set<number>(kept);
  for (let i = 0; i < spread; i++) out.add(1 + Math.round((i * (n - 1)) / (spread - 1)));
  return Array.from(out).sort((x, y) => x - y);
}

/**
 * The chart from the positive values in global rank order (largest first) and the number of A
 * and B customers among them.
 */
export function paretoChart(
  rankedValues: ArrayLike<number>,
  countA: number,
  countB: number,
  grouped: boolean,
  maxPoints = DEFAULT_PARETO_POINTS,
): ParetoChart {
  const n = rankedValues.length;
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += rankedValues[i];
  const total = sum;
  const shareAt = (rank: number) => (rank <= 0 || total <= 0 ? 0 : cumulative[rank - 1] / total);
  const aRank = countA;
  const bRank = countA + countB;
  const points = downsampleRanks(n, maxPoints, [aRank, aRank + 1, bRank, bRank + 1]).map((rank) => ({
    rank,
    value: rankedValues[rank - 1],
    cumulativeShare: shareAt(rank),
  }));
  return {
    n,
    total,
    points,
    cutoffs: { aRank, bRank, aShare: shareAt(aRank), bShare: shareAt(bRank) },
    grouped,
  };
}
