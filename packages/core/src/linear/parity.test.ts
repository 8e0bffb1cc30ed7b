// Parity with scikit-learn on the bundled datasets: every linear case of
// tooling/fixtures/parity/spec.json is fitted here the same way and scored against scores.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { accuracyScore, r2Score } from '../metrics/index.js';
import { ElasticNet, Lasso } from './elastic-net.js';
import { LinearRegression } from './linear-regression.js';
import { LogisticRegression } from './logistic-regression.js';
import { Ridge } from './ridge.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(`${root}${path}`, 'utf8')) as T;

interface Case {
  id: string;
  dataset: string;
  ours: { estimator: string; params: Record<string, unknown> };
  preprocess: 'standardize' | null;
  metric: string;
  tolerance: number;
  toleranceKind: 'absolute' | 'relative';
}
interface Dataset {
  X: number[][];
  y: number[];
  trainIndex: number[];
  testIndex: number[];
}

const estimators = { LinearRegression, Ridge, Lasso, ElasticNet, LogisticRegression } as const;
const cases = readJson<{ cases: Case[] }>('tooling/fixtures/parity/spec.json').cases.filter(
  (c) => c.ours.estimator in estimators,
);
const scores = new Map(
  readJson<{ results: { id: string; score: number }[] }>('tooling/fixtures/parity/scores.json').results.map(
    (r) => [r.id, r.score],
  ),
);

/** StandardScaler fitted on the training rows (population std; constant columns keep scale 1). */
function standardize(x: Float64Matrix, rows: number[]): Float64Matrix {
  const out = new Float64Matrix(Float64Array.from(x.data), x.rows, x.cols);
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (const i of rows) mean += x.get(i, j);
    mean /= rows.length;
    let v = 0;
    for (const i of rows) v += (x.get(i, j) - mean) ** 2;
    const sd = Math.sqrt(v / rows.length) || 1;
    for (let i = 0; i < x.rows; i++) out.set(i, j, (x.get(i, j) - mean) / sd);
  }
  return out;
}

describe('parity with scikit-learn on the bundled datasets', () => {
  it('covers every linear estimator', () => {
    expect(new Set(cases.map((c) => c.ours.estimator))).toEqual(new Set(Object.keys(estimators)));
  });

  for (const c of cases) {
    it(`${c.id}: ${c.metric} within ${c.tolerance} of scikit-learn`, async () => {
      const sk = scores.get(c.id);
      expect(sk, `scores.json lacks ${c.id}; run tooling/peers/parity_scores.py`).toBeTypeOf('number');
      const d = readJson<Dataset>(`tooling/fixtures/datasets/${c.dataset}.json`);
      let x = Float64Matrix.fromRows(d.X);
      if (c.preprocess === 'standardize') x = standardize(x, d.trainIndex);
      const Est = estimators[c.ours.estimator as keyof typeof estimators];
      const model = new Est(c.ours.params as never);
      await model.fit(
        x.takeRows(d.trainIndex),
        d.trainIndex.map((i) => d.y[i]!),
      );
      const xTest = x.takeRows(d.testIndex);
      const yTest = d.testIndex.map((i) => d.y[i]!);
      const pred = model.predict(xTest);
      const ours =
        c.metric === 'r2' ? r2Score(yTest, pred as Float64Array) : accuracyScore(yTest, pred as number[]);
      const diff = Math.abs(ours - sk!);
      const allowed = c.toleranceKind === 'relative' ? c.tolerance * Math.abs(sk!) : c.tolerance;
      console.info(
        `parity ${c.id}: ours ${ours.toFixed(4)} sklearn ${sk!.toFixed(4)} (|diff| ${diff.toExponential(2)})`,
      );
      expect(diff).toBeLessThanOrEqual(allowed);
    });
  }
});
