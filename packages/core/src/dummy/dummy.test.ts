import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../errors/index.js';
import { conformanceChecks } from '../testing/index.js';
import { DummyClassifier, DummyRegressor } from './dummy.js';

describe('DummyClassifier conformance', () => {
  for (const c of conformanceChecks(() => new DummyClassifier())) it(c.name, c.run);
});

describe('DummyRegressor conformance', () => {
  for (const c of conformanceChecks(() => new DummyRegressor({ strategy: 'median' }))) it(c.name, c.run);
});

describe('DummyClassifier', () => {
  const X = [[0], [0], [0], [0]];
  const y = ['a', 'b', 'b', 'b'];

  it('prior gives class frequencies and predicts the majority', async () => {
    const m = await new DummyClassifier().fit(X, y);
    expect(m.classes).toEqual(['a', 'b']);
    expect(Array.from(m.predictProba([[1]]).data)).toEqual([0.25, 0.75]);
    expect(m.predict([[1], [2]])).toEqual(['b', 'b']);
    expect(m.score(X, y)).toBe(0.75);
  });

  it('weights shift the prior', async () => {
    const m = await new DummyClassifier().fit(X, y, { sampleWeight: [3, 1, 1, 1] });
    expect(Array.from(m.predictProba([[1]]).data)).toEqual([0.5, 0.5]);
  });

  it('mostFrequent and uniform', async () => {
    const mf = await new DummyClassifier({ strategy: 'mostFrequent' }).fit(X, y);
    expect(Array.from(mf.predictProba([[1]]).data)).toEqual([0, 1]);
    const u = await new DummyClassifier({ strategy: 'uniform' }).fit(X, y);
    expect(Array.from(u.predictProba([[1]]).data)).toEqual([0.5, 0.5]);
  });

  it('refuses an unknown strategy at fit', async () => {
    const m = new DummyClassifier({ strategy: 'nope' as 'prior' });
    await expect(m.fit(X, y)).rejects.toThrow(
      /strategy must be one of "prior", "mostFrequent", "uniform", got "nope"/,
    );
  });
});

describe('DummyRegressor', () => {
  const X = [[0], [0], [0], [0]];
  const y = [1, 2, 3, 10];

  it.each([
    [{ strategy: 'mean' as const }, 4],
    [{ strategy: 'median' as const }, 2.5],
    [{ strategy: 'quantile' as const, quantile: 1 }, 10],
    [{ strategy: 'constant' as const, constant: -1 }, -1],
  ])('%o predicts %d', async (params, expected) => {
    const m = await new DummyRegressor(params).fit(X, y);
    expect(Array.from(m.predict([[5]]))).toEqual([expected]);
  });

  it('scores R² = 0 for the mean', async () => {
    const m = await new DummyRegressor().fit(X, y);
    expect(m.score(X, y)).toBe(0);
  });

  it('validates quantile', async () => {
    await expect(new DummyRegressor({ strategy: 'quantile', quantile: 2 }).fit(X, y)).rejects.toThrow(
      InvalidParameterError,
    );
  });
});
