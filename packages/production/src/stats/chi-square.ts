// Pearson's chi-square goodness-of-fit test of observed counts against expected shares.
import { gammaQ } from './special.js';

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareSf(statistic: number, df: number): number {
  if (!(df > 0) || Number.isNaN(statistic)) return Number.NaN;
  return gammaQ(df / 2, statistic / 2);
}

/**
 * Σ (O − E)² / E with E = share · Σ O (shares are renormalised to sum to 1); categories with an
 * expected share of 0 must be smoothed by the caller. df = categories − 1.
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expectedShares: ArrayLike<number>,
): ChiSquareResult {
  const k = observed.length;
  if (expectedShares.length !== k) {
    throw new RangeError(`chiSquare: ${k} observed categories but ${expectedShares.length} expected shares`);
  }
  let total = 0;
  let shareSum = 0;
  for (let i = 0; i < k; i++) {
    total += observed[i]!;
    shareSum += expectedShares[i]!;
  }
  if (k < 2 || total === 0 || !(shareSum > 0))
    return { statistic: Number.NaN, degreesOfFreedom: k - 1, pValue: Number.NaN };
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const e = (expectedShares[i]! / shareSum) * total;
    const diff = observed[i]! - e;
    stat += e > 0 ? (diff * diff) / e : diff === 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  return { statistic: stat, degreesOfFreedom: k - 1, pValue: chiSquareSf(stat, k - 1) };
}
