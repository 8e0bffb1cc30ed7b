// Parity with scikit-learn's HistGradientBoosting* on the bundled datasets (cases and
// tolerances from tooling/fixtures/parity/spec.json, sklearn's scores from scores.json).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../../data/index.js';
import { accuracyScore, r2Score } from '../../metrics/index.js';
import { HistGradientBoostingClassifier } from './classifier.js';
import { HistGradientBoostingRegressor } from './regressor.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(`${root}${rel}`, 'utf8'));

interface Case {
  id: string;
  dataset: string;
  ours: { estimator: string; params: Record<string, unknown> };
  metric: 'accuracy' | 'r2';
  tolerance: number;
}
interface Dataset {
  X: number[][];
  y: number[];
  trainIndex: number[];
  testIndex: number[];
}

const spec = readJson('tooling/fixtures/parity/spec.json') as { cases: Case[] };
const cases = spec.cases.filter((c) => c.ours.estimator.startsWith('HistGradientBoosting'));
let scores: { id: string; score: number }[] = [];
try {
  scores = (readJson('tooling/fixtures/parity/scores.json') as { results: { id: string; score: number }[] })
    .results;
} catch {
  // Reported by each case below: scores.json is produced by tooling/peers/parity_scores.py.
}

describe('HistGradientBoosting parity with scikit-learn', () => {
  it('has the three spec cases', () => {
    expect(cases.map((c) => c.id).sort()).toEqual([
      'hist-gradient-boosting-classifier-breast_cancer',
      'hist-gradient-boosting-classifier-digits',
      'hist-gradient-boosting-regressor-diabetes',
    ]);
  });
  for (const c of cases) {
    it(`${c.id}: within ${c.tolerance} ${c.metric} of scikit-learn`, async () => {
      const ref = scores.find((s) => s.id === c.id);
      if (!ref)
        throw new Error(
          `no scikit-learn score for ${c.id}: run tooling/peers/.venv/bin/python tooling/peers/parity_scores.py`,
        );
      const d = readJson(`tooling/fixtures/datasets/${c.dataset}.json`) as Dataset;
      const X = Float64Matrix.fromRows(d.X);
      const Xtr = X.takeRows(d.trainIndex);
      const Xte = X.takeRows(d.testIndex);
      const ytr = d.trainIndex.map((i) => d.y[i]!);
      const yte = d.testIndex.map((i) => d.y[i]!);
      const params = {
        ...c.ours.params,
        earlyStopping: false,
        minSamplesLeaf: 20,
        l2Regularization: 0,
        maxBins: 255,
      };
      let score: number;
      if (c.metric === 'accuracy') {
        const m = await new HistGradientBoostingClassifier(params).fit(Xtr, ytr);
        score = accuracyScore(yte, m.predict(Xte));
      } else {
        const m = await new HistGradientBoostingRegressor(params).fit(Xtr, ytr);
        score = r2Score(yte, m.predict(Xte));
      }
      console.log(`${c.id}: ours ${score.toFixed(4)}, scikit-learn ${ref.score.toFixed(4)}`);
      expect(Math.abs(score - ref.score)).toBeLessThanOrEqual(c.tolerance);
    });
  }
});
