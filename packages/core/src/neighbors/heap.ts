// Bounded max-heaps of (distance, index) pairs in flat typed arrays: the k best neighbours of
// many queries at once, with ties broken by the smaller training index.

/** True when (da, ia) ranks after (db, ib): larger distance, or equal distance and larger index. */
function worse(da: number, ia: number, db: number, ib: number): boolean {
  return da > db || (da === db && ia > ib);
}

/**
 * k-neighbour heaps for `count` queries: heap `h` occupies `[h * k, (h + 1) * k)` of `dist` and
 * `idx`. The root of each heap is its worst kept neighbour.
 */
export class NeighborHeaps {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  readonly size: Int32Array;

  constructor(
    readonly count: number,
    readonly k: number,
  ) {
    this.dist = new Float64Array(count * k);
    this.idx = new Int32Array(count * k);
    this.size = new Int32Array(count);
  }

  /** Empties every heap. */
  reset(): void {
    this.size.fill(0);
  }

  /** The bound a candidate must not exceed to enter heap `h` (Infinity while not full). */
  worst(h: number): number {
    return this.size[h]! < this.k ? Number.POSITIVE_INFINITY : this.dist[h * this.k]!;
  }

  /** Offers neighbour `i` at reduced distance `d` to heap `h`. */
  push(h: number, d: number, i: number): void {
    const k = this.k;
    const base = h * k;
    const dist = this.dist;
    const idx = this.idx;
    const n = this.size[h]!;
    if (n < k) {
      // Sift up from the new leaf.
      let c = n;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!worse(d, i, dist[base + parent]!, idx[base + parent]!)) break;
        dist[base + c] = dist[base + parent]!;
        idx[base + c] = idx[base + parent]!;
        c = parent;
      }
      dist[base + c] = d;
      idx[base + c] = i;
      this.size[h] = n + 1;
      return;
    }
    if (!worse(dist[base]!, idx[base]!, d, i)) return;
    this.siftDown(base, k, d, i);
  }

  /** Places (d, i) at the root of the heap at `base` holding `n` entries and restores the order. */
  private siftDown(base: number, n: number, d: number, i: number): void {
    const dist = this.dist;
    const idx = this.idx;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && worse(dist[base + r]!, idx[base + r]!, dist[base + l]!, idx[base + l]!)) m = r;
      if (!worse(dist[base + m]!, idx[base + m]!, d, i)) break;
      dist[base + c] = dist[base + m]!;
      idx[base + c] = idx[base + m]!;
      c = m;
    }
    dist[base + c] = d;
    idx[base + c] = i;
  }

  /**
   * Writes heap `h` sorted from nearest to farthest into `outDist`/`outIdx` at `offset`,
   * converting each reduced distance with `convert`. Empties the heap.
   */
  drainSorted(
    h: number,
    outDist: Float64Array,
    outIdx: Int32Array,
    offset: number,
    convert: (r: number) => number,
  ): void {
    const k = this.k;
    const base = h * k;
    const dist = this.dist;
    const idx = this.idx;
    let n = this.size[h]!;
    // Heap sort: move the worst to the end, shrink, restore.
    while (n > 0) {
      const last = n - 1;
      outDist[offset + last] = convert(dist[base]!);
      outIdx[offset + last] = idx[base]!;
      n = last;
      this.siftDown(base, n, dist[base + last]!, idx[base + last]!);
    }
    this.size[h] = 0;
  }
}
