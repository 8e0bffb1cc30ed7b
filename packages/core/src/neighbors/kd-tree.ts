// KD-tree neighbour index (after scikit-learn's KDTree): an implicit complete binary tree over a
// permutation of the training rows, split at the median of the widest dimension, with per-node
// bounding boxes in flat typed arrays. Exact k-nearest and radius queries.
import type { Float64Matrix } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import type { NeighborHeaps } from './heap.js';
import { boxReducedDistance, type DistanceMetric, reducedDistance } from './metric.js';
import { type NeighborBuffer, NeighborIndex } from './neighbor-index.js';

/** KD-tree over the rows of `x` (which it references, not copies). */
export class KDTree extends NeighborIndex {
  readonly algorithm = 'kdTree' as const;
  /** Training-row indices, permuted so each node covers a contiguous range. */
  readonly order: Int32Array;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  /** Per-node bounding boxes, `nodes × cols`. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly nLevels: number;
  /** Nodes with an id >= firstLeaf are leaves. */
  readonly firstLeaf: number;
  private readonly stackNode: Int32Array;
  private readonly stackDist: Float64Array;

  /**
   * @param leafSize - scikit-learn's `leaf_size` (default 30): leaves hold between `leafSize` and
   *   about `2 × leafSize` rows.
   */
  constructor(x: Float64Matrix, metric: DistanceMetric, leafSize = 30) {
    super(x, metric);
    if (!Number.isInteger(leafSize) || leafSize < 1) {
      throw new InvalidParameterError(`KDTree: leafSize must be an integer >= 1, got ${leafSize}`);
    }
    const n = x.rows;
    const d = x.cols;
    this.nLevels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
    const nNodes = 2 ** this.nLevels - 1;
    this.firstLeaf = 2 ** (this.nLevels - 1) - 1;
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.nodeStart = new Int32Array(nNodes);
    this.nodeEnd = new Int32Array(nNodes);
    this.lower = new Float64Array(nNodes * d);
    this.upper = new Float64Array(nNodes * d);
    this.nodeEnd[0] = n;
    for (let node = 0; node < nNodes; node++) this.buildNode(node);
    this.stackNode = new Int32Array(2 * this.nLevels + 2);
    this.stackDist = new Float64Array(2 * this.nLevels + 2);
  }

  /** Computes the node's box and, for inner nodes, splits its range between the two children. */
  private buildNode(node: number): void {
    const { data, cols: d, order, lower, upper } = this;
    const start = this.nodeStart[node]!;
    const end = this.nodeEnd[node]!;
    const b = node * d;
    lower.fill(Number.POSITIVE_INFINITY, b, b + d);
    upper.fill(Number.NEGATIVE_INFINITY, b, b + d);
    for (let t = start; t < end; t++) {
      const o = order[t]! * d;
      for (let j = 0; j < d; j++) {
        const v = data[o + j]!;
        if (v < lower[b + j]!) lower[b + j] = v;
        if (v > upper[b + j]!) upper[b + j] = v;
      }
    }
    if (node >= this.firstLeaf) return;
    let dim = 0;
    for (let j = 1; j < d; j++)
      if (upper[b + j]! - lower[b + j]! > upper[b + dim]! - lower[b + dim]!) dim = j;
    const mid = start + ((end - start) >> 1);
    this.select(start, end - 1, mid, dim);
    const l = 2 * node + 1;
    this.nodeStart[l] = start;
    this.nodeEnd[l] = mid;
    this.nodeStart[l + 1] = mid;
    this.nodeEnd[l + 1] = end;
  }

  /**
   * Quickselect on `order[lo..hi]` so that position `k` holds the k-th smallest value of `dim`,
   * with a three-way partition so runs of equal values stay linear.
   */
  private select(lo: number, hi: number, k: number, dim: number): void {
    const { data, cols: d, order } = this;
    while (hi > lo) {
      const m = lo + ((hi - lo) >> 1);
      const a = data[order[lo]! * d + dim]!;
      const b = data[order[m]! * d + dim]!;
      const c = data[order[hi]! * d + dim]!;
      const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
      // order[lo..lt) < pivot, order[lt..t) == pivot, order(gt..hi] > pivot.
      let lt = lo;
      let gt = hi;
      let t = lo;
      while (t <= gt) {
        const v = data[order[t]! * d + dim]!;
        const cur = order[t]!;
        if (v < pivot) {
          order[t++] = order[lt]!;
          order[lt++] = cur;
        } else if (v > pivot) {
          order[t] = order[gt]!;
          order[gt--] = cur;
        } else t++;
      }
      if (k < lt) hi = lt - 1;
      else if (k > gt) lo = gt + 1;
      else return;
    }
  }

  private minDist(q: Float64Array, qo: number, node: number): number {
    return boxReducedDistance(
      q,
      qo,
      this.lower,
      this.upper,
      node * this.cols,
      this.cols,
      this.metric.p,
      false,
    );
  }

  protected searchK(q: Float64Array, qo: number, heaps: NeighborHeaps, h: number): void {
    const { data, cols: d, order, stackNode, stackDist, firstLeaf } = this;
    const p = this.metric.p;
    let sp = 0;
    stackNode[0] = 0;
    stackDist[sp++] = this.minDist(q, qo, 0);
    while (sp > 0) {
      const node = stackNode[--sp]!;
      if (stackDist[sp]! > heaps.worst(h)) continue;
      if (node >= firstLeaf) {
        const end = this.nodeEnd[node]!;
        for (let t = this.nodeStart[node]!; t < end; t++) {
          const i = order[t]!;
          const r = reducedDistance(q, qo, data, i * d, d, p);
          if (r <= heaps.worst(h)) heaps.push(h, r, i);
        }
        continue;
      }
      const l = 2 * node + 1;
      const dl = this.minDist(q, qo, l);
      const dr = this.minDist(q, qo, l + 1);
      // Push the farther child first so the nearer one is searched first.
      const nearFirst = dl <= dr;
      stackNode[sp] = nearFirst ? l + 1 : l;
      stackDist[sp++] = nearFirst ? dr : dl;
      stackNode[sp] = nearFirst ? l : l + 1;
      stackDist[sp++] = nearFirst ? dl : dr;
    }
  }

  /**
   * Counts the training rows within reduced distance `rr` of `q`, appending them to `out` when
   * given. Nodes whose whole box lies inside the ball are taken without per-row tests.
   */
  private radiusSearch(q: Float64Array, qo: number, rr: number, out: NeighborBuffer | null): number {
    const { data, cols: d, order, stackNode, firstLeaf, lower, upper, nodeStart, nodeEnd } = this;
    const p = this.metric.p;
    let count = 0;
    let sp = 0;
    stackNode[sp++] = 0;
    while (sp > 0) {
      const node = stackNode[--sp]!;
      if (this.minDist(q, qo, node) > rr) continue;
      const inside = boxReducedDistance(q, qo, lower, upper, node * d, d, p, true) <= rr;
      if (inside && out === null) {
        count += nodeEnd[node]! - nodeStart[node]!;
      } else if (inside || node >= firstLeaf) {
        const end = nodeEnd[node]!;
        for (let t = nodeStart[node]!; t < end; t++) {
          const i = order[t]!;
          const r = reducedDistance(q, qo, data, i * d, d, p);
          if (r <= rr) {
            count++;
            out?.push(i, r);
          }
        }
      } else {
        stackNode[sp++] = 2 * node + 2;
        stackNode[sp++] = 2 * node + 1;
      }
    }
    return count;
  }

  queryRadius(q: Float64Array, qo: number, rr: number, out: NeighborBuffer): void {
    this.radiusSearch(q, qo, rr, out);
  }

  countRadius(q: Float64Array, qo: number, rr: number): number {
    return this.radiusSearch(q, qo, rr, null);
  }
}
