// Worker-thread entry of random forests: builds a batch of trees from shared training data.
import type { GrownTree } from '../../tree/grower.js';
import { buildForestTrees, type ForestTask } from './forest-trees.js';

/** Piscina task: the trees of `task.trees`, in order. */
export default function buildTreesTask(task: ForestTask): GrownTree[] {
  return buildForestTrees(task);
}
