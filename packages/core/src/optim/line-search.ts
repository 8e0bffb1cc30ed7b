// Line searches for quasi-Newton methods: a strong-Wolfe search (Nocedal & Wright, Alg. 3.5/3.6)
// for smooth objectives and an orthant-projected backtracking search for OWL-QN.
import type { ObjectiveFn } from './vectors.js';
import { dot } from './vectors.js';

/** Sufficient-decrease constant (Armijo). */
const C1 = 1e-4;
/** Curvature constant of the strong Wolfe conditions. */
const C2 = 0.9;

/** Where a line search ends: the accepted step with f and gradient already in `xNew`/`gNew`. */
export interface LineSearchResult {
  ok: boolean;
  step: number;
  f: number;
  nEval: number;
}

/** Buffers and the starting point shared by both searches. */
export interface LineSearchInput {
  fun: ObjectiveFn;
  x: Float64Array;
  f0: number;
  /** Search direction. */
  d: Float64Array;
  /** Output: the trial point and its gradient. */
  xNew: Float64Array;
  gNew: Float64Array;
  step0: number;
  maxEval: number;
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside the safeguarded bracket. */
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  let t = Number.NaN;
  if (Number.isFinite(fa) && Number.isFinite(fb)) {
    const d1 = da + db - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - da * db;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
    }
  }
  if (!Number.isFinite(t) || t < lo + margin || t > hi - margin) t = (lo + hi) / 2;
  return t;
}

/**
 * Finds a step satisfying the strong Wolfe conditions along a descent direction `d` with
 * directional derivative `dg0 < 0`. On success `xNew`/`gNew` hold the accepted point.
 */
export function strongWolfe(input: LineSearchInput, dg0: number): LineSearchResult {
  const { fun, x, f0, d, xNew, gNew, maxEval } = input;
  let nEval = 0;
  const evaluate = (a: number): [number, number] => {
    for (let i = 0; i < x.length; i++) xNew[i] = x[i]! + a * d[i]!;
    nEval++;
    const fa = finite(fun(xNew, gNew));
    return [fa, dot(gNew, d)];
  };
  const done = (step: number, f: number): LineSearchResult => ({ ok: true, step, f, nEval });

  // Bracketing phase: grow the step until the bracket [lo, hi] contains an acceptable point.
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dg0;
  let a = input.step0;
  let lo = 0;
  let flo = f0;
  let dlo = dg0;
  let hi = Number.NaN;
  let fhi = Number.NaN;
  let dhi = Number.NaN;
  while (nEval < maxEval) {
    const [fa, da] = evaluate(a);
    if (fa > f0 + C1 * a * dg0 || (nEval > 1 && fa >= fPrev)) {
      [lo, flo, dlo, hi, fhi, dhi] = [aPrev, fPrev, dPrev, a, fa, da];
      break;
    }
    if (Math.abs(da) <= -C2 * dg0) return done(a, fa);
    if (da >= 0) {
      [lo, flo, dlo, hi, fhi, dhi] = [a, fa, da, aPrev, fPrev, dPrev];
      break;
    }
    [aPrev, fPrev, dPrev] = [a, fa, da];
    [lo, flo, dlo] = [a, fa, da];
    a *= 2;
  }
  // Zoom phase: shrink the bracket with safeguarded cubic interpolation.
  while (!Number.isNaN(hi) && nEval < maxEval && Math.abs(hi - lo) > 1e-16 * Math.max(1, Math.abs(lo))) {
    const t = cubicStep(lo, flo, dlo, hi, fhi, dhi);
    const [ft, dt] = evaluate(t);
    if (ft > f0 + C1 * t * dg0 || ft >= flo) {
      [hi, fhi, dhi] = [t, ft, dt];
    } else {
      if (Math.abs(dt) <= -C2 * dg0) return done(t, ft);
      if (dt * (hi - lo) >= 0) [hi, fhi, dhi] = [lo, flo, dlo];
      [lo, flo, dlo] = [t, ft, dt];
    }
  }
  // Out of evaluations: fall back to the best point that decreases f enough, if any.
  if (lo > 0 && flo < f0) {
    const [fl] = evaluate(lo);
    return { ok: true, step: lo, f: fl, nEval };
  }
  return { ok: false, step: 0, f: f0, nEval };
}

/**
 * OWL-QN's search: halves the step until the orthant-projected point decreases
 * F = f + Σ l1ᵢ|xᵢ| enough relative to the pseudo-gradient `pg`.
 */
export function orthantBacktracking(
  input: LineSearchInput,
  pg: Float64Array,
  l1: Float64Array,
): LineSearchResult {
  const { fun, x, f0, d, xNew, gNew, maxEval } = input;
  const n = x.length;
  let a = input.step0;
  for (let nEval = 1; nEval <= maxEval; nEval++) {
    let decrease = 0;
    let penalty = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const orthant = xi !== 0 ? Math.sign(xi) : -Math.sign(pg[i]!);
      let v = xi + a * d[i]!;
      if (v * orthant <= 0) v = 0;
      xNew[i] = v;
      decrease += pg[i]! * (v - xi);
      penalty += l1[i]! * Math.abs(v);
    }
    const f = finite(fun(xNew, gNew)) + penalty;
    if (f <= f0 + C1 * decrease) return { ok: true, step: a, f, nEval };
    a *= 0.5;
  }
  return { ok: false, step: 0, f: f0, nEval: maxEval };
}
