// The fitted part of a random forest shared by classifier and regressor: its trees, the
// compiled predictor, impurity importances and persistence.
import type { State } from '../../base/index.js';
import type { Float64Matrix } from '../../data/index.js';
import { FormatError } from '../../errors/index.js';
import { CompiledForest } from '../../tree/compiled-forest.js';
import { normalizeImportances } from '../../tree/fit-tree.js';
import type { FlatTree } from '../../tree/flat-tree.js';
import type { GrownTree } from '../../tree/grower.js';
import { packTrees, unpackTrees } from '../../tree/tree-state.js';

/** Trees of a fitted forest, compiled for prediction. */
export class ForestModel {
  private readonly compiled: CompiledForest;

  private constructor(
    readonly trees: readonly FlatTree[],
    readonly importances: Float64Array,
    nFeatures: number,
  ) {
    this.compiled = CompiledForest.compile(trees, nFeatures);
  }

  /** From freshly grown trees: importances are the mean of each tree's normalized importances. */
  static fromGrown(grown: readonly GrownTree[], nFeatures: number): ForestModel {
    const mean = new Float64Array(nFeatures);
    let used = 0;
    for (const g of grown) {
      if (g.tree.nodeCount <= 1) continue;
      const imp = normalizeImportances(g.importances);
      for (let j = 0; j < nFeatures; j++) mean[j]! += imp[j]!;
      used++;
    }
    return new ForestModel(
      grown.map((g) => g.tree),
      used ? normalizeImportances(mean) : mean,
      nFeatures,
    );
  }

  /** Mean of the trees' values for every row (rows × nOutputs). */
  predict(x: Float64Matrix): Float64Array {
    const k = this.trees[0]!.nOutputs;
    const out = new Float64Array(x.rows * k);
    this.compiled.accumulate(x.data, x.rows, x.cols, out, 1 / this.trees.length);
    return out;
  }

  toState(): State {
    return { trees: packTrees(this.trees), featureImportances: this.importances };
  }

  /** Reads and validates what toState wrote. */
  static fromState(state: State, owner: string, nFeatures: number, nOutputs: number): ForestModel {
    const trees = unpackTrees(state['trees'], owner, nFeatures, nOutputs);
    const imp = state['featureImportances'];
    if (trees.length < 1 || !(imp instanceof Float64Array) || imp.length !== nFeatures) {
      throw new FormatError(
        `${owner}: saved state must hold at least one tree and ${nFeatures} feature importances`,
      );
    }
    // Forest trees split numerically and send missing values left; anything else is foreign.
    const foreign = trees.some((t) =>
      t.left.some((l, i) => l >= 0 && (t.catOffset[i] !== -1 || t.missingLeft[i] !== 1)),
    );
    if (foreign) throw new FormatError(`${owner}: saved trees hold splits a random forest never makes`);
    return new ForestModel(trees, imp, nFeatures);
  }
}
