// Autolog with real @mlpy/core fits on the SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearRegression, loadModel } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, type Tracker } from '../client/tracker.js';
import { autolog, autologParamValue } from './autolog.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-autolog-'));
let tracker: Tracker;
beforeAll(async () => {
  tracker = await createTracker(join(dir, 'tracking.db'));
  await tracker.setExperiment('autolog');
});
afterAll(async () => {
  await tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

const X = [
  [1, 2],
  [2, 1],
  [3, 4],
  [4, 3],
  [5, 6],
  [6, 5],
];
const y = X.map(([a, b]) => 2 * a! + b! + 1);

describe('autolog', () => {
  it('logs params, duration, metrics, dataset fingerprint and the model of a fit', async () => {
    const stop = autolog(tracker, { registeredModelName: 'autolog-lr' });
    const model = await new LinearRegression().fit(X, y, { validationData: { X: [[7, 8]], y: [23] } });
    stop();
    const [run] = await tracker.searchRuns();
    expect(run).toBeDefined();
    const { data, info } = run!;
    expect(info).toMatchObject({ runName: 'LinearRegression', status: 'FINISHED' });
    expect(data.params).toMatchObject({ fitIntercept: 'true' });
    expect(data.metrics['training_r2']?.value).toBeCloseTo(1, 6);
    expect(data.metrics['validation_r2']).toBeDefined();
    expect(data.metrics['fit_duration_s']?.value).toBeGreaterThanOrEqual(0);
    expect(data.tags['mlpy.dataset.digest']).toMatch(/^[0-9a-f]{64}$/);
    expect(data.tags['mlpy.dataset.shape']).toBe('6x2');
    expect(data.tags['mlpy.estimator']).toBe('LinearRegression');
    const bytes = await tracker.store.downloadArtifact(info.runId, 'model/model.mlpy');
    const loaded = loadModel(bytes) as LinearRegression;
    expect(loaded.predict([[7, 8]])).toEqual(model.predict([[7, 8]]));
    const version = await tracker.registry.getVersion('autolog-lr', '1');
    const meta = tracker.registry.metadata(version);
    expect(meta.datasetDigest).toBe(data.tags['mlpy.dataset.digest']);
    expect(meta.signature?.inputs.map((c) => c.name)).toEqual(['x0', 'x1']);
    expect(meta.metrics?.['training_r2']).toBeCloseTo(1, 6);
  });

  it('logs into the active run, then nests later fits of the same run', async () => {
    const stop = autolog(tracker, { logModels: false });
    const parent = await tracker.startRun({ runName: 'search' });
    await new LinearRegression({ fitIntercept: true }).fit(X, y);
    await new LinearRegression({ fitIntercept: false }).fit(X, y);
    await parent.end();
    stop();
    const parentRun = await tracker.getRun(parent.id);
    expect(parentRun.data.params).toMatchObject({ fitIntercept: 'true' });
    const children = await tracker.searchRuns({ parentRunId: parent.id });
    expect(children).toHaveLength(1);
    expect(children[0]!.data.params).toMatchObject({ fitIntercept: 'false' });
    expect(await tracker.store.listArtifacts(parent.id)).toEqual([]);
  });

  it('reports logging failures to onError without failing the fit', async () => {
    const errors: unknown[] = [];
    const stop = autolog(tracker, { experiment: 'x'.repeat(600), onError: (e) => errors.push(e) });
    await new LinearRegression().fit(X, y);
    stop();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/experiment name/);
  });
});

describe('autologParamValue', () => {
  it('logs estimators nested in params as {estimator, params} and cuts long values', async () => {
    const { Pipeline, StandardScaler, LinearRegression } = await import('@mlpy/core');
    const steps = new Pipeline([
      ['scale', new StandardScaler()],
      ['model', new LinearRegression()],
    ]).getParams().steps;
    expect(JSON.parse(autologParamValue(steps))[1]).toEqual([
      'model',
      { estimator: 'LinearRegression', params: new LinearRegression().getParams() },
    ]);
    expect(autologParamValue('x'.repeat(7000))).toHaveLength(6000);
    expect(autologParamValue(3)).toBe('3');
  });
});
