// TreeSHAP: local accuracy on every tree model, exact Shapley values by brute force on a tree
// with categorical and missing-value splits, and agreement with Python shap's TreeExplainer.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { makeClassification, makeRegression } from '../datasets/index.js';
import { DummyRegressor } from '../dummy/index.js';
import { RandomForestClassifier, RandomForestRegressor } from '../ensemble/random-forest/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';
import { closeWorkerPools } from '../parallel/index.js';
import { split } from '../tree/__fixtures__/parity-cases.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/index.js';
import { boostedView, bruteForceShap, rawOutput } from './__fixtures__/shap-helpers.js';
import type { TreeEnsembleView } from './tree-ensemble.js';
import { explain, treeShap } from './tree-shap.js';

afterAll(closeWorkerPools);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Σ_features φ + expected value, per row and output. */
function reconstruct(r: ReturnType<typeof treeShap>): Float64Array {
  const out = new Float64Array(r.rows * r.nOutputs);
  for (let i = 0; i < r.rows; i++) {
    for (let k = 0; k < r.nOutputs; k++) {
      let s = r.expectedValue[k]!;
      for (let j = 0; j < r.cols; j++) s += r.values[(i * r.cols + j) * r.nOutputs + k]!;
      out[i * r.nOutputs + k] = s;
    }
  }
  return out;
}

describe('local accuracy: Σ φ + expected value = model output', () => {
  const cls = makeClassification({ nSamples: 200, nFeatures: 6, nClasses: 3, seed: 8 });
  const reg = makeRegression({ nSamples: 200, nFeatures: 6, noise: 3, seed: 8 });
  const cases = [
    ['DecisionTreeClassifier', async () => new DecisionTreeClassifier({ maxDepth: 6 }).fit(cls.X, cls.y)],
    ['DecisionTreeRegressor', async () => new DecisionTreeRegressor().fit(reg.X, reg.y)],
    [
      'RandomForestClassifier',
      async () => new RandomForestClassifier({ nEstimators: 15, nJobs: 1 }).fit(cls.X, cls.y),
    ],
    [
      'RandomForestRegressor',
      async () =>
        new RandomForestRegressor({ nEstimators: 15, nJobs: 1, maxFeatures: 'sqrt' }).fit(reg.X, reg.y),
    ],
  ] as const;
  for (const [name, make] of cases) {
    it(name, async () => {
      const model = await make();
      const x =
        model instanceof DecisionTreeClassifier || model instanceof RandomForestClassifier ? cls.X : reg.X;
      const r = explain(model, x);
      const expected = 'predictProba' in model ? model.predictProba(x).data : model.predict(x);
      expect(maxAbsDiff(reconstruct(r), expected)).toBeLessThan(1e-9);
    });
  }

  it('boosted trees with categorical splits, missing values and per-class trees', () => {
    const view = boostedView();
    const x = Float64Matrix.fromRows([
      [0.2, 1, 3],
      [Number.NaN, 0, -1],
      [2.5, Number.NaN, 0.5],
      [1.1, 7, Number.NaN],
      [-4, 2, 10],
    ]);
    const r = treeShap(view, x);
    expect(maxAbsDiff(reconstruct(r), rawOutput(view, x))).toBeLessThan(1e-12);
  });
});

describe('exact Shapley values (brute force over feature subsets)', () => {
  it('equal TreeSHAP on a boosted model with categorical and missing-value splits', () => {
    const view = boostedView();
    const x = Float64Matrix.fromRows([
      [0.2, 1, 3],
      [Number.NaN, 0, -1],
      [2.5, Number.NaN, 0.5],
      [1.1, 7, Number.NaN],
    ]);
    expect(maxAbsDiff(treeShap(view, x).values, bruteForceShap(view, x))).toBeLessThan(1e-12);
  });

  it('equal TreeSHAP on a fitted forest (features reused along paths)', async () => {
    const { X, y } = makeRegression({ nSamples: 120, nFeatures: 4, noise: 1, seed: 4 });
    const m = await new RandomForestRegressor({ nEstimators: 4, nJobs: 1, maxDepth: 6 }).fit(X, y);
    const x = X.takeRows([0, 1, 2, 3, 4]);
    expect(
      maxAbsDiff(treeShap(m.treeEnsemble(), x).values, bruteForceShap(m.treeEnsemble(), x)),
    ).toBeLessThan(1e-9);
  });
});

describe('errors', () => {
  it('explain needs a fitted tree model', async () => {
    expect(() => explain(new DecisionTreeRegressor(), [[1]])).toThrow(NotFittedError);
    const dummy = await new DummyRegressor().fit([[1], [2]], [1, 2]);
    expect(() => explain(dummy, [[1]])).toThrow(InvalidParameterError);
  });

  it('treeShap checks trees against the declared outputs', () => {
    const view = boostedView();
    expect(() =>
      treeShap({ ...view, treeOutput: Int32Array.from([0, 5, 1]) }, Float64Matrix.zeros(1, 3)),
    ).toThrow(/output 5/);
    const { treeOutput: _, ...noMap } = view;
    expect(() => treeShap(noMap as TreeEnsembleView, Float64Matrix.zeros(1, 3))).toThrow(/outputs/);
  });
});

// ---------------------------------------------------------------- comparison with Python shap
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const python = `${root}tooling/peers/.venv/bin/python`;
const venvReady = existsSync(`${root}tooling/peers/.venv/.ready`) && existsSync(python);
if (!venvReady) {
  if (process.env['MLPY_INTEGRATION'] === '1') {
    it('the peers venv exists (MLPY_INTEGRATION=1)', () => {
      expect.fail('tooling/peers/.venv is missing: run tooling/peers/setup.sh');
    });
  } else
    console.warn(
      'tree-shap.test: skipping the comparison with Python shap (tooling/peers/.venv not ready; run tooling/peers/setup.sh)',
    );
}

function shapInPython(
  view: TreeEnsembleView,
  x: Float64Matrix,
): { values: number[]; expectedValue: number[]; shap: string } {
  const req = {
    trees: view.trees.map((t) => ({
      left: [...t.left],
      right: [...t.right],
      missingLeft: [...t.missingLeft],
      feature: [...t.feature],
      threshold: [...t.threshold],
      value: [...t.value],
      weight: [...t.weight],
      nOutputs: t.nOutputs,
    })),
    treeOutput: view.treeOutput ? [...view.treeOutput] : null,
    nOutputs: view.nOutputs,
    scale: view.scale,
    baseOffset: [...view.baseOffset],
    X: x.toArray().map((r) => r.map((v) => (Number.isNaN(v) ? null : v))),
  };
  // -P: do not put the working directory on sys.path (the repo's coverage/ folder shadows a package)
  const run = spawnSync(
    python,
    ['-P', fileURLToPath(new URL('./__fixtures__/run-shap.py', import.meta.url))],
    {
      input: JSON.stringify(req),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (run.status !== 0) throw new Error(`run-shap.py failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as { values: number[][][]; expectedValue: number[]; shap: string };
  return { values: out.values.flat(2), expectedValue: out.expectedValue, shap: out.shap };
}

describe.runIf(venvReady)(
  'agreement with Python shap TreeExplainer (tree_path_dependent) within 1e-6',
  () => {
    const check = (view: TreeEnsembleView, x: Float64Matrix): number => {
      const ours = treeShap(view, x);
      const theirs = shapInPython(view, x);
      expect(maxAbsDiff(ours.expectedValue, theirs.expectedValue)).toBeLessThan(1e-6);
      const diff = maxAbsDiff(ours.values, theirs.values);
      expect(diff).toBeLessThan(1e-6);
      return diff;
    };

    it('RandomForestRegressor on diabetes', async () => {
      const { Xtr, ytr, Xte } = split('diabetes');
      const m = await new RandomForestRegressor({ nEstimators: 20, maxDepth: 8, nJobs: 1 }).fit(Xtr, ytr);
      check(m.treeEnsemble(), Float64Matrix.fromRows(Xte.slice(0, 40)));
    }, 60_000);

    it('RandomForestClassifier on iris (three outputs)', async () => {
      const { Xtr, ytr, Xte } = split('iris');
      const m = await new RandomForestClassifier({ nEstimators: 20, nJobs: 1 }).fit(Xtr, ytr);
      check(m.treeEnsemble(), Float64Matrix.fromRows(Xte));
    }, 60_000);

    it('DecisionTreeClassifier on breast_cancer', async () => {
      const { Xtr, ytr, Xte } = split('breast_cancer');
      const m = await new DecisionTreeClassifier({ maxDepth: 8 }).fit(Xtr, ytr);
      check(m.treeEnsemble(), Float64Matrix.fromRows(Xte.slice(0, 50)));
    }, 60_000);

    it('boosted trees with a base offset, per-class trees and missing-value directions', () => {
      const view = boostedView(false);
      const x = Float64Matrix.fromRows([
        [0.2, 1, 3],
        [Number.NaN, 0, -1],
        [2.5, Number.NaN, 0.5],
        [1.1, 7, Number.NaN],
      ]);
      check(view, x);
    }, 60_000);
  },
);
