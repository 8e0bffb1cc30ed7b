// Tests for LinearRegression and Ridge: conformance, agreement with scikit-learn, exact recovery
// of known linear structure, rank deficiency and parameter errors.
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { makeRegression } from '../datasets/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { conformanceChecks } from '../testing/index.js';
import { maxDiff, referenceData } from './__fixtures__/linear-data.js';
import { sklearnReference as R } from './__fixtures__/sklearn-reference.js';
import { LinearRegression } from './linear-regression.js';
import { Ridge } from './ridge.js';

const data = referenceData();

describe('LinearRegression conformance', () => {
  for (const c of conformanceChecks(() => new LinearRegression())) it(c.name, c.run);
});
describe('Ridge conformance', () => {
  for (const c of conformanceChecks(() => new Ridge({ alpha: 0.5 }))) it(c.name, c.run);
});

describe('LinearRegression', () => {
  it('agrees with scikit-learn 1.9.1 (plain and weighted)', async () => {
    const m = await new LinearRegression().fit(data.X, data.yReg);
    expect(maxDiff(m.coef!, R.linearRegression.coef)).toBeLessThan(1e-10);
    expect(m.intercept).toBeCloseTo(R.linearRegression.intercept, 10);
    expect(m.rank).toBe(4);
    const w = await new LinearRegression().fit(data.X, data.yReg, { sampleWeight: data.weights });
    expect(maxDiff(w.coef!, R.linearRegressionWeighted.coef)).toBeLessThan(1e-10);
    expect(w.intercept).toBeCloseTo(R.linearRegressionWeighted.intercept, 10);
  });

  it('gives the minimum-norm solution for a duplicated column, as lstsq does', async () => {
    const m = await new LinearRegression().fit(data.XDup, data.yReg);
    expect(m.rank).toBe(4);
    expect(m.singularValues!.length).toBe(5);
    expect(m.singularValues![4]!).toBeLessThan(1e-10 * m.singularValues![0]!);
    expect(maxDiff(m.coef!, R.linearRegressionDuplicate.coef)).toBeLessThan(1e-9);
    expect(m.coef![0]).toBeCloseTo(m.coef![4]!, 10);
  });

  it('recovers exact coefficients of noiseless data, even with large offsets', async () => {
    const n = 500;
    const x = Float64Matrix.zeros(n, 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = 1e6 + Math.sin(i);
      const b = Math.cos(0.3 * i) * 1e-3;
      const c = (i % 7) - 3;
      x.data.set([a, b, c], i * 3);
      y[i] = 2 * a - 4000 * b + 0.25 * c - 7;
    }
    const m = await new LinearRegression().fit(x, y);
    expect(maxDiff(m.coef!, [2, -4000, 0.25])).toBeLessThan(1e-6);
    expect(m.intercept).toBeCloseTo(-7, 3);
    expect(m.score(x, y)).toBeCloseTo(1, 12);
  });

  it('fits through the origin when fitIntercept is false', async () => {
    const x = Float64Matrix.fromRows([[1], [2], [3], [4]]);
    const m = await new LinearRegression({ fitIntercept: false }).fit(x, [3, 5, 7, 9]);
    // argmin Σ(yᵢ − w·xᵢ)² = Σxy/Σx² = 70/30.
    expect(m.coef![0]).toBeCloseTo(70 / 30, 12);
    expect(m.intercept).toBe(0);
    expect(Array.from(m.predict([[10]]))).toEqual([m.coef![0]! * 10]);
  });

  it('handles more features than rows (underdetermined, min-norm)', async () => {
    const x = Float64Matrix.fromRows([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const m = await new LinearRegression({ fitIntercept: false }).fit(x, [2, 3]);
    expect(maxDiff(m.coef!, [2, 3, 0])).toBeLessThan(1e-12);
    expect(m.rank).toBe(2);
  });

  it('handles a constant column (zero variance) without blowing up', async () => {
    const x = Float64Matrix.fromRows([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ]);
    const m = await new LinearRegression().fit(x, [2, 4, 6, 8]);
    expect(maxDiff(m.coef!, [2, 0])).toBeLessThan(1e-12);
    expect(m.intercept).toBeCloseTo(0, 12);
  });

  it('scores R² on held-out data of a linear problem', async () => {
    const { X, y } = makeRegression({ nSamples: 300, nFeatures: 6, noise: 0.5, seed: 4 });
    const train = X.takeRows(Array.from({ length: 200 }, (_, i) => i));
    const test = X.takeRows(Array.from({ length: 100 }, (_, i) => i + 200));
    const m = await new LinearRegression().fit(train, y.slice(0, 200));
    expect(m.score(test, y.slice(200))).toBeGreaterThan(0.99);
  });

  it('refuses a non-boolean fitIntercept', async () => {
    await expect(
      new LinearRegression({ fitIntercept: 'yes' as never }).fit(data.X, data.yReg),
    ).rejects.toThrow(InvalidParameterError);
  });
});

describe('Ridge', () => {
  it('agrees with scikit-learn 1.9.1 (default, weighted, no intercept)', async () => {
    const m = await new Ridge().fit(data.X, data.yReg);
    expect(maxDiff(m.coef!, R.ridge.coef)).toBeLessThan(1e-10);
    expect(m.intercept).toBeCloseTo(R.ridge.intercept, 10);
    const w = await new Ridge({ alpha: 3 }).fit(data.X, data.yReg, { sampleWeight: data.weights });
    expect(maxDiff(w.coef!, R.ridgeWeighted.coef)).toBeLessThan(1e-10);
    expect(w.intercept).toBeCloseTo(R.ridgeWeighted.intercept, 10);
    const o = await new Ridge({ fitIntercept: false }).fit(data.X, data.yReg);
    expect(maxDiff(o.coef!, R.ridgeNoIntercept.coef)).toBeLessThan(1e-10);
    expect(o.intercept).toBe(0);
  });

  it('shrinks towards zero as alpha grows and equals least squares at alpha 0', async () => {
    const ols = await new LinearRegression().fit(data.X, data.yReg);
    const r0 = await new Ridge({ alpha: 0 }).fit(data.X, data.yReg);
    expect(maxDiff(r0.coef!, ols.coef!)).toBeLessThan(1e-12);
    let prev = Number.POSITIVE_INFINITY;
    for (const alpha of [0.1, 10, 1000, 1e6]) {
      const m = await new Ridge({ alpha }).fit(data.X, data.yReg);
      const norm = Math.hypot(...m.coef!);
      expect(norm).toBeLessThan(prev);
      prev = norm;
    }
    expect(prev).toBeLessThan(0.01);
  });

  it('solves a singular design (duplicate column) by splitting the weight', async () => {
    const m = await new Ridge({ alpha: 1 }).fit(data.XDup, data.yReg);
    expect(m.coef![0]).toBeCloseTo(m.coef![4]!, 10);
    expect(Number.isFinite(m.intercept)).toBe(true);
  });

  it('refuses a negative or non-finite alpha', async () => {
    await expect(new Ridge({ alpha: -1 }).fit(data.X, data.yReg)).rejects.toThrow(
      /alpha must be a number >= 0/,
    );
    await expect(new Ridge({ alpha: Number.NaN }).fit(data.X, data.yReg)).rejects.toThrow(
      InvalidParameterError,
    );
  });
});
