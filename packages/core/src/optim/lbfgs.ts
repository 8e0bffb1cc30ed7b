// Limited-memory BFGS (Nocedal & Wright, Alg. 7.4/7.5) with a strong-Wolfe line search, and its
// orthant-wise variant OWL-QN (Andrew & Gao, 2007) for objectives with an added L1 term.
import { checkNumber } from '../base/index.js';
import { ShapeError } from '../errors/index.js';
import { orthantBacktracking, strongWolfe } from './line-search.js';
import { dot, maxAbs, type ObjectiveFn } from './vectors.js';

export interface LbfgsOptions {
  /** Most iterations (default 100). */
  maxIter?: number;
  /** Converged when max |(pseudo-)gradient| ≤ gtol (default 1e-5, as scipy's L-BFGS-B). */
  gtol?: number;
  /** Converged when the relative decrease of f in one iteration is ≤ ftol (default 64·ε, sklearn's choice). */
  ftol?: number;
  /** Number of correction pairs kept (default 10). */
  memory?: number;
  /** Most objective evaluations per line search (default 50). */
  maxLineSearch?: number;
  /**
   * Per-coordinate L1 weights λ (or one λ for all): minimises f(x) + Σ λᵢ|xᵢ| with OWL-QN.
   * Use 0 for coordinates that must not be penalised (intercepts).
   */
  l1?: number | Float64Array;
  /** Called after every iteration; may throw to stop (e.g. an abort). */
  onIteration?: (iteration: number, f: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  /** Objective at x (including the L1 term in OWL-QN mode). */
  f: number;
  /** max |(pseudo-)gradient| at x. */
  gradMax: number;
  nIter: number;
  nEval: number;
  converged: boolean;
  /** Why it stopped. */
  message: string;
}

/** OWL-QN's pseudo-gradient of f + Σ λᵢ|xᵢ| (the plain gradient when λ is absent). */
function pseudoGradient(
  x: Float64Array,
  g: Float64Array,
  l1: Float64Array | undefined,
  out: Float64Array,
): void {
  if (!l1) {
    out.set(g);
    return;
  }
  for (let i = 0; i < x.length; i++) {
    const lam = l1[i]!;
    const xi = x[i]!;
    const gi = g[i]!;
    if (xi > 0) out[i] = gi + lam;
    else if (xi < 0) out[i] = gi - lam;
    else if (gi + lam < 0) out[i] = gi + lam;
    else if (gi - lam > 0) out[i] = gi - lam;
    else out[i] = 0;
  }
}

function l1Norm(x: Float64Array, l1: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l1[i]! * Math.abs(x[i]!);
  return s;
}

/** The two-loop recursion: d = -H·v with H the L-BFGS inverse-Hessian approximation. */
class Memory {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;

  constructor(private readonly size: number) {
    this.alpha = new Float64Array(size);
  }

  get length(): number {
    return this.s.length;
  }

  reset(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
  }

  /** Stores s = x₊ − x, y = g₊ − g unless the curvature sᵀy is not safely positive. */
  push(xNew: Float64Array, x: Float64Array, gNew: Float64Array, g: Float64Array): void {
    const recycled = this.s.length === this.size ? [this.s.shift()!, this.y.shift()!] : undefined;
    if (recycled) this.rho.shift();
    const s = recycled?.[0] ?? new Float64Array(x.length);
    const y = recycled?.[1] ?? new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (!(sy > 1e-10 * dot(y, y))) return;
    this.s.push(s);
    this.y.push(y);
    this.rho.push(1 / sy);
  }

  direction(v: Float64Array, d: Float64Array): void {
    const m = this.s.length;
    const n = v.length;
    for (let i = 0; i < n; i++) d[i] = v[i]!;
    for (let k = m - 1; k >= 0; k--) {
      const a = this.rho[k]! * dot(this.s[k]!, d);
      this.alpha[k] = a;
      const y = this.y[k]!;
      for (let i = 0; i < n; i++) d[i]! -= a * y[i]!;
    }
    const gamma = m > 0 ? 1 / (this.rho[m - 1]! * dot(this.y[m - 1]!, this.y[m - 1]!)) : 1;
    for (let i = 0; i < n; i++) d[i]! *= gamma;
    for (let k = 0; k < m; k++) {
      const b = this.rho[k]! * dot(this.y[k]!, d);
      const s = this.s[k]!;
      const c = this.alpha[k]! - b;
      for (let i = 0; i < n; i++) d[i]! += c * s[i]!;
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
  }
}

/**
 * Minimises a smooth objective with L-BFGS, or f(x) + Σ λᵢ|xᵢ| with OWL-QN when `l1` is given.
 * Never throws for non-convergence: check `converged` and `message`.
 */
export function minimizeLbfgs(fun: ObjectiveFn, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const owner = 'minimizeLbfgs';
  const n = x0.length;
  const maxIter = checkNumber(owner, 'maxIter', options.maxIter ?? 100, { integer: true, min: 0 });
  const gtol = checkNumber(owner, 'gtol', options.gtol ?? 1e-5, { min: 0 });
  const ftol = checkNumber(owner, 'ftol', options.ftol ?? 64 * Number.EPSILON, { min: 0 });
  const memorySize = checkNumber(owner, 'memory', options.memory ?? 10, { integer: true, min: 1 });
  const maxEval = checkNumber(owner, 'maxLineSearch', options.maxLineSearch ?? 50, { integer: true, min: 1 });
  let l1: Float64Array | undefined;
  if (typeof options.l1 === 'number')
    l1 = new Float64Array(n).fill(checkNumber(owner, 'l1', options.l1, { min: 0 }));
  else if (options.l1) {
    if (options.l1.length !== n)
      throw new ShapeError(`${owner}: l1 has ${options.l1.length} weights for ${n} variables`);
    for (let i = 0; i < n; i++) checkNumber(owner, `l1[${i}]`, options.l1[i], { min: 0 });
    l1 = options.l1;
  }
  if (l1 && maxAbs(l1) === 0) l1 = undefined;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const pg = new Float64Array(n);
  const d = new Float64Array(n);
  const memory = new Memory(memorySize);
  let f = fun(x, g) + (l1 ? l1Norm(x, l1) : 0);
  let nEval = 1;
  pseudoGradient(x, g, l1, pg);
  const result = (nIter: number, converged: boolean, message: string): LbfgsResult => ({
    x,
    f,
    gradMax: maxAbs(pg),
    nIter,
    nEval,
    converged,
    message,
  });
  if (!Number.isFinite(f)) return result(0, false, 'the objective is not finite at the starting point');
  if (maxAbs(pg) <= gtol) return result(0, true, 'gradient below gtol');

  for (let iter = 1; iter <= maxIter; iter++) {
    memory.direction(pg, d);
    if (l1) for (let i = 0; i < n; i++) if (d[i]! * pg[i]! >= 0) d[i] = 0;
    let dg = dot(d, pg);
    if (!(dg < 0)) {
      // Not a descent direction (lost curvature information): restart from steepest descent.
      memory.reset();
      for (let i = 0; i < n; i++) d[i] = -pg[i]!;
      dg = -dot(pg, pg);
    }
    const step0 = memory.length === 0 ? Math.min(1, 1 / Math.sqrt(-dg)) : 1;
    const input = { fun, x, f0: f, d, xNew, gNew, step0, maxEval };
    const ls = l1 ? orthantBacktracking(input, pg, l1) : strongWolfe(input, dg);
    nEval += ls.nEval;
    if (!ls.ok) {
      if (memory.length > 0) {
        memory.reset();
        iter--;
        continue;
      }
      return result(iter - 1, false, 'the line search could not decrease the objective');
    }
    memory.push(xNew, x, gNew, g);
    const fOld = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = ls.f;
    pseudoGradient(x, g, l1, pg);
    options.onIteration?.(iter, f);
    if (maxAbs(pg) <= gtol) return result(iter, true, 'gradient below gtol');
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      return result(iter, true, 'relative reduction of the objective below ftol');
    }
  }
  return result(maxIter, false, `reached maxIter (${maxIter}) iterations`);
}
