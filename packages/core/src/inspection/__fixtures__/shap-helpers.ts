// Test helpers for TreeSHAP: a hand-built boosted model (categorical and missing-value splits,
// per-class trees, a base offset), its raw output, and exact Shapley values by brute force.
import type { Float64Matrix } from '../../data/index.js';
import { type FlatTree, goesLeft, leafIndex } from '../../tree/flat-tree.js';
import type { TreeEnsembleView } from '../tree-ensemble.js';

interface NodeSpec {
  feature?: number;
  threshold?: number;
  /** Categories going left (makes a categorical split). */
  cats?: number[];
  missingLeft?: boolean;
  left?: number;
  right?: number;
  value: number;
  weight: number;
}

function tree(nodes: NodeSpec[]): FlatTree {
  const m = nodes.length;
  const catNodes = nodes.filter((n) => n.cats);
  const t: FlatTree = {
    nodeCount: m,
    left: Int32Array.from(nodes, (n) => n.left ?? -1),
    right: Int32Array.from(nodes, (n) => n.right ?? -1),
    feature: Int32Array.from(nodes, (n) => n.feature ?? -1),
    threshold: Float64Array.from(nodes, (n) => n.threshold ?? 0),
    missingLeft: Uint8Array.from(nodes, (n) => (n.missingLeft === false ? 0 : 1)),
    catOffset: new Int32Array(m).fill(-1),
    catBitsets: new Uint32Array(catNodes.length),
    catWords: 1,
    value: Float64Array.from(nodes, (n) => n.value),
    nOutputs: 1,
    weight: Float64Array.from(nodes, (n) => n.weight),
  };
  let c = 0;
  nodes.forEach((n, i) => {
    if (!n.cats) return;
    t.catOffset[i] = c;
    for (const k of n.cats) t.catBitsets[c]! |= 1 << k;
    c++;
  });
  return t;
}

/** Three single-output trees adding to two outputs (like two-class-column boosting). */
export function boostedView(withCategorical = true): TreeEnsembleView {
  const t0 = tree([
    { feature: 0, threshold: 1, missingLeft: false, left: 1, right: 2, value: 0, weight: 100 },
    { feature: 1, threshold: 2.5, left: 3, right: 4, value: 0, weight: 60 },
    { value: 0.7, weight: 40 },
    { value: -0.4, weight: 35 },
    { value: 0.25, weight: 25 },
  ]);
  const t1 = tree([
    withCategorical
      ? { feature: 1, cats: [0, 2, 7], missingLeft: false, left: 1, right: 2, value: 0, weight: 100 }
      : { feature: 1, threshold: 1.5, missingLeft: false, left: 1, right: 2, value: 0, weight: 100 },
    { feature: 2, threshold: 0, missingLeft: true, left: 3, right: 4, value: 0, weight: 45 },
    { feature: 0, threshold: 2, left: 5, right: 6, value: 0, weight: 55 },
    { value: 1.5, weight: 20 },
    { value: -0.5, weight: 25 },
    { value: 0.1, weight: 30 },
    { value: -1.2, weight: 25 },
  ]);
  const t2 = tree([
    { feature: 2, threshold: 2, missingLeft: false, left: 1, right: 2, value: 0, weight: 100 },
    { feature: 2, threshold: -0.5, left: 3, right: 4, value: 0, weight: 70 },
    { value: 2, weight: 30 },
    { value: -1, weight: 30 },
    { feature: 0, threshold: 0.5, left: 5, right: 6, value: 0, weight: 40 },
    { value: 0.3, weight: 10 },
    { value: 0.9, weight: 30 },
  ]);
  return {
    trees: [t0, t1, t2],
    treeOutput: Int32Array.from([0, 1, 0]),
    nOutputs: 2,
    scale: 1,
    baseOffset: Float64Array.from([0.5, -0.25]),
    outputKind: 'rawScore',
  };
}

/** baseOffset + scale × Σ tree values, rows × nOutputs. */
export function rawOutput(view: TreeEnsembleView, x: Float64Matrix): Float64Array {
  const K = view.nOutputs;
  const out = new Float64Array(x.rows * K);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < K; k++) out[i * K + k] = view.baseOffset[k]!;
    view.trees.forEach((t, ti) => {
      const leaf = leafIndex(t, x.data, i * x.cols);
      const col = view.treeOutput?.[ti] ?? -1;
      for (let k = 0; k < t.nOutputs; k++) out[i * K + (col < 0 ? k : col)]! += view.scale * t.value[leaf * t.nOutputs + k]!;
    });
  }
  return out;
}

/** E[tree(x) | x_S] with path-dependent (cover-weighted) averaging over features not in S. */
function conditional(t: FlatTree, node: number, x: Float64Array, off: number, inS: (j: number) => boolean, out: Float64Array, w: number): void {
  if (t.left[node]! < 0) {
    for (let k = 0; k < t.nOutputs; k++) out[k]! += w * t.value[node * t.nOutputs + k]!;
    return;
  }
  const f = t.feature[node]!;
  const l = t.left[node]!;
  const r = t.right[node]!;
  if (inS(f)) conditional(t, goesLeft(t, node, x[off + f]!) ? l : r, x, off, inS, out, w);
  else {
    conditional(t, l, x, off, inS, out, (w * t.weight[l]!) / t.weight[node]!);
    conditional(t, r, x, off, inS, out, (w * t.weight[r]!) / t.weight[node]!);
  }
}

/** Exact Shapley values by enumerating all 2^d subsets (small d only). */
export function bruteForceShap(view: TreeEnsembleView, x: Float64Matrix): Float64Array {
  const { rows, cols } = x;
  const K = view.nOutputs;
  const value = (i: number, mask: number): Float64Array => {
    const out = new Float64Array(K);
    view.trees.forEach((t, ti) => {
      const tmp = new Float64Array(t.nOutputs);
      conditional(t, 0, x.data, i * cols, (j) => ((mask >> j) & 1) === 1, tmp, 1);
      const col = view.treeOutput?.[ti] ?? -1;
      for (let k = 0; k < t.nOutputs; k++) out[col < 0 ? k : col]! += view.scale * tmp[k]!;
    });
    return out;
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Float64Array(rows * cols * K);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      for (let mask = 0; mask < 1 << cols; mask++) {
        if ((mask >> j) & 1) continue;
        let size = 0;
        for (let b = 0; b < cols; b++) size += (mask >> b) & 1;
        const weight = (fact(size) * fact(cols - size - 1)) / fact(cols);
        const a = value(i, mask | (1 << j));
        const b = value(i, mask);
        for (let k = 0; k < K; k++) phi[(i * cols + j) * K + k]! += weight * (a[k]! - b[k]!);
      }
    }
  }
  return phi;
}
