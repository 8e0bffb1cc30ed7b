// Building the trees of a random forest: per-tree seeds that depend only on the forest seed
// and the tree index (so results never depend on the thread count), bootstrap weights, growth.

import type { RankedFeatures } from '../../tree/feature-ranks.js';
import { fitSingleTree } from '../../tree/fit-tree.js';
import type { GrownTree, TreeTarget } from '../../tree/grower.js';
import type { TreeGrowthParams } from '../../tree/tree-params.js';
import { Rng } from '../../utils/random.js';

/** Everything a worker needs to build trees; typed arrays are on shared memory when parallel. */
export interface ForestTask {
  data: RankedFeatures;
  target: TreeTarget;
  /** User sample weights, or null. */
  sampleWeight: Float64Array | null;
  growth: TreeGrowthParams;
  criterion: number;
  bootstrap: boolean;
  /** Rows drawn per bootstrap sample. */
  nDraws: number;
  seed: number;
  /** Indices of the trees to build. */
  trees: number[];
}

/** The seed of tree i of a forest seeded with `seed` (a 32-bit hash of both). */
export function treeSeed(seed: number, i: number): number {
  let h = (seed >>> 0) ^ Math.imul(i + 1, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Bootstrap draw counts of tree i (nDraws rows with replacement, as scikit-learn's
 * `_generate_sample_indices`), or all ones without bootstrap.
 */
export function drawCounts(
  seed: number,
  i: number,
  n: number,
  nDraws: number,
  bootstrap: boolean,
): Float64Array {
  const counts = new Float64Array(n);
  if (!bootstrap) return counts.fill(1);
  const rng = new Rng(treeSeed(seed, i));
  for (let k = 0; k < nDraws; k++) counts[rng.int(n)]!++;
  return counts;
}

/** Builds tree i: bootstrap counts × sample weights, features drawn with the tree's own seed. */
export function buildForestTree(task: ForestTask, i: number): GrownTree {
  const n = task.data.n;
  const w = drawCounts(task.seed, i, n, task.nDraws, task.bootstrap);
  if (task.sampleWeight) for (let r = 0; r < n; r++) w[r]! *= task.sampleWeight[r]!;
  // The split seed differs from the bootstrap stream (which drawCounts regenerates for OOB).
  return fitSingleTree(
    task.data,
    task.target,
    w,
    task.growth,
    task.criterion,
    treeSeed(task.seed ^ 0x5f3759df, i),
  );
}

/** Builds the task's trees in order (the body of a worker task, and of a single-thread fit). */
export function buildForestTrees(task: ForestTask): GrownTree[] {
  return task.trees.map((i) => buildForestTree(task, i));
}
