// Public surface of the neighbours unit: the exact neighbour index and the KNN estimators.
export { BruteForceIndex } from './brute.js';
export {
  buildNeighborIndex,
  type IndexOptions,
  NEIGHBOR_ALGORITHMS,
  type NeighborAlgorithm,
  resolveAlgorithm,
} from './build-index.js';
export { KDTree } from './kd-tree.js';
export { KNeighborsClassifier, type KNeighborsClassifierParams } from './knn-classifier.js';
export { KNeighborsRegressor, type KNeighborsRegressorParams } from './knn-regressor.js';
export type { KNeighborsParams } from './knn-shared.js';
export {
  type DistanceMetric,
  distanceToReduced,
  METRIC_NAMES,
  type MetricName,
  reducedDistance,
  reducedToDistance,
  resolveMetric,
} from './metric.js';
export {
  type KNeighborsResult,
  NeighborBuffer,
  NeighborIndex,
  type RadiusNeighborsResult,
} from './neighbor-index.js';
