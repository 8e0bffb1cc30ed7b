// Decision trees: the conformance suite, scikit-learn parity on the bundled datasets, and the
// growth parameters' documented behaviour on data with known structure.
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { makeClassification, makeRegression } from '../datasets/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';
import { accuracyScore, r2Score } from '../metrics/index.js';
import { loadModel, saveModel } from '../persistence/index.js';
import { conformanceChecks } from '../testing/index.js';
import { parityCases, sklearnScores, split } from './__fixtures__/parity-cases.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.js';

describe('DecisionTreeClassifier conformance', () => {
  for (const c of conformanceChecks(() => new DecisionTreeClassifier({ maxDepth: 6 }))) it(c.name, c.run);
});
describe('DecisionTreeRegressor conformance', () => {
  for (const c of conformanceChecks(() => new DecisionTreeRegressor({ minSamplesLeaf: 2 })))
    it(c.name, c.run);
});

describe('parity with scikit-learn', () => {
  const cases = parityCases(['DecisionTreeClassifier', 'DecisionTreeRegressor']);
  it('has a case for each tree estimator', () => {
    expect(new Set(cases.map((c) => c.ours.estimator))).toEqual(
      new Set(['DecisionTreeClassifier', 'DecisionTreeRegressor']),
    );
  });
  for (const c of cases) {
    it(`${c.id}: ${c.metric} within ${c.tolerance}, and almost every prediction equal`, async () => {
      const sk = sklearnScores().get(c.id);
      expect(sk, `scores.json lacks ${c.id}; run tooling/peers/parity_scores.py`).toBeDefined();
      const { Xtr, ytr, Xte, yte } = split(c.dataset);
      const model =
        c.metric === 'r2'
          ? new DecisionTreeRegressor(c.ours.params)
          : new DecisionTreeClassifier(c.ours.params);
      await model.fit(Xtr, ytr);
      const pred = Array.from(model.predict(Xte) as ArrayLike<number>);
      const ours = c.metric === 'r2' ? r2Score(yte, pred) : accuracyScore(yte, pred);
      expect(Math.abs(ours - sk!.score)).toBeLessThanOrEqual(c.tolerance);
      // Same CART, same thresholds: only ties between equally good splits may differ.
      const same = pred.filter((p, i) => Math.abs(p - sk!.predictions![i]!) < 1e-9).length;
      expect(same / pred.length).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe('growth parameters', () => {
  const { X, y } = makeClassification({ nSamples: 400, nFeatures: 6, nInformative: 3, seed: 4 });

  it('fits the training data perfectly when unconstrained, and maxDepth bounds the depth', async () => {
    const full = await new DecisionTreeClassifier().fit(X, y);
    expect(accuracyScore(y, full.predict(X))).toBe(1);
    const t = (await new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, y)).flatTree;
    expect(t.nodeCount).toBeLessThanOrEqual(7);
  });

  it('maxLeafNodes grows best-first with exactly that many leaves', async () => {
    const t = (await new DecisionTreeClassifier({ maxLeafNodes: 9 }).fit(X, y)).flatTree;
    let leaves = 0;
    for (let i = 0; i < t.nodeCount; i++) if (t.left[i]! < 0) leaves++;
    expect(leaves).toBe(9);
    expect(t.nodeCount).toBe(17);
  });

  it('minSamplesLeaf (count and fraction) and minImpurityDecrease limit growth', async () => {
    const leafWeights = (m: DecisionTreeClassifier) => {
      const t = m.flatTree;
      return Array.from(t.weight).filter((_, i) => t.left[i]! < 0);
    };
    expect(
      Math.min(...leafWeights(await new DecisionTreeClassifier({ minSamplesLeaf: 25 }).fit(X, y))),
    ).toBeGreaterThanOrEqual(25);
    expect(
      Math.min(...leafWeights(await new DecisionTreeClassifier({ minSamplesLeaf: 0.1 }).fit(X, y))),
    ).toBeGreaterThanOrEqual(40);
    const pruned = await new DecisionTreeClassifier({ minImpurityDecrease: 0.05 }).fit(X, y);
    expect(pruned.flatTree.nodeCount).toBeLessThan(
      (await new DecisionTreeClassifier().fit(X, y)).flatTree.nodeCount,
    );
    const split = await new DecisionTreeClassifier({ minSamplesSplit: 0.5, minWeightFractionLeaf: 0.1 }).fit(
      X,
      y,
    );
    expect(split.flatTree.nodeCount).toBeLessThan(20);
  });

  it('entropy and logLoss are the same criterion', async () => {
    const e = await new DecisionTreeClassifier({ criterion: 'entropy', maxDepth: 4 }).fit(X, y);
    const l = await new DecisionTreeClassifier({ criterion: 'logLoss', maxDepth: 4 }).fit(X, y);
    expect(Array.from(l.flatTree.threshold)).toEqual(Array.from(e.flatTree.threshold));
    expect(accuracyScore(y, e.predict(X))).toBeGreaterThan(0.75);
  });

  it('maxFeatures draws features with the seed; sqrt/log2/fraction/count resolve like sklearn', async () => {
    const a = await new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 1 }).fit(X, y);
    const b = await new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 1 }).fit(X, y);
    const c = await new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed: 2 }).fit(X, y);
    expect(Array.from(a.flatTree.feature)).toEqual(Array.from(b.flatTree.feature));
    expect(Array.from(a.flatTree.feature)).not.toEqual(Array.from(c.flatTree.feature));
    for (const maxFeatures of ['log2', 0.5, 3] as const) {
      expect(accuracyScore(y, (await new DecisionTreeClassifier({ maxFeatures }).fit(X, y)).predict(X))).toBe(
        1,
      );
    }
  });

  it('integer sample weights equal repeating rows', async () => {
    const { X: xr, y: yr } = makeRegression({ nSamples: 60, nFeatures: 3, noise: 5, seed: 3 });
    const w = Float64Array.from({ length: 60 }, (_, i) => (i % 3) + (i % 7 === 0 ? 0 : 1));
    const rows: number[] = [];
    w.forEach((c, i) => {
      for (let k = 0; k < c; k++) rows.push(i);
    });
    const weighted = await new DecisionTreeRegressor({ maxDepth: 4 }).fit(xr, yr, { sampleWeight: w });
    const repeated = await new DecisionTreeRegressor({ maxDepth: 4 }).fit(
      xr.takeRows(rows),
      rows.map((i) => yr[i]!),
    );
    const p1 = weighted.predict(xr);
    const p2 = repeated.predict(xr);
    for (let i = 0; i < 60; i++) expect(p1[i]).toBeCloseTo(p2[i]!, 9);
  });

  it('importances sum to 1 and find the informative feature', async () => {
    const x = Float64Matrix.fromRows(
      Array.from({ length: 200 }, (_, i) => [Math.sin(i), i % 10, (i * 7) % 13]),
    );
    const yy = Array.from({ length: 200 }, (_, i) => (i % 10 > 4 ? 1 : 0));
    const m = await new DecisionTreeClassifier().fit(x, yy);
    const imp = m.featureImportances;
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(imp[1]).toBe(1);
    const r = await new DecisionTreeRegressor({ maxDepth: 3 }).fit(x, yy);
    expect(r.featureImportances[1]).toBe(1);
    expect(r2Score(yy, r.predict(x))).toBe(1);
  });

  it('a constant target gives a single leaf and zero importances', async () => {
    const m = await new DecisionTreeRegressor().fit([[1], [2], [3]], [5, 5, 5]);
    expect(m.flatTree.nodeCount).toBe(1);
    expect(Array.from(m.featureImportances)).toEqual([0]);
  });
});

describe('errors', () => {
  it('refuses bad parameters with InvalidParameterError', async () => {
    const bad: Record<string, unknown>[] = [
      { maxDepth: 0 },
      { minSamplesSplit: 1 },
      { minSamplesLeaf: 0 },
      { minWeightFractionLeaf: 0.7 },
      { maxLeafNodes: 1 },
      { minImpurityDecrease: -1 },
      { maxFeatures: 2.5 },
      { maxFeatures: 'all' },
      { maxFeatures: 0 },
      { criterion: 'mse' },
      { seed: 0.5 },
    ];
    for (const p of bad)
      await expect(
        new DecisionTreeClassifier(p as never).fit([[1], [2]], [0, 1]),
        JSON.stringify(p),
      ).rejects.toThrow(InvalidParameterError);
    await expect(
      new DecisionTreeRegressor({ criterion: 'gini' as never }).fit([[1], [2]], [0, 1]),
    ).rejects.toThrow(/criterion/);
  });

  it('refuses NaN with a DataError that points to HistGradientBoosting', async () => {
    await expect(new DecisionTreeClassifier().fit([[Number.NaN], [1]], [0, 1])).rejects.toThrow(DataError);
    await expect(new DecisionTreeClassifier().fit([[Number.NaN], [1]], [0, 1])).rejects.toThrow(
      /HistGradientBoosting/,
    );
  });

  it('a tampered saved tree is refused with a typed error', async () => {
    const m = await new DecisionTreeClassifier({ maxDepth: 3 }).fit(
      [[0], [1], [2], [3]],
      ['a', 'a', 'b', 'b'],
    );
    const state = m.exportState();
    const tree = state['tree'] as Record<string, unknown>;
    const cases: [string, () => void][] = [
      ['cycle', () => ((tree['left'] as Int32Array)[0] = 0)],
      ['feature', () => ((tree['feature'] as Int32Array)[0] = 9)],
      ['value', () => ((tree['value'] as Float64Array)[0] = Number.NaN)],
      ['classes', () => (state['classes'] = [])],
      ['importances', () => (state['featureImportances'] = new Float64Array(3))],
    ];
    for (const [what, tamper] of cases) {
      const fresh = m.exportState();
      Object.assign(state, fresh);
      Object.assign(tree, fresh['tree'] as object);
      tamper();
      expect(() => new DecisionTreeClassifier().importState(state, m.inputSchema!, undefined), what).toThrow(
        FormatError,
      );
    }
    const loaded = loadModel(saveModel(m)) as DecisionTreeClassifier;
    expect(loaded.predict([[0.2], [2.9]])).toEqual(['a', 'b']);
    const r = await new DecisionTreeRegressor().fit([[0], [1]], [1, 2]);
    expect(() =>
      new DecisionTreeRegressor().importState({ nFeatures: 1, tree: 3 }, r.inputSchema!, undefined),
    ).toThrow(FormatError);
    expect(() =>
      new DecisionTreeRegressor().importState({ nFeatures: 0 }, r.inputSchema!, undefined),
    ).toThrow(InvalidParameterError);
  });
});
