import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/index.js';
import { makeBlobs, makeClassification, makeRegression } from './generators.js';

describe('dataset generators', () => {
  it('makeBlobs puts points around their centers', () => {
    const { X, y, centers } = makeBlobs({
      nSamples: 300,
      nFeatures: 2,
      centers: 3,
      clusterStd: 0.5,
      seed: 1,
    });
    expect([X.rows, X.cols, centers.rows]).toEqual([300, 2, 3]);
    for (let i = 0; i < 300; i++) {
      const k = y[i]!;
      const d = Math.hypot(X.get(i, 0) - centers.get(k, 0), X.get(i, 1) - centers.get(k, 1));
      expect(d).toBeLessThan(3);
    }
    expect(makeBlobs({ seed: 1 }).X.data).toEqual(makeBlobs({ seed: 1 }).X.data);
    expect(() => makeBlobs({ centers: 0 })).toThrow(InvalidParameterError);
  });

  it('makeClassification separates classes on informative features', () => {
    const { X, y } = makeClassification({
      nSamples: 1000,
      nFeatures: 6,
      nInformative: 2,
      classSep: 3,
      flipY: 0,
      seed: 2,
    });
    expect(new Set(y).size).toBe(2);
    // Class means differ on informative features, not on noise features.
    const mean = (j: number, k: number) => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < X.rows; i++) {
        if (y[i] !== k) continue;
        s += X.get(i, j);
        n++;
      }
      return s / n;
    };
    const gapInformative = Math.max(Math.abs(mean(0, 0) - mean(0, 1)), Math.abs(mean(1, 0) - mean(1, 1)));
    expect(gapInformative).toBeGreaterThan(1);
    expect(Math.abs(mean(5, 0) - mean(5, 1))).toBeLessThan(0.2);
    expect(() => makeClassification({ nClasses: 1 })).toThrow(InvalidParameterError);
  });

  it('makeRegression returns y = Xw + bias exactly without noise', () => {
    const { X, y, coef } = makeRegression({ nSamples: 50, nFeatures: 4, nInformative: 2, bias: 3, seed: 3 });
    expect(coef[2]).toBe(0);
    for (let i = 0; i < 50; i++) {
      let s = 3;
      for (let j = 0; j < 4; j++) s += X.get(i, j) * coef[j]!;
      expect(y[i]).toBeCloseTo(s, 10);
    }
  });
});
