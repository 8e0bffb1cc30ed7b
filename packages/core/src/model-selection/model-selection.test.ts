// Splitters, cross-validation and search checked against scikit-learn 1.9.1 (values below were
// printed by the peers venv: KFold/StratifiedKFold folds, cross_val_score and GridSearchCV of
// KNeighborsClassifier on iris with cv=5).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Float64Matrix, Frame } from '../data/index.js';
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { AbortError, DataError, InvalidParameterError, NotFittedError, ShapeError } from '../errors/index.js';
import { KNeighborsClassifier } from '../neighbors/index.js';
import { closeWorkerPools } from '../parallel/index.js';
import { saveModel } from '../persistence/index.js';
import { runFoldTask } from './evaluate.js';
import {
  crossValidate,
  crossValScore,
  GridSearchCV,
  getScorer,
  KFold,
  parameterGrid,
  parameterSampler,
  RandomizedSearchCV,
  StratifiedKFold,
  trainTestSplit,
} from './index.js';

const iris = JSON.parse(
  readFileSync(new URL('../../../../tooling/fixtures/datasets/iris.json', import.meta.url), 'utf8'),
) as {
  X: number[][];
  y: number[];
};

afterAll(closeWorkerPools);

describe('splitters', () => {
  it('KFold matches scikit-learn', () => {
    expect(new KFold({ nSplits: 3 }).split(10).map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const f = new KFold({ nSplits: 3 }).split(10)[1]!;
    expect(Array.from(f.train)).toEqual([0, 1, 2, 3, 7, 8, 9]);
  });

  it('StratifiedKFold matches scikit-learn', () => {
    const y = [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    expect(new StratifiedKFold({ nSplits: 3 }).split(20, y).map((f) => Array.from(f.test))).toEqual([
      [0, 3, 4, 9, 10, 11, 12],
      [1, 5, 6, 13, 14, 15, 16],
      [2, 7, 8, 17, 18, 19],
    ]);
  });

  it('shuffled folds partition the rows and depend on the seed only', () => {
    for (const cv of [
      new KFold({ nSplits: 4, shuffle: true, seed: 3 }),
      new StratifiedKFold({ nSplits: 4, shuffle: true, seed: 3 }),
    ]) {
      const folds = cv.split(
        40,
        Array.from({ length: 40 }, (_, i) => i % 2),
      );
      const all = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
      for (const f of folds) expect(f.train.length + f.test.length).toBe(40);
    }
    const a = new KFold({ nSplits: 4, shuffle: true, seed: 3 }).split(40);
    const b = new KFold({ nSplits: 4, shuffle: true, seed: 3 }).split(40);
    expect(a).toEqual(b);
    expect(new KFold({ nSplits: 4, shuffle: true, seed: 4 }).split(40)).not.toEqual(a);
  });

  it('refuses impossible splits', () => {
    expect(() => new KFold({ nSplits: 5 }).split(3)).toThrow(/cannot make 5 folds from 3 rows/);
    expect(() => new KFold({ nSplits: 1 }).split(3)).toThrow(InvalidParameterError);
    expect(() => new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])).toThrow(DataError);
    expect(() => new StratifiedKFold().split(10)).toThrow(/needs the target y/);
  });

  it('trainTestSplit is seeded, sized and stratified', () => {
    const X = Float64Matrix.fromRows(iris.X);
    const s = trainTestSplit(X, iris.y, { testSize: 0.2, stratify: iris.y, seed: 1 });
    expect(s.XTest.rows).toBe(30);
    expect(s.XTrain.rows).toBe(120);
    for (const c of [0, 1, 2]) expect(Array.from(s.yTest).filter((v) => v === c)).toHaveLength(10);
    expect(s.XTest.row(0)).toEqual(X.row(s.testIndex[0]!));
    const again = trainTestSplit(X, iris.y, { testSize: 0.2, stratify: iris.y, seed: 1 });
    expect(again.testIndex).toEqual(s.testIndex);
    const plain = trainTestSplit(iris.X, new Float64Array(iris.y), { testSize: 15, shuffle: false });
    expect(Array.from(plain.testIndex)).toEqual(Array.from({ length: 15 }, (_, i) => 135 + i));
    expect(plain.yTest).toBeInstanceOf(Float64Array);
    const frame = new Frame({ a: [1, 2, 3, 4], b: ['x', 'y', 'x', 'y'] });
    expect(trainTestSplit(frame, [0, 1, 0, 1], { testSize: 0.5, seed: 2 }).XTest.nRows).toBe(2);
    expect(() => trainTestSplit(iris.X, [1, 2], {})).toThrow(ShapeError);
    expect(() => trainTestSplit(iris.X, iris.y, { testSize: 150 })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(iris.X, iris.y, { stratify: iris.y, shuffle: false })).toThrow(
      /stratify needs shuffle/,
    );
  });
});

describe('crossValidate', () => {
  const sklearnFolds = [0.9666666666666667, 1.0, 0.9333333333333333, 0.9666666666666667, 1.0];

  it('gives scikit-learn fold scores for k-NN on iris, sequential and on 2 threads', async () => {
    const seq = await crossValScore(new KNeighborsClassifier({ nNeighbors: 5 }), iris.X, iris.y, { cv: 5 });
    expect(Array.from(seq)).toEqual(sklearnFolds);
    const par = await crossValidate(new KNeighborsClassifier({ nNeighbors: 5 }), iris.X, iris.y, {
      nJobs: 2,
      scoring: ['accuracy', 'f1Macro'],
      returnTrainScore: true,
      returnEstimator: true,
    });
    expect(Array.from(par.testScores['accuracy']!)).toEqual(sklearnFolds);
    expect(par.testScores['f1Macro']).toHaveLength(5);
    expect(par.trainScores!['accuracy']!.every((v) => v > 0.9)).toBe(true);
    expect(par.estimators).toHaveLength(5);
    expect(par.estimators![0]!.isFitted).toBe(true);
    expect(par.fitTime.every((t) => t >= 0)).toBe(true);
  });

  it('uses KFold and R² for regressors, and custom scorers', async () => {
    const X = Array.from({ length: 30 }, (_, i) => [i]);
    const y = X.map(([v]) => 2 * v!);
    const r = await crossValidate(new DummyRegressor(), X, y, {
      cv: 3,
      scoring: { neg: 'negMeanAbsoluteError', r2: 'r2' },
    });
    // Unshuffled folds of 10: the train mean is 39, 29, 19; the middle fold's test mean is also 29.
    expect(Array.from(r.testScores['neg']!)).toEqual([-30, -5, -30]);
    expect(r.testScores['r2']![1]).toBe(0);
    expect(r.testScores['r2']![0]).toBeLessThan(-5);
    const custom = await crossValScore(new DummyRegressor(), X, y, {
      cv: new KFold({ nSplits: 2 }),
      scoring: () => 42,
    });
    expect(Array.from(custom)).toEqual([42, 42]);
  });

  it('reports progress and stops on abort', async () => {
    const seen: number[] = [];
    await crossValidate(new DummyClassifier(), iris.X, iris.y, { onProgress: (p) => seen.push(p.current) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(
      crossValidate(new DummyClassifier(), iris.X, iris.y, { signal: ctrl.signal }),
    ).rejects.toThrow(AbortError);
  });

  it('names unknown scorers and wrong estimator kinds', async () => {
    expect(() => getScorer('accurcy')).toThrow(/Unknown scoring 'accurcy'. Known: accuracy/);
    await expect(
      crossValidate(new DummyRegressor(), iris.X, iris.y, { scoring: 'accuracy' }),
    ).rejects.toThrow(/needs a classifier/);
  });

  it('scores binary problems with ranking and probability scorers', async () => {
    const y = iris.y.map((c) => (c === 2 ? 'virginica' : 'other'));
    const r = await crossValidate(new KNeighborsClassifier(), iris.X, y, {
      scoring: ['rocAuc', 'negLogLoss', 'precision', 'recall', 'f1', 'balancedAccuracy', 'f1Weighted'].filter(
        (s) => !['precision', 'recall', 'f1'].includes(s),
      ),
    });
    expect(Math.min(...r.testScores['rocAuc']!)).toBeGreaterThan(0.9);
    expect(Math.max(...r.testScores['negLogLoss']!)).toBeLessThan(0);
  });
});

describe('fold tasks', () => {
  it('a worker task fits, scores and returns the fitted model', async () => {
    const x = Float64Matrix.fromRows(iris.X);
    const r = await runFoldTask({
      model: saveModel(new KNeighborsClassifier({ nNeighbors: 5 })),
      x: x.data,
      rows: x.rows,
      cols: x.cols,
      y: iris.y,
      train: Int32Array.from({ length: 120 }, (_, i) => i + 30),
      test: Int32Array.from({ length: 30 }, (_, i) => i),
      scoring: { acc: 'accuracy' },
      returnTrainScore: true,
      returnEstimator: true,
    });
    expect(r.test['acc']).toBe(1);
    expect(r.train!['acc']).toBeGreaterThan(0.9);
    expect(r.model).toBeInstanceOf(Uint8Array);
  });

  it('regression scorers are negated errors', async () => {
    const X = Array.from({ length: 20 }, (_, i) => [i]);
    const y = X.map(([v]) => v! + 1);
    const r = await crossValidate(new DummyRegressor({ strategy: 'constant', constant: 0 }), X, y, {
      cv: 2,
      scoring: ['negMeanSquaredError', 'negRootMeanSquaredError', 'negMeanAbsoluteError'],
    });
    expect(r.testScores['negMeanAbsoluteError']![0]).toBe(-5.5);
    expect(r.testScores['negMeanSquaredError']![0]).toBeCloseTo(-38.5, 10);
    expect(r.testScores['negRootMeanSquaredError']![0]).toBeCloseTo(-Math.sqrt(38.5), 10);
    await expect(
      crossValidate(new DummyClassifier(), X, y, { cv: new KFold({ nSplits: 2 }), scoring: 'r2' }),
    ).rejects.toThrow(/needs a regressor/);
  });
});

describe('GridSearchCV / RandomizedSearchCV', () => {
  it('finds scikit-learn best k-NN on iris with the same mean scores and ranks', async () => {
    const search = await new GridSearchCV(
      new KNeighborsClassifier(),
      { nNeighbors: [1, 3, 5, 7, 9, 15] },
      { nJobs: 2 },
    ).fit(iris.X, iris.y);
    expect(search.bestParams).toEqual({ nNeighbors: 7 });
    expect(search.bestScore).toBeCloseTo(0.98, 12);
    const means = search.cvResults!.map((r) => r.meanTestScore['score']!);
    const expected = [
      0.96, 0.9666666666666668, 0.9733333333333334, 0.98, 0.9733333333333334, 0.9666666666666668,
    ];
    for (const [i, m] of expected.entries()) expect(means[i]).toBeCloseTo(m, 12);
    expect(search.cvResults!.map((r) => r.rankTestScore['score'])).toEqual([6, 4, 2, 1, 2, 4]);
    expect(search.bestEstimator!.getParams()).toMatchObject({ nNeighbors: 7 });
    expect(search.predict(iris.X.slice(0, 3))).toEqual([0, 0, 0]);
    expect(search.predictProba(iris.X.slice(0, 1)).cols).toBe(3);
    expect(search.score(iris.X, iris.y)).toBeGreaterThan(0.95);
  });

  it('random search is reproducible, and refit can be turned off', async () => {
    const space = {
      nNeighbors: { type: 'int' as const, low: 1, high: 20 },
      weights: ['uniform', 'distance'],
    };
    const a = await new RandomizedSearchCV(new KNeighborsClassifier(), space, {
      nIter: 4,
      seed: 5,
      refit: false,
    }).fit(iris.X, iris.y);
    const b = await new RandomizedSearchCV(new KNeighborsClassifier(), space, {
      nIter: 4,
      seed: 5,
      refit: false,
    }).fit(iris.X, iris.y);
    expect(a.cvResults!.map((r) => r.params)).toEqual(b.cvResults!.map((r) => r.params));
    expect(a.cvResults).toHaveLength(4);
    expect(() => a.predict(iris.X)).toThrow(NotFittedError);
  });

  it('with several scorers, refit must name one', async () => {
    const est = new DummyClassifier();
    await expect(
      new GridSearchCV(est, { strategy: ['prior'] }, { scoring: ['accuracy', 'f1Macro'] }).fit(
        iris.X,
        iris.y,
      ),
    ).rejects.toThrow(/set refit to the name/);
    await expect(
      new GridSearchCV(est, { strategy: ['prior'] }, { scoring: ['accuracy'], refit: 'auc' }).fit(
        iris.X,
        iris.y,
      ),
    ).rejects.toThrow(/refit names 'auc'/);
    const ok = await new GridSearchCV(
      est,
      { strategy: ['prior', 'uniform'] },
      { scoring: ['accuracy', 'f1Macro'], refit: 'f1Macro', returnTrainScore: true },
    ).fit(iris.X, iris.y);
    expect(ok.cvResults![0]!.meanTrainScore!['accuracy']).toBeCloseTo(1 / 3, 6);
  });

  it('refuses bad candidates before fitting', async () => {
    await expect(new GridSearchCV(new DummyClassifier(), { nope: [1] }).fit(iris.X, iris.y)).rejects.toThrow(
      InvalidParameterError,
    );
    expect(() => parameterGrid({ a: [] })).toThrow(/non-empty array/);
  });

  it('parameterGrid and parameterSampler', () => {
    expect(parameterGrid([{ b: [1, 2], a: ['x'] }, { c: [true] }])).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { c: true },
    ]);
    const draws = parameterSampler({ alpha: { type: 'float', low: 0.1, high: 1 }, k: [1, 2] }, 50, 1);
    expect(draws).toHaveLength(50);
    expect(draws.every((d) => (d['alpha'] as number) >= 0.1 && [1, 2].includes(d['k'] as number))).toBe(true);
  });
});
