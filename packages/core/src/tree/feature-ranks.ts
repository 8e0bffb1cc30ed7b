// Per-feature ranks of the training values, computed once per fit: the tree builder sorts and
// splits on integer ranks (exact, like sorting the raw values) and forests share them between workers.
import type { Float64Matrix } from '../data/index.js';

/** Training features as ranks into each feature's sorted distinct values. */
export interface RankedFeatures {
  /** Rows. */
  n: number;
  /** Features. */
  d: number;
  /** Column-major d × n: rank of row i's value of feature j among that feature's distinct values. */
  ranks: Int32Array;
  /** Distinct values of every feature, ascending, concatenated. */
  uniq: Float64Array;
  /** Feature j's distinct values are uniq[uniqOffset[j] .. uniqOffset[j + 1]). */
  uniqOffset: Int32Array;
  /** Column-major d × n: the rows sorted by feature j (ties by row index). */
  order: Int32Array;
}

function allocate(length: number, bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(length * bytes) : new ArrayBuffer(length * bytes);
}

/**
 * Ranks every feature of `x` (no NaN: callers validate first). With `shared`, the arrays live on
 * SharedArrayBuffers so worker threads read them without copies.
 */
export function rankFeatures(x: Float64Matrix, shared = false): RankedFeatures {
  const { rows: n, cols: d, data } = x;
  const ranks = new Int32Array(allocate(n * d, 4, shared));
  const order = new Int32Array(allocate(n * d, 4, shared));
  const uniqParts: Float64Array[] = [];
  const uniqOffset = new Int32Array(allocate(d + 1, 4, shared));
  const col = new Float64Array(n);
  const sorter = new RadixArgsort(n);
  const u = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + j]!;
    const base = j * n;
    const rows = order.subarray(base, base + n);
    sorter.sort(col, rows);
    // Walk the rows in value order: ranks count distinct values (ties keep row order).
    let m = 0;
    for (let k = 0; k < n; k++) {
      const v = col[rows[k]!]! || 0; // −0 is 0
      if (m === 0 || v !== u[m - 1]!) u[m++] = v;
      ranks[base + rows[k]!] = m - 1;
    }
    uniqParts.push(u.slice(0, m));
    uniqOffset[j] = total;
    total += m;
  }
  uniqOffset[d] = total;
  const uniq = new Float64Array(allocate(total, 8, shared));
  for (let j = 0; j < d; j++) uniq.set(uniqParts[j]!, uniqOffset[j]!);
  return { n, d, ranks, uniq, uniqOffset, order };
}

/** Bits per radix pass: 6 passes cover a 64-bit key, and 2048 counters stay in L1. */
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Stable argsort of doubles (no NaN) by least-significant-digit radix sort on order-preserving
 * 64-bit keys: linear in n. Ranking 400 000 × 20 values took 1.5 s this way and 2.9 s by a
 * comparison sort then a binary search per row, whose cache misses cost more than the sort.
 * Equal values keep their row order; −0 counts as 0.
 */
class RadixArgsort {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly hi2: Uint32Array;
  private readonly lo2: Uint32Array;
  private readonly idx2: Int32Array;
  private readonly counts = new Int32Array(RADIX);

  constructor(n: number) {
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.hi2 = new Uint32Array(n);
    this.lo2 = new Uint32Array(n);
    this.idx2 = new Int32Array(n);
  }

  /** Writes into `out` the row indices of `values` in ascending order of value. */
  sort(values: Float64Array, out: Int32Array): void {
    const n = values.length;
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    const [wl, wh] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
    let hi = this.hi;
    let lo = this.lo;
    let idx = out;
    for (let i = 0; i < n; i++) {
      let h = words[2 * i + wh]!;
      let l = words[2 * i + wl]!;
      if (h === 0x80000000 && l === 0) h = 0; // −0 is 0
      // Negative numbers: flip every bit; others: flip the sign bit. Unsigned order = numeric order.
      if (h >>> 31 === 1) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      hi[i] = h;
      lo[i] = l;
      idx[i] = i;
    }
    let hiB = this.hi2;
    let loB = this.lo2;
    let idxB = this.idx2;
    const counts = this.counts;
    for (let pass = 0; pass < 6; pass++) {
      const shift = (pass % 3) * RADIX_BITS;
      const src = pass < 3 ? lo : hi;
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(src[i]! >>> shift) & RADIX_MASK]!++;
      // A digit every key shares (exponent bits often are) leaves the order as it is.
      if (counts[(src[0]! >>> shift) & RADIX_MASK] === n) continue;
      for (let b = 0, acc = 0; b < RADIX; b++) {
        const c = counts[b]!;
        counts[b] = acc;
        acc += c;
      }
      for (let i = 0; i < n; i++) {
        const p = counts[(src[i]! >>> shift) & RADIX_MASK]!++;
        hiB[p] = hi[i]!;
        loB[p] = lo[i]!;
        idxB[p] = idx[i]!;
      }
      [hi, hiB] = [hiB, hi];
      [lo, loB] = [loB, lo];
      [idx, idxB] = [idxB, idx];
    }
    if (idx !== out) out.set(idx);
  }
}
