// crossValidate / crossValScore (after sklearn): per-fold scores, fit and score times.
import { BaseClassifier, type BaseEstimator } from '../base/index.js';
import type { MatrixLike, TargetLike } from '../data/index.js';
import { evaluateTasks } from './evaluate.js';
import { defaultScoring, type Scorer } from './scoring.js';
import { type CrossValidator, KFold, rowCount, StratifiedKFold } from './split.js';

export type Scoring = string | Scorer | readonly string[] | Record<string, string | Scorer>;

export interface CrossValidateOptions {
  /** Number of folds (stratified for classifiers, as sklearn) or a splitter; default 5. */
  cv?: number | CrossValidator;
  /** A scorer name, a function, a list of names, or named scorers; default accuracy / R². */
  scoring?: Scoring;
  /** Worker threads; -1 = all cores. Default 1. */
  nJobs?: number;
  returnTrainScore?: boolean;
  returnEstimator?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { stage: 'fold'; current: number; total: number }) => void;
}

export interface CrossValidateResult {
  /** Test scores per scorer name, one value per fold. */
  testScores: Record<string, Float64Array>;
  trainScores?: Record<string, Float64Array>;
  fitTime: Float64Array;
  scoreTime: Float64Array;
  estimators?: BaseEstimator[];
}

/** The splitter for `cv`: a number means (Stratified)KFold like scikit-learn. */
export function resolveCv(cv: number | CrossValidator | undefined, est: BaseEstimator): CrossValidator {
  if (cv && typeof cv === 'object') return cv;
  const nSplits = cv ?? 5;
  return est instanceof BaseClassifier ? new StratifiedKFold({ nSplits }) : new KFold({ nSplits });
}

/** Named scorers for a `scoring` option. */
export function resolveScoring(
  scoring: Scoring | undefined,
  est: BaseEstimator,
): Record<string, string | Scorer> {
  if (scoring === undefined) return { score: defaultScoring(est) };
  if (typeof scoring === 'string') return { [scoring]: scoring };
  if (typeof scoring === 'function') return { score: scoring };
  if (Array.isArray(scoring)) return Object.fromEntries(scoring.map((s) => [s, s]));
  return scoring as Record<string, string | Scorer>;
}

/** Cross-validates a (clone of an) estimator: fits on each training fold, scores on its test fold. */
export async function crossValidate(
  estimator: BaseEstimator,
  X: MatrixLike,
  y: TargetLike,
  options: CrossValidateOptions = {},
): Promise<CrossValidateResult> {
  const folds = resolveCv(options.cv, estimator).split(rowCount(X), y);
  const scorers = resolveScoring(options.scoring, estimator);
  const results = await evaluateTasks([estimator], X, y, folds, {
    scorers,
    returnTrainScore: options.returnTrainScore ?? false,
    returnEstimator: options.returnEstimator ?? false,
    nJobs: options.nJobs ?? 1,
    signal: options.signal,
    onTaskDone: (current, total) => options.onProgress?.({ stage: 'fold', current, total }),
  });
  const collect = (pick: (r: (typeof results)[number]) => Record<string, number> | undefined) =>
    Object.fromEntries(Object.keys(scorers).map((k) => [k, Float64Array.from(results, (r) => pick(r)![k]!)]));
  return {
    testScores: collect((r) => r.test),
    ...(options.returnTrainScore ? { trainScores: collect((r) => r.train) } : {}),
    fitTime: Float64Array.from(results, (r) => r.fitTime),
    scoreTime: Float64Array.from(results, (r) => r.scoreTime),
    ...(options.returnEstimator ? { estimators: results.map((r) => r.estimator!) } : {}),
  };
}

/** The test scores of one scorer, one per fold. */
export async function crossValScore(
  estimator: BaseEstimator,
  X: MatrixLike,
  y: TargetLike,
  options: Omit<CrossValidateOptions, 'scoring' | 'returnEstimator' | 'returnTrainScore'> & {
    scoring?: string | Scorer;
  } = {},
): Promise<Float64Array> {
  const r = await crossValidate(estimator, X, y, options);
  return Object.values(r.testScores)[0]!;
}
