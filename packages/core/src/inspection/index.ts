export {
  featureGrid,
  type PartialDependenceOptions,
  type PartialDependenceResult,
  partialDependence,
} from './partial-dependence.js';
export {
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  permutationImportance,
} from './permutation-importance.js';
export { isTreeExplainable, type TreeEnsembleView, type TreeExplainable } from './tree-ensemble.js';
export { explain, type TreeShapResult, treeShap } from './tree-shap.js';
