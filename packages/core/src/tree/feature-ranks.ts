// Per-feature ranks of the training values, computed once per fit: the tree builder sorts and
// splits on integer ranks (exact, like sorting the raw values) and forests share them between workers.
import type { Float64Matrix } from '../data/index.js';
import { sortKeys } from './sort-keys.js';

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
  const counts = new Int32Array(n + 1);
  const uniqParts: Float64Array[] = [];
  const uniqOffset = new Int32Array(allocate(d + 1, 4, shared));
  const col = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + j]!;
    const sorted = col.slice();
    sortKeys(sorted, 0, n);
    let m = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i]! !== sorted[m - 1]!) sorted[m++] = sorted[i]!;
    const u = sorted.subarray(0, m);
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (u[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      ranks[base + i] = lo;
      counts[lo + 1]!++;
    }
    for (let r = 0; r < m; r++) counts[r + 1]! += counts[r]!;
    for (let i = 0; i < n; i++) order[base + counts[ranks[base + i]!]!++] = i;
    counts.fill(0);
    uniqParts.push(u);
    uniqOffset[j] = total;
    total += m;
  }
  uniqOffset[d] = total;
  const uniq = new Float64Array(allocate(total, 8, shared));
  for (let j = 0; j < d; j++) uniq.set(uniqParts[j]!, uniqOffset[j]!);
  return { n, d, ranks, uniq, uniqOffset, order };
}
