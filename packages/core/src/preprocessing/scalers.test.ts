// StandardScaler, MinMaxScaler and RobustScaler: conformance, known values (scikit-learn 1.9.1
// semantics), NaN handling, inverse transforms, weights, parameter and state errors.
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';
import { stateOf, tamperModel } from '../linear/__fixtures__/tamper.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { conformanceChecks } from '../testing/index.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import { StandardScaler } from './standard-scaler.js';

const X = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 30, 5],
  [4, 100, 5],
];

/** Elementwise |actual - expected| <= tol. */
function expectClose(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    for (let j = 0; j < expected[i]!.length; j++)
      expect(Math.abs(actual[i]![j]! - expected[i]![j]!)).toBeLessThanOrEqual(tol);
  }
}

describe('conformance', () => {
  for (const c of conformanceChecks(() => new StandardScaler())) it(`StandardScaler: ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new StandardScaler({ withMean: false })))
    it(`StandardScaler(withMean false): ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new MinMaxScaler({ featureRange: [-1, 1], clip: true })))
    it(`MinMaxScaler: ${c.name}`, c.run);
  for (const c of conformanceChecks(() => new RobustScaler({ quantileRange: [10, 90] })))
    it(`RobustScaler: ${c.name}`, c.run);
});

describe('StandardScaler', () => {
  it('uses the population std and scales constant columns by 1', async () => {
    const s = await new StandardScaler().fit(X);
    expect(Array.from(s.mean!)).toEqual([2.5, 40, 5]);
    expect(s.variance![0]).toBeCloseTo(1.25, 12);
    expect(Array.from(s.scale!)).toEqual([Math.sqrt(1.25), Math.sqrt(s.variance![1]!), 1]);
    const out = s.transform(X);
    expect(out.column(2)).toEqual(new Float64Array(4));
    expect(out.get(0, 0)).toBeCloseTo(-1.5 / Math.sqrt(1.25), 12);
  });

  it('ignores NaN at fit and keeps it at transform', async () => {
    const s = await new StandardScaler().fit([
      [1, Number.NaN],
      [3, 2],
      [Number.NaN, 4],
    ]);
    expect(Array.from(s.mean!)).toEqual([2, 3]);
    const out = s.transform([[Number.NaN, 3]]);
    expect(out.get(0, 0)).toBeNaN();
    expect(out.get(0, 1)).toBe(0);
  });

  it('inverseTransform undoes transform', async () => {
    for (const params of [{}, { withMean: false }, { withStd: false }]) {
      const s = await new StandardScaler(params).fit(X);
      const back = s.inverseTransform(s.transform(X)).toArray();
      expectClose(back, X, 1e-10);
    }
  });

  it('integer sample weights equal repeated rows', async () => {
    const weighted = await new StandardScaler().fit(X, undefined, { sampleWeight: [1, 3, 1, 2] });
    const repeated = await new StandardScaler().fit([X[0]!, X[1]!, X[1]!, X[1]!, X[2]!, X[3]!, X[3]!]);
    expectClose(
      [Array.from(weighted.mean!), Array.from(weighted.scale!)],
      [Array.from(repeated.mean!), Array.from(repeated.scale!)],
      1e-12,
    );
  });

  it('refuses bad params and tampered state', async () => {
    await expect(new StandardScaler({ withMean: 'yes' as never }).fit(X)).rejects.toThrow(
      InvalidParameterError,
    );
    const bytes = saveModel(await new StandardScaler().fit(X));
    const tampered = tamperModel(bytes, (m) => {
      stateOf(m)['nFeatures'] = 2;
    });
    expect(() => loadModel(tampered)).toThrow(FormatError);
  });
});

describe('MinMaxScaler', () => {
  it('maps the training range onto featureRange; clip bounds unseen values', async () => {
    const s = await new MinMaxScaler({ featureRange: [-1, 1] }).fit(X);
    const col = s.transform(X).column(0);
    expectClose([Array.from(col)], [[-1, -1 / 3, 1 / 3, 1]], 1e-12);
    expect(Array.from(s.dataMin!)).toEqual([1, 10, 5]);
    expect(Array.from(s.dataMax!)).toEqual([4, 100, 5]);
    expect(s.transform([[7, 10, 5]]).get(0, 0)).toBeCloseTo(3, 12);
    s.setParams({ clip: true });
    expect(s.transform([[7, -50, 5]]).row(0)).toEqual(Float64Array.from([1, -1, -1]));
    const back = s.inverseTransform(s.transform(X));
    expectClose(back.toArray(), X, 1e-10);
  });

  it('ignores NaN at fit', async () => {
    const s = await new MinMaxScaler().fit([[Number.NaN], [2], [4]]);
    expect(s.transform([[3], [Number.NaN]]).column(0)).toEqual(Float64Array.from([0.5, Number.NaN]));
  });

  it('refuses invalid featureRange values', async () => {
    for (const featureRange of [[1, 1], [2, 0], [0], 'x', [0, Number.NaN]]) {
      await expect(new MinMaxScaler({ featureRange: featureRange as never }).fit(X)).rejects.toThrow(
        InvalidParameterError,
      );
    }
    await expect(new MinMaxScaler({ clip: 1 as never }).fit(X)).rejects.toThrow(InvalidParameterError);
  });
});

describe('RobustScaler', () => {
  it('centres on the median and scales by the IQR (numpy linear percentiles)', async () => {
    const s = await new RobustScaler().fit(X);
    expect(Array.from(s.center!)).toEqual([2.5, 25, 5]);
    // np.percentile([1,2,3,4], [25, 75]) = [1.75, 3.25]; [10,20,30,100] -> [17.5, 47.5]
    expect(Array.from(s.scale!)).toEqual([1.5, 30, 1]);
    const back = s.inverseTransform(s.transform(X));
    expectClose(back.toArray(), X, 1e-10);
  });

  it('withCentering and withScaling can be turned off', async () => {
    const s = await new RobustScaler({ withCentering: false, withScaling: false }).fit(X);
    expect(s.transform(X).toArray()).toEqual(X);
    const t = await new RobustScaler({ withCentering: false }).fit(X);
    expect(t.transform(X).get(0, 0)).toBeCloseTo(1 / 1.5, 12);
  });

  it('refuses invalid quantile ranges', async () => {
    for (const quantileRange of [[80, 20], [-1, 50], [50, 101], [25]]) {
      await expect(new RobustScaler({ quantileRange: quantileRange as never }).fit(X)).rejects.toThrow(
        InvalidParameterError,
      );
    }
  });

  it('rejects infinite input with a DataError naming the cell', async () => {
    await expect(
      new RobustScaler().fit(Float64Matrix.fromRows([[1], [Number.POSITIVE_INFINITY]])),
    ).rejects.toThrow(DataError);
  });
});
