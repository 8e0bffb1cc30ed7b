// crossValPredict (after sklearn): out-of-fold predictions, each row predicted by the model
// that did not see it in training. Stacking and ensemble selection learn from these.
import { BaseClassifier, type BaseEstimator, BaseRegressor } from '../base/index.js';
import { Float64Matrix, type MatrixLike, type TargetLike } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { resolveCv } from './cross-validate.js';
import { evaluateTasks } from './evaluate.js';
import { type CrossValidator, rowCount, takeRows } from './split.js';

export interface CrossValPredictOptions {
  cv?: number | CrossValidator;
  /** 'predictProba' gives an n × classes matrix (columns in the classes of all of y). */
  method?: 'predict' | 'predictProba';
  nJobs?: number;
  signal?: AbortSignal;
}

/** Out-of-fold predictions: Float64Array for regressors, an n × classes matrix for predictProba. */
export async function crossValPredict(
  estimator: BaseEstimator,
  X: MatrixLike,
  y: TargetLike,
  options: CrossValPredictOptions = {},
): Promise<Float64Array | Float64Matrix> {
  const method = options.method ?? 'predict';
  const n = rowCount(X);
  const folds = resolveCv(options.cv, estimator).split(n, y);
  const covered = new Uint8Array(n);
  for (const f of folds) for (const i of f.test) covered[i]!++;
  if (covered.some((c) => c !== 1)) {
    throw new InvalidParameterError(
      'crossValPredict needs folds whose test parts partition the rows (KFold-like)',
    );
  }
  const fitted = await evaluateTasks([estimator], X, y, folds, {
    scorers: {},
    returnTrainScore: false,
    returnEstimator: true,
    nJobs: options.nJobs ?? 1,
    signal: options.signal,
  });
  if (method === 'predictProba') {
    if (!(estimator instanceof BaseClassifier))
      throw new InvalidParameterError(`${estimator.estimatorName} has no predictProba`);
    const classes = [...new Set(Array.from(y as ArrayLike<number | string>))].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
    );
    const out = Float64Matrix.zeros(n, classes.length);
    folds.forEach((fold, f) => {
      const est = fitted[f]!.estimator as BaseClassifier;
      const p = est.predictProba(takeRows(X, fold.test));
      // A fold may miss a class: map its columns onto the global class list.
      const cols = est.classes!.map((c) => classes.indexOf(c));
      fold.test.forEach((row, r) => {
        for (let k = 0; k < cols.length; k++)
          out.data[row * classes.length + cols[k]!] = p.data[r * p.cols + k]!;
      });
    });
    return out;
  }
  if (!(estimator instanceof BaseRegressor)) {
    throw new InvalidParameterError(
      `crossValPredict with method 'predict' needs a regressor; use 'predictProba' for ${estimator.estimatorName}`,
    );
  }
  const out = new Float64Array(n);
  folds.forEach((fold, f) => {
    const pred = (fitted[f]!.estimator as BaseRegressor).predict(takeRows(X, fold.test));
    fold.test.forEach((row, r) => {
      out[row] = pred[r]!;
    });
  });
  return out;
}
