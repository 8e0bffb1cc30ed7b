// Two-sample Kolmogorov–Smirnov test: the largest gap between two empirical CDFs, with the
// asymptotic p-value from the Kolmogorov distribution.
import { kolmogorovSf } from './special.js';

export interface KsResult {
  /** sup |F₁(x) − F₂(x)|. */
  statistic: number;
  /** Asymptotic two-sided p-value: P(K > √(nm/(n+m)) · D). */
  pValue: number;
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

/** The two-sample KS test; NaN values are ignored. Returns NaNs when either sample is empty. */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = sortedFinite(a);
  const y = sortedFinite(b);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) d = gap;
  }
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d) };
}
