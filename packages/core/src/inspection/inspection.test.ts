// Permutation importance and partial dependence on models and data with known structure, the
// grid checked against scikit-learn's _grid_from_X.
import { describe, expect, it } from 'vitest';
import { BaseRegressor, makeTags, type State } from '../base/index.js';
import { KMeans } from '../cluster/index.js';
import { Float64Matrix } from '../data/index.js';
import { makeClassification } from '../datasets/index.js';
import { DummyClassifier } from '../dummy/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';
import { readRepoJson } from '../tree/__fixtures__/parity-cases.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/index.js';
import { featureGrid, partialDependence } from './partial-dependence.js';
import { permutationImportance } from './permutation-importance.js';

/** f(x) = x0 · x1 + 2 x2: a regressor with a known partial dependence. */
class KnownFunction extends BaseRegressor<{ scale: number }> {
  static override readonly estimatorName = 'KnownFunctionForTests';
  static override readonly tags = makeTags('regression');
  constructor() {
    super({ scale: 1 }, {});
  }
  protected fitTarget(): void {}
  protected predictMatrix(x: Float64Matrix): Float64Array {
    return Float64Array.from({ length: x.rows }, (_, i) => x.get(i, 0) * x.get(i, 1) + 2 * x.get(i, 2));
  }
  protected getState(): State {
    return {};
  }
  protected setState(): void {}
}

const grid3 = Float64Matrix.fromRows(Array.from({ length: 50 }, (_, i) => [i % 5, (i * 3) % 7, (i % 4) / 2]));

describe('permutationImportance', () => {
  it('gives zero to unused features and a large drop to the one the model uses', async () => {
    const x = Float64Matrix.fromRows(
      Array.from({ length: 300 }, (_, i) => [Math.sin(i * 1.7), i % 2, Math.cos(i * 0.3)]),
    );
    const y = Array.from({ length: 300 }, (_, i) => i % 2);
    const m = await new DecisionTreeClassifier().fit(x, y);
    const r = permutationImportance(m, x, y, { nRepeats: 4, seed: 1 });
    expect(r.baselineScore).toBe(1);
    expect(r.importancesMean[0]).toBe(0);
    expect(r.importancesMean[2]).toBe(0);
    expect(r.importancesMean[1]).toBeGreaterThan(0.35);
    expect(r.importances.length).toBe(12);
    expect(r.importancesStd[1]).toBeGreaterThanOrEqual(0);
    const again = permutationImportance(m, x, y, { nRepeats: 4, seed: 1 });
    expect(Array.from(again.importances)).toEqual(Array.from(r.importances));
  });

  it('accepts a custom scorer and leaves X unchanged', async () => {
    const { X, y } = makeClassification({ nSamples: 120, nFeatures: 4, seed: 2 });
    const before = Array.from(X.data);
    const m = await new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y);
    const r = permutationImportance(m, X, y, {
      scoring: (model, x, yy) => -Math.abs(model.score(x, yy) - 1),
    });
    expect(r.nRepeats).toBe(5);
    expect(Array.from(X.data)).toEqual(before);
    expect(Math.max(...r.importancesMean)).toBeGreaterThan(0);
  });

  it('refuses unfitted models, non-supervised models and bad options', async () => {
    expect(() => permutationImportance(new DecisionTreeRegressor(), [[1]], [1])).toThrow(NotFittedError);
    expect(() => permutationImportance(new KMeans(), [[1]], [1])).toThrow(InvalidParameterError);
    const m = await new DummyClassifier().fit([[1], [2]], [0, 1]);
    expect(() => permutationImportance(m, [[1], [2]], [0, 1], { nRepeats: 0 })).toThrow(
      InvalidParameterError,
    );
  });
});

describe('partialDependence', () => {
  it('the grid matches scikit-learn 1.9.1 _grid_from_X (mquantiles percentiles, linspace)', () => {
    const d = readRepoJson<{ X: number[][] }>('tooling/fixtures/datasets/diabetes.json');
    const col = Float64Array.from(d.X, (r) => r[2]!);
    const g = featureGrid(col, 100, [0.05, 0.95]);
    // sklearn 1.9.1: _grid_from_X(X[:, [2]], (0.05, 0.95), [False], 100, {})
    expect(g.length).toBe(100);
    expect(g[0]).toBeCloseTo(-0.06709155818933346, 14);
    expect(g[50]).toBeCloseTo(0.010728650942989248, 14);
    expect(g[99]).toBeCloseTo(0.08699245589266548, 14);
    // sklearn 1.9.1: _grid_from_X(X[:, [2]], (0.1, 0.8), [False], 7, {})
    const sk7 = [
      -0.05794093368208547, -0.04120610488162958, -0.0244712760811737, -0.0077364472807178175,
      0.008998381519738072, 0.02573321032019396, 0.04246803912064984,
    ];
    for (const [i, v] of featureGrid(col, 7, [0.1, 0.8]).entries()) expect(v).toBeCloseTo(sk7[i]!, 14);
    expect(Array.from(featureGrid(Float64Array.from([3, 1, 2, 1]), 100, [0.05, 0.95]))).toEqual([1, 2, 3]);
  });

  it('averages the model over the data with the feature held fixed (known function)', async () => {
    const m = await new KnownFunction().fit(grid3, new Float64Array(50));
    const meanX1 = grid3.column(1).reduce((a, b) => a + b, 0) / 50;
    const meanX2 = grid3.column(2).reduce((a, b) => a + b, 0) / 50;
    const pd = partialDependence(m, grid3, [0]);
    expect(Array.from(pd.gridValues[0]!)).toEqual([0, 1, 2, 3, 4]);
    expect(pd.nOutputs).toBe(1);
    for (const [g, v] of pd.gridValues[0]!.entries())
      expect(pd.average[g]).toBeCloseTo(v * meanX1 + 2 * meanX2, 12);
    const joint = partialDependence(m, grid3, [0, 2]);
    const g2 = joint.gridValues[1]!;
    expect(joint.average.length).toBe(5 * g2.length);
    // the first feature varies slowest
    expect(joint.average[1 * g2.length + 2]).toBeCloseTo(1 * meanX1 + 2 * g2[2]!, 12);
  });

  it('gives the positive-class probability for binary classifiers and every class otherwise', async () => {
    const x = Float64Matrix.fromRows(Array.from({ length: 40 }, (_, i) => [i, i % 3]));
    const bin = await new DecisionTreeClassifier().fit(
      x,
      Array.from({ length: 40 }, (_, i) => (i >= 20 ? 'b' : 'a')),
    );
    const pd = partialDependence(bin, x, [0], { gridResolution: 10 });
    expect(pd.nOutputs).toBe(1);
    expect(pd.average[0]).toBe(0);
    expect(pd.average[9]).toBe(1);
    const multi = await new DecisionTreeClassifier().fit(
      x,
      Array.from({ length: 40 }, (_, i) => i % 3),
    );
    const pm = partialDependence(multi, x, [1]);
    expect(pm.nOutputs).toBe(3);
    expect(Array.from(pm.average)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('refuses bad arguments', async () => {
    const m = await new KnownFunction().fit(grid3, new Float64Array(50));
    expect(() => partialDependence(m, grid3, [3])).toThrow(InvalidParameterError);
    expect(() => partialDependence(m, grid3, [])).toThrow(InvalidParameterError);
    expect(() => partialDependence(m, grid3, [0], { percentiles: [0.9, 0.1] })).toThrow(/percentiles/);
    expect(() => partialDependence(m, grid3, [0], { kind: 'individual' as never })).toThrow(/average/);
    expect(() => partialDependence(m, grid3, [0], { gridResolution: 1 })).toThrow(InvalidParameterError);
    const flat = Float64Matrix.fromRows(Array.from({ length: 100 }, (_, i) => [i === 0 ? 1 : 0, i, i]));
    expect(() => partialDependence(m, flat, [0], { gridResolution: 2 })).toThrow(/too close/);
  });
});
