// KNeighborsRegressor: conformance, uniform and distance-weighted means, errors, state checks.
import { describe, expect, it } from 'vitest';
import type { State } from '../base/index.js';
import { makeRegression } from '../datasets/index.js';
import { FormatError, InvalidParameterError, NotFittedError } from '../errors/index.js';
import { conformanceChecks } from '../testing/check-estimator.js';
import { KNeighborsRegressor } from './knn-regressor.js';

describe('KNeighborsRegressor conformance', () => {
  for (const c of conformanceChecks(() => new KNeighborsRegressor())) it(c.name, c.run);
});

describe('KNeighborsRegressor conformance (distance weights, minkowski p=3)', () => {
  for (const c of conformanceChecks(
    () => new KNeighborsRegressor({ weights: 'distance', p: 3, leafSize: 4 }),
  ))
    it(c.name, c.run);
});

const X = [[0], [1], [2], [10], [11]];
const y = [1, 2, 4, 8, 16];

describe('KNeighborsRegressor behaviour', () => {
  it('averages the neighbours’ targets', async () => {
    const knn = await new KNeighborsRegressor({ nNeighbors: 2 }).fit(X, y);
    expect(Array.from(knn.predict([[0.2], [10.9], [6]]))).toEqual([1.5, 12, 6]);
  });

  it('weights the mean by inverse distance, exact matches taking all the weight', async () => {
    const knn = await new KNeighborsRegressor({ nNeighbors: 2, weights: 'distance' }).fit(X, y);
    const [a, b] = knn.predict([[0.25], [11]]);
    expect(a).toBeCloseTo((1 / 0.25 + 2 / 0.75) / (1 / 0.25 + 1 / 0.75), 12);
    expect(b).toBe(16);
  });

  it('fits a smooth function closely', async () => {
    const { X: data, y: target } = makeRegression({ nSamples: 600, nFeatures: 3, noise: 0.1, seed: 3 });
    const knn = await new KNeighborsRegressor({ nNeighbors: 5, weights: 'distance' }).fit(data, target);
    expect(knn.score(data, target)).toBe(1);
    const half = await new KNeighborsRegressor({ nNeighbors: 10 }).fit(
      data.takeRows(Array.from({ length: 300 }, (_, i) => i)),
      target.slice(0, 300),
    );
    const rest = Array.from({ length: 300 }, (_, i) => i + 300);
    expect(half.score(data.takeRows(rest), target.slice(300))).toBeGreaterThan(0.85);
  });

  it('exposes kneighbors', async () => {
    const knn = await new KNeighborsRegressor({ nNeighbors: 2 }).fit(X, y);
    expect(Array.from(knn.kneighbors([[9]]).indices)).toEqual([3, 4]);
    expect(() => new KNeighborsRegressor().kneighbors(X)).toThrow(NotFittedError);
  });
});

describe('KNeighborsRegressor errors', () => {
  it('rejects bad parameters and too many neighbours', async () => {
    await expect(new KNeighborsRegressor({ weights: 'x' as never }).fit(X, y)).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(new KNeighborsRegressor({ nNeighbors: 6 }).fit(X, y)).rejects.toThrow(InvalidParameterError);
  });

  it('refuses tampered state with FormatError', async () => {
    const knn = await new KNeighborsRegressor({ nNeighbors: 2 }).fit(X, y);
    const good = knn.exportState();
    const tampered: State[] = [
      { ...good, target: new Float64Array([1, 2, 3]) },
      { ...good, target: [1, 2, 4, 8, 16] },
      { ...good, target: new Float64Array([1, 2, 4, 8, Number.POSITIVE_INFINITY]) },
      { ...good, fitX: new Float64Array(0) },
      { ...good, nFeatures: 1.5 },
    ];
    for (const state of tampered) {
      expect(() =>
        new KNeighborsRegressor({ nNeighbors: 2 }).importState(state, knn.inputSchema!, undefined),
      ).toThrow(FormatError);
    }
  });
});
