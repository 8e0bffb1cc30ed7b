// Regression metrics for one output: squared, absolute, percentage and median errors, R², explained variance.
import { checkLengths, checkSampleWeight, toFiniteArray, weightedMean } from './validation.js';

/** Options shared by the regression metrics. */
export interface RegressionMetricOptions {
  sampleWeight?: ArrayLike<number>;
}

/** Options of R² and explained variance. */
export interface R2Options extends RegressionMetricOptions {
  /**
   * When the target is constant: return 1 for a perfect prediction and 0 otherwise (default true),
   * instead of NaN / -Infinity.
   */
  forceFinite?: boolean;
}

function prepare(
  fn: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
) {
  checkLengths(fn, yTrue, 'yTrue', yPred, 'yPred');
  const t = toFiniteArray(fn, yTrue, 'yTrue');
  const p = toFiniteArray(fn, yPred, 'yPred');
  return { t, p, w: checkSampleWeight(fn, sampleWeight, t.length) };
}

function errors(t: Float64Array, p: Float64Array, f: (d: number, y: number) => number): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = f(p[i]! - t[i]!, t[i]!);
  return out;
}

/**
 * Mean squared error, as sklearn's `mean_squared_error`.
 * @throws ShapeError on length mismatch; DataError on empty input or non-finite values.
 */
export function meanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionMetricOptions = {},
): number {
  const fn = 'meanSquaredError';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  return weightedMean(
    fn,
    errors(t, p, (d) => d * d),
    w,
  );
}

/** Square root of the mean squared error, as sklearn's `root_mean_squared_error`. */
export function rootMeanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionMetricOptions = {},
): number {
  const fn = 'rootMeanSquaredError';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  return Math.sqrt(
    weightedMean(
      fn,
      errors(t, p, (d) => d * d),
      w,
    ),
  );
}

/** Mean absolute error, as sklearn's `mean_absolute_error`. */
export function meanAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionMetricOptions = {},
): number {
  const fn = 'meanAbsoluteError';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  return weightedMean(fn, errors(t, p, Math.abs), w);
}

/**
 * Mean absolute percentage error |y - ŷ| / max(|y|, eps), as a fraction (not per cent), as
 * sklearn's `mean_absolute_percentage_error`. Zero targets give huge values, by design.
 */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionMetricOptions = {},
): number {
  const fn = 'meanAbsolutePercentageError';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  return weightedMean(
    fn,
    errors(t, p, (d, y) => Math.abs(d) / Math.max(Math.abs(y), Number.EPSILON)),
    w,
  );
}

/**
 * Median absolute error, as sklearn's `median_absolute_error`; with weights, the weighted
 * median is the smallest error whose cumulative weight reaches half the total.
 */
export function medianAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionMetricOptions = {},
): number {
  const { t, p, w } = prepare('medianAbsoluteError', yTrue, yPred, options.sampleWeight);
  const e = errors(t, p, Math.abs);
  const n = e.length;
  if (w === null) {
    e.sort();
    const h = n >> 1;
    return n % 2 === 1 ? e[h]! : (e[h - 1]! + e[h]!) / 2;
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((i, j) => e[i]! - e[j]!);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i]!;
  let target = 0.5 * total;
  if (target === 0) target = Number.MIN_VALUE;
  let cum = 0;
  for (let r = 0; r < n; r++) {
    cum += w[order[r]!]!;
    if (cum >= target) return e[order[r]!]!;
  }
  return e[order[n - 1]!]!;
}

function assemble(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}

/**
 * Coefficient of determination R², as sklearn's `r2_score`. NaN for fewer than two samples
 * (sklearn warns); see `forceFinite` for a constant target.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: R2Options = {}): number {
  const fn = 'r2Score';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  if (t.length < 2) return Number.NaN;
  const mean = weightedMean(fn, t, w);
  let num = 0;
  let den = 0;
  for (let i = 0; i < t.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    num += wi * (t[i]! - p[i]!) ** 2;
    den += wi * (t[i]! - mean) ** 2;
  }
  return assemble(num, den, options.forceFinite ?? true);
}

/**
 * Explained variance 1 - Var(y - ŷ) / Var(y), as sklearn's `explained_variance_score`
 * (unlike R², a constant bias in the predictions is not penalised).
 */
export function explainedVarianceScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: R2Options = {},
): number {
  const fn = 'explainedVarianceScore';
  const { t, p, w } = prepare(fn, yTrue, yPred, options.sampleWeight);
  const diff = errors(t, p, (d) => -d);
  const diffMean = weightedMean(fn, diff, w);
  const trueMean = weightedMean(fn, t, w);
  const num = weightedMean(
    fn,
    errors(diff, new Float64Array(diff.length).fill(diffMean), (d) => d * d),
    w,
  );
  const den = weightedMean(
    fn,
    errors(t, new Float64Array(t.length).fill(trueMean), (d) => d * d),
    w,
  );
  return assemble(num, den, options.forceFinite ?? true);
}
