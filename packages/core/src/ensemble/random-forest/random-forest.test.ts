// Random forests: conformance, thread-count independence, OOB, importances, scikit-learn parity
// on the bundled datasets, and parameter errors.
import { afterAll, describe, expect, it } from 'vitest';
import { makeClassification, makeRegression } from '../../datasets/index.js';
import { AbortError, FormatError, InvalidParameterError } from '../../errors/index.js';
import { accuracyScore, r2Score } from '../../metrics/index.js';
import { closeWorkerPools } from '../../parallel/index.js';
import { conformanceChecks } from '../../testing/index.js';
import { parityCases, sklearnScores, split } from '../../tree/__fixtures__/parity-cases.js';
import { RandomForestClassifier, RandomForestRegressor } from './random-forest.js';

afterAll(closeWorkerPools);

describe('RandomForestClassifier conformance', () => {
  for (const c of conformanceChecks(() => new RandomForestClassifier({ nEstimators: 10, nJobs: 1 })))
    it(c.name, c.run);
});
describe('RandomForestRegressor conformance', () => {
  for (const c of conformanceChecks(
    () => new RandomForestRegressor({ nEstimators: 10, nJobs: 2, maxSamples: 0.8 }),
  ))
    it(c.name, c.run);
});

describe('parallel fit', () => {
  it('gives bitwise-identical forests for nJobs 1 and 2 (seeds depend on the tree index only)', async () => {
    const { X, y } = makeClassification({ nSamples: 300, nFeatures: 8, nClasses: 3, seed: 5 });
    const a = await new RandomForestClassifier({ nEstimators: 12, nJobs: 1, seed: 3 }).fit(X, y);
    const b = await new RandomForestClassifier({ nEstimators: 12, nJobs: 2, seed: 3 }).fit(X, y);
    expect(Array.from(b.predictProba(X).data)).toEqual(Array.from(a.predictProba(X).data));
    expect(Array.from(b.featureImportances)).toEqual(Array.from(a.featureImportances));
    const c = await new RandomForestClassifier({ nEstimators: 12, nJobs: 1, seed: 4 }).fit(X, y);
    expect(Array.from(c.predictProba(X).data)).not.toEqual(Array.from(a.predictProba(X).data));
  });

  it('reports progress per tree and stops on abort', async () => {
    const { X, y } = makeRegression({ nSamples: 100, nFeatures: 3, seed: 1 });
    const seen: number[] = [];
    await new RandomForestRegressor({ nEstimators: 5, nJobs: 1 }).fit(X, y, {
      onProgress: (p) => seen.push(p.current),
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const ctrl = new AbortController();
    const fit = new RandomForestRegressor({ nEstimators: 50, nJobs: 1 }).fit(X, y, {
      signal: ctrl.signal,
      onProgress: (p) => p.current === 2 && ctrl.abort(),
    });
    await expect(fit).rejects.toThrow(AbortError);
  });
});

describe('out-of-bag estimates and importances', () => {
  it('OOB accuracy is close to held-out accuracy; OOB probabilities are rows of probabilities', async () => {
    const { X, y } = makeClassification({ nSamples: 600, nFeatures: 10, nInformative: 4, seed: 7 });
    const train = Array.from({ length: 400 }, (_, i) => i);
    const test = Array.from({ length: 200 }, (_, i) => 400 + i);
    const m = await new RandomForestClassifier({ nEstimators: 60, oobScore: true, nJobs: 1 }).fit(
      X.takeRows(train),
      train.map((i) => y[i]!),
    );
    const held = accuracyScore(
      test.map((i) => y[i]!),
      m.predict(X.takeRows(test)),
    );
    expect(Math.abs(m.oobScore! - held)).toBeLessThan(0.06);
    const d = m.oobDecisionFunction!;
    expect(d.rows).toBe(400);
    for (let i = 0; i < d.rows; i++) expect(d.row(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // only the informative features (the first 4 of makeClassification) matter
    const imp = m.featureImportances;
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(imp.slice(0, 4).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.6);
  });

  it('regressor OOB R² tracks test R²; rows drawn in every tree get NaN', async () => {
    const { X, y } = makeRegression({ nSamples: 500, nFeatures: 5, noise: 10, seed: 2 });
    const m = await new RandomForestRegressor({ nEstimators: 40, oobScore: true, nJobs: 1, maxDepth: 8 }).fit(
      X,
      y,
    );
    expect(m.oobScore!).toBeGreaterThan(0.6);
    expect(m.oobPrediction!.length).toBe(500);
    const tiny = await new RandomForestRegressor({ nEstimators: 1, oobScore: true, nJobs: 1 }).fit(
      [[1], [2], [3], [4]],
      [1, 2, 3, 4],
    );
    expect(Array.from(tiny.oobPrediction!).some(Number.isNaN)).toBe(true);
    const none = await new RandomForestClassifier({ nEstimators: 1, bootstrap: false, nJobs: 1 }).fit(
      [[1], [2]],
      [0, 1],
    );
    expect(none.oobScore).toBeUndefined();
    expect(none.predict([[1], [2]])).toEqual([0, 1]);
  });
});

describe('parity with scikit-learn', () => {
  const cases = parityCases(['RandomForestClassifier', 'RandomForestRegressor']);
  it('has cases for both forests', () => {
    expect(new Set(cases.map((c) => c.ours.estimator))).toEqual(
      new Set(['RandomForestClassifier', 'RandomForestRegressor']),
    );
  });
  for (const c of cases) {
    it(`${c.id}: ${c.metric} within ${c.tolerance} of scikit-learn`, async () => {
      const sk = sklearnScores().get(c.id);
      expect(sk, `scores.json lacks ${c.id}; run tooling/peers/parity_scores.py`).toBeDefined();
      const { Xtr, ytr, Xte, yte } = split(c.dataset);
      const model =
        c.metric === 'r2'
          ? new RandomForestRegressor(c.ours.params)
          : new RandomForestClassifier(c.ours.params);
      await model.fit(Xtr, ytr);
      const pred = Array.from(model.predict(Xte) as ArrayLike<number>);
      const ours = c.metric === 'r2' ? r2Score(yte, pred) : accuracyScore(yte, pred);
      expect(Math.abs(ours - sk!.score)).toBeLessThanOrEqual(c.tolerance);
    }, 60_000);
  }
});

describe('errors', () => {
  it('refuses bad parameters', async () => {
    const bad: Record<string, unknown>[] = [
      { nEstimators: 0 },
      { bootstrap: 'yes' },
      { oobScore: 1 },
      { oobScore: true, bootstrap: false },
      { maxSamples: 0 },
      { maxSamples: 2.5 },
      { nJobs: 0 },
      { criterion: 'entropy' },
      { seed: -0.5 },
    ];
    for (const p of bad)
      await expect(
        new RandomForestRegressor(p as never).fit([[1], [2]], [0, 1]),
        JSON.stringify(p),
      ).rejects.toThrow(InvalidParameterError);
    await expect(
      new RandomForestClassifier({ criterion: 'squaredError' as never }).fit([[1], [2]], [0, 1]),
    ).rejects.toThrow(InvalidParameterError);
  });

  it('refuses tampered state', async () => {
    const m = await new RandomForestClassifier({ nEstimators: 3, nJobs: 1 }).fit(
      [[0], [1], [2], [3]],
      [0, 0, 1, 1],
    );
    const s = m.exportState();
    expect(() =>
      new RandomForestClassifier().importState({ ...s, classes: 'x' }, m.inputSchema!, undefined),
    ).toThrow(FormatError);
    expect(() =>
      new RandomForestClassifier().importState({ ...s, nFeatures: 0 }, m.inputSchema!, undefined),
    ).toThrow(FormatError);
    expect(() =>
      new RandomForestClassifier().importState(
        { ...s, featureImportances: new Float64Array(2) },
        m.inputSchema!,
        undefined,
      ),
    ).toThrow(FormatError);
    const trees = {
      ...(s['trees'] as object),
      missingLeft: new Uint8Array((s['trees'] as { left: Int32Array }).left.length),
    };
    expect(() =>
      new RandomForestClassifier().importState({ ...s, trees }, m.inputSchema!, undefined),
    ).toThrow(/never makes/);
    const r = await new RandomForestRegressor({ nEstimators: 2, nJobs: 1 }).fit([[0], [1]], [0, 1]);
    expect(() =>
      new RandomForestRegressor().importState({ ...r.exportState(), trees: null }, r.inputSchema!, undefined),
    ).toThrow(FormatError);
  });
});
