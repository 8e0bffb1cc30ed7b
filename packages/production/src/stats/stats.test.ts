// Checks the drift and A/B statistics against scipy 1.17.1 (tooling/peers/.venv); the expected
// numbers below were printed by scipy and pasted here.
import { describe, expect, it } from 'vitest';
import {
  betaIncomplete,
  binShares,
  chiSquareGoodnessOfFit,
  gammaQ,
  kolmogorovSf,
  ksTwoSample,
  logGamma,
  normalSf,
  psi,
  studentTTwoSided,
  twoProportionZTest,
  welchTTest,
} from './index.js';

describe('special functions (scipy.special)', () => {
  it('logGamma matches gammaln', () => {
    const want = [0.5723649429247, 0.0, 1.428072326665388, 13.254266744235549, 361.43554046777757];
    [0.5, 1, 3.7, 10.2, 100.5].forEach((x, i) => {
      expect(logGamma(x)).toBeCloseTo(want[i]!, 10);
    });
    expect(logGamma(0.25)).toBeCloseTo(1.2880225246980774, 10);
  });
  it('gammaQ matches gammaincc', () => {
    const cases: [number, number, number][] = [
      [0.5, 0.1, 0.6547208460185768],
      [2.5, 1.0, 0.8491450360846096],
      [3, 7.5, 0.020256715056664387],
      [10, 3, 0.9988975118698845],
      [4.5, 4.5, 0.43727418891386693],
    ];
    for (const [a, x, want] of cases) expect(gammaQ(a, x)).toBeCloseTo(want, 12);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
  });
  it('betaIncomplete matches betainc', () => {
    expect(betaIncomplete(2, 3, 0.4)).toBeCloseTo(0.5248, 12);
    expect(betaIncomplete(0.5, 0.5, 0.9)).toBeCloseTo(0.7951672353008665, 12);
    expect(betaIncomplete(10, 2.5, 0.7)).toBeCloseTo(0.1773398808074702, 12);
    expect(betaIncomplete(1, 1, 0)).toBe(0);
    expect(betaIncomplete(1, 1, 1)).toBe(1);
  });
  it('normalSf matches norm.sf', () => {
    const want = [0.9331927987311419, 0.5, 0.3820885778110474, 0.024997895148220435, 1.334574901590631e-5];
    [-1.5, 0, 0.3, 1.96, 4.2].forEach((z, i) => {
      expect(normalSf(z)).toBeCloseTo(want[i]!, 12);
    });
    expect(normalSf(Number.NaN)).toBeNaN();
  });
  it('studentTTwoSided matches 2·t.sf(|t|, df)', () => {
    expect(studentTTwoSided(1.2, 5)).toBeCloseTo(0.2838910567061025, 12);
    expect(studentTTwoSided(2.5, 13.7)).toBeCloseTo(0.025784656471373117, 12);
    expect(studentTTwoSided(-0.4, 120)).toBeCloseTo(0.6898676535264605, 12);
    expect(studentTTwoSided(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(studentTTwoSided(1, 0)).toBeNaN();
  });
  it('kolmogorovSf matches scipy.special.kolmogorov', () => {
    const want = [
      0.999999999999495, 0.9639452436648751, 0.5441424115741981, 0.26999967167735456, 0.049485876755377876,
      0.0006709252557796953,
    ];
    [0.2, 0.5, 0.8, 1.0, 1.36, 2.0].forEach((x, i) => {
      expect(kolmogorovSf(x)).toBeCloseTo(want[i]!, 12);
    });
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(Number.NaN)).toBeNaN();
  });
});

describe('drift tests', () => {
  it('psi sums (live − ref)·ln(live/ref)', () => {
    // numpy: sum((l-r)*log(l/r)) = 0.10986122886681095
    const live = [0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15];
    expect(psi(new Array(10).fill(0.1), live)).toBeCloseTo(0.10986122886681095, 12);
    expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(Number.isFinite(psi([0.5, 0.5, 0], [0, 0.5, 0.5]))).toBe(true);
    expect(() => psi([1], [0.5, 0.5])).toThrow(RangeError);
  });
  it('binShares uses (e_{i-1}, e_i] bins and skips NaN', () => {
    expect(binShares([1, 2], [0, 1, 1.5, 2, 3, Number.NaN])).toEqual([0.4, 0.4, 0.2]);
    expect(binShares([1], [])).toEqual([0, 0]);
  });
  it('ksTwoSample matches ks_2samp statistic and kstwobign.sf(√en·D)', () => {
    const a = [0.1, 0.5, 1.2, 3.4, 2.2, 0.9, 1.7, 2.8, 0.05, 1.1];
    const b = [1.5, 2.5, 3.1, 0.7, 4.2, 3.3, 2.9, 1.9];
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.475, 12);
    expect(r.pValue).toBeCloseTo(0.2685148591228448, 10);
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i * 1.7) * 2);
    const y = Array.from({ length: 200 }, (_, j) => Math.cos(j * 0.9) * 2 + 0.3);
    const r2 = ksTwoSample(x, y);
    expect(r2.statistic).toBeCloseTo(0.185, 12);
    expect(r2.pValue).toBeCloseTo(0.0005416704217343552, 12);
    expect(ksTwoSample([], [1]).statistic).toBeNaN();
  });
  it('chiSquareGoodnessOfFit matches scipy.stats.chisquare', () => {
    const r = chiSquareGoodnessOfFit([30, 14, 34, 45, 57, 20], [0.15, 0.1, 0.2, 0.2, 0.25, 0.1]);
    expect(r.statistic).toBeCloseTo(4.305, 12);
    expect(r.degreesOfFreedom).toBe(5);
    expect(r.pValue).toBeCloseTo(0.5063895442501871, 12);
    expect(chiSquareGoodnessOfFit([10, 12, 8], [1, 1, 1]).pValue).toBeCloseTo(0.6703200460356394, 12);
    expect(chiSquareGoodnessOfFit([0, 0], [0.5, 0.5]).pValue).toBeNaN();
    expect(chiSquareGoodnessOfFit([1, 1], [1, 0]).statistic).toBe(Number.POSITIVE_INFINITY);
    expect(() => chiSquareGoodnessOfFit([1], [1, 2])).toThrow(RangeError);
  });
});

describe('A/B significance', () => {
  it('twoProportionZTest matches the pooled z computed with numpy/scipy', () => {
    const r = twoProportionZTest(120, 1000, 90, 1000);
    expect(r.statistic).toBeCloseTo(2.1882658846227234, 12);
    expect(r.pValue).toBeCloseTo(0.028650240398448473, 12);
    expect(twoProportionZTest(0, 10, 0, 10).pValue).toBe(1);
    expect(twoProportionZTest(0, 0, 1, 2).pValue).toBeNaN();
  });
  it('welchTTest matches ttest_ind(equal_var=False)', () => {
    const r = welchTTest(
      { n: 7, mean: 3.3714285714285723, variance: 0.3123809523809524 },
      { n: 9, mean: 2.488888888888889, variance: 0.14111111111111108 },
    );
    expect(r.statistic).toBeCloseTo(3.593834517993266, 10);
    expect(r.pValue).toBeCloseTo(0.004875780799873099, 10);
    expect(welchTTest({ n: 1, mean: 0, variance: 0 }, { n: 5, mean: 0, variance: 1 }).pValue).toBeNaN();
    expect(welchTTest({ n: 3, mean: 1, variance: 0 }, { n: 3, mean: 1, variance: 0 }).pValue).toBe(1);
  });
});
