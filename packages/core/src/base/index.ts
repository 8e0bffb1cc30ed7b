export { clone } from './clone.js';
export {
  BaseEstimator,
  type EstimatorClass,
  type FitContext,
  type FitOptions,
  type Progress,
  type State,
  type StateValue,
} from './estimator.js';
export { BaseClassifier, BaseClusterer, BaseRegressor, BaseTransformer } from './families.js';
export { addFitListener, type FitEvent, type FitListener } from './fit-events.js';
export { checkNumber, checkOneOf, checkOptionalInt } from './param-checks.js';
export type { Prediction, Predictor } from './predictor.js';
export { readSavedClasses } from './saved-classes.js';
export { type EstimatorTags, makeTags, type Task } from './tags.js';
