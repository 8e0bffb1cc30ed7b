// Significance tests for A/B summaries: two-proportion z-test for binary outcomes and Welch's
// t-test for continuous ones.
import { normalSf, studentTTwoSided } from './special.js';

export interface TestResult {
  test: 'two-proportion-z' | 'welch-t';
  statistic: number;
  pValue: number;
}

/** Two-sided pooled two-proportion z-test of successes s1/n1 against s2/n2. */
export function twoProportionZTest(s1: number, n1: number, s2: number, n2: number): TestResult {
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(n1 > 0 && n2 > 0)) return { test: 'two-proportion-z', statistic: Number.NaN, pValue: Number.NaN };
  if (se === 0) return { test: 'two-proportion-z', statistic: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { test: 'two-proportion-z', statistic: z, pValue: 2 * normalSf(Math.abs(z)) };
}

export interface SampleMoments {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator). */
  variance: number;
}

/** Two-sided Welch's t-test (unequal variances) from summary moments; scipy's ttest_ind(equal_var=False). */
export function welchTTest(a: SampleMoments, b: SampleMoments): TestResult {
  if (a.n < 2 || b.n < 2) return { test: 'welch-t', statistic: Number.NaN, pValue: Number.NaN };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { test: 'welch-t', statistic: 0, pValue: a.mean === b.mean ? 1 : 0 };
  const t = (a.mean - b.mean) / se;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { test: 'welch-t', statistic: t, pValue: studentTTwoSided(t, df) };
}
