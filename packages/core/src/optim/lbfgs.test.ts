// Tests for L-BFGS / OWL-QN on problems with known minimisers.
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, ShapeError } from '../errors/index.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { ObjectiveFn } from './vectors.js';

/** The n-dimensional Rosenbrock function; minimum 0 at (1, …, 1). */
const rosenbrock: ObjectiveFn = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    g[i]! += -400 * x[i]! * a - 2 * b;
    g[i + 1]! += 200 * a;
  }
  return f;
};

/** ½‖x − c‖² scaled per coordinate: f = Σ hᵢ(xᵢ − cᵢ)²/2. */
function separableQuadratic(h: number[], c: number[]): ObjectiveFn {
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      const r = x[i]! - c[i]!;
      f += 0.5 * h[i]! * r * r;
      g[i] = h[i]! * r;
    }
    return f;
  };
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', () => {
    const res = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1, -1.2, 1, -1.2]), {
      maxIter: 500,
      gtol: 1e-9,
    });
    expect(res.converged).toBe(true);
    for (const v of res.x) expect(v).toBeCloseTo(1, 6);
    expect(res.f).toBeLessThan(1e-12);
    expect(res.nEval).toBeGreaterThan(res.nIter);
  });

  it('solves an ill-conditioned quadratic to the gradient tolerance', () => {
    const h = [1, 10, 100, 1000, 1e4];
    const c = [1, -2, 3, -4, 5];
    const res = minimizeLbfgs(separableQuadratic(h, c), new Float64Array(5), {
      gtol: 1e-10,
      ftol: 0,
      maxIter: 200,
    });
    expect(res.message).toMatch(/gtol/);
    expect(res.converged).toBe(true);
    expect(res.gradMax).toBeLessThanOrEqual(1e-10);
    res.x.forEach((v, i) => {
      expect(v).toBeCloseTo(c[i]!, 9);
    });
  });

  it('OWL-QN gives the soft-thresholded minimiser of a separable lasso problem', () => {
    // argmin ½h(x − c)² + λ|x| = sign(c)·max(|c| − λ/h, 0)
    const h = [1, 2, 4, 1];
    const c = [3, -0.2, -2, 0.5];
    const lambda = Float64Array.from([1, 1, 1, 0]);
    const res = minimizeLbfgs(separableQuadratic(h, c), new Float64Array(4), {
      l1: lambda,
      gtol: 1e-10,
      ftol: 0,
    });
    expect(res.converged).toBe(true);
    const expected = c.map((ci, i) => Math.sign(ci) * Math.max(Math.abs(ci) - lambda[i]! / h[i]!, 0));
    res.x.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 9);
    });
    expect(res.x[1]).toBe(0);
  });

  it('a scalar l1 weight applies to every coordinate', () => {
    const res = minimizeLbfgs(separableQuadratic([1, 1], [2, -0.5]), new Float64Array(2), {
      l1: 1,
      gtol: 1e-12,
    });
    expect(res.x[0]).toBeCloseTo(1, 10);
    expect(res.x[1]).toBe(0);
    expect(res.f).toBeCloseTo(0.5 + 1 + 0.125, 10);
  });

  it('an all-zero l1 falls back to plain L-BFGS', () => {
    const res = minimizeLbfgs(separableQuadratic([1], [4]), new Float64Array(1), { l1: new Float64Array(1) });
    expect(res.x[0]).toBeCloseTo(4, 8);
  });

  it('returns at once when the start is optimal', () => {
    const res = minimizeLbfgs(separableQuadratic([1, 1], [0, 0]), new Float64Array(2));
    expect(res).toMatchObject({ converged: true, nIter: 0, nEval: 1 });
  });

  it('reports non-convergence after maxIter instead of throwing', () => {
    const res = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 3 });
    expect(res.converged).toBe(false);
    expect(res.nIter).toBe(3);
    expect(res.message).toMatch(/maxIter/);
  });

  it('stops on the relative-decrease criterion when the objective flattens', () => {
    // f = log(1 + eˣ): keeps decreasing towards 0 without a stationary point.
    const f: ObjectiveFn = (x, g) => {
      const e = Math.exp(x[0]!);
      g[0] = e / (1 + e);
      return Math.log1p(e);
    };
    const res = minimizeLbfgs(f, new Float64Array(1), { gtol: 0, ftol: 1e-3, maxIter: 1000 });
    expect(res.converged).toBe(true);
    expect(res.message).toMatch(/ftol/);
  });

  it('reports a non-finite objective at the start', () => {
    const res = minimizeLbfgs(() => Number.NaN, new Float64Array(2));
    expect(res.converged).toBe(false);
    expect(res.message).toMatch(/not finite/);
  });

  it('survives steps into regions where the objective overflows', () => {
    // Infinite outside |x| < 3: the line search must back off into the finite region.
    const f: ObjectiveFn = (x, g) => {
      const v = x[0]!;
      g[0] = 2 * (v - 2);
      return Math.abs(v) < 3 ? (v - 2) ** 2 : Number.POSITIVE_INFINITY;
    };
    const res = minimizeLbfgs(f, Float64Array.from([-2.9]), { gtol: 1e-10 });
    expect(res.x[0]).toBeCloseTo(2, 8);
  });

  it('gives up cleanly when no step decreases the objective', () => {
    // A gradient pointing the wrong way: every step increases f.
    const f: ObjectiveFn = (x, g) => {
      g[0] = -1;
      return x[0]! * x[0]! + x[0]!;
    };
    const res = minimizeLbfgs(f, Float64Array.from([0]), { maxLineSearch: 5 });
    expect(res.converged).toBe(false);
    expect(res.message).toMatch(/line search/);
    const owl = minimizeLbfgs(f, Float64Array.from([1]), { maxLineSearch: 5, l1: 0.1 });
    expect(owl.converged).toBe(false);
  });

  it('calls onIteration every iteration and lets it abort', () => {
    const seen: number[] = [];
    minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 4, onIteration: (i) => seen.push(i) });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(() =>
      minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), {
        onIteration: () => {
          throw new Error('stop');
        },
      }),
    ).toThrow('stop');
  });

  it('does not modify the starting point', () => {
    const x0 = Float64Array.from([-1.2, 1]);
    minimizeLbfgs(rosenbrock, x0, { maxIter: 5 });
    expect(Array.from(x0)).toEqual([-1.2, 1]);
  });

  it('refuses invalid options with typed errors', () => {
    const f = separableQuadratic([1], [1]);
    const x0 = new Float64Array(1);
    expect(() => minimizeLbfgs(f, x0, { maxIter: -1 })).toThrow(InvalidParameterError);
    expect(() => minimizeLbfgs(f, x0, { gtol: Number.NaN })).toThrow(InvalidParameterError);
    expect(() => minimizeLbfgs(f, x0, { memory: 0 })).toThrow(/memory/);
    expect(() => minimizeLbfgs(f, x0, { maxLineSearch: 0.5 })).toThrow(InvalidParameterError);
    expect(() => minimizeLbfgs(f, x0, { ftol: -1 })).toThrow(InvalidParameterError);
    expect(() => minimizeLbfgs(f, x0, { l1: -1 })).toThrow(InvalidParameterError);
    expect(() => minimizeLbfgs(f, x0, { l1: Float64Array.from([Number.NaN]) })).toThrow(
      InvalidParameterError,
    );
    expect(() => minimizeLbfgs(f, x0, { l1: new Float64Array(3) })).toThrow(ShapeError);
  });
});
