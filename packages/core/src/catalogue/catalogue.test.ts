// The common test (after scikit-learn's test_common.py): every catalogued estimator passes the
// conformance suite, is loadable by name, and declares a search space its params accept.
import { describe, expect, it } from 'vitest';
import { loadModel, registeredEstimatorNames, saveModel } from '../persistence/index.js';
import { conformanceChecks } from '../testing/index.js';
import { Rng } from '../utils/random.js';
import { catalogue, catalogueEntry } from './catalogue.js';
import { sampleParam, sampleSpace } from './search-space.js';

type Ctor = new (params?: object) => import('../base/index.js').BaseEstimator;

describe('estimator catalogue', () => {
  const entries = catalogue();

  it('has unique names and finds entries by name', () => {
    const names = entries.map((e) => e.estimator.estimatorName);
    expect(new Set(names).size).toBe(names.length);
    expect(catalogueEntry('DummyRegressor')?.estimator.estimatorName).toBe('DummyRegressor');
    expect(catalogueEntry('Nope')).toBeUndefined();
  });

  it('every entry is loadable by name once a model has been loaded', () => {
    loadModel(saveModel(new (entries[0]!.estimator as unknown as Ctor)()));
    for (const e of entries) expect(registeredEstimatorNames()).toContain(e.estimator.estimatorName);
  });

  for (const entry of entries) {
    const Est = entry.estimator as unknown as Ctor;
    describe(entry.estimator.estimatorName, () => {
      it('accepts every value its search space draws', () => {
        const rng = new Rng(7);
        for (let t = 0; t < 20; t++)
          expect(
            () => new Est({ ...entry.quickParams, ...sampleSpace(entry.searchSpace, rng) }),
          ).not.toThrow();
      });
      for (const c of conformanceChecks(() => new Est(entry.quickParams ?? {}))) it(c.name, c.run);
    });
  }
});

describe('sampleParam', () => {
  const rng = new Rng(1);
  it('draws within bounds, on a log scale when asked', () => {
    for (let t = 0; t < 200; t++) {
      const i = sampleParam({ type: 'int', low: 2, high: 5 }, rng) as number;
      expect(Number.isInteger(i) && i >= 2 && i <= 5).toBe(true);
      const li = sampleParam({ type: 'int', low: 1, high: 1000, log: true }, rng) as number;
      expect(Number.isInteger(li) && li >= 1 && li <= 1000).toBe(true);
      const f = sampleParam({ type: 'float', low: 0.1, high: 0.2 }, rng) as number;
      expect(f >= 0.1 && f < 0.2).toBe(true);
      const lf = sampleParam({ type: 'float', low: 1e-4, high: 1, log: true }, rng) as number;
      expect(lf >= 1e-4 && lf <= 1).toBe(true);
      expect(['a', 'b']).toContain(sampleParam({ type: 'categorical', choices: ['a', 'b'] }, rng));
    }
  });
  it('log sampling spreads over orders of magnitude', () => {
    const draws = Array.from(
      { length: 1000 },
      () => sampleParam({ type: 'float', low: 1e-3, high: 1e3, log: true }, rng) as number,
    );
    expect(draws.filter((d) => d < 1).length / 1000).toBeGreaterThan(0.4);
    expect(draws.filter((d) => d < 1).length / 1000).toBeLessThan(0.6);
  });
});
