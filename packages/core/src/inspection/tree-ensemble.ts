// The tiny interface between tree models (decision trees, forests, gradient boosting) and the
// tree explainers: the model's FlatTrees and how their values combine into its raw output.
import type { FlatTree } from '../tree/flat-tree.js';

/**
 * How a tree model's raw output is computed from its trees:
 * `output[k] = baseOffset[k] + scale × Σ_t value_t(x)[k]`, where a tree with one output that
 * belongs to a multi-output model adds to column `treeOutput[t]` (multi-class boosting).
 */
export interface TreeEnsembleView {
  trees: readonly FlatTree[];
  /** Columns of the raw output (classes for a forest's probabilities, 1 for regression). */
  nOutputs: number;
  /** Output column per tree, for single-output trees in a multi-output model; omitted otherwise. */
  treeOutput?: Int32Array;
  /** Multiplier of every tree's value: 1 / nTrees for forests, 1 for boosting. */
  scale: number;
  /** Constant added to the output (boosting's baseline; zeros for trees and forests). */
  baseOffset: Float64Array;
  /** What the raw output is: class probabilities, a regression value or a raw (log-odds) score. */
  outputKind: 'probability' | 'value' | 'rawScore';
}

/** A fitted model that exposes its trees; `explain(model, X)` works on any of these. */
export interface TreeExplainable {
  treeEnsemble(): TreeEnsembleView;
}

/** True when `model` exposes its trees through `treeEnsemble()`. */
export function isTreeExplainable(model: unknown): model is TreeExplainable {
  return typeof (model as Partial<TreeExplainable> | null)?.treeEnsemble === 'function';
}
