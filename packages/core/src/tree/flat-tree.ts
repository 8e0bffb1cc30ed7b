// The one representation of a fitted binary tree shared by decision trees, forests, gradient
// boosting, TreeSHAP and model export: flat typed arrays, node 0 is the root.
import type { Float64Matrix } from '../data/index.js';

export interface FlatTree {
  nodeCount: number;
  /** Child node indices; -1 at leaves. */
  left: Int32Array;
  right: Int32Array;
  /** Split feature index; -1 at leaves. */
  feature: Int32Array;
  /** Numeric split: a row goes left when x <= threshold. */
  threshold: Float64Array;
  /** Where a missing value (NaN) goes at this node: 1 = left, 0 = right. */
  missingLeft: Uint8Array;
  /**
   * Categorical split: offset into `catBitsets` of this node's bitset (-1 for numeric splits).
   * A category code c goes left when bit c of the bitset is set; unknown codes follow `missingLeft`.
   */
  catOffset: Int32Array;
  /** Concatenated bitsets, `catWords` 32-bit words per categorical split. */
  catBitsets: Uint32Array;
  catWords: number;
  /** Node values, nodeCount × nOutputs row-major (class probabilities, a regression value, a raw score…). */
  value: Float64Array;
  nOutputs: number;
  /** Total training sample weight reaching each node ("cover"), used by TreeSHAP. */
  weight: Float64Array;
}

/** Whether value `v` of the split feature goes to the left child at internal node `node`. */
export function goesLeft(tree: FlatTree, node: number, v: number): boolean {
  if (Number.isNaN(v)) return tree.missingLeft[node] === 1;
  const co = tree.catOffset[node]!;
  if (co < 0) return v <= tree.threshold[node]!;
  const word = v >>> 5;
  return word < tree.catWords && v >= 0
    ? ((tree.catBitsets[co + word]! >>> (v & 31)) & 1) === 1
    : tree.missingLeft[node] === 1;
}

/** Index of the leaf that row `offset..offset+cols` of `data` reaches. */
export function leafIndex(tree: FlatTree, data: Float64Array, offset: number): number {
  const { left, right, feature } = tree;
  let node = 0;
  while (left[node]! >= 0)
    node = goesLeft(tree, node, data[offset + feature[node]!]!) ? left[node]! : right[node]!;
  return node;
}

/** Leaf index for every row of x. */
export function applyTree(tree: FlatTree, x: Float64Matrix): Int32Array {
  const out = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = leafIndex(tree, x.data, i * x.cols);
  return out;
}

/** Adds `scale` × the leaf value of every row into `out` (rows × nOutputs). */
export function accumulateTree(tree: FlatTree, x: Float64Matrix, out: Float64Array, scale = 1): void {
  const k = tree.nOutputs;
  for (let i = 0; i < x.rows; i++) {
    const leaf = leafIndex(tree, x.data, i * x.cols);
    for (let o = 0; o < k; o++) out[i * k + o]! += scale * tree.value[leaf * k + o]!;
  }
}
