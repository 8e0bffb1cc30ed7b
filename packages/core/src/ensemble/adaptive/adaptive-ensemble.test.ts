import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../../data/index.js';
import { DummyClassifier, DummyRegressor } from '../../dummy/index.js';
import { InvalidParameterError } from '../../errors/index.js';
import { LinearRegression, LogisticRegression, Ridge } from '../../linear/index.js';
import { accuracyScore, r2Score } from '../../metrics/index.js';
import { KNeighborsClassifier, KNeighborsRegressor } from '../../neighbors/index.js';
import { conformanceChecks } from '../../testing/index.js';
import { AdaptiveEnsembleClassifier, AdaptiveEnsembleRegressor } from './adaptive-ensemble.js';
import { caruanaWeights } from './caruana.js';

interface Dataset {
  X: number[][];
  y: number[];
  trainIndex: number[];
  testIndex: number[];
}
const load = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../tooling/fixtures/datasets/${name}.json`, import.meta.url), 'utf8'),
  ) as Dataset;
const split = (d: Dataset) => ({
  XTrain: d.trainIndex.map((i) => d.X[i]!),
  yTrain: d.trainIndex.map((i) => d.y[i]!),
  XTest: d.testIndex.map((i) => d.X[i]!),
  yTest: d.testIndex.map((i) => d.y[i]!),
});

describe('caruanaWeights', () => {
  it('puts all weight on a perfect member and mixes complementary ones', () => {
    const target = Float64Array.from([1, 2, 3, 4]);
    const mse = (p: Float64Array) => p.reduce((s, v, i) => s + (v - target[i]!) ** 2, 0);
    expect(
      Array.from(caruanaWeights([target.map((v) => v + 1), target, target.map((v) => v * 3)], mse, 10)),
    ).toEqual([0, 1, 0]);
    // Over- and under-shooting by the same amount average out to the truth.
    const w = caruanaWeights([target.map((v) => v + 1), target.map((v) => v - 1)], mse, 10);
    expect(Array.from(w)).toEqual([0.5, 0.5]);
  });
});

describe('AdaptiveEnsembleClassifier conformance', () => {
  const members = () =>
    [
      ['knn', new KNeighborsClassifier({ nNeighbors: 3 })],
      ['lr', new LogisticRegression()],
    ] as const;
  for (const c of conformanceChecks(() => new AdaptiveEnsembleClassifier({ estimators: members(), cv: 3 })))
    it(`voting: ${c.name}`, c.run);
  for (const c of conformanceChecks(
    () => new AdaptiveEnsembleClassifier({ estimators: members(), method: 'stacking', cv: 3 }),
  )) {
    it(`stacking: ${c.name}`, c.run);
  }
});

describe('AdaptiveEnsembleRegressor conformance', () => {
  const members = () =>
    [
      ['knn', new KNeighborsRegressor({ nNeighbors: 3 })],
      ['ridge', new Ridge()],
    ] as const;
  for (const c of conformanceChecks(() => new AdaptiveEnsembleRegressor({ estimators: members(), cv: 3 })))
    it(`voting: ${c.name}`, c.run);
  for (const c of conformanceChecks(
    () => new AdaptiveEnsembleRegressor({ estimators: members(), method: 'stacking', cv: 3 }),
  )) {
    it(`stacking: ${c.name}`, c.run);
  }
});

describe('AdaptiveEnsemble on real data', () => {
  it('voting on wine learns to ignore a useless member and beats each member', async () => {
    const d = split(load('wine'));
    const members = [
      ['knn', new KNeighborsClassifier({ nNeighbors: 5 })],
      ['lr', new LogisticRegression({ maxIter: 5000 })],
      ['dummy', new DummyClassifier()],
    ] as const;
    const ens = await new AdaptiveEnsembleClassifier({ estimators: members }).fit(d.XTrain, d.yTrain);
    // Log loss rewards a pinch of the prior against overconfident members, but little of it.
    expect(ens.memberWeights![2]).toBeLessThan(0.1);
    expect(ens.memberWeights![0]! + ens.memberWeights![1]!).toBeGreaterThan(0.9);
    expect(ens.memberWeights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const acc = accuracyScore(d.yTest, ens.predict(d.XTest));
    for (const [, m] of members) {
      const fitted = await m.fit(d.XTrain, d.yTrain);
      expect(acc).toBeGreaterThanOrEqual(accuracyScore(d.yTest, fitted.predict(d.XTest)) - 0.03);
    }
    expect(acc).toBeGreaterThan(0.9);
  });

  it('stacking on diabetes is at least as good as its best member (within noise)', async () => {
    const d = split(load('diabetes'));
    const members = [
      ['ridge', new Ridge({ alpha: 0.1 })],
      ['knn', new KNeighborsRegressor({ nNeighbors: 15 })],
    ] as const;
    const ens = await new AdaptiveEnsembleRegressor({
      estimators: members,
      method: 'stacking',
      finalEstimator: new LinearRegression(),
    }).fit(d.XTrain, d.yTrain);
    const r2 = r2Score(d.yTest, ens.predict(d.XTest));
    const best = Math.max(
      ...(await Promise.all(
        members.map(async ([, m]) => r2Score(d.yTest, (await m.fit(d.XTrain, d.yTrain)).predict(d.XTest))),
      )),
    );
    expect(r2).toBeGreaterThan(best - 0.02);
  });

  it('equal and explicit weights average member outputs', async () => {
    const X = Float64Matrix.fromRows(Array.from({ length: 20 }, (_, i) => [i]));
    const y = Array.from({ length: 20 }, (_, i) => i);
    const a = new DummyRegressor({ strategy: 'constant', constant: 0 });
    const b = new DummyRegressor({ strategy: 'constant', constant: 10 });
    const eq = await new AdaptiveEnsembleRegressor({
      estimators: [
        ['a', a],
        ['b', b],
      ],
      weights: 'equal',
    }).fit(X, y);
    expect(eq.predict([[3]])[0]).toBe(5);
    const ex = await new AdaptiveEnsembleRegressor({
      estimators: [
        ['a', a],
        ['b', b],
      ],
      weights: [3, 1],
    }).fit(X, y);
    expect(ex.predict([[3]])[0]).toBe(2.5);
  });

  it('explains bad parameters', async () => {
    const X = [[1], [2], [3], [4]];
    const y = [0, 1, 0, 1];
    const fit = (p: object) => new AdaptiveEnsembleClassifier(p).fit(X, y);
    await expect(fit({ estimators: [] })).rejects.toThrow(/at least one/);
    await expect(
      fit({
        estimators: [
          ['a', new DummyClassifier()],
          ['a', new DummyClassifier()],
        ],
      }),
    ).rejects.toThrow(/unique/);
    await expect(fit({ estimators: [['r', new DummyRegressor()]] })).rejects.toThrow(
      /'r' \(DummyRegressor\) is not a classifier/,
    );
    await expect(fit({ estimators: [['a', new DummyClassifier()]], weights: [1, 2] })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(fit({ estimators: [['a', new DummyClassifier()]], cv: 1 })).rejects.toThrow(
      /cv must be an integer >= 2/,
    );
  });
});
