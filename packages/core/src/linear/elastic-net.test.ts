// Tests for Lasso and ElasticNet: conformance, agreement with scikit-learn, sparsity, warm
// starts, positivity, convergence warnings and parameter errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { conformanceChecks } from '../testing/index.js';
import { maxDiff, referenceData } from './__fixtures__/linear-data.js';
import { sklearnReference as R } from './__fixtures__/sklearn-reference.js';
import { centeredFactor } from './centered-qr.js';
import { enetCoordinateDescent, gramFromFactor } from './coordinate-descent.js';
import { ElasticNet, Lasso } from './elastic-net.js';

const data = referenceData();
const tight = { tol: 1e-12, maxIter: 100000 };

describe('Lasso conformance', () => {
  for (const c of conformanceChecks(() => new Lasso({ alpha: 0.1 }))) it(c.name, c.run);
});
describe('ElasticNet conformance', () => {
  for (const c of conformanceChecks(() => new ElasticNet({ alpha: 0.1, l1Ratio: 0.3 }))) it(c.name, c.run);
});

describe('Lasso and ElasticNet', () => {
  afterEach(() => vi.restoreAllMocks());

  it('agree with scikit-learn 1.9.1 coefficients', async () => {
    const cases = [
      [await new Lasso({ alpha: 0.1, ...tight }).fit(data.X, data.yReg), R.lasso],
      [
        await new Lasso({ alpha: 0.1, ...tight }).fit(data.X, data.yReg, { sampleWeight: data.weights }),
        R.lassoWeighted,
      ],
      [await new ElasticNet({ alpha: 0.2, l1Ratio: 0.7, ...tight }).fit(data.X, data.yReg), R.elasticNet],
      [
        await new ElasticNet({ alpha: 0.05, l1Ratio: 0.5, positive: true, ...tight }).fit(data.X, data.yReg),
        R.elasticNetPositive,
      ],
    ] as const;
    for (const [model, ref] of cases) {
      expect(maxDiff(model.coef!, ref.coef)).toBeLessThan(1e-8);
      expect(model.intercept).toBeCloseTo(ref.intercept, 8);
      expect(model.dualGap!).toBeLessThan(1e-6);
    }
  });

  it('the lasso zeroes the irrelevant feature and everything at large alpha', async () => {
    const m = await new Lasso({ alpha: 0.1 }).fit(data.X, data.yReg);
    expect(m.coef![3]).toBe(0);
    const big = await new Lasso({ alpha: 100 }).fit(data.X, data.yReg);
    expect(Array.from(big.coef!)).toEqual([0, 0, 0, 0]);
    // All-zero coefficients predict the (weighted) mean of y.
    const mean = data.yReg.reduce((a, b) => a + b, 0) / data.yReg.length;
    expect(big.intercept).toBeCloseTo(mean, 12);
  });

  it('positive=true keeps every coefficient non-negative', async () => {
    const m = await new Lasso({ alpha: 0.01, positive: true }).fit(data.X, data.yReg);
    for (const c of m.coef!) expect(c).toBeGreaterThanOrEqual(0);
    expect(m.coef![1]).toBe(0);
  });

  it('l1Ratio 0 matches Ridge with alpha scaled by n', async () => {
    // ElasticNet(ρ=0) minimises 1/(2n)‖r‖² + α/2‖w‖², i.e. Ridge with alpha_ridge = n·α.
    const n = data.X.rows;
    const e = await new ElasticNet({ alpha: 0.5, l1Ratio: 0, tol: 1e-14, maxIter: 100000 }).fit(
      data.X,
      data.yReg,
    );
    const { Ridge } = await import('./ridge.js');
    const r = await new Ridge({ alpha: 0.5 * n }).fit(data.X, data.yReg);
    expect(maxDiff(e.coef!, r.coef!)).toBeLessThan(1e-8);
  });

  it('a warm start from the solution converges immediately', async () => {
    const m = new ElasticNet({ alpha: 0.2, l1Ratio: 0.7, warmStart: true, tol: 1e-8 });
    await m.fit(data.X, data.yReg);
    const first = m.nIter!;
    expect(first).toBeGreaterThan(1);
    await m.fit(data.X, data.yReg);
    expect(m.nIter!).toBeLessThanOrEqual(1);
    const cold = await new ElasticNet({ alpha: 0.2, l1Ratio: 0.7, tol: 1e-8 }).fit(data.X, data.yReg);
    expect(maxDiff(cold.coef!, m.coef!)).toBeLessThan(1e-6);
  });

  it('warns with a ConvergenceWarning (not an error) when maxIter is too small', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const m = await new ElasticNet({ alpha: 0.001, maxIter: 1, tol: 1e-12 }).fit(data.XDup, data.yReg);
    expect(m.isFitted).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    const [msg, opts] = warn.mock.calls[0]!;
    expect(String(msg)).toMatch(/did not converge.*duality gap.*Increase maxIter, scale the features/);
    expect(opts).toMatchObject({ type: 'ConvergenceWarning' });
  });

  it('alpha 0 with no L2 reduces to least squares (gradient as the gap)', () => {
    const f = centeredFactor(data.X, data.yReg, undefined, true);
    const w = new Float64Array(4);
    const res = enetCoordinateDescent(gramFromFactor(f), w, {
      l1: 0,
      l2: 0,
      maxIter: 10000,
      tol: 1e-16,
      positive: false,
    });
    expect(res.converged).toBe(true);
    expect(maxDiff(w, R.linearRegression.coef)).toBeLessThan(1e-6);
  });

  it('skips an all-zero column', async () => {
    const x = Float64Matrix.zeros(6, 2);
    for (let i = 0; i < 6; i++) x.set(i, 0, i);
    const m = await new Lasso({ alpha: 0.01, fitIntercept: false }).fit(x, [0, 1, 2, 3, 4, 5]);
    expect(m.coef![1]).toBe(0);
    expect(m.coef![0]).toBeGreaterThan(0.9);
  });

  it('refuses invalid parameters with InvalidParameterError naming them', async () => {
    const bad: [object, RegExp][] = [
      [{ alpha: -0.1 }, /alpha/],
      [{ l1Ratio: 1.5 }, /l1Ratio/],
      [{ maxIter: 0 }, /maxIter/],
      [{ tol: -1 }, /tol/],
      [{ warmStart: 1 }, /warmStart/],
      [{ positive: 'no' }, /positive/],
      [{ fitIntercept: null }, /fitIntercept/],
    ];
    for (const [params, re] of bad) {
      const fit = new ElasticNet(params as never).fit(data.X, data.yReg);
      await expect(fit).rejects.toThrow(InvalidParameterError);
      await expect(new ElasticNet(params as never).fit(data.X, data.yReg)).rejects.toThrow(re);
    }
    expect(() => new Lasso({ l1Ratio: 0.5 } as never)).toThrow(/unknown parameter 'l1Ratio'/);
  });
});
