export { type CrossValPredictOptions, crossValPredict } from './cross-val-predict.js';
export {
  type CrossValidateOptions,
  type CrossValidateResult,
  crossValidate,
  crossValScore,
  resolveCv,
  type Scoring,
} from './cross-validate.js';
export { defaultScoring, getScorer, type Scorer, scorerNames } from './scoring.js';
export {
  type CandidateResult,
  GridSearchCV,
  type ParamGrid,
  parameterGrid,
  parameterSampler,
  RandomizedSearchCV,
  type RandomizedSearchOptions,
  type SearchOptions,
} from './search.js';
export {
  type CrossValidator,
  type Fold,
  KFold,
  type KFoldParams,
  StratifiedKFold,
  type TrainTestSplit,
  type TrainTestSplitOptions,
  trainTestSplit,
} from './split.js';
