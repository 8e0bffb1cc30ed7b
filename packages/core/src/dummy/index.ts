export {
  DummyClassifier,
  type DummyClassifierParams,
  DummyRegressor,
  type DummyRegressorParams,
} from './dummy.js';
