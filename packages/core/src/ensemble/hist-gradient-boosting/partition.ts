// Partitioning a node's rows by its split, shared by the main thread and the workers: a block of
// positions is split stably, left rows in place, right rows into scratch at the same positions.

/** The split applied to rows, in bin space. */
export interface RowSplit {
  /** Column of the split feature in the column-major bins. */
  col: number;
  /** Numeric: bins <= binThreshold go left. */
  binThreshold: number;
  /** The feature's missing-value bin, and whether it goes left (numeric splits). */
  missingBin: number;
  missingLeft: boolean;
  /** Categorical: bit b set when bin b goes left; null for numeric splits. */
  leftBins: Uint32Array | null;
}

/**
 * Splits positions [a, b) of `rows`: rows going left are packed from `a` in order, rows going
 * right are written to scratch[a..] in order. Returns how many went left. Branch-free: each row
 * is written to both sides and only one cursor advances (the direction is a coin flip for the
 * branch predictor); row k is read before position p <= k is written.
 */
export function partitionBlock(
  rows: Int32Array,
  scratch: Int32Array,
  bins: Uint8Array,
  s: RowSplit,
  a: number,
  b: number,
): number {
  const { col, binThreshold: thr, missingBin, leftBins: bits } = s;
  let p = a;
  let q = a;
  if (bits === null) {
    const missingLeft = s.missingLeft ? 1 : 0;
    for (let k = a; k < b; k++) {
      const row = rows[k]!;
      const bin = bins[col + row]!;
      const left = bin === missingBin ? missingLeft : Number(bin <= thr);
      rows[p] = row;
      scratch[q] = row;
      p += left;
      q += 1 - left;
    }
  } else {
    for (let k = a; k < b; k++) {
      const row = rows[k]!;
      const bin = bins[col + row]!;
      const left = (bits[bin >>> 5]! >>> (bin & 31)) & 1;
      rows[p] = row;
      scratch[q] = row;
      p += left;
      q += 1 - left;
    }
  }
  return p - a;
}
