export {
  DecisionTreeClassifier,
  type DecisionTreeClassifierParams,
  DecisionTreeRegressor,
  type DecisionTreeRegressorParams,
} from './decision-tree.js';
export { type RankedFeatures, rankFeatures } from './feature-ranks.js';
export { accumulateTree, applyTree, type FlatTree, leafIndex } from './flat-tree.js';
export type {
  ClassificationCriterion,
  MaxFeatures,
  RegressionCriterion,
  TreeGrowthParams,
} from './tree-params.js';
export { packTrees, unpackTrees } from './tree-state.js';
