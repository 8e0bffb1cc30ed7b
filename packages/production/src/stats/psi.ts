// Population Stability Index between a reference and a live distribution over the same bins.
import { binIndex } from '@mlpy/core';

/** Shares below this are clipped so empty bins do not make PSI infinite. */
export const PSI_EPSILON = 1e-4;

/**
 * PSI = Σ (live − ref) · ln(live / ref) over bins, with both shares clipped at `epsilon`.
 * Conventional reading: < 0.1 stable, 0.1–0.2 moderate shift, > 0.2 significant shift.
 */
export function psi(
  referenceShares: ArrayLike<number>,
  liveShares: ArrayLike<number>,
  epsilon = PSI_EPSILON,
): number {
  if (referenceShares.length !== liveShares.length) {
    throw new RangeError(`psi: ${referenceShares.length} reference bins but ${liveShares.length} live bins`);
  }
  let total = 0;
  for (let i = 0; i < referenceShares.length; i++) {
    const r = Math.max(referenceShares[i]!, epsilon);
    const l = Math.max(liveShares[i]!, epsilon);
    total += (l - r) * Math.log(l / r);
  }
  return total;
}

/** Shares of `values` (NaN skipped) in bins (-inf, e0], (e0, e1], …, (ek, inf). */
export function binShares(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    counts[binIndex(edges, v)]!++;
    n++;
  }
  return counts.map((c) => (n ? c / n : 0));
}
