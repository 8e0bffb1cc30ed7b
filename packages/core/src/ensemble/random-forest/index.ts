export {
  type ForestParams,
  RandomForestClassifier,
  type RandomForestClassifierParams,
  RandomForestRegressor,
  type RandomForestRegressorParams,
} from './random-forest.js';
