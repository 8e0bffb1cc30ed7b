export {
  AdaptiveEnsembleClassifier,
  type AdaptiveEnsembleParams,
  AdaptiveEnsembleRegressor,
  type Member,
} from './adaptive-ensemble.js';
export { caruanaWeights } from './caruana.js';
