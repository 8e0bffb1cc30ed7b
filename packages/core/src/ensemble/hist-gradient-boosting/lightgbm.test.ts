// NaN and categorical handling against LightGBM on the same generated data (the reference is
// computed by __fixtures__/lightgbm_reference.py in the peers venv). Without the venv the test
// is skipped with a printed reason, unless MLPY_INTEGRATION=1, which makes it fail instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../../data/index.js';
import { rocAucScore } from '../../metrics/index.js';
import { HistGradientBoostingClassifier } from './classifier.js';
import { HistGradientBoostingRegressor } from './regressor.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const python = `${root}tooling/peers/.venv/bin/python`;
const ready = existsSync(`${root}tooling/peers/.venv/.ready`);
const script = fileURLToPath(new URL('./__fixtures__/lightgbm_reference.py', import.meta.url));
if (!ready) {
  const why = 'tooling/peers/.venv is not set up (run tooling/peers/setup.sh)';
  if (process.env['MLPY_INTEGRATION'] === '1')
    throw new Error(`LightGBM comparison needs the peers venv: ${why}`);
  console.log(`skipping the LightGBM comparison: ${why}`);
}

interface Reference {
  lightgbmVersion: string;
  X: (number | null)[][];
  yClf: number[];
  yReg: number[];
  nTrain: number;
  auc: number;
  rmse: number;
  probe: (number | null)[][];
  probeProba: number[];
  probeReg: number[];
}

const toMatrix = (rows: (number | null)[][]) =>
  Float64Matrix.fromRows(rows.map((r) => r.map((v) => (v === null ? Number.NaN : v))));

describe.skipIf(!ready)('HistGradientBoosting vs LightGBM: missing values and categories', () => {
  const ref = ready
    ? (JSON.parse(execFileSync(python, [script], { maxBuffer: 1 << 26, encoding: 'utf8' })) as Reference)
    : undefined;
  const params = {
    maxIter: 100,
    learningRate: 0.1,
    maxLeafNodes: 31,
    minSamplesLeaf: 20,
    categoricalFeatures: [2],
    earlyStopping: false as const,
  };

  it('classification AUC within 0.01 of LightGBM, and NaN rows score like LightGBM', async () => {
    const r = ref!;
    const X = toMatrix(r.X);
    const tr = Int32Array.from({ length: r.nTrain }, (_, i) => i);
    const te = Int32Array.from({ length: X.rows - r.nTrain }, (_, i) => r.nTrain + i);
    const m = await new HistGradientBoostingClassifier(params).fit(X.takeRows(tr), r.yClf.slice(0, r.nTrain));
    const auc = rocAucScore(r.yClf.slice(r.nTrain), m.predictProba(X.takeRows(te)).column(1));
    console.log(`AUC: ours ${auc.toFixed(4)}, LightGBM ${r.lightgbmVersion} ${r.auc.toFixed(4)}`);
    expect(Math.abs(auc - r.auc)).toBeLessThan(0.01);
    const probe = m.predictProba(toMatrix(r.probe)).column(1);
    for (let k = 0; k < probe.length; k++) expect(Math.abs(probe[k]! - r.probeProba[k]!)).toBeLessThan(0.15);
    for (let k = 0; k < probe.length; k += 2) {
      // NaN carries a strong positive signal: the learned direction sends it where LightGBM does.
      expect(probe[k]!).toBeGreaterThan(probe[k + 1]!);
      expect(r.probeProba[k]!).toBeGreaterThan(r.probeProba[k + 1]!);
    }
  });

  it('regression RMSE within 5% of LightGBM, with matching NaN and category predictions', async () => {
    const r = ref!;
    const X = toMatrix(r.X);
    const tr = Int32Array.from({ length: r.nTrain }, (_, i) => i);
    const te = Int32Array.from({ length: X.rows - r.nTrain }, (_, i) => r.nTrain + i);
    const m = await new HistGradientBoostingRegressor(params).fit(X.takeRows(tr), r.yReg.slice(0, r.nTrain));
    const pred = m.predict(X.takeRows(te));
    const yte = r.yReg.slice(r.nTrain);
    const rmse = Math.sqrt(yte.reduce((s, v, i) => s + (v - pred[i]!) ** 2, 0) / yte.length);
    console.log(`RMSE: ours ${rmse.toFixed(4)}, LightGBM ${r.rmse.toFixed(4)}`);
    expect(Math.abs(rmse - r.rmse) / r.rmse).toBeLessThan(0.05);
    const probe = m.predict(toMatrix(r.probe));
    // Targets span about 8 units; both models approximate the same function within a few tenths.
    for (let k = 0; k < probe.length; k++) expect(Math.abs(probe[k]! - r.probeReg[k]!)).toBeLessThan(0.4);
    for (let k = 0; k < probe.length; k += 2) expect(probe[k]! - probe[k + 1]!).toBeGreaterThan(1.5); // true gap: 2.5
  });
});
