// Feature binning for histogram boosting: quantile bin edges per numeric feature (on a seeded
// subsample), category codes as bins for categorical features, and X mapped once to a
// column-major Uint8Array with one extra bin per feature for missing values.
import type { Float64Matrix } from '../../data/index.js';
import { DataError } from '../../errors/index.js';
import type { Rng } from '../../utils/random.js';

/** Rows binned together by `binMatrix`: 1 024 rows of 32 features are 256 KB of X. */
const BIN_BLOCK = 1024;

/** Rows used to compute bin edges (scikit-learn's default subsample for binning). */
export const BINNING_SUBSAMPLE = 200_000;

/** What binning learned: per-feature edges, bin counts and kinds. */
export interface BinMapper {
  /** Non-missing bins allowed per feature. */
  maxBins: number;
  /** Per feature: a value x goes to the first bin b with x <= thresholds[b] (the last bin when none). */
  thresholds: Float64Array[];
  /** Per feature: number of non-missing bins used; bin nBins[f] holds missing values. */
  nBins: Int32Array;
  /** Histogram offsets: feature f's bins 0..nBins[f] live at offsets[f]..offsets[f+1]-1. */
  offsets: Int32Array;
  /** Per feature: 1 when categorical (bin = category code). */
  isCategorical: Uint8Array;
  /** Per feature: 1 when the training data had missing values. */
  hasMissing: Uint8Array;
  /** Per categorical feature: 1 for each category code seen at fit (bins of length maxBins), else empty. */
  seenCategories: Uint8Array[];
}

/** Where fitBinMapper copies each column's sample, and how it sorts a prefix of it in place. */
export interface SortScratch {
  column: Float64Array;
  /** Ascending, -0 before +0 (TypedArray#sort's order); values hold no NaN. */
  sort(values: Float64Array): void;
}

/**
 * Edges for one numeric column: midpoints between distinct values, or quantiles when there are
 * too many. Sorts `values` in place (callers pass a scratch copy), so binning a wide matrix makes
 * no per-feature garbage.
 */
export function numericThresholds(
  values: Float64Array,
  maxBins: number,
  sort: (values: Float64Array) => void = (v) => v.sort(),
): Float64Array {
  sort(values);
  const sorted = values;
  let nd = 0;
  for (let i = 0; i < sorted.length && nd <= maxBins; i++) if (i === 0 || sorted[i]! !== sorted[i - 1]!) nd++;
  if (nd <= maxBins) {
    const out = new Float64Array(Math.max(0, nd - 1));
    for (let i = 1, o = 0; i < sorted.length; i++)
      if (sorted[i]! !== sorted[i - 1]!) out[o++] = (sorted[i - 1]! + sorted[i]!) / 2;
    return out;
  }
  // Percentiles 100*k/maxBins for k = 1..maxBins-1, numpy's 'midpoint' interpolation.
  const n = sorted.length;
  const out: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const pos = ((n - 1) * k) / maxBins;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const v = (sorted[lo]! + sorted[hi]!) / 2;
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  return Float64Array.from(out);
}

/** Learns bin edges for every feature of x; `categorical[j]` marks categorical features. */
export function fitBinMapper(
  x: Float64Matrix,
  categorical: Uint8Array,
  maxBins: number,
  rng: Rng,
  context: string,
  trainRows?: Int32Array,
  scratch?: (length: number) => SortScratch | null,
): BinMapper {
  const { cols: d, data } = x;
  const n = trainRows ? trainRows.length : x.rows;
  let sampleRows: Int32Array | undefined = trainRows;
  if (n > BINNING_SUBSAMPLE) {
    const pick = rng.sample(n, BINNING_SUBSAMPLE);
    sampleRows = trainRows ? pick.map((k) => trainRows[k]!) : pick;
  }
  const m = sampleRows ? sampleRows.length : n;
  const thresholds: Float64Array[] = [];
  const nBins = new Int32Array(d);
  const hasMissing = new Uint8Array(d);
  const seenCategories: Uint8Array[] = [];
  const sorter = scratch?.(m) ?? null;
  const column = sorter?.column ?? new Float64Array(m);
  // One pass in row order finds the features with missing values (a pass per feature read X
  // strided, a cache line per value).
  for (let r = 0; r < n; r++) {
    const o = (trainRows ? trainRows[r]! : r) * d;
    for (let j = 0; j < d; j++) if (Number.isNaN(data[o + j]!)) hasMissing[j] = 1;
  }
  for (let j = 0; j < d; j++) {
    if (categorical[j]) {
      const seen = new Uint8Array(maxBins);
      let maxCode = -1;
      for (let r = 0; r < n; r++) {
        const i = trainRows ? trainRows[r]! : r;
        const v = data[i * d + j]!;
        if (Number.isNaN(v)) continue;
        if (!Number.isInteger(v) || v < 0 || v >= maxBins) {
          throw new DataError(
            `${context}: categorical feature ${j} has the value ${v} at row ${i}; categorical values must be integer codes in 0..${maxBins - 1}. ` +
              `Pass the column as a categorical Frame column (up to ${maxBins} categories), or raise maxBins (at most 255), or treat it as numeric.`,
            { details: { row: i, index: j } },
          );
        }
        seen[v] = 1;
        if (v > maxCode) maxCode = v;
      }
      seenCategories.push(seen);
      thresholds.push(new Float64Array(0));
      nBins[j] = Math.max(1, maxCode + 1);
      continue;
    }
    seenCategories.push(new Uint8Array(0));
    let k = 0;
    for (let s = 0; s < m; s++) {
      const v = data[(sampleRows ? sampleRows[s]! : s) * d + j]!;
      if (!Number.isNaN(v)) column[k++] = v;
    }
    const t = numericThresholds(column.subarray(0, k), maxBins, sorter?.sort);
    thresholds.push(t);
    nBins[j] = t.length + 1;
  }
  const offsets = new Int32Array(d + 1);
  for (let j = 0; j < d; j++) offsets[j + 1] = offsets[j]! + nBins[j]! + 1;
  return {
    maxBins,
    thresholds,
    nBins,
    offsets,
    isCategorical: categorical.slice(),
    hasMissing,
    seenCategories,
  };
}

/**
 * Bin of one numeric value: the first b with x <= thresholds[b], or thresholds.length. A
 * branch-free binary search (a fixed number of halvings): the comparisons are coin flips.
 */
function numericBin(t: Float64Array, v: number): number {
  let n = t.length;
  if (n === 0) return 0;
  let base = 0;
  while (n > 1) {
    const half = n >>> 1;
    base += Number(t[base + half - 1]! < v) * half;
    n -= half;
  }
  return base + Number(t[base]! < v);
}

/**
 * Maps rows of x (all, or `rowsSubset` in that order) to bins, column-major, missing values
 * (and categories unseen at fit) to bin nBins[f]
 * (`out[f * nRows + r]`); `out` may be SharedArrayBuffer-backed.
 */
export function binMatrix(
  mapper: BinMapper,
  x: Float64Matrix,
  rowsSubset?: Int32Array,
  out?: Uint8Array,
): Uint8Array {
  const { cols: d, data } = x;
  const n = rowsSubset ? rowsSubset.length : x.rows;
  const bins = out ?? new Uint8Array(n * d);
  // Rows in blocks small enough to stay in cache while every feature of the block is binned:
  // X is read from memory once rather than once per feature.
  for (let from = 0; from < n; from += BIN_BLOCK) {
    const to = Math.min(n, from + BIN_BLOCK);
    for (let j = 0; j < d; j++) {
      const t = mapper.thresholds[j]!;
      const cat = mapper.isCategorical[j] === 1;
      const nb = mapper.nBins[j]!;
      const missing = nb;
      const base = j * n;
      let r = from;
      if (!cat && t.length > 0) {
        // Four searches in lockstep: each is a chain of dependent loads, four chains overlap.
        for (; r + 4 <= to; r += 4) {
          const v0 = data[(rowsSubset ? rowsSubset[r]! : r) * d + j]!;
          const v1 = data[(rowsSubset ? rowsSubset[r + 1]! : r + 1) * d + j]!;
          const v2 = data[(rowsSubset ? rowsSubset[r + 2]! : r + 2) * d + j]!;
          const v3 = data[(rowsSubset ? rowsSubset[r + 3]! : r + 3) * d + j]!;
          let b0 = 0;
          let b1 = 0;
          let b2 = 0;
          let b3 = 0;
          for (let len = t.length; len > 1; ) {
            const half = len >>> 1;
            b0 += Number(t[b0 + half - 1]! < v0) * half;
            b1 += Number(t[b1 + half - 1]! < v1) * half;
            b2 += Number(t[b2 + half - 1]! < v2) * half;
            b3 += Number(t[b3 + half - 1]! < v3) * half;
            len -= half;
          }
          bins[base + r] = Number.isNaN(v0) ? missing : b0 + Number(t[b0]! < v0);
          bins[base + r + 1] = Number.isNaN(v1) ? missing : b1 + Number(t[b1]! < v1);
          bins[base + r + 2] = Number.isNaN(v2) ? missing : b2 + Number(t[b2]! < v2);
          bins[base + r + 3] = Number.isNaN(v3) ? missing : b3 + Number(t[b3]! < v3);
        }
      }
      for (; r < to; r++) {
        const v = data[(rowsSubset ? rowsSubset[r]! : r) * d + j]!;
        if (Number.isNaN(v)) bins[base + r] = missing;
        else if (cat) bins[base + r] = Number.isInteger(v) && v >= 0 && v < nb ? v : missing;
        else bins[base + r] = numericBin(t, v);
      }
    }
  }
  return bins;
}
