// Fitting one tree on a validated matrix: ranks, weights, the rows in the tree, growth, and
// importance normalization (shared by decision trees and, per tree, by forests).
import type { Float64Matrix } from '../data/index.js';
import { Rng } from '../utils/random.js';
import { type RankedFeatures, rankFeatures } from './feature-ranks.js';
import { type GrownTree, growTree, type TreeTarget } from './grower.js';
import { resolveGrowOptions, type TreeGrowthParams } from './tree-params.js';

/** Rows with positive weight (rows of weight 0 never enter a tree, as in scikit-learn). */
export function rowsInTree(w: Float64Array): Int32Array {
  let m = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) m++;
  const out = new Int32Array(m);
  m = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) out[m++] = i;
  return out;
}

/** Importances scaled to sum to 1 (all zeros stay zeros). */
export function normalizeImportances(raw: Float64Array): Float64Array {
  const out = Float64Array.from(raw, (v) => Math.max(0, v));
  const s = out.reduce((a, b) => a + b, 0);
  if (s > 0) for (let j = 0; j < out.length; j++) out[j]! /= s;
  return out;
}

/** Fits one tree on all rows of `x` with optional sample weights. */
export function fitSingleTree(
  x: Float64Matrix | RankedFeatures,
  target: TreeTarget,
  sampleWeight: Float64Array | undefined,
  params: TreeGrowthParams,
  criterion: number,
  seed: number,
): GrownTree {
  const data = 'ranks' in x ? x : rankFeatures(x);
  const w = sampleWeight ?? new Float64Array(data.n).fill(1);
  const total = w.reduce((a, b) => a + b, 0);
  const opts = resolveGrowOptions(params, criterion, data.n, data.d, total);
  return growTree(data, target, w, rowsInTree(w), opts, new Rng(seed));
}
