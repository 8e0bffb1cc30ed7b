// Helpers shared by the model-agnostic inspectors: input as a numeric matrix, the model's
// output columns for a matrix (probabilities or predictions), and the default score.
import { BaseClassifier, type BaseEstimator, BaseRegressor } from '../base/index.js';
import { type Float64Matrix, type MatrixLike, type TargetLike, validateInput } from '../data/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';

/** A fitted classifier or regressor. */
export type SupervisedModel = BaseClassifier | BaseRegressor;

/** Checks the model is a fitted classifier or regressor. */
export function requireSupervised(model: BaseEstimator, who: string): SupervisedModel {
  if (!(model instanceof BaseClassifier) && !(model instanceof BaseRegressor)) {
    throw new InvalidParameterError(`${who}: needs a classifier or regressor, got ${model.estimatorName}`);
  }
  if (!model.isFitted)
    throw new NotFittedError(`${who}: this ${model.estimatorName} is not fitted; call fit(X, y) first`);
  return model;
}

/** X as a numeric matrix (a copy the inspector may modify). */
export function numericCopy(model: SupervisedModel, X: MatrixLike, who: string): Float64Matrix {
  const { x } = validateInput(X, { allowNaN: model.tags.allowNaN, context: who });
  return x === X ? x.takeRows(Array.from({ length: x.rows }, (_, i) => i)) : x;
}

/** The default score of a model: accuracy for classifiers, R² for regressors. */
export function defaultScore(model: SupervisedModel, x: Float64Matrix, y: TargetLike): number {
  return model.score(x, y);
}
