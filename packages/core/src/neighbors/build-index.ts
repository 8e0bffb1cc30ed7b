// Chooses and builds a neighbour index the way scikit-learn's `algorithm='auto'` does.
import type { Float64Matrix } from '../data/index.js';
import { BruteForceIndex } from './brute.js';
import { KDTree } from './kd-tree.js';
import type { DistanceMetric } from './metric.js';
import type { NeighborIndex } from './neighbor-index.js';

/** Which index answers neighbour queries. */
export type NeighborAlgorithm = 'auto' | 'kdTree' | 'brute';
export const NEIGHBOR_ALGORITHMS: readonly NeighborAlgorithm[] = ['auto', 'kdTree', 'brute'];

export interface IndexOptions {
  algorithm: NeighborAlgorithm;
  metric: DistanceMetric;
  /** KD-tree leaf size. */
  leafSize: number;
  /** The number of neighbours the caller will ask for, when known (part of the 'auto' rule). */
  nNeighbors?: number;
}

/**
 * scikit-learn's 'auto' rule: brute force when there are more than 15 features or when the
 * caller wants at least half of the rows as neighbours; a KD-tree otherwise.
 */
export function resolveAlgorithm(
  algorithm: NeighborAlgorithm,
  rows: number,
  cols: number,
  nNeighbors?: number,
): 'kdTree' | 'brute' {
  if (algorithm !== 'auto') return algorithm;
  if (cols > 15 || (nNeighbors !== undefined && nNeighbors >= Math.floor(rows / 2))) return 'brute';
  return 'kdTree';
}

/** Builds the index for `x` (referenced, not copied). */
export function buildNeighborIndex(x: Float64Matrix, options: IndexOptions): NeighborIndex {
  const kind = resolveAlgorithm(options.algorithm, x.rows, x.cols, options.nNeighbors);
  return kind === 'brute'
    ? new BruteForceIndex(x, options.metric)
    : new KDTree(x, options.metric, options.leafSize);
}
