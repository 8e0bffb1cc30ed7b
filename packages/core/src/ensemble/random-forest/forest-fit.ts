// Fitting a forest: ranks the features once (on shared memory when parallel), builds the trees
// on the main thread (nJobs 1) or on a worker pool, and computes out-of-bag predictions.
import type { FitContext } from '../../base/index.js';
import type { Float64Matrix } from '../../data/index.js';
import { resolveThreads, runTasks, workerPool } from '../../parallel/index.js';
import { rankFeatures } from '../../tree/feature-ranks.js';
import { leafIndex } from '../../tree/flat-tree.js';
import type { GrownTree, TreeTarget } from '../../tree/grower.js';
import type { TreeGrowthParams } from '../../tree/tree-params.js';
import { buildForestTrees, drawCounts, type ForestTask } from './forest-trees.js';

/** Resolved settings of one forest fit. */
export interface ForestFitConfig {
  growth: TreeGrowthParams;
  criterion: number;
  nEstimators: number;
  bootstrap: boolean;
  nDraws: number;
  seed: number;
  nJobs: number;
}

const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './forest-worker.ts' : './forest-worker.js',
  import.meta.url,
);

function shared<T extends Int32Array | Float64Array>(src: T, Ctor: new (b: SharedArrayBuffer) => T): T {
  const out = new Ctor(new SharedArrayBuffer(src.byteLength));
  out.set(src as never);
  return out;
}

/** Builds every tree of the forest; identical results for any nJobs. */
export async function buildForest(
  x: Float64Matrix,
  target: TreeTarget,
  cfg: ForestFitConfig,
  ctx: FitContext,
): Promise<GrownTree[]> {
  const threads = Math.min(resolveThreads(cfg.nJobs), cfg.nEstimators);
  const parallel = threads > 1;
  ctx.step('tree', 0, cfg.nEstimators);
  const data = rankFeatures(x, parallel);
  const base: Omit<ForestTask, 'trees'> = {
    data,
    target: parallel
      ? {
          nClasses: target.nClasses,
          yCode: shared(target.yCode, Int32Array),
          y: shared(target.y, Float64Array),
        }
      : target,
    sampleWeight: ctx.sampleWeight
      ? parallel
        ? shared(ctx.sampleWeight, Float64Array)
        : ctx.sampleWeight
      : null,
    growth: cfg.growth,
    criterion: cfg.criterion,
    bootstrap: cfg.bootstrap,
    nDraws: cfg.nDraws,
    seed: cfg.seed,
  };
  if (!parallel) {
    const out: GrownTree[] = [];
    for (let i = 0; i < cfg.nEstimators; i++) {
      out.push(...buildForestTrees({ ...base, trees: [i] }));
      ctx.step('tree', i + 1, cfg.nEstimators);
    }
    return out;
  }
  // Small batches keep every thread busy until the end; order is restored by runTasks.
  const batch = Math.max(1, Math.floor(cfg.nEstimators / (threads * 4)));
  const tasks: ForestTask[] = [];
  for (let i = 0; i < cfg.nEstimators; i += batch) {
    tasks.push({
      ...base,
      trees: Array.from({ length: Math.min(batch, cfg.nEstimators - i) }, (_, k) => i + k),
    });
  }
  const results = await runTasks<ForestTask, GrownTree[]>(workerPool(workerUrl, threads), tasks, ctx.signal);
  ctx.step('tree', cfg.nEstimators, cfg.nEstimators);
  return results.flat();
}

/**
 * Out-of-bag sums: for each training row, the sum of the values of the trees that did not draw
 * it, and how many such trees there were.
 */
export function outOfBag(
  x: Float64Matrix,
  trees: readonly GrownTree[],
  cfg: ForestFitConfig,
): { sums: Float64Array; counts: Int32Array } {
  const k = trees[0]!.tree.nOutputs;
  const sums = new Float64Array(x.rows * k);
  const counts = new Int32Array(x.rows);
  trees.forEach(({ tree }, i) => {
    const drawn = drawCounts(cfg.seed, i, x.rows, cfg.nDraws, cfg.bootstrap);
    for (let r = 0; r < x.rows; r++) {
      if (drawn[r]! > 0) continue;
      const leaf = leafIndex(tree, x.data, r * x.cols);
      for (let o = 0; o < k; o++) sums[r * k + o]! += tree.value[leaf * k + o]!;
      counts[r]!++;
    }
  });
  return { sums, counts };
}
