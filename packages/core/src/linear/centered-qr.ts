// Streaming Householder QR of the centred, weighted design [X − μ | y − ȳ]: the one pass over the
// rows that least squares, ridge and the elastic net all start from. Memory is O(p²), not O(n·p).
import type { Float64Matrix } from '../data/index.js';

/** The triangular factor of the centred, weighted problem, and what centring removed. */
export interface CenteredFactor {
  /** Number of features d. */
  d: number;
  /** Upper-triangular (d+1)×(d+1), row-major: [[R, z], [0, ρ]] with ‖Xc·w − yc‖² = ‖R·w − z‖² + ρ². */
  r: Float64Array;
  /** Weighted column means of X (zeros without an intercept). */
  xOffset: Float64Array;
  /** Weighted mean of y (0 without an intercept). */
  yOffset: number;
}

/** Rows folded into R per Householder sweep. */
const BLOCK = 256;

/**
 * Factors diag(√w)·[X − 1μᵀ | y − ȳ] = Q·R without materialising Q or the centred copy.
 * `weights` (optional) multiply each row's squared residual.
 */
export function centeredFactor(
  x: Float64Matrix,
  y: Float64Array,
  weights: Float64Array | undefined,
  fitIntercept: boolean,
): CenteredFactor {
  const { rows: n, cols: d, data } = x;
  const p = d + 1;
  const xOffset = new Float64Array(d);
  let yOffset = 0;
  if (fitIntercept) {
    let wSum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      wSum += w;
      yOffset += w * y[i]!;
      const base = i * d;
      for (let j = 0; j < d; j++) xOffset[j]! += w * data[base + j]!;
    }
    for (let j = 0; j < d; j++) xOffset[j]! /= wSum;
    yOffset /= wSum;
  }
  // Column-major work area: rows 0..p-1 hold R, rows p..p+BLOCK-1 the incoming block.
  const cap = p + BLOCK;
  const a = new Float64Array(cap * p);
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    for (let r = 0; r < m; r++) {
      const i = start + r;
      const s = weights ? Math.sqrt(weights[i]!) : 1;
      const base = i * d;
      for (let j = 0; j < d; j++) a[j * cap + p + r] = s * (data[base + j]! - xOffset[j]!);
      a[d * cap + p + r] = s * (y[i]! - yOffset);
    }
    foldBlock(a, cap, p, m);
  }
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) r[i * p + j] = a[j * cap + i]!;
  return { d, r, xOffset, yOffset };
}

/** Householder reflections that zero the block rows p..p+m-1 into the triangle rows 0..p-1. */
function foldBlock(a: Float64Array, cap: number, p: number, m: number): void {
  const end = p + m;
  for (let j = 0; j < p; j++) {
    const col = j * cap;
    let sigma = 0;
    for (let i = p; i < end; i++) sigma += a[col + i]! * a[col + i]!;
    if (sigma === 0) continue;
    const alpha = a[col + j]!;
    const norm = Math.sqrt(alpha * alpha + sigma);
    const beta = alpha <= 0 ? norm : -norm;
    const v0 = alpha - beta;
    const tau = (beta - alpha) / beta;
    for (let i = p; i < end; i++) a[col + i]! /= v0;
    a[col + j] = beta;
    for (let c = j + 1; c < p; c++) {
      const cc = c * cap;
      let s = a[cc + j]!;
      for (let i = p; i < end; i++) s += a[col + i]! * a[cc + i]!;
      s *= tau;
      a[cc + j]! -= s;
      for (let i = p; i < end; i++) a[cc + i]! -= s * a[col + i]!;
    }
  }
}

/** The d×d block R (row-major, a copy). */
export function triangle(f: CenteredFactor): Float64Array {
  const { d, r } = f;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out[i * d + j] = r[i * (d + 1) + j]!;
  return out;
}

/** z = Qᵀy restricted to the first d rows. */
export function projectedTarget(f: CenteredFactor): Float64Array {
  const { d, r } = f;
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = r[i * (d + 1) + d]!;
  return out;
}

/** The intercept that undoes centring: ȳ − μ·coef. */
export function interceptOf(f: CenteredFactor, coef: Float64Array): number {
  let b = f.yOffset;
  for (let j = 0; j < f.d; j++) b -= f.xOffset[j]! * coef[j]!;
  return b;
}
