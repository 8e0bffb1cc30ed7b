// Partial dependence (after sklearn.inspection.partial_dependence, method 'brute', kind
// 'average'): the model's mean output while the chosen features are held at grid values.
import { BaseClassifier, type BaseEstimator, checkNumber } from '../base/index.js';
import type { Float64Matrix, MatrixLike } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { numericCopy, requireSupervised, type SupervisedModel } from './model-io.js';

export interface PartialDependenceOptions {
  /** Grid points per feature when it has at least this many distinct values. Default 100. */
  gridResolution?: number;
  /** Percentiles bounding the grid. Default [0.05, 0.95]. */
  percentiles?: [number, number];
  /** Only 'average' (sklearn's default kind). */
  kind?: 'average';
}

export interface PartialDependenceResult {
  /** Grid values per requested feature. */
  gridValues: Float64Array[];
  /** nOutputs × Π grid sizes, row-major; the first feature varies slowest (sklearn's order). */
  average: Float64Array;
  /** Probabilities of the positive class (binary), of every class (multiclass), or 1 for regression. */
  nOutputs: number;
}

/** scipy.stats.mstats.mquantiles with its defaults (alphap = betap = 0.4) on sorted values. */
export function mquantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const aleph = n * p + 0.4 + p * 0.2;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  return (1 - gamma) * sorted[k - 1]! + gamma * sorted[k]!;
}

/** sklearn's grid for one feature: its distinct values, or a linspace between two percentiles. */
export function featureGrid(
  column: Float64Array,
  gridResolution: number,
  percentiles: [number, number],
): Float64Array {
  const sorted = Float64Array.from(column).sort();
  const uniq = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  if (uniq.length < gridResolution) return uniq;
  const lo = mquantile(sorted, percentiles[0]);
  const hi = mquantile(sorted, percentiles[1]);
  if (Math.abs(hi - lo) <= 1e-8 + 1e-5 * Math.abs(lo)) {
    throw new InvalidParameterError(
      'partialDependence: the percentiles are too close to each other, unable to build the grid; widen them',
    );
  }
  return Float64Array.from({ length: gridResolution }, (_, i) => lo + ((hi - lo) * i) / (gridResolution - 1));
}

function outputs(model: SupervisedModel, x: Float64Matrix): { data: Float64Array; k: number; first: number } {
  if (model instanceof BaseClassifier) {
    const p = model.predictProba(x);
    return p.cols === 2 ? { data: p.data, k: 2, first: 1 } : { data: p.data, k: p.cols, first: 0 };
  }
  return { data: model.predict(x), k: 1, first: 0 };
}

/** Partial dependence of a fitted model's output on one or more features (joint grid). */
export function partialDependence(
  model: BaseEstimator,
  X: MatrixLike,
  features: readonly number[],
  options: PartialDependenceOptions = {},
): PartialDependenceResult {
  const who = 'partialDependence';
  const est = requireSupervised(model, who);
  const gridResolution = checkNumber(who, 'gridResolution', options.gridResolution ?? 100, {
    integer: true,
    min: 2,
  });
  const percentiles = options.percentiles ?? [0.05, 0.95];
  if (!(percentiles[0] >= 0 && percentiles[1] <= 1 && percentiles[0] < percentiles[1])) {
    throw new InvalidParameterError(
      `${who}: percentiles must satisfy 0 <= low < high <= 1, got [${percentiles.join(', ')}]`,
    );
  }
  if ((options.kind ?? 'average') !== 'average')
    throw new InvalidParameterError(`${who}: only kind 'average' is supported`);
  const x = numericCopy(est, X, who);
  if (features.length < 1 || features.some((f) => !Number.isInteger(f) || f < 0 || f >= x.cols)) {
    throw new InvalidParameterError(
      `${who}: features must be column indices in [0, ${x.cols}), got [${features.join(', ')}]`,
    );
  }
  const gridValues = features.map((f) => featureGrid(x.column(f), gridResolution, percentiles));
  const total = gridValues.reduce((a, g) => a * g.length, 1);
  let average = new Float64Array(0);
  let nOutputs = 0;
  for (let g = 0; g < total; g++) {
    let rem = g;
    for (let q = features.length - 1; q >= 0; q--) {
      const grid = gridValues[q]!;
      const v = grid[rem % grid.length]!;
      rem = Math.floor(rem / grid.length);
      for (let i = 0; i < x.rows; i++) x.data[i * x.cols + features[q]!] = v;
    }
    const out = outputs(est, x);
    if (g === 0) {
      nOutputs = out.k - out.first;
      average = new Float64Array(nOutputs * total);
    }
    for (let o = 0; o < nOutputs; o++) {
      let s = 0;
      for (let i = 0; i < x.rows; i++) s += out.data[i * out.k + out.first + o]!;
      average[o * total + g] = s / x.rows;
    }
  }
  return { gridValues, average, nOutputs };
}
