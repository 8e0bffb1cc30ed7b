// Brute-force neighbour index for high-dimensional data: exact distances by plain differences,
// scanned in cache-sized blocks of query and training rows. Memory is O(k) per query row.
import type { Float64Matrix } from '../data/index.js';
import { NeighborHeaps } from './heap.js';
import { reducedDistance, reducedToDistance } from './metric.js';
import { type NeighborBuffer, NeighborIndex } from './neighbor-index.js';

/** Query rows processed together, sharing each block of training rows while it is in cache. */
const QUERY_BLOCK = 32;
/** Training rows per block. */
const TRAIN_BLOCK = 256;

/** Exhaustive search over the rows of `x` (referenced, not copied). */
export class BruteForceIndex extends NeighborIndex {
  readonly algorithm = 'brute' as const;

  protected searchK(q: Float64Array, qo: number, heaps: NeighborHeaps, h: number): void {
    this.scanBlock(q, qo, heaps, h, 0, this.rows);
  }

  private scanBlock(
    q: Float64Array,
    qo: number,
    heaps: NeighborHeaps,
    h: number,
    from: number,
    to: number,
  ): void {
    const { data, cols: d } = this;
    const p = this.metric.p;
    let worst = heaps.worst(h);
    for (let i = from; i < to; i++) {
      const o = i * d;
      let r: number;
      if (p === 2) {
        // Partial sums only grow, so a row can be dropped as soon as one exceeds the bound.
        r = 0;
        for (let j = 0; j < d && r <= worst; j++) {
          const t = q[qo + j]! - data[o + j]!;
          r += t * t;
        }
      } else r = reducedDistance(q, qo, data, o, d, p);
      if (r <= worst) {
        heaps.push(h, r, i);
        worst = heaps.worst(h);
      }
    }
  }

  protected override fillKNeighbors(
    x: Float64Matrix,
    k: number,
    distances: Float64Array,
    indices: Int32Array,
  ): void {
    const m = x.rows;
    const n = this.rows;
    const heaps = new NeighborHeaps(Math.min(QUERY_BLOCK, m), k);
    const p = this.metric.p;
    const convert = (r: number) => reducedToDistance(r, p);
    for (let q0 = 0; q0 < m; q0 += QUERY_BLOCK) {
      const q1 = Math.min(m, q0 + QUERY_BLOCK);
      for (let t0 = 0; t0 < n; t0 += TRAIN_BLOCK) {
        const t1 = Math.min(n, t0 + TRAIN_BLOCK);
        for (let qi = q0; qi < q1; qi++) this.scanBlock(x.data, qi * x.cols, heaps, qi - q0, t0, t1);
      }
      for (let qi = q0; qi < q1; qi++) heaps.drainSorted(qi - q0, distances, indices, qi * k, convert);
    }
  }

  queryRadius(q: Float64Array, qo: number, rr: number, out: NeighborBuffer): void {
    const { data, cols: d, rows: n } = this;
    const p = this.metric.p;
    for (let i = 0; i < n; i++) {
      const r = reducedDistance(q, qo, data, i * d, d, p);
      if (r <= rr) out.push(i, r);
    }
  }

  countRadius(q: Float64Array, qo: number, rr: number): number {
    const { data, cols: d, rows: n } = this;
    const p = this.metric.p;
    let count = 0;
    for (let i = 0; i < n; i++) if (reducedDistance(q, qo, data, i * d, d, p) <= rr) count++;
    return count;
  }
}
