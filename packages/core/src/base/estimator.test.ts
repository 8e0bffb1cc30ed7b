import { describe, expect, it } from 'vitest';
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';
import { clone } from './clone.js';
import { addFitListener, type FitEvent } from './fit-events.js';
import { checkNumber, checkOneOf, checkOptionalInt } from './param-checks.js';

describe('params', () => {
  it('stores given params over documented defaults; undefined keeps the default', () => {
    expect(new DummyRegressor({ strategy: 'median', quantile: undefined }).getParams()).toEqual({
      strategy: 'median',
      quantile: 0.5,
      constant: 0,
    });
  });

  it('getParams returns a copy', () => {
    const m = new DummyRegressor();
    m.getParams().strategy = 'median';
    expect(m.getParams().strategy).toBe('mean');
  });

  it('setParams updates and chains; unknown keys list the valid ones', () => {
    const m = new DummyRegressor();
    expect(m.setParams({ constant: 3 })).toBe(m);
    expect(m.getParams().constant).toBe(3);
    expect(() => m.setParams({ alpha: 1, beta: 2 } as never)).toThrow(
      /unknown parameters 'alpha', 'beta'. Valid parameters: strategy, quantile, constant/,
    );
    try {
      new DummyRegressor({ nope: 1 } as never);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidParameterError);
      expect((err as InvalidParameterError).code).toBe('INVALID_PARAMETER');
      expect((err as InvalidParameterError).details).toEqual({
        unknown: ['nope'],
        valid: ['strategy', 'quantile', 'constant'],
      });
    }
  });
});

describe('toJSON', () => {
  it('names the class and its params, so nested estimators log readably', () => {
    const outer = { steps: [new DummyRegressor({ strategy: 'median' })] };
    expect(JSON.parse(JSON.stringify(outer))).toEqual({
      steps: [{ estimator: 'DummyRegressor', params: { strategy: 'median', quantile: 0.5, constant: 0 } }],
    });
  });
});

describe('clone', () => {
  it('copies params, not learned state', async () => {
    const m = await new DummyClassifier({ strategy: 'uniform' }).fit([[1], [2]], [0, 1]);
    const c = clone(m);
    expect(c.getParams()).toEqual(m.getParams());
    expect(c.isFitted).toBe(false);
    expect(c.classes).toBeUndefined();
    expect(() => c.predict([[1]])).toThrow(NotFittedError);
  });

  it('clones nested estimators inside params', () => {
    class Holder extends DummyRegressor {}
    const inner = new DummyRegressor({ constant: 5 });
    const outer = { getParams: () => ({ inner, list: [inner], map: { a: inner } }) };
    Object.setPrototypeOf(outer, Holder.prototype);
    (outer as unknown as { constructor: unknown }).constructor = function Ctor(this: object, p: object) {
      Object.assign(this, { p });
    };
    const copy = clone(outer as unknown as DummyRegressor) as unknown as {
      p: { inner: DummyRegressor; list: DummyRegressor[]; map: { a: DummyRegressor } };
    };
    expect(copy.p.inner).not.toBe(inner);
    expect(copy.p.inner.getParams().constant).toBe(5);
    expect(copy.p.list[0]).not.toBe(inner);
    expect(copy.p.map.a).not.toBe(inner);
  });
});

describe('fit listeners', () => {
  it('receive params, shape, digest, duration and train/validation scores', async () => {
    const events: FitEvent[] = [];
    const remove = addFitListener((e) => {
      events.push(e);
    });
    const X = [[1], [2], [3], [4]];
    await new DummyClassifier().fit(X, ['a', 'a', 'b', 'a'], {
      validationData: { X: [[1], [2]], y: ['b', 'a'] },
    });
    remove();
    await new DummyClassifier().fit(X, ['a', 'a', 'b', 'a']);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      estimatorName: 'DummyClassifier',
      params: { strategy: 'prior' },
      nSamples: 4,
      nFeatures: 1,
      trainingMetrics: { accuracy: 0.75 },
      validationMetrics: { accuracy: 0.5 },
    });
    expect(e.datasetDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('report only the outermost fit: a Pipeline, not its steps', async () => {
    const { Pipeline } = await import('../compose/index.js');
    const { StandardScaler } = await import('../preprocessing/index.js');
    const names: string[] = [];
    const remove = addFitListener((e) => {
      names.push(e.estimatorName);
    });
    try {
      const pipe = new Pipeline([
        ['scale', new StandardScaler()],
        ['model', new DummyRegressor()],
      ]);
      await Promise.all([pipe.fit([[1], [2], [3]], [1, 2, 3]), new DummyRegressor().fit([[1]], [1])]);
    } finally {
      remove();
    }
    expect(names.sort()).toEqual(['DummyRegressor', 'Pipeline']);
  });

  it('a failing listener does not fail the fit', async () => {
    const remove = addFitListener(() => {
      throw new Error('listener broke');
    });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const m = await new DummyRegressor().fit([[1]], [1]);
      expect(m.isFitted).toBe(true);
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings.some((w) => w.includes('listener broke'))).toBe(true);
    } finally {
      remove();
      process.off('warning', onWarning);
    }
  });
});

describe('sample weights', () => {
  it('are refused by estimators that do not support them', async () => {
    await expect(new DummyRegressor().fit([[1]], [1], { sampleWeight: [1] })).rejects.toThrow(
      /does not support sampleWeight/,
    );
  });
});

describe('param checks', () => {
  it('checkNumber explains the rule it enforces', () => {
    expect(checkNumber('M', 'alpha', 0.5, { min: 0 })).toBe(0.5);
    expect(() => checkNumber('M', 'alpha', -1, { min: 0 })).toThrow('M: alpha must be a number >= 0, got -1');
    expect(() => checkNumber('M', 'n', 2.5, { integer: true, min: 1 })).toThrow(
      'M: n must be an integer >= 1, got 2.5',
    );
    expect(() => checkNumber('M', 'p', 1, { min: 0, max: 1, exclusiveMax: true })).toThrow(
      'must be a number >= 0 and < 1',
    );
    expect(() => checkNumber('M', 'p', 0, { min: 0, exclusiveMin: true })).toThrow('> 0');
    expect(() => checkNumber('M', 'p', Number.NaN)).toThrow('got NaN');
    expect(() => checkNumber('M', 'p', '1')).toThrow('got "1"');
    expect(checkNumber('M', 'p', 3, { max: 3 })).toBe(3);
  });
  it('checkOneOf and checkOptionalInt', () => {
    expect(checkOneOf('M', 'kind', 'a', ['a', 'b'])).toBe('a');
    expect(() => checkOneOf('M', 'kind', 'c', ['a', 'b'])).toThrow(
      'M: kind must be one of "a", "b", got "c"',
    );
    expect(checkOptionalInt('M', 'maxDepth', null)).toBeUndefined();
    expect(checkOptionalInt('M', 'maxDepth', 3)).toBe(3);
    expect(() => checkOptionalInt('M', 'maxDepth', 0)).toThrow(InvalidParameterError);
  });
});
