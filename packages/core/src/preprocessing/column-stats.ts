// Per-column statistics that ignore missing values (NaN), computed the way numpy does, so the
// scalers and the imputer learn exactly what scikit-learn learns.
import { Float64Matrix } from '../data/index.js';

/** Non-missing values of column j, sorted ascending. */
export function sortedColumn(x: Float64Matrix, j: number): Float64Array {
  const out = new Float64Array(x.rows);
  let m = 0;
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[i * x.cols + j]!;
    if (!Number.isNaN(v)) out[m++] = v;
  }
  return out.subarray(0, m).sort();
}

/**
 * The q-th percentile (0..100) of sorted values with numpy's default linear interpolation
 * (including its lerp formula); NaN when there are no values.
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = ((n - 1) * q) / 100;
  const lo = Math.floor(pos);
  const t = pos - lo;
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

export interface MeanVar {
  mean: Float64Array;
  /** Population variance (ddof 0). */
  variance: Float64Array;
  /** Sum of weights of the non-missing values (their count when unweighted). */
  count: Float64Array;
}

/** Weighted mean and population variance per column, ignoring NaN (two passes, stable). */
export function nanMeanVar(x: Float64Matrix, weight?: Float64Array): MeanVar {
  const { rows, cols, data } = x;
  const sum = new Float64Array(cols);
  const count = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const w = weight ? weight[i]! : 1;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!;
      if (Number.isNaN(v)) continue;
      sum[j]! += w * v;
      count[j]! += w;
    }
  }
  const mean = new Float64Array(cols);
  for (let j = 0; j < cols; j++) mean[j] = count[j]! > 0 ? sum[j]! / count[j]! : Number.NaN;
  const ss = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const w = weight ? weight[i]! : 1;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!;
      if (Number.isNaN(v)) continue;
      const dv = v - mean[j]!;
      ss[j]! += w * dv * dv;
    }
  }
  const variance = new Float64Array(cols);
  for (let j = 0; j < cols; j++) variance[j] = count[j]! > 0 ? ss[j]! / count[j]! : Number.NaN;
  return { mean, variance, count };
}

const EPS = 2 ** -52;

/**
 * scikit-learn's `_handle_zeros_in_scale`: scales of (near-)constant features become 1 so that
 * transform leaves them centred instead of dividing by zero. `constant` overrides the default
 * test (scale < 10·eps).
 */
export function handleZerosInScale(scale: Float64Array, constant?: (j: number) => boolean): Float64Array {
  for (let j = 0; j < scale.length; j++) {
    const s = scale[j]!;
    if (Number.isNaN(s)) scale[j] = 1;
    else if (constant ? constant(j) : s < 10 * EPS) scale[j] = 1;
  }
  return scale;
}

/** scikit-learn's `_is_constant_feature`: variance indistinguishable from rounding error. */
export function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const upper = n * EPS * variance + (n * mean * EPS) ** 2;
  return variance <= upper;
}

/** Column-wise (x - sub[j]) / div[j], into a new matrix; NaN stays NaN. */
export function shiftThenDivide(x: Float64Matrix, sub: Float64Array, div: Float64Array): Float64Matrix {
  const { rows, cols, data } = x;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = (data[o + j]! - sub[j]!) / div[j]!;
  }
  return new Float64Matrix(out, rows, cols);
}

/** Column-wise x * mul[j] + add[j], into a new matrix; NaN stays NaN. */
export function multiplyThenAdd(x: Float64Matrix, mul: Float64Array, add: Float64Array): Float64Matrix {
  const { rows, cols, data } = x;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = data[o + j]! * mul[j]! + add[j]!;
  }
  return new Float64Matrix(out, rows, cols);
}
