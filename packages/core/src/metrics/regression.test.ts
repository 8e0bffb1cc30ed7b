// Tests of the regression metrics against scikit-learn 1.7.2 (values in __fixtures__/sklearn-expected.json).
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../errors/index.js';
import { expectClose, loadExpected } from './__fixtures__/load.js';
import {
  explainedVarianceScore,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';

const R = loadExpected().regression;

const METRICS = {
  mse: meanSquaredError,
  rmse: rootMeanSquaredError,
  mae: meanAbsoluteError,
  r2: r2Score,
  ev: explainedVarianceScore,
  medae: medianAbsoluteError,
  mape: meanAbsolutePercentageError,
} as const;

describe.each(Object.entries(METRICS))('%s matches sklearn', (key, f) => {
  it('odd n, weighted, even n', () => {
    expectClose(f(R.yTrue, R.yPred), R[key]);
    expectClose(f(R.yTrue, R.yPred, { sampleWeight: R.sampleWeight }), R[`${key}Weighted`]);
    expectClose(f(R.yTrue.slice(0, 50), R.yPred.slice(0, 50)), R[`${key}Even`]);
  });
  it('typed arrays are accepted', () => {
    expectClose(f(Float64Array.from(R.yTrue), Float64Array.from(R.yPred)), R[key]);
  });
  it('refuses bad input', () => {
    expect(() => f([1, 2], [1])).toThrow(ShapeError);
    expect(() => f([], [])).toThrow(DataError);
    expect(() => f([1, Number.NaN], [1, 2])).toThrow(/yTrue\[1\] is NaN/);
    expect(() => f([1, 2], [1, Number.POSITIVE_INFINITY])).toThrow(/yPred\[1\] is Infinity/);
    expect(() => f([1, 2], ['1', 2] as unknown as number[])).toThrow(/yPred\[0\] is "1"/);
    expect(() => f([1, 2], [1, 2], { sampleWeight: [1, 2, 3] })).toThrow(/sampleWeight has 3 values/);
  });
});

describe('regression edge cases (sklearn semantics)', () => {
  it('R² and explained variance with a constant target', () => {
    expect(r2Score([2, 2, 2], [1, 2, 3])).toBe(R.r2ConstantWrong);
    expect(r2Score([2, 2, 2], [2, 2, 2])).toBe(R.r2ConstantPerfect);
    expect(r2Score([2, 2, 2], [1, 2, 3], { forceFinite: false })).toBe(R.r2ConstantWrongNotFinite);
    expect(explainedVarianceScore([2, 2, 2], [1, 2, 3])).toBe(0);
    expect(explainedVarianceScore([2, 2, 2], [2, 2, 2])).toBe(1);
  });
  it('explained variance ignores a constant bias, R² does not', () => {
    expectClose(explainedVarianceScore([1, 2, 3], [2, 3, 4]), R.evBiased);
    expectClose(r2Score([1, 2, 3], [2, 3, 4]), R.r2Biased);
  });
  it('R² of a single sample is NaN', () => {
    expect(r2Score([1], [1])).toBeNaN();
  });
  it('MAPE divides by eps for zero targets; weighted median', () => {
    expectClose(meanAbsolutePercentageError([0, 1], [1, 1]), R.mapeZero);
    expect(medianAbsoluteError([0, 0, 0, 0], [1, 2, 3, 4], { sampleWeight: [1, 1, 1, 5] })).toBe(
      R.medaeWeightedSmall,
    );
    // sklearn 1.7.2: median_absolute_error([0,0],[1,2],sample_weight=[0,0]) == 2.0, and 2.0 for [0,1,0]
    expect(medianAbsoluteError([0, 0], [1, 2], { sampleWeight: [0, 0] })).toBe(2);
    expect(medianAbsoluteError([0, 0, 0], [1, 2, 3], { sampleWeight: [0, 1, 0] })).toBe(2);
  });
  it('all-zero weights are refused where a mean is taken', () => {
    expect(() => meanSquaredError([1, 2], [1, 2], { sampleWeight: [0, 0] })).toThrow(/sums to zero/);
  });
});
