// Grows one CART tree into the shared FlatTree format: depth-first (scikit-learn's
// DepthFirstTreeBuilder) or best-first when maxLeafNodes is set (BestFirstTreeBuilder).
import type { Rng } from '../utils/random.js';
import { findBestSplit, nodeImpurity, type Split, type SplitContext, SQUARED_ERROR } from './best-split.js';
import type { RankedFeatures } from './feature-ranks.js';
import type { FlatTree } from './flat-tree.js';
import { NodeStore } from './node-store.js';

const EPSILON = 2.220446049250313e-16;

/** Resolved growth settings (counts, not fractions). */
export interface GrowOptions {
  /** GINI, ENTROPY or SQUARED_ERROR. */
  criterion: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  maxFeatures: number;
  /** 0 = unlimited (depth-first growth). */
  maxLeafNodes: number;
  minImpurityDecrease: number;
}

/** The target: class codes (nClasses > 0) or real values (nClasses = 0). */
export interface TreeTarget {
  nClasses: number;
  yCode: Int32Array;
  y: Float64Array;
}

export interface GrownTree {
  tree: FlatTree;
  /** Unnormalized weighted impurity decrease per feature. */
  importances: Float64Array;
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
}

interface Frontier {
  node: number;
  start: number;
  end: number;
  depth: number;
  split: Split;
  improvement: number;
}

/**
 * Grows a tree on `samples` (rows with positive weight `w`), drawing split features with `rng`.
 * Node values are class fractions (classification) or weighted means (regression).
 */
export function growTree(
  data: RankedFeatures,
  target: TreeTarget,
  w: Float64Array,
  samples: Int32Array,
  opts: GrowOptions,
  rng: Rng,
): GrownTree {
  const K = target.nClasses;
  const statWidth = K > 0 ? K : 3;
  const features = new Int32Array(data.d);
  for (let j = 0; j < data.d; j++) features[j] = j;
  const m = samples.length;
  const presortMin = 64;
  const ctx: SplitContext = {
    data,
    criterion: opts.criterion,
    nClasses: K,
    yCode: target.yCode,
    y: target.y,
    w,
    samples,
    sorted: presortedLists(data, w, m > presortMin ? m : 0),
    presortMin,
    keys: new Float64Array(m),
    order: new Int32Array(2 * m),
    features,
    left: new Float64Array(Math.max(K, 1)),
    right: new Float64Array(Math.max(K, 1)),
    minSamplesLeaf: opts.minSamplesLeaf,
    minWeightLeaf: opts.minWeightLeaf,
    maxFeatures: opts.maxFeatures,
    rng,
  };
  const store = new NodeStore(Math.max(1, 2 * samples.length - 1), K > 0 ? K : 1, statWidth);
  const split: Split = { feature: -1, rank: 0, threshold: 0, proxy: 0 };
  let totalWeight = 0;
  for (let p = 0; p < samples.length; p++) totalWeight += w[samples[p]!]!;

  const addNode = (start: number, end: number, parent: number, isLeft: boolean): number => {
    const node = store.add(parent, isLeft);
    const stats = store.statsOf(node);
    let wNode = 0;
    if (K > 0) {
      for (let p = start; p < end; p++) {
        const s = samples[p]!;
        stats[target.yCode[s]!]! += w[s]!;
        wNode += w[s]!;
      }
    } else {
      for (let p = start; p < end; p++) {
        const s = samples[p]!;
        const ws = w[s]!;
        const v = target.y[s]!;
        wNode += ws;
        stats[1]! += ws * v;
        stats[2]! += ws * v * v;
      }
      stats[0] = wNode;
    }
    store.weight[node] = wNode;
    store.impurity[node] = nodeImpurity(opts.criterion, K, stats, wNode);
    return node;
  };

  /** Finds a split for a fresh node; returns its improvement, or -1 when it stays a leaf. */
  const trySplit = (node: number, start: number, end: number, depth: number): number => {
    const size = end - start;
    const wNode = store.weight[node]!;
    if (
      depth >= opts.maxDepth ||
      size < opts.minSamplesSplit ||
      size < 2 * opts.minSamplesLeaf ||
      wNode < 2 * opts.minWeightLeaf ||
      store.impurity[node]! <= EPSILON
    ) {
      return -1;
    }
    if (!findBestSplit(ctx, start, end, store.statsOf(node), wNode, split)) return -1;
    const improvement = childImprovement(start, end, node);
    if (improvement + EPSILON < opts.minImpurityDecrease) return -1;
    return improvement;
  };

  /** Weighted impurity decrease of the split in `split` (computed from a trial partition). */
  const childImprovement = (start: number, end: number, node: number): number => {
    const pos = partition(start, end);
    const l = scratchStats(start, pos);
    const r = scratchStats(pos, end);
    const wNode = store.weight[node]!;
    return (wNode / totalWeight) * (store.impurity[node]! - (r.w / wNode) * r.imp - (l.w / wNode) * l.imp);
  };

  const scratch = new Float64Array(statWidth);
  const scratchStats = (start: number, end: number): { w: number; imp: number } => {
    scratch.fill(0);
    let wSum = 0;
    for (let p = start; p < end; p++) {
      const s = samples[p]!;
      const ws = w[s]!;
      wSum += ws;
      if (K > 0) scratch[target.yCode[s]!]! += ws;
      else {
        scratch[1]! += ws * target.y[s]!;
        scratch[2]! += ws * target.y[s]! * target.y[s]!;
      }
    }
    scratch[0] = K > 0 ? scratch[0]! : wSum;
    return { w: wSum, imp: nodeImpurity(opts.criterion, K, scratch, wSum) };
  };

  const goesLeft = new Uint8Array(m > presortMin ? data.n : 0);
  const tmp = new Int32Array(m > presortMin ? 2 * m : 0);
  /** Keeps every presorted list of a large node partitioned like samples[start:end] after a split. */
  const partitionLists = (start: number, end: number, pos: number): void => {
    // lists are read only by nodes larger than presortMin
    if (pos - start <= presortMin && end - pos <= presortMin) return;
    const base = split.feature * data.n;
    const ranks = data.ranks;
    for (let p = start; p < end; p++) {
      const s = samples[p]!;
      goesLeft[s] = ranks[base + s]! <= split.rank ? 1 : 0;
    }
    const sorted = ctx.sorted;
    for (let f = 0; f < data.d; f++) {
      const from = 2 * (f * m + start);
      const to = 2 * (f * m + end);
      let wr = from;
      let t = 0;
      for (let p = from; p < to; p += 2) {
        const s = sorted[p]!;
        const r = sorted[p + 1]!;
        if (goesLeft[s] === 1) {
          sorted[wr] = s;
          sorted[wr + 1] = r;
          wr += 2;
        } else {
          tmp[t] = s;
          tmp[t + 1] = r;
          t += 2;
        }
      }
      sorted.set(tmp.subarray(0, t), wr);
    }
  };

  /** Moves rows going left (rank <= split.rank) to the front; returns the boundary. */
  const partition = (start: number, end: number): number => {
    const base = split.feature * data.n;
    const ranks = data.ranks;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (ranks[base + samples[i]!]! <= split.rank) i++;
      else {
        const t = samples[i]!;
        samples[i] = samples[j]!;
        samples[j] = t;
        j--;
      }
    }
    return i;
  };

  if (opts.maxLeafNodes > 0) {
    growBestFirst();
  } else {
    const stack: Pending[] = [{ start: 0, end: samples.length, depth: 0, parent: -1, isLeft: false }];
    while (stack.length > 0) {
      const { start, end, depth, parent, isLeft } = stack.pop()!;
      const node = addNode(start, end, parent, isLeft);
      if (trySplit(node, start, end, depth) < 0) continue;
      store.setSplit(node, split.feature, split.threshold);
      const pos = partition(start, end);
      partitionLists(start, end, pos);
      stack.push({ start: pos, end, depth: depth + 1, parent: node, isLeft: false });
      stack.push({ start, end: pos, depth: depth + 1, parent: node, isLeft: true });
    }
  }

  function growBestFirst(): void {
    const frontier: Frontier[] = [];
    const consider = (node: number, start: number, end: number, depth: number): void => {
      const improvement = trySplit(node, start, end, depth);
      if (improvement >= 0) frontier.push({ node, start, end, depth, split: { ...split }, improvement });
    };
    consider(addNode(0, samples.length, -1, false), 0, samples.length, 0);
    let leaves = 1;
    while (frontier.length > 0 && leaves < opts.maxLeafNodes) {
      let bi = 0;
      for (let i = 1; i < frontier.length; i++)
        if (frontier[i]!.improvement > frontier[bi]!.improvement) bi = i;
      const f = frontier[bi]!;
      frontier[bi] = frontier[frontier.length - 1]!;
      frontier.pop();
      Object.assign(split, f.split);
      store.setSplit(f.node, split.feature, split.threshold);
      const pos = partition(f.start, f.end);
      partitionLists(f.start, f.end, pos);
      const l = addNode(f.start, pos, f.node, true);
      const r = addNode(pos, f.end, f.node, false);
      consider(l, f.start, pos, f.depth + 1);
      consider(r, pos, f.end, f.depth + 1);
      leaves++;
    }
  }

  return store.finish(data.d, K, opts.criterion === SQUARED_ERROR);
}

/**
 * The tree's rows (positive weight) sorted by each feature, from the global order: d × m
 * (row, rank) pairs (empty when m is 0: no node is large enough to use them).
 */
function presortedLists(data: RankedFeatures, w: Float64Array, m: number): Int32Array {
  const { n, d, order, ranks } = data;
  const sorted = new Int32Array(2 * d * m);
  if (m === 0) return sorted;
  for (let f = 0; f < d; f++) {
    let o = 2 * f * m;
    const base = f * n;
    for (let i = 0; i < n; i++) {
      const s = order[base + i]!;
      if (w[s]! > 0) {
        sorted[o] = s;
        sorted[o + 1] = ranks[base + s]!;
        o += 2;
      }
    }
  }
  return sorted;
}
