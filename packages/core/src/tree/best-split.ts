// The exact best-split search of CART (after scikit-learn's BestSplitter): per candidate feature,
// sort the node's samples by rank, then scan all thresholds with O(1) criterion updates.
import type { Rng } from '../utils/random.js';
import type { RankedFeatures } from './feature-ranks.js';
import { sortKeys } from './sort-keys.js';

/** Criterion codes used by the builder's hot loops. */
export const GINI = 0;
export const ENTROPY = 1;
export const SQUARED_ERROR = 2;

/** Values closer than this are one value (no threshold between them), as in scikit-learn. */
const FEATURE_THRESHOLD = 1e-7;

/** Buffers and settings shared by every node of one tree. */
export interface SplitContext {
  data: RankedFeatures;
  criterion: number;
  /** Number of classes; 0 for regression. */
  nClasses: number;
  yCode: Int32Array;
  y: Float64Array;
  /** Per-row weight (bootstrap count × sample weight). */
  w: Float64Array;
  /** The tree's rows; a node owns samples[start:end]. */
  samples: Int32Array;
  /**
   * Presorted lists, d × m pairs (m = rows in the tree): pairs f·m + [start, end) hold the node's
   * rows sorted by feature f, each as (row, rank) at [2q, 2q + 1], so scans and partitions read
   * and move one stream. Kept up to date for nodes larger than `presortMin` only.
   */
  sorted: Int32Array;
  presortMin: number;
  keys: Float64Array;
  /** Small nodes' rows sorted by one feature, as (row, rank) pairs like `sorted`. */
  order: Int32Array;
  features: Int32Array;
  left: Float64Array;
  right: Float64Array;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  maxFeatures: number;
  rng: Rng;
}

/** The best split of a node: rows with rank <= `rank` of `feature` go left. */
export interface Split {
  feature: number;
  rank: number;
  threshold: number;
  proxy: number;
}

function xlog2x(c: number): number {
  return c > 0 ? c * Math.log2(c) : 0;
}

/** Small nodes: sort the node's rows by rank of feature f into (row, rank) pairs start..end of ctx.order. */
function sortNode(ctx: SplitContext, f: number, start: number, end: number): void {
  const { keys, samples, order } = ctx;
  const { n, ranks } = ctx.data;
  const base = f * n;
  for (let p = start; p < end; p++) {
    const s = samples[p]!;
    keys[p] = ranks[base + s]! * n + s;
  }
  sortKeys(keys, start, end);
  for (let p = start; p < end; p++) {
    const k = keys[p]!;
    const rank = Math.floor(k / n);
    order[2 * p] = k - rank * n;
    order[2 * p + 1] = rank;
  }
}

/**
 * Finds the best split of samples[start:end] over up to `maxFeatures` randomly drawn
 * non-constant features. `stats` holds the node's class weights (classification) or
 * [sumW, sumWY] (regression). Returns false when no valid split exists.
 */
export function findBestSplit(
  ctx: SplitContext,
  start: number,
  end: number,
  stats: Float64Array,
  wNode: number,
  out: Split,
): boolean {
  const { criterion, nClasses: K, yCode, y, w, features, left, right } = ctx;
  const { d, uniq } = ctx.data;
  const { minSamplesLeaf, minWeightLeaf } = ctx;
  const size = end - start;
  const presorted = size > ctx.presortMin;
  const m = ctx.samples.length;
  let best = Number.NEGATIVE_INFINITY;
  let found = false;
  let visited = 0;
  let remaining = d;
  while (remaining > 0 && visited < ctx.maxFeatures) {
    const pick = ctx.rng.int(remaining);
    const f = features[pick]!;
    features[pick] = features[remaining - 1]!;
    features[remaining - 1] = f;
    remaining--;
    let list: Int32Array;
    let from: number;
    if (presorted) {
      list = ctx.sorted;
      from = f * m + start;
    } else {
      sortNode(ctx, f, start, end);
      list = ctx.order;
      from = start;
    }
    const to = from + size;
    const off = ctx.data.uniqOffset[f]!;
    if (uniq[off + list[2 * to - 1]!]! <= uniq[off + list[2 * from + 1]!]! + FEATURE_THRESHOLD) continue;
    visited++;
    let wL = 0;
    let aL = 0; // gini: Σ c²; entropy: Σ c·log2 c; regression: Σ w·y
    let aR = 0;
    if (K > 0) {
      for (let k = 0; k < K; k++) {
        left[k] = 0;
        right[k] = stats[k]!;
        aR += criterion === GINI ? stats[k]! * stats[k]! : xlog2x(stats[k]!);
      }
    } else aR = stats[1]!;
    let r = list[2 * from + 1]!;
    for (let p = from; p < to - 1; p++) {
      const s = list[2 * p]!;
      const ws = w[s]!;
      if (K > 0) {
        const c = yCode[s]!;
        const lc = left[c]!;
        const rc = right[c]!;
        left[c] = lc + ws;
        right[c] = rc - ws;
        if (criterion === GINI) {
          aL += (2 * lc + ws) * ws;
          aR += (ws - 2 * rc) * ws;
        } else {
          aL += xlog2x(lc + ws) - xlog2x(lc);
          aR += xlog2x(rc - ws) - xlog2x(rc);
        }
      } else {
        const v = ws * y[s]!;
        aL += v;
        aR -= v;
      }
      wL += ws;
      const nextR = list[2 * p + 3]!;
      if (nextR === r) continue;
      const lo = uniq[off + r]!;
      const hi = uniq[off + nextR]!;
      const prevR = r;
      r = nextR;
      if (hi <= lo + FEATURE_THRESHOLD) continue;
      const nl = p - from + 1;
      if (nl < minSamplesLeaf) continue;
      if (size - nl < minSamplesLeaf) break;
      const wR = wNode - wL;
      if (wL < minWeightLeaf || wR < minWeightLeaf) continue;
      let proxy: number;
      if (criterion === GINI) proxy = aL / wL + aR / wR;
      else if (criterion === ENTROPY) proxy = aL - xlog2x(wL) + aR - xlog2x(wR);
      else proxy = (aL * aL) / wL + (aR * aR) / wR;
      if (proxy > best) {
        best = proxy;
        found = true;
        out.feature = f;
        out.rank = prevR;
        let t = lo / 2 + hi / 2;
        if (t === hi || t === Number.POSITIVE_INFINITY || t === Number.NEGATIVE_INFINITY) t = lo;
        out.threshold = t;
        out.proxy = proxy;
      }
    }
  }
  return found;
}

/** Node impurity from its statistics (class weights, or [sumW, sumWY, sumWY²]). */
export function nodeImpurity(criterion: number, K: number, stats: Float64Array, wNode: number): number {
  if (wNode <= 0) return 0;
  if (criterion === SQUARED_ERROR) {
    const mean = stats[1]! / wNode;
    return Math.max(0, stats[2]! / wNode - mean * mean);
  }
  let acc = 0;
  for (let k = 0; k < K; k++) {
    const p = stats[k]! / wNode;
    acc += criterion === GINI ? p * p : p > 0 ? -p * Math.log2(p) : 0;
  }
  return criterion === GINI ? 1 - acc : acc;
}
