// Named scorers (after sklearn's get_scorer): higher is always better, so errors are negated.
import { BaseClassifier, type BaseEstimator, BaseRegressor } from '../base/index.js';
import type { MatrixLike, TargetLike } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import {
  accuracyScore,
  balancedAccuracyScore,
  f1Score,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from '../metrics/index.js';

/** Scores a fitted estimator on (X, y); higher is better. */
export type Scorer = (estimator: BaseEstimator, X: MatrixLike, y: TargetLike) => number;

function classifier(est: BaseEstimator, name: string): BaseClassifier {
  if (!(est instanceof BaseClassifier))
    throw new InvalidParameterError(`Scoring '${name}' needs a classifier, got ${est.estimatorName}`);
  return est;
}

function regressor(est: BaseEstimator, name: string): BaseRegressor {
  if (!(est instanceof BaseRegressor))
    throw new InvalidParameterError(`Scoring '${name}' needs a regressor, got ${est.estimatorName}`);
  return est;
}

/** Positive-class scores for binary problems, the probability matrix otherwise. */
function rankingScores(est: BaseClassifier, X: MatrixLike) {
  const p = est.predictProba(X);
  return p.cols === 2 ? p.column(1) : p;
}

const scorers: Record<string, Scorer> = {
  accuracy: (e, X, y) => accuracyScore(y, classifier(e, 'accuracy').predict(X)),
  balancedAccuracy: (e, X, y) => balancedAccuracyScore(y, classifier(e, 'balancedAccuracy').predict(X)),
  f1: (e, X, y) => f1Score(y, classifier(e, 'f1').predict(X)),
  f1Macro: (e, X, y) => f1Score(y, classifier(e, 'f1Macro').predict(X), { average: 'macro' }),
  f1Weighted: (e, X, y) => f1Score(y, classifier(e, 'f1Weighted').predict(X), { average: 'weighted' }),
  precision: (e, X, y) => precisionScore(y, classifier(e, 'precision').predict(X)),
  recall: (e, X, y) => recallScore(y, classifier(e, 'recall').predict(X)),
  rocAuc: (e, X, y) => {
    const c = classifier(e, 'rocAuc');
    const s = rankingScores(c, X);
    // Binary: the score of the greater class (column 1, classes are sorted).
    return s instanceof Float64Array
      ? rocAucScore(y, s)
      : rocAucScore(y, s, { multiClass: 'ovr', labels: c.classes! });
  },
  negLogLoss: (e, X, y) => {
    const c = classifier(e, 'negLogLoss');
    return -logLoss(y, c.predictProba(X), { labels: c.classes! });
  },
  r2: (e, X, y) => r2Score(y as ArrayLike<number>, regressor(e, 'r2').predict(X)),
  negMeanSquaredError: (e, X, y) => -meanSquaredError(y as ArrayLike<number>, regressor(e, 'mse').predict(X)),
  negRootMeanSquaredError: (e, X, y) =>
    -rootMeanSquaredError(y as ArrayLike<number>, regressor(e, 'rmse').predict(X)),
  negMeanAbsoluteError: (e, X, y) =>
    -meanAbsoluteError(y as ArrayLike<number>, regressor(e, 'mae').predict(X)),
};

export type ScoringName = keyof typeof scorers;

/** The names `getScorer` knows. */
export const scorerNames = Object.keys(scorers);

/** A scorer by name, or the function itself. */
export function getScorer(scoring: string | Scorer): Scorer {
  if (typeof scoring === 'function') return scoring;
  const s = scorers[scoring];
  if (!s) throw new InvalidParameterError(`Unknown scoring '${scoring}'. Known: ${scorerNames.join(', ')}`);
  return s;
}

/** The estimator's own default: accuracy for classifiers, R² for regressors. */
export function defaultScoring(est: BaseEstimator): string {
  if (est instanceof BaseClassifier) return 'accuracy';
  if (est instanceof BaseRegressor) return 'r2';
  throw new InvalidParameterError(`${est.estimatorName} has no default score; pass scoring explicitly`);
}
