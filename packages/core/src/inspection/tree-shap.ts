// Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2, as in shap's tree_shap.h)
// over any FlatTree: numeric and categorical splits, missing-value directions, weight as cover.
import type { BaseEstimator } from '../base/index.js';
import { type Float64Matrix, type MatrixLike, validateAgainstSchema } from '../data/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';
import { type FlatTree, goesLeft } from '../tree/flat-tree.js';
import { isTreeExplainable, type TreeEnsembleView } from './tree-ensemble.js';

/** SHAP values of every row: values[(row · cols + feature) · nOutputs + output]. */
export interface TreeShapResult {
  values: Float64Array;
  rows: number;
  cols: number;
  nOutputs: number;
  /** The model's expected raw output (the base value), one per output. */
  expectedValue: Float64Array;
}

/** The path of unique features from the root, stored as parallel arrays (shap's PathElement). */
interface Path {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pweight: Float64Array;
}

function extendPath(p: Path, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.pweight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.pweight[at + i + 1]! += (one * p.pweight[at + i]! * (i + 1)) / (depth + 1);
    p.pweight[at + i] = (zero * p.pweight[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: Path, at: number, depth: number, index: number): void {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let next = p.pweight[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.pweight[at + i]!;
      p.pweight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.pweight[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.pweight[at + i] = (p.pweight[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1]!;
    p.zero[at + i] = p.zero[at + i + 1]!;
    p.one[at + i] = p.one[at + i + 1]!;
  }
}

function unwoundPathSum(p: Path, at: number, depth: number, index: number): number {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let next = p.pweight[at + depth]!;
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = next / ((i + 1) * one);
      total += tmp;
      next = p.pweight[at + i]! - tmp * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += p.pweight[at + i]! / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function treeDepth(t: FlatTree, node = 0): number {
  return t.left[node]! < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[node]!), treeDepth(t, t.right[node]!));
}

/** Cover-weighted mean of a tree's leaf values (its expected output), per output. */
function expectedLeafValue(t: FlatTree, node: number, out: Float64Array, scale: number): void {
  const l = t.left[node]!;
  if (l < 0) {
    for (let k = 0; k < t.nOutputs; k++) out[k]! += scale * t.value[node * t.nOutputs + k]!;
    return;
  }
  const w = t.weight[node]!;
  const r = t.right[node]!;
  expectedLeafValue(t, l, out, w > 0 ? (scale * t.weight[l]!) / w : 0);
  expectedLeafValue(t, r, out, w > 0 ? (scale * t.weight[r]!) / w : 0);
}

/**
 * TreeSHAP values of a tree ensemble for every row of x:
 * Σ_features values + expectedValue = baseOffset + scale · Σ_trees tree(x), per output.
 */
export function treeShap(view: TreeEnsembleView, x: Float64Matrix): TreeShapResult {
  const { trees, nOutputs: K, scale, baseOffset, treeOutput } = view;
  const { rows, cols, data } = x;
  const values = new Float64Array(rows * cols * K);
  const expectedValue = Float64Array.from(baseOffset);
  trees.forEach((t, ti) => {
    const col = treeOutput ? treeOutput[ti]! : -1;
    if (col < 0 && t.nOutputs !== K)
      throw new InvalidParameterError(`treeShap: tree ${ti} has ${t.nOutputs} outputs, the model ${K}`);
    if (col >= K) throw new InvalidParameterError(`treeShap: tree ${ti} adds to output ${col} of ${K}`);
    const e = new Float64Array(t.nOutputs);
    expectedLeafValue(t, 0, e, scale);
    for (let k = 0; k < t.nOutputs; k++) expectedValue[col < 0 ? k : col]! += e[k]!;
    const depth = treeDepth(t) + 2;
    const size = (depth * (depth + 1)) / 2;
    const path: Path = {
      feature: new Int32Array(size),
      zero: new Float64Array(size),
      one: new Float64Array(size),
      pweight: new Float64Array(size),
    };
    const tk = t.nOutputs;
    let rowOffset = 0;
    let phiOffset = 0;
    const recurse = (node: number, at: number, depth: number, pz: number, po: number, pf: number): void => {
      const next = at + depth + 1;
      path.feature.copyWithin(next, at, at + depth + 1);
      path.zero.copyWithin(next, at, at + depth + 1);
      path.one.copyWithin(next, at, at + depth + 1);
      path.pweight.copyWithin(next, at, at + depth + 1);
      extendPath(path, next, depth, pz, po, pf);
      const l = t.left[node]!;
      if (l < 0) {
        for (let i = 1; i <= depth; i++) {
          const w =
            unwoundPathSum(path, next, depth, i) * (path.one[next + i]! - path.zero[next + i]!) * scale;
          const base = phiOffset + path.feature[next + i]! * K;
          if (col >= 0) values[base + col]! += w * t.value[node]!;
          else for (let k = 0; k < tk; k++) values[base + k]! += w * t.value[node * tk + k]!;
        }
        return;
      }
      const f = t.feature[node]!;
      const r = t.right[node]!;
      const hot = goesLeft(t, node, data[rowOffset + f]!) ? l : r;
      const cold = hot === l ? r : l;
      const w = t.weight[node]!;
      const hotZero = w > 0 ? t.weight[hot]! / w : 0;
      const coldZero = w > 0 ? t.weight[cold]! / w : 0;
      let inZero = 1;
      let inOne = 1;
      let d = depth;
      let index = 0;
      while (index <= d && path.feature[next + index] !== f) index++;
      if (index !== d + 1) {
        inZero = path.zero[next + index]!;
        inOne = path.one[next + index]!;
        unwindPath(path, next, d, index);
        d -= 1;
      }
      recurse(hot, next, d + 1, hotZero * inZero, inOne, f);
      recurse(cold, next, d + 1, coldZero * inZero, 0, f);
    };
    for (let i = 0; i < rows; i++) {
      rowOffset = i * cols;
      phiOffset = i * cols * K;
      path.feature[0] = -1;
      recurse(0, 0, 0, 1, 1, -1);
    }
  });
  return { values, rows, cols, nOutputs: K, expectedValue };
}

/**
 * SHAP values of a fitted tree model (decision tree, random forest, gradient boosting — any
 * model with `treeEnsemble()`), validating X against the model's training schema.
 */
export function explain(model: BaseEstimator, X: MatrixLike): TreeShapResult {
  if (!isTreeExplainable(model)) {
    throw new InvalidParameterError(
      `explain: ${model.estimatorName} does not expose its trees (treeEnsemble()); use a tree model`,
    );
  }
  if (!model.isFitted || !model.inputSchema)
    throw new NotFittedError(`explain: this ${model.estimatorName} is not fitted; call fit(X, y) first`);
  const x = validateAgainstSchema(X, model.inputSchema, {
    allowNaN: model.tags.allowNaN,
    allowCategorical: model.tags.allowCategorical,
    context: `explain(${model.estimatorName})`,
  });
  return treeShap(model.treeEnsemble(), x);
}
