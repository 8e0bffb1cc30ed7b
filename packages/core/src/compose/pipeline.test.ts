// Pipeline: conformance as classifier, regressor and transformer; nested params; passthrough;
// persistence; family behaviour by delegation; every error path.
import { describe, expect, it } from 'vitest';
import { clone, type FitOptions } from '../base/index.js';
import { Frame, type MatrixLike, type TargetLike } from '../data/index.js';
import { makeClassification, makeRegression } from '../datasets/index.js';
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { FormatError, InvalidParameterError, NotFittedError } from '../errors/index.js';
import { stateOf, tamperModel } from '../linear/__fixtures__/tamper.js';
import { LinearRegression, LogisticRegression } from '../linear/index.js';
import { loadModel, saveModel } from '../persistence/index.js';
import {
  MinMaxScaler,
  OneHotEncoder,
  PolynomialFeatures,
  SimpleImputer,
  StandardScaler,
} from '../preprocessing/index.js';
import { conformanceChecks } from '../testing/index.js';
import { Pipeline } from './pipeline.js';

const clf = () =>
  new Pipeline([
    ['scaler', new StandardScaler()],
    ['model', new LogisticRegression()],
  ]);

describe('conformance', () => {
  for (const c of conformanceChecks(clf)) it(`classifier pipeline: ${c.name}`, c.run);
  const reg = () =>
    new Pipeline([
      ['impute', new SimpleImputer()],
      ['poly', new PolynomialFeatures()],
      ['model', new LinearRegression()],
    ]);
  for (const c of conformanceChecks(reg)) it(`regressor pipeline: ${c.name}`, c.run);
  const tr = () =>
    new Pipeline({
      steps: [
        ['scale', new MinMaxScaler()],
        ['skip', 'passthrough'],
        ['poly', new PolynomialFeatures()],
      ],
    });
  for (const c of conformanceChecks(tr)) it(`transformer pipeline: ${c.name}`, c.run);
});

describe('Pipeline', () => {
  const { X, y } = makeClassification({ nSamples: 120, nFeatures: 4, nClasses: 2, seed: 5 });

  it('acts as its final classifier: predict, predictProba, classes, score', async () => {
    const pipe = await clf().fit(X, y);
    const scaled = await new StandardScaler().fit(X);
    const alone = await new LogisticRegression().fit(scaled.transform(X), y);
    expect(pipe.predict(X)).toEqual(alone.predict(scaled.transform(X)));
    expect(pipe.predictProba(X).data).toEqual(alone.predictProba(scaled.transform(X)).data);
    expect(pipe.classes).toEqual([0, 1]);
    expect(pipe.score(X, y)).toBe(alone.score(scaled.transform(X), y));
    expect(pipe.score(X, y)).toBeGreaterThan(0.8);
    expect(pipe.tags.task).toBe('classification');
    expect(pipe.namedSteps['scaler']).toBeInstanceOf(StandardScaler);
    expect(pipe.featureNamesOut()).toEqual(['x0', 'x1', 'x2', 'x3']);
    expect(pipe.labels).toBeUndefined();
  });

  it('exposes and sets nested step params with <step>__<param>', () => {
    const pipe = clf();
    const params = pipe.getParams();
    expect(params['scaler__withMean']).toBe(true);
    expect(params['model__C']).toBe(1);
    pipe.setParams({ scaler__withMean: false, model__C: 0.5 });
    expect((pipe.namedSteps['scaler'] as StandardScaler).getParams().withMean).toBe(false);
    expect(pipe.getParams()['model__C']).toBe(0.5);
    pipe.setParams({ scaler: 'passthrough' });
    expect(pipe.namedSteps['scaler']).toBe('passthrough');
    expect(() => pipe.setParams({ scaler__withMean: true })).toThrow(
      /'scaler' is "passthrough", not an estimator/,
    );
    expect(() => pipe.setParams({ nope__x: 1 })).toThrow(/names no child 'nope'/);
    expect(() => pipe.setParams({ model__notAParam: 1 })).toThrow(InvalidParameterError);
    expect(() => pipe.setParams({ memory: 1 })).toThrow(/unknown parameter 'memory'.*steps, scaler, model/);
    const c = clone(pipe);
    expect(c.getParams()['model__C']).toBe(0.5);
    expect(c.namedSteps['model']).not.toBe(pipe.namedSteps['model']);
  });

  it('carries names and categories through: imputer -> one-hot on a Frame', async () => {
    const frame = new Frame({ color: ['red', null, 'blue', 'red'], n: [1, 2, 3, 4] });
    const pipe = new Pipeline([
      ['impute', new SimpleImputer({ strategy: 'mostFrequent' })],
      ['onehot', new OneHotEncoder()],
    ]);
    const out = await pipe.fitTransform(frame);
    expect(pipe.featureNamesOut()).toEqual(['color_blue', 'color_red', 'n_1', 'n_2', 'n_3', 'n_4']);
    expect(out.row(1)).toEqual(Float64Array.from([0, 1, 0, 1, 0, 0]));
    expect(pipe.outputSchema().features).toHaveLength(6);
  });

  it('passes sampleWeight and validationData (transformed) to the final step', async () => {
    const seen: unknown[] = [];
    class Spy extends DummyRegressor {
      override async fit(x: MatrixLike, t?: TargetLike, o: FitOptions = {}) {
        seen.push(o.validationData?.X);
        return super.fit(x, t, o);
      }
    }
    const { X: rx, y: ry } = makeRegression({ nSamples: 30, nFeatures: 2, seed: 1 });
    const pipe = new Pipeline([
      ['scale', new MinMaxScaler()],
      ['model', new Spy()],
    ]);
    await pipe.fit(rx, ry, { validationData: { X: rx, y: ry } });
    expect(seen[0]).toBeInstanceOf(Frame);
    expect((seen[0] as Frame).column('x0')).toEqual(
      (pipe.namedSteps['scale'] as MinMaxScaler).transform(rx).column(0),
    );
    const weighted = await new Pipeline([
      ['s', new StandardScaler()],
      ['m', new DummyClassifier()],
    ]).fit(X, y, {
      sampleWeight: Array.from(y, (v) => (v === 1 ? 10 : 1)),
    });
    expect(weighted.predict(X.takeRows([0]))).toEqual([1]);
  });

  it('a pipeline of only passthrough steps returns its validated input', async () => {
    const pipe = await new Pipeline([['a', 'passthrough']]).fit([[1, 2]]);
    expect(pipe.transform([[3, 4]]).toArray()).toEqual([[3, 4]]);
    expect(pipe.featureNamesOut()).toEqual(['x0', 'x1']);
    expect(() => pipe.predict([[1, 2]])).toThrow(/final step \('passthrough'\) has no predict/);
  });

  it('saves and loads a fitted pipeline with identical predictions; tampering is refused', async () => {
    const frame = new Frame({ color: ['red', 'blue', 'red', 'green', 'blue', 'red'], n: [1, 5, 2, 8, 4, 1] });
    const target = [0, 1, 0, 1, 1, 0];
    const pipe = await new Pipeline([
      ['onehot', new OneHotEncoder({ handleUnknown: 'ignore' })],
      ['model', new LogisticRegression()],
    ]).fit(frame, target);
    const bytes = saveModel(pipe);
    const loaded = loadModel(bytes, { expect: Pipeline });
    expect(loaded.predictProba(frame).data).toEqual(pipe.predictProba(frame).data);
    expect(loaded.predict(frame)).toEqual(pipe.predict(frame));
    expect(loaded.getParams()['onehot__handleUnknown']).toBe('ignore');
    expect(() =>
      loadModel(tamperModel(bytes, (m) => (stateOf(m)['stepNames'] = ['onehot', 'other']))),
    ).toThrow(FormatError);
    expect(() =>
      loadModel(
        tamperModel(bytes, (m) => {
          const steps = m.model.params as { steps: [string, { $estimator: { fitted: boolean } }][] };
          steps.steps[0]![1].$estimator.fitted = false;
        }),
      ),
    ).toThrow(/step 'onehot' is not fitted/);
  });

  it('refuses malformed steps at fit', async () => {
    const fit = (steps: unknown) => new Pipeline({ steps: steps as never }).fit(X, y);
    await expect(fit([])).rejects.toThrow(/at least 1/);
    await expect(
      fit([
        ['a', new DummyClassifier()],
        ['b', new DummyClassifier()],
      ]),
    ).rejects.toThrow(/step 'a' \(DummyClassifier\) is not a transformer/);
    await expect(
      fit([
        ['a', new StandardScaler()],
        ['a', new DummyClassifier()],
      ]),
    ).rejects.toThrow(/two entries named 'a'/);
    await expect(fit([['a__b', new DummyClassifier()]])).rejects.toThrow(/without '__'/);
    await expect(fit([['a', 42]])).rejects.toThrow(/must be \[name, estimator or 'passthrough'\]/);
    await expect(fit('steps')).rejects.toThrow(InvalidParameterError);
  });

  it('refuses methods the final step lacks, and use before fit', async () => {
    expect(() => clf().predict(X)).toThrow(NotFittedError);
    const reg = await new Pipeline([
      ['s', new StandardScaler()],
      ['m', new DummyRegressor()],
    ]).fit(X, Array.from(y));
    expect(() => reg.predictProba(X)).toThrow(/DummyRegressor\) has no predictProba/);
    expect(() => reg.transform(X)).toThrow(/is not a transformer/);
    const tr = await new Pipeline([['s', new StandardScaler()]]).fit(X);
    expect(() => tr.score(X, y)).toThrow(/has no score/);
    expect(new Pipeline().tags.task).toBe('transform');
  });

  it('a final step that predicts asynchronously is refused by the synchronous predict', async () => {
    class AsyncModel extends DummyRegressor {
      static override readonly tags = { ...DummyRegressor.tags, asyncPredict: true };
    }
    const pipe = await new Pipeline([
      ['s', new StandardScaler()],
      ['m', new AsyncModel()],
    ]).fit(X, Array.from(y));
    expect(pipe.tags.asyncPredict).toBe(true);
    expect(() => pipe.predict(X)).toThrow(/predicts asynchronously/);
  });
});
