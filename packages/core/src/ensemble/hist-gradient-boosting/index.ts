// Public surface of histogram gradient boosting.
export { HistGradientBoostingClassifier, type HistGradientBoostingClassifierParams } from './classifier.js';
export type { HistGradientBoostingParams } from './params.js';
export { HistGradientBoostingRegressor, type HistGradientBoostingRegressorParams } from './regressor.js';
