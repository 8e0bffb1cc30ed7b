// Least-squares and ridge solutions from the triangular factor, through an SVD of the small d×d
// block (ml-matrix): stable for ill-conditioned and rank-deficient designs.
import { Matrix, SVD } from 'ml-matrix';
import { type CenteredFactor, projectedTarget, triangle } from './centered-qr.js';

/** Coefficients plus the spectrum they came from. */
export interface SvdSolution {
  coef: Float64Array;
  /** Singular values of the centred (weighted) design, descending. */
  singularValues: Float64Array;
  /** Number of singular values above the cutoff. */
  rank: number;
}

/**
 * Solves with a filter on the singular values: w = V·diag(filter(sᵢ))·Uᵀz.
 * `cutoff`: singular values ≤ cutoff·s_max count as zero (rank deficiency).
 */
function filteredSolve(f: CenteredFactor, filter: (s: number) => number, cutoff: number): SvdSolution {
  const { d } = f;
  const r = Matrix.from1DArray(d, d, triangle(f));
  const svd = new SVD(r, {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: false,
  });
  const s = svd.diagonal;
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const z = projectedTarget(f);
  const sMax = s.length ? Math.max(...s) : 0;
  const coef = new Float64Array(d);
  let rank = 0;
  for (let k = 0; k < s.length; k++) {
    const sk = s[k]!;
    if (!(sk > cutoff * sMax)) continue;
    rank++;
    let uz = 0;
    for (let i = 0; i < d; i++) uz += u.get(i, k) * z[i]!;
    const c = filter(sk) * uz;
    for (let j = 0; j < d; j++) coef[j]! += c * v.get(j, k);
  }
  const singularValues = Float64Array.from(s).sort().reverse();
  return { coef, singularValues, rank };
}

/**
 * The minimum-norm least-squares solution (as LAPACK's gelsd): singular values below
 * `rcond·s_max` are treated as zero.
 */
export function leastSquares(f: CenteredFactor, rcond: number): SvdSolution {
  return filteredSolve(f, (s) => 1 / s, rcond);
}

/** argmin ‖R·w − z‖² + α‖w‖² = V·diag(s/(s²+α))·Uᵀz; falls back to least squares at α = 0. */
export function ridgeSolve(f: CenteredFactor, alpha: number, rcond: number): SvdSolution {
  if (alpha === 0) return leastSquares(f, rcond);
  return filteredSolve(f, (s) => s / (s * s + alpha), 0);
}
