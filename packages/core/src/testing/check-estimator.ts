// The conformance suite every estimator passes (after scikit-learn's estimator_checks): the
// contract of DESIGN.md checked on small generated data. Framework-agnostic: each check throws.
import assert from 'node:assert/strict';
import {
  BaseClassifier,
  BaseClusterer,
  BaseEstimator,
  BaseRegressor,
  BaseTransformer,
  clone,
} from '../base/index.js';
import { Float64Matrix, Frame, type MatrixLike } from '../data/index.js';
import { makeBlobs, makeClassification, makeRegression } from '../datasets/index.js';
import { AbortError, DataError, InvalidParameterError, NotFittedError, ShapeError } from '../errors/index.js';
import { loadModel, saveModel } from '../persistence/index.js';

export interface ConformanceData {
  X: Float64Matrix;
  y?: ArrayLike<number> | ArrayLike<string>;
}

export interface CheckOptions {
  /** Data to fit on; by default generated for the estimator's task. */
  data?: ConformanceData;
  /** Names of checks to leave out, each with a reason. */
  skip?: Record<string, string>;
  /** Tolerance for "identical" predictions (0 = bitwise). */
  tolerance?: number;
}

export interface ConformanceCheck {
  name: string;
  run: () => Promise<void>;
}

type Factory = () => BaseEstimator;

function defaultData(est: BaseEstimator): ConformanceData {
  switch (est.tags.task) {
    case 'classification': {
      const { X, y } = makeClassification({
        nSamples: 90,
        nFeatures: 5,
        nClasses: 3,
        classSep: 2,
        flipY: 0,
        seed: 1,
      });
      return { X, y: Array.from(y, (k) => ['setosa', 'versicolor', 'virginica'][k]!) };
    }
    case 'regression': {
      const { X, y } = makeRegression({ nSamples: 80, nFeatures: 4, noise: 1, seed: 2 });
      return { X, y };
    }
    default:
      return { X: makeBlobs({ nSamples: 60, nFeatures: 3, centers: 3, clusterStd: 0.5, seed: 3 }).X };
  }
}

/** Everything an estimator outputs, as plain numbers/strings, for comparisons. */
function outputs(est: BaseEstimator, X: MatrixLike): unknown[] {
  if (est instanceof BaseClassifier) return [est.predict(X), Array.from(est.predictProba(X).data)];
  if (est instanceof BaseRegressor) return [Array.from(est.predict(X))];
  if (est instanceof BaseTransformer) return [Array.from(est.transform(X).data)];
  if (est instanceof BaseClusterer) {
    const p = (est as unknown as { predict?: (x: MatrixLike) => Int32Array }).predict;
    return [Array.from(est.labels!), ...(p ? [Array.from(p.call(est, X))] : [])];
  }
  // Composites (Pipeline) belong to no family class: they act as their task says.
  const c = est as unknown as Capabilities;
  if (est.tags.task === 'classification' && c.predict && c.predictProba) {
    return [c.predict(X), Array.from(c.predictProba(X).data)];
  }
  if (est.tags.task === 'transform' && c.transform) return [Array.from(c.transform(X).data)];
  if (c.predict) return [Array.from(c.predict(X) as ArrayLike<unknown>)];
  throw new assert.AssertionError({ message: `${est.estimatorName} is not of a known estimator family` });
}

/** The methods a composite may have, depending on its final step. */
interface Capabilities {
  predict?(X: MatrixLike): unknown;
  predictProba?(X: MatrixLike): Float64Matrix;
  transform?(X: MatrixLike): Float64Matrix;
}

/** Params as comparable JSON: nested estimators by class and params, not by learned state. */
function paramsSignature(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x instanceof BaseEstimator ? { estimator: x.estimatorName, params: x.getParams() } : x,
  );
}

function predictLike(est: BaseEstimator, X: MatrixLike): unknown {
  if (est instanceof BaseClassifier || est instanceof BaseRegressor) return est.predict(X);
  if (est instanceof BaseTransformer) return est.transform(X);
  const t = (est as unknown as Capabilities).transform;
  if (est.tags.task === 'transform' && t) return t.call(est, X);
  const p = (est as unknown as { predict?: (x: MatrixLike) => unknown }).predict;
  if (p) return p.call(est, X);
  return undefined;
}

function assertClose(actual: unknown, expected: unknown, tol: number, what: string): void {
  if (tol === 0) {
    assert.deepStrictEqual(actual, expected, what);
    return;
  }
  const a = (actual as unknown[]).flat() as unknown[];
  const e = (expected as unknown[]).flat() as unknown[];
  assert.equal(a.length, e.length, what);
  a.forEach((v, i) => {
    if (typeof v === 'number' && typeof e[i] === 'number') {
      assert.ok(
        Math.abs(v - (e[i] as number)) <= tol * (1 + Math.abs(v)),
        `${what}: element ${i}: ${v} vs ${e[i]}`,
      );
    } else assert.deepStrictEqual(v, e[i], `${what}: element ${i}`);
  });
}

async function rejectsWith(
  fn: () => unknown,
  type: new (...a: never[]) => Error,
  what: string,
): Promise<void> {
  await assert.rejects(async () => fn(), type, what);
}

/** The list of checks that apply to the estimator the factory builds. */
export function conformanceChecks(factory: Factory, options: CheckOptions = {}): ConformanceCheck[] {
  const probe = factory();
  const data = options.data ?? defaultData(probe);
  const { X, y } = data;
  const tol = options.tolerance ?? 0;
  const fitted = async () => factory().fit(X, y as ArrayLike<number>);
  // Decided from the methods, not by calling predict on the unfitted probe (which throws).
  const hasPredict =
    probe instanceof BaseClassifier ||
    probe instanceof BaseRegressor ||
    probe instanceof BaseTransformer ||
    typeof (probe as unknown as { predict?: unknown }).predict === 'function';
  const checks: ConformanceCheck[] = [
    {
      name: 'fit returns the estimator itself',
      run: async () => {
        const est = factory();
        assert.equal(await est.fit(X, y as ArrayLike<number>), est);
        assert.ok(est.isFitted);
      },
    },
    {
      name: 'using an unfitted estimator throws NotFittedError',
      run: async () => {
        const est = factory();
        if (est instanceof BaseClusterer && !('predict' in est)) return;
        await rejectsWith(() => predictLike(est, X), NotFittedError, 'predict before fit');
        await rejectsWith(() => est.exportState(), NotFittedError, 'exportState before fit');
      },
    },
    {
      name: 'getParams/setParams round-trip and unknown keys are refused',
      run: async () => {
        const est = factory();
        const params = est.getParams();
        assert.deepStrictEqual(factory().setParams(params).getParams(), params);
        assert.throws(() => est.setParams({ notAParameter: 1 } as never), InvalidParameterError);
        const Ctor = est.constructor as new (p: object) => BaseEstimator;
        assert.throws(() => new Ctor({ notAParameter: 1 }), InvalidParameterError);
      },
    },
    {
      name: 'clone gives an unfitted estimator with equal params',
      run: async () => {
        const est = await fitted();
        const c = clone(est);
        assert.notEqual(c, est);
        assert.equal(c.isFitted, false);
        assert.deepStrictEqual(paramsSignature(c.getParams()), paramsSignature(est.getParams()));
      },
    },
    {
      name: 'fit is deterministic for fixed params',
      run: async () => {
        const a = await fitted();
        const b = await fitted();
        assertClose(outputs(a, X), outputs(b, X), tol, 'two fits differ');
      },
    },
    {
      name: 'fit does not modify its input',
      run: async () => {
        const copy = new Float64Array(X.data);
        // Float64Array targets are not copied before fit (validateRegressionTarget): an
        // estimator writing to its y would write to the caller's.
        const yCopy = y && Array.from(y as ArrayLike<number | string>);
        await fitted();
        assert.deepStrictEqual(X.data, copy);
        if (yCopy) assert.deepStrictEqual(Array.from(y as ArrayLike<number | string>), yCopy);
      },
    },
    {
      name: 'save/load round-trip gives identical outputs',
      run: async () => {
        const est = await fitted();
        const loaded = loadModel(saveModel(est));
        assert.equal(loaded.constructor, est.constructor);
        assert.deepStrictEqual(loaded.inputSchema, est.inputSchema);
        if (hasPredict || est instanceof BaseClusterer)
          assertClose(outputs(loaded, X), outputs(est, X), 0, 'loaded model differs');
      },
    },
    {
      name: 'fit rejects bad input with typed errors',
      run: async () => {
        const rows = X.toArray();
        const withNaN = rows.map((r) => [...r]);
        withNaN[1]![0] = Number.NaN;
        const withInf = rows.map((r) => [...r]);
        withInf[2]![1] = Number.POSITIVE_INFINITY;
        const withString = rows.map((r) => [...r]) as unknown[][];
        withString[0]![0] = 'abc';
        const ragged = rows.map((r, i) => (i === 3 ? r.slice(1) : r));
        if (!probe.tags.allowNaN)
          await rejectsWith(() => factory().fit(withNaN, y as never), DataError, 'NaN');
        await rejectsWith(() => factory().fit(withInf, y as never), DataError, 'Infinity');
        await rejectsWith(() => factory().fit(withString as number[][], y as never), DataError, 'string');
        await rejectsWith(() => factory().fit(ragged, y as never), ShapeError, 'ragged rows');
        await rejectsWith(() => factory().fit([], y as never), ShapeError, 'no rows');
        if (probe.tags.requiresTarget) {
          await rejectsWith(
            () => factory().fit(X, Array.from(y as ArrayLike<unknown>).slice(1) as never),
            ShapeError,
            'short y',
          );
          await rejectsWith(() => factory().fit(X, undefined), ShapeError, 'missing y');
        }
      },
    },
    {
      name: 'an aborted signal stops fit with AbortError',
      run: async () => {
        const ctrl = new AbortController();
        ctrl.abort();
        await rejectsWith(
          () => factory().fit(X, y as never, { signal: ctrl.signal }),
          AbortError,
          'aborted fit',
        );
      },
    },
  ];
  if (hasPredict) {
    checks.push(
      {
        name: 'predictions are invariant to row subsets',
        run: async () => {
          const est = await fitted();
          const idx = [5, 0, 17, 3, 11];
          const sub = X.takeRows(idx);
          const full = predictLike(est, X);
          const part = predictLike(est, sub);
          if (full instanceof Float64Matrix && part instanceof Float64Matrix) {
            assertClose(Array.from(part.data), Array.from(full.takeRows(idx).data), tol, 'subset transform');
          } else {
            const f = Array.from(full as ArrayLike<unknown>);
            assertClose(
              Array.from(part as ArrayLike<unknown>),
              idx.map((i) => f[i]),
              tol,
              'subset predict',
            );
          }
        },
      },
      {
        name: 'predict rejects a wrong number of features with ShapeError',
        run: async () => {
          const est = await fitted();
          const rows = X.toArray().map((r) => [...r, 1]);
          await rejectsWith(() => predictLike(est, rows), ShapeError, 'extra column');
        },
      },
      {
        name: 'a Frame and a plain matrix with the same columns give the same outputs',
        run: async () => {
          const names = Array.from({ length: X.cols }, (_, j) => `f${j}`);
          const frame = new Frame(Object.fromEntries(names.map((n, j) => [n, X.column(j)])));
          const a = await factory().fit(frame, y as never);
          const b = await fitted();
          assertClose(outputs(a, frame), outputs(b, X), tol, 'Frame vs matrix');
          const reversed = frame.select([...names].reverse());
          assertClose(predictLike(a, reversed), predictLike(a, frame), 0, 'column order by name');
        },
      },
    );
  }
  if (probe instanceof BaseClassifier || (probe.tags.task === 'classification' && 'predictProba' in probe)) {
    checks.push({
      name: 'predictProba rows are probabilities in classes order',
      run: async () => {
        const est = (await fitted()) as BaseClassifier;
        const p = est.predictProba(X);
        assert.equal(p.rows, X.rows);
        assert.equal(p.cols, est.classes!.length);
        for (let i = 0; i < p.rows; i++) {
          const row = p.row(i);
          const s = row.reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(s - 1) < 1e-9, `row ${i} sums to ${s}`);
          assert.ok(row.every((v) => v >= 0 && v <= 1));
        }
      },
    });
  }
  if (probe.tags.supportsSampleWeight) {
    checks.push({
      name: 'unit sample weights equal no weights',
      run: async () => {
        const a = await fitted();
        const b = await factory().fit(X, y as never, { sampleWeight: new Float64Array(X.rows).fill(1) });
        assertClose(outputs(b, X), outputs(a, X), Math.max(tol, 1e-9), 'unit weights');
      },
    });
  }
  const skip = options.skip ?? {};
  return checks.filter((c) => !(c.name in skip));
}

/** Runs every applicable check; throws the first failure, naming the check. */
export async function checkEstimator(factory: Factory, options: CheckOptions = {}): Promise<void> {
  for (const check of conformanceChecks(factory, options)) {
    try {
      await check.run();
    } catch (err) {
      throw new assert.AssertionError({
        message: `${factory().estimatorName}: ${check.name}: ${(err as Error).message}`,
      });
    }
  }
}
