// What KNeighborsClassifier and KNeighborsRegressor share: parameters, their checks, the fitted
// training matrix with its index, neighbour weights and the persisted state of the matrix.
import { checkNumber, checkOneOf, type State } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { FormatError, InvalidParameterError } from '../errors/index.js';
import { buildNeighborIndex, NEIGHBOR_ALGORITHMS, type NeighborAlgorithm } from './build-index.js';
import { type DistanceMetric, type MetricName, resolveMetric } from './metric.js';
import type { KNeighborsResult, NeighborIndex } from './neighbor-index.js';

export interface KNeighborsParams {
  /** Number of neighbours that vote (default 5). */
  nNeighbors: number;
  /** 'uniform' (default): equal votes; 'distance': votes weighted by 1 / distance. */
  weights: 'uniform' | 'distance';
  /** Neighbour index: 'auto' (default; KD-tree up to 15 features, brute force above), 'kdTree', 'brute'. */
  algorithm: NeighborAlgorithm;
  /** KD-tree leaf size (default 30). */
  leafSize: number;
  /** 'minkowski' (default, with `p`), 'euclidean' or 'manhattan'. */
  metric: MetricName;
  /** Minkowski power for metric 'minkowski' (default 2: euclidean). */
  p: number;
}

export const KNEIGHBORS_DEFAULTS: KNeighborsParams = {
  nNeighbors: 5,
  weights: 'uniform',
  algorithm: 'auto',
  leafSize: 30,
  metric: 'minkowski',
  p: 2,
};

/** Checks every KNN parameter; returns the resolved metric. */
export function checkKNeighborsParams(owner: string, params: KNeighborsParams): DistanceMetric {
  checkNumber(owner, 'nNeighbors', params.nNeighbors, { integer: true, min: 1 });
  checkOneOf(owner, 'weights', params.weights, ['uniform', 'distance'] as const);
  checkOneOf(owner, 'algorithm', params.algorithm, NEIGHBOR_ALGORITHMS);
  checkNumber(owner, 'leafSize', params.leafSize, { integer: true, min: 1 });
  return resolveMetric(owner, params.metric, params.p);
}

/** The training matrix of a fitted KNN model and the index over it. */
export class FittedNeighbors {
  private constructor(
    readonly x: Float64Matrix,
    readonly index: NeighborIndex,
  ) {}

  /**
   * Copies `x` (a caller's matrix may change later) and builds the index over the copy; refuses
   * nNeighbors larger than the training set, as scikit-learn does.
   */
  static build(owner: string, x: Float64Matrix, params: KNeighborsParams): FittedNeighbors {
    const metric = checkKNeighborsParams(owner, params);
    if (params.nNeighbors > x.rows) {
      throw new InvalidParameterError(
        `${owner}: nNeighbors (${params.nNeighbors}) must not exceed the number of training rows (${x.rows}); lower nNeighbors or add data`,
        { details: { parameter: 'nNeighbors' } },
      );
    }
    const own = new Float64Matrix(x.data.slice(), x.rows, x.cols);
    return new FittedNeighbors(own, buildNeighborIndex(own, { ...params, metric }));
  }

  /** The `k` nearest training rows of each row of `x`. */
  query(x: Float64Matrix, k: number): KNeighborsResult {
    return this.index.kneighbors(x, k);
  }

  /** The persisted form: the training matrix. */
  state(): State {
    return { fitX: this.x.data, nFeatures: this.x.cols };
  }

  /** Validates and restores a persisted training matrix, then rebuilds the index. */
  static fromState(owner: string, state: State, params: KNeighborsParams): FittedNeighbors {
    const data = state['fitX'];
    const d = state['nFeatures'];
    if (!(data instanceof Float64Array) || typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      throw new FormatError(`${owner}: saved state lacks a valid training matrix (fitX, nFeatures)`);
    }
    if (data.length === 0 || data.length % d !== 0) {
      throw new FormatError(
        `${owner}: saved training matrix has ${data.length} values, not a positive multiple of ${d}`,
      );
    }
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!))
        throw new FormatError(`${owner}: saved training matrix holds a non-finite value`);
    }
    return FittedNeighbors.build(owner, new Float64Matrix(data, data.length / d, d), params);
  }
}

/**
 * Per-neighbour weights of query row `i` into `out` (length k): ones for 'uniform'; 1 / distance
 * for 'distance', except that a row with an exact match (distance 0) weights only its exact
 * matches, each 1, as scikit-learn does.
 */
export function neighborWeights(
  result: KNeighborsResult,
  i: number,
  weights: KNeighborsParams['weights'],
  out: Float64Array,
): void {
  const k = result.k;
  const dist = result.distances;
  const o = i * k;
  if (weights === 'uniform') {
    out.fill(1);
    return;
  }
  let exact = false;
  for (let j = 0; j < k; j++) if (dist[o + j] === 0) exact = true;
  for (let j = 0; j < k; j++) {
    const v = dist[o + j]!;
    out[j] = exact ? (v === 0 ? 1 : 0) : 1 / v;
  }
}
