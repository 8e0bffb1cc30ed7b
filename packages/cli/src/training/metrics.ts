// The metrics the CLI reports per task, the score models are ranked by, and CV scorers that work
// on any predictor (a Pipeline is neither a BaseClassifier nor a BaseRegressor).
import {
  accuracyScore,
  balancedAccuracyScore,
  f1Score,
  type Label,
  type MatrixLike,
  meanAbsoluteError,
  r2Score,
  rootMeanSquaredError,
  type Scorer,
  type TargetLike,
} from '@mlpy/core';
import type { Task } from './dataset.js';

/** The metric models are ranked by: accuracy for classification, R² for regression. */
export function primaryMetric(task: Task): string {
  return task === 'classification' ? 'accuracy' : 'r2';
}

type Predictions = ArrayLike<Label> | Float64Array;

/** Every metric the CLI reports for `task`. */
export function taskMetrics(task: Task, yTrue: TargetLike, yPred: Predictions): Record<string, number> {
  if (task === 'classification') {
    const t = Array.from(yTrue as ArrayLike<Label>);
    const p = Array.from(yPred as ArrayLike<Label>);
    return {
      accuracy: accuracyScore(t, p),
      balanced_accuracy: balancedAccuracyScore(t, p),
      f1_macro: f1Score(t, p, { average: 'macro' }),
    };
  }
  const t = yTrue as ArrayLike<number>;
  const p = yPred as ArrayLike<number>;
  return { r2: r2Score(t, p), rmse: rootMeanSquaredError(t, p), mae: meanAbsoluteError(t, p) };
}

/** Anything with a synchronous predict. */
interface Predicting {
  predict(X: MatrixLike): Predictions;
}

/** A cross-validation scorer of the task's primary metric that accepts Pipelines. */
export function primaryScorer(task: Task): Scorer {
  const metric = primaryMetric(task);
  return (est, X, y) => taskMetrics(task, y, (est as unknown as Predicting).predict(X))[metric]!;
}

/** Predictions of a fitted model (classic models predict synchronously; runtimes may not). */
export async function predictWith(model: unknown, X: MatrixLike): Promise<Predictions> {
  return (model as { predict(X: MatrixLike): Predictions | Promise<Predictions> }).predict(X);
}
