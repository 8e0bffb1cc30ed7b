// KNeighborsClassifier: conformance, votes and probabilities, exact-match weighting, errors, state checks.
import { describe, expect, it } from 'vitest';
import type { State } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { makeClassification } from '../datasets/index.js';
import { FormatError, InvalidParameterError, NotFittedError, ShapeError } from '../errors/index.js';
import { conformanceChecks } from '../testing/check-estimator.js';
import { KNeighborsClassifier } from './knn-classifier.js';

describe('KNeighborsClassifier conformance', () => {
  for (const c of conformanceChecks(() => new KNeighborsClassifier())) it(c.name, c.run);
});

describe('KNeighborsClassifier conformance (distance weights, brute, manhattan)', () => {
  for (const c of conformanceChecks(
    () =>
      new KNeighborsClassifier({
        nNeighbors: 3,
        weights: 'distance',
        algorithm: 'brute',
        metric: 'manhattan',
      }),
  )) {
    it(c.name, c.run);
  }
});

const X = [[0], [1], [2], [10], [11]];
const y = ['a', 'a', 'b', 'b', 'b'];

describe('KNeighborsClassifier behaviour', () => {
  it('votes with uniform weights', async () => {
    const knn = await new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
    const p = knn.predictProba([[0.4], [10.2]]);
    expect(Array.from(p.data)).toEqual([2 / 3, 1 / 3, 0, 1]);
    expect(knn.predict([[0.4], [10.2]])).toEqual(['a', 'b']);
    expect(knn.score([[0.4], [10.2]], ['a', 'a'])).toBe(0.5);
  });

  it('weights votes by inverse distance', async () => {
    const knn = await new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(X, y);
    const p = knn.predictProba([[0.4]]);
    const wa = 1 / 0.4 + 1 / 0.6;
    const wb = 1 / 1.6;
    expect(p.get(0, 0)).toBeCloseTo(wa / (wa + wb), 12);
    expect(p.get(0, 1)).toBeCloseTo(wb / (wa + wb), 12);
  });

  it('gives all the weight to exact matches, as scikit-learn does', async () => {
    const knn = await new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(X, y);
    expect(Array.from(knn.predictProba([[2]]).data)).toEqual([0, 1]);
  });

  it('breaks vote ties towards the first class and distance ties towards the lower index', async () => {
    const knn = await new KNeighborsClassifier({ nNeighbors: 2 }).fit(X, y);
    expect(Array.from(knn.predictProba([[1.5]]).data)).toEqual([0.5, 0.5]);
    expect(knn.predict([[1.5]])).toEqual(['a']);
    const nn = knn.kneighbors([[1.5]], 3);
    expect(Array.from(nn.indices)).toEqual([1, 2, 0]);
    expect(Array.from(nn.distances)).toEqual([0.5, 0.5, 1.5]);
  });

  it('gives the same predictions with the KD-tree and brute force', async () => {
    const { X: data, y: labels } = makeClassification({ nSamples: 400, nFeatures: 4, nClasses: 3, seed: 5 });
    const rounded = new Float64Matrix(
      data.data.map((v) => Math.round(v)),
      data.rows,
      data.cols,
    );
    const tree = await new KNeighborsClassifier({ algorithm: 'kdTree', leafSize: 8 }).fit(rounded, labels);
    const brute = await new KNeighborsClassifier({ algorithm: 'brute' }).fit(rounded, labels);
    expect(tree.predictProba(rounded).data).toEqual(brute.predictProba(rounded).data);
    expect(tree.score(data, labels)).toBeGreaterThan(0.6);
  });

  it('keeps its own copy of the training matrix', async () => {
    const m = Float64Matrix.fromRows(X);
    const knn = await new KNeighborsClassifier({ nNeighbors: 1 }).fit(m, y);
    m.data.fill(100);
    expect(knn.predict([[0]])).toEqual(['a']);
  });
});

describe('KNeighborsClassifier errors', () => {
  it('rejects bad parameters at fit', async () => {
    const bad: Record<string, unknown>[] = [
      { nNeighbors: 0 },
      { nNeighbors: 2.5 },
      { weights: 'gaussian' },
      { algorithm: 'ballTree' },
      { leafSize: 0 },
      { metric: 'cosine' },
      { metric: 'minkowski', p: 0.5 },
    ];
    for (const params of bad) {
      await expect(new KNeighborsClassifier(params as never).fit(X, y)).rejects.toThrow(
        InvalidParameterError,
      );
    }
  });

  it('refuses more neighbours than training rows', async () => {
    await expect(new KNeighborsClassifier({ nNeighbors: 6 }).fit(X, y)).rejects.toThrow(
      /must not exceed the number of training rows \(5\)/,
    );
  });

  it('checks kneighbors input', async () => {
    expect(() => new KNeighborsClassifier().kneighbors(X)).toThrow(NotFittedError);
    const knn = await new KNeighborsClassifier({ nNeighbors: 2 }).fit(X, y);
    expect(() => knn.kneighbors([[1, 2]])).toThrow(ShapeError);
    expect(() => knn.kneighbors(X, 6)).toThrow(InvalidParameterError);
  });

  it('refuses tampered state with FormatError', async () => {
    const knn = await new KNeighborsClassifier({ nNeighbors: 2 }).fit(X, y);
    const good = knn.exportState();
    const tampered: State[] = [
      { ...good, fitX: new Float64Array([1, 2, 3]), nFeatures: 2 },
      { ...good, fitX: [1, 2] },
      { ...good, nFeatures: 0 },
      { ...good, fitX: new Float64Array([0, 1, Number.NaN, 10, 11]) },
      { ...good, yCodes: new Int32Array([0, 0, 1, 1]) },
      { ...good, yCodes: new Int32Array([0, 0, 1, 1, 2]) },
      { ...good, yCodes: new Int32Array([0, 0, 1, 1, -1]) },
      { ...good, classes: [] },
      { ...good, classes: [true, 'b'] },
      { ...good, classes: 'ab' },
    ];
    for (const state of tampered) {
      expect(() =>
        new KNeighborsClassifier({ nNeighbors: 2 }).importState(state, knn.inputSchema!, undefined),
      ).toThrow(FormatError);
    }
    const restored = new KNeighborsClassifier({ nNeighbors: 2 });
    restored.importState(good, knn.inputSchema!, undefined);
    expect(restored.predict([[10.4]])).toEqual(['b']);
  });
});
