// Tests for LogisticRegression: conformance, coefficient agreement with scikit-learn for every
// penalty, probabilities and decision scores, class weights, warnings and error paths.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { makeBlobs, makeClassification } from '../datasets/index.js';
import { DataError, InvalidParameterError } from '../errors/index.js';
import { conformanceChecks } from '../testing/index.js';
import { maxDiff, referenceData } from './__fixtures__/linear-data.js';
import { sklearnReference as R } from './__fixtures__/sklearn-reference.js';
import { LogisticRegression, type LogisticRegressionParams } from './logistic-regression.js';

const data = referenceData();
const tight = { tol: 1e-10, maxIter: 10000 };

describe('LogisticRegression conformance (multinomial, l2)', () => {
  for (const c of conformanceChecks(() => new LogisticRegression())) it(c.name, c.run);
});
describe('LogisticRegression conformance (binary, l1)', () => {
  const { X, y } = makeClassification({ nSamples: 80, nFeatures: 4, nClasses: 2, classSep: 1, seed: 5 });
  const opts = { data: { X, y: Array.from(y, (k) => (k ? 'yes' : 'no')) } };
  for (const c of conformanceChecks(() => new LogisticRegression({ penalty: 'l1', C: 0.5 }), opts))
    it(c.name, c.run);
});

describe('LogisticRegression agrees with scikit-learn 1.9.1', () => {
  const yNone = data.y3.map((c) => (c > 0 ? 1 : 0));
  const cases: [
    string,
    Partial<LogisticRegressionParams>,
    number[],
    Float64Array | undefined,
    (typeof R)[keyof typeof R],
  ][] = [
    ['binary l2', {}, data.yBin, undefined, R.logisticBinaryL2],
    ['binary no penalty', { penalty: null }, yNone, undefined, R.logisticBinaryNone],
    ['binary weighted', { C: 0.5 }, data.yBin, data.weights, R.logisticBinaryWeighted],
    ['binary l1 (sklearn saga)', { C: 0.5, penalty: 'l1' }, data.yBin, undefined, R.logisticBinaryL1],
    ['multinomial l2', {}, data.y3, undefined, R.logisticMultiL2],
    ['multinomial balanced', { C: 2, classWeight: 'balanced' }, data.y3, undefined, R.logisticMultiBalanced],
    ['multinomial no intercept', { fitIntercept: false }, data.y3, undefined, R.logisticMultiNoIntercept],
    [
      'multinomial elasticnet (sklearn saga)',
      { C: 0.8, penalty: 'elasticnet', l1Ratio: 0.5 },
      data.y3,
      undefined,
      R.logisticMultiElasticNet,
    ],
  ];
  for (const [name, params, y, sampleWeight, ref] of cases) {
    it(name, async () => {
      const m = await new LogisticRegression({ ...tight, ...params }).fit(
        data.X,
        y,
        sampleWeight ? { sampleWeight } : {},
      );
      expect(maxDiff(m.coef!, ref.coef)).toBeLessThan(1e-4);
      expect(maxDiff(m.intercept!, ref.intercept as readonly number[])).toBeLessThan(1e-4);
    });
  }

  it('l1 zeroes the coefficients sklearn zeroes', async () => {
    const m = await new LogisticRegression({ ...tight, C: 0.5, penalty: 'l1' }).fit(data.X, data.yBin);
    R.logisticBinaryL1.coef.forEach((c, j) => {
      if (c === 0) expect(m.coef![j]).toBe(0);
      else expect(m.coef![j]).not.toBe(0);
    });
  });
});

describe('LogisticRegression', () => {
  afterEach(() => vi.restoreAllMocks());

  it('binary: one decision column whose sign gives the class and σ(score) the probability', async () => {
    const m = await new LogisticRegression().fit(
      data.X,
      data.yBin.map((c) => (c ? 'pos' : 'neg')),
    );
    expect(m.classes).toEqual(['neg', 'pos']);
    const s = m.decisionFunction(data.X);
    const p = m.predictProba(data.X);
    const pred = m.predict(data.X);
    expect(s.cols).toBe(1);
    for (let i = 0; i < data.X.rows; i++) {
      expect(p.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-s.data[i]!)), 12);
      expect(pred[i]).toBe(s.data[i]! > 0 ? 'pos' : 'neg');
    }
    expect(
      m.score(
        data.X,
        data.yBin.map((c) => (c ? 'pos' : 'neg')),
      ),
    ).toBeGreaterThan(0.8);
  });

  it('multinomial: softmax of the decision scores, predict is their argmax', async () => {
    const m = await new LogisticRegression().fit(data.X, data.y3);
    const s = m.decisionFunction(data.X);
    const p = m.predictProba(data.X);
    expect([s.rows, s.cols]).toEqual([60, 3]);
    const pred = m.predict(data.X);
    for (let i = 0; i < 60; i++) {
      const row = Array.from(s.row(i));
      const z = row.reduce((a, b) => a + Math.exp(b), 0);
      row.forEach((v, k) => {
        expect(p.get(i, k)).toBeCloseTo(Math.exp(v) / z, 12);
      });
      expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
    }
    expect(m.intercept!.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it('probabilities stay finite for huge scores', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const m = await new LogisticRegression({ penalty: null, maxIter: 50 }).fit(
      [[0], [1], [2], [3]],
      [0, 0, 1, 1],
    );
    const p = m.predictProba([[1e6], [-1e6]]);
    expect(Array.from(p.data)).toEqual([0, 1, 1, 0]);
  });

  it('class weights as a map act like per-row sample weights', async () => {
    const byMap = await new LogisticRegression({ ...tight, classWeight: { '0': 1, '1': 3 } }).fit(
      data.X,
      data.yBin,
    );
    const sw = Float64Array.from(data.yBin, (c) => (c ? 3 : 1));
    const byRow = await new LogisticRegression(tight).fit(data.X, data.yBin, { sampleWeight: sw });
    expect(maxDiff(byMap.coef!, byRow.coef!)).toBeLessThan(1e-6);
    expect(maxDiff(byMap.intercept!, byRow.intercept!)).toBeLessThan(1e-6);
  });

  it('a stronger penalty (smaller C) shrinks the weights', async () => {
    const loose = await new LogisticRegression({ C: 100 }).fit(data.X, data.y3);
    const strict = await new LogisticRegression({ C: 0.01 }).fit(data.X, data.y3);
    expect(Math.hypot(...strict.coef!)).toBeLessThan(Math.hypot(...loose.coef!) / 5);
  });

  it('separates well-separated generated classes', async () => {
    const { X, y } = makeBlobs({ nSamples: 400, nFeatures: 3, centers: 4, clusterStd: 1, seed: 11 });
    const m = await new LogisticRegression().fit(X, y);
    expect(m.score(X, y)).toBeGreaterThan(0.97);
  });

  it('warns (ConvergenceWarning) instead of throwing when maxIter is reached', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const m = await new LogisticRegression({ maxIter: 2, tol: 1e-12 }).fit(data.X, data.y3);
    expect(m.isFitted).toBe(true);
    expect(m.nIter).toBe(2);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /L-BFGS failed to converge.*Increase maxIter, scale the features/,
    );
    warn.mockClear();
    await new LogisticRegression({ maxIter: 1, tol: 1e-12, penalty: 'l1' }).fit(data.X, data.y3);
    expect(String(warn.mock.calls[0]![0])).toMatch(/OWL-QN failed to converge/);
  });

  it('refuses y with a single class with a DataError that says why', async () => {
    await expect(new LogisticRegression().fit(data.X, new Array(60).fill('a'))).rejects.toThrow(DataError);
    await expect(new LogisticRegression().fit(data.X, new Array(60).fill(1))).rejects.toThrow(
      /single class \(1\).*at least 2 classes/,
    );
  });

  it('refuses weights that leave no row with weight', async () => {
    await expect(
      new LogisticRegression({ classWeight: { '0': 0, '1': 0 } }).fit(data.X, data.yBin),
    ).rejects.toThrow(/sum to zero/);
  });

  it('refuses invalid parameters with InvalidParameterError naming them', async () => {
    const bad: [object, RegExp][] = [
      [{ penalty: 'l3' }, /penalty/],
      [{ C: 0 }, /C must be a number > 0/],
      [{ penalty: 'elasticnet' }, /l1Ratio/],
      [{ penalty: 'elasticnet', l1Ratio: 2 }, /l1Ratio/],
      [{ maxIter: 1.5 }, /maxIter/],
      [{ tol: -1 }, /tol/],
      [{ fitIntercept: 0 }, /fitIntercept/],
      [{ classWeight: 'auto' }, /classWeight/],
      [{ classWeight: [1, 2] }, /classWeight/],
      [{ classWeight: { '0': -1 } }, /classWeight\['0'\]/],
      [{ classWeight: { cat: 2 } }, /classWeight names class 'cat'/],
    ];
    for (const [params, re] of bad) {
      await expect(new LogisticRegression(params as never).fit(data.X, data.yBin)).rejects.toThrow(
        InvalidParameterError,
      );
      await expect(new LogisticRegression(params as never).fit(data.X, data.yBin)).rejects.toThrow(re);
    }
  });

  it('maxIter 0 returns the zero model (uniform probabilities) with a warning', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const m = await new LogisticRegression({ maxIter: 0 }).fit(data.X, data.y3);
    const p = m.predictProba(Float64Matrix.fromRows([[1, 2, 3, 4]]));
    for (const v of p.data) expect(v).toBeCloseTo(1 / 3, 12);
  });
});
