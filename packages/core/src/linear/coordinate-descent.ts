// Cyclic coordinate descent for the elastic net on the Gram matrix, with scikit-learn's
// duality-gap stopping rule (sklearn/linear_model/_cd_fast.pyx, enet_coordinate_descent_gram).
import type { CenteredFactor } from './centered-qr.js';

/** The elastic-net problem in Gram form: ½wᵀQw − qᵀw + ½‖y‖² + l1‖w‖₁ + (l2/2)‖w‖². */
export interface GramProblem {
  d: number;
  /** Q = XᵀX, row-major d×d. */
  gram: Float64Array;
  /** q = Xᵀy. */
  xty: Float64Array;
  /** ‖y‖². */
  yNorm2: number;
}

export interface CdOptions {
  /** L1 strength (sklearn: alpha·l1Ratio·n). */
  l1: number;
  /** L2 strength (sklearn: alpha·(1 − l1Ratio)·n). */
  l2: number;
  maxIter: number;
  /** Relative tolerance; the gap is compared with tol·‖y‖². */
  tol: number;
  /** Constrain the coefficients to be ≥ 0. */
  positive: boolean;
  /** Called once per sweep (progress and abort). */
  onSweep?: (sweep: number) => void;
}

export interface CdResult {
  /** The duality gap reached. */
  gap: number;
  /** The absolute tolerance used (tol·‖y‖²). */
  tol: number;
  nIter: number;
  converged: boolean;
}

/** Q = RᵀR, q = Rᵀz and ‖y‖² from the centred factor (no second pass over the rows). */
export function gramFromFactor(f: CenteredFactor): GramProblem {
  const { d, r } = f;
  const p = d + 1;
  const gram = new Float64Array(d * d);
  const xty = new Float64Array(d);
  let yNorm2 = 0;
  for (let k = 0; k < p; k++) {
    const zk = r[k * p + d]!;
    yNorm2 += zk * zk;
    for (let i = k; i < d; i++) {
      const rki = r[k * p + i]!;
      if (rki === 0) continue;
      xty[i]! += rki * zk;
      for (let j = k; j < d; j++) gram[i * d + j]! += rki * r[k * p + j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) gram[i * d + j] = gram[j * d + i]!;
  return { d, gram, xty, yNorm2 };
}

/** sklearn's gap_enet_gram: returns the duality gap at w given qw = Q·w. */
function dualityGap(pr: GramProblem, w: Float64Array, qw: Float64Array, o: CdOptions): number {
  const { d, xty, yNorm2 } = pr;
  const { l1, l2, positive } = o;
  let wl2 = 0;
  let qDotW = 0;
  let wQw = 0;
  let wl1 = 0;
  for (let j = 0; j < d; j++) {
    wl2 += w[j]! * w[j]!;
    qDotW += w[j]! * xty[j]!;
    wQw += w[j]! * qw[j]!;
    wl1 += Math.abs(w[j]!);
  }
  const rNorm2 = yNorm2 + wQw - 2 * qDotW;
  const ry = yNorm2 - qDotW;
  if (l1 === 0) {
    let xtaNorm2 = 0;
    for (let j = 0; j < d; j++) xtaNorm2 += (xty[j]! - qw[j]!) ** 2;
    if (l2 === 0) return xtaNorm2;
    return rNorm2 + 0.5 * l2 * wl2 - ry + xtaNorm2 / (2 * l2);
  }
  let dualNorm = positive ? Number.NEGATIVE_INFINITY : 0;
  for (let j = 0; j < d; j++) {
    const xta = xty[j]! - qw[j]! - l2 * w[j]!;
    dualNorm = positive ? Math.max(dualNorm, xta) : Math.max(dualNorm, Math.abs(xta));
  }
  const primal = 0.5 * (rNorm2 + l2 * wl2) + l1 * wl1;
  const scale = dualNorm > l1 ? l1 / dualNorm : 1;
  const dual = -0.5 * scale * scale * (rNorm2 + l2 * wl2) + scale * ry;
  return primal - dual;
}

/**
 * Minimises the Gram-form elastic net in place from the starting point `w`. Sweeps until the
 * largest update is small relative to the largest weight, then stops once the gap ≤ tol·‖y‖².
 */
export function enetCoordinateDescent(pr: GramProblem, w: Float64Array, o: CdOptions): CdResult {
  const { d, gram, xty } = pr;
  const { l1, l2, positive, maxIter } = o;
  const tol = o.tol * pr.yNorm2;
  const qw = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += gram[i * d + j]! * w[j]!;
    qw[i] = s;
  }
  let gap = dualityGap(pr, w, qw, o);
  if (gap >= 0 && gap <= tol) return { gap, tol, nIter: 0, converged: true };
  for (let iter = 0; iter < maxIter; iter++) {
    o.onSweep?.(iter);
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < d; j++) {
      const qjj = gram[j * d + j]!;
      if (qjj === 0) continue;
      const wj = w[j]!;
      const tmp = xty[j]! - qw[j]! + wj * qjj;
      const shrunk = Math.abs(tmp) - l1;
      // Exact zeros (never −0) for coordinates the penalty switches off.
      const next = (positive && tmp < 0) || shrunk <= 0 ? 0 : (Math.sign(tmp) * shrunk) / (qjj + l2);
      w[j] = next;
      if (next !== wj) {
        const delta = next - wj;
        const row = j * d;
        for (let k = 0; k < d; k++) qw[k]! += delta * gram[row + k]!;
      }
      dwMax = Math.max(dwMax, Math.abs(next - wj));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax <= o.tol || iter === maxIter - 1) {
      gap = dualityGap(pr, w, qw, o);
      if (gap <= tol) return { gap, tol, nIter: iter + 1, converged: true };
    }
  }
  return { gap, tol, nIter: maxIter, converged: false };
}
