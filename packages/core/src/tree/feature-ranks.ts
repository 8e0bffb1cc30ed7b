// Per-feature ranks of the training values, computed once per fit: the tree builder sorts and
// splits on integer ranks (exact, like sorting the raw values) and forests share them between workers.
import type { Float64Matrix } from '../data/index.js';
import { RadixSorter } from '../utils/radix-sort.js';

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
  const sorter = new RadixSorter(n);
  const u = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + j]!;
    const base = j * n;
    const rows = order.subarray(base, base + n);
    sorter.argsort(col, rows);
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
