// The ModelRegistry on the SQLite store: logged models with MLmodel files, versions with their
// metadata, aliases, stages, search and downloading a version's model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, type Tracker } from '../client/tracker.js';
import { renderMLmodel } from './mlmodel.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-registry-'));
let tracker: Tracker;
beforeAll(async () => {
  tracker = await createTracker(join(dir, 'tracking.db'));
});
afterAll(async () => {
  await tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

const signature = {
  inputs: [
    { name: 'age', type: 'double' as const },
    { name: 'city', type: 'string' as const },
  ],
};

describe('ModelRegistry', () => {
  it('logs a model with an MLmodel file and registers versions with their metadata', async () => {
    const reg = tracker.registry;
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const runId = await tracker.withRun(async (run) => {
      await reg.logModel(run.id, { model: bytes, estimator: 'Ridge', signature, onnx: new Uint8Array([9]) });
      return run.id;
    });
    const files = (await tracker.store.listArtifacts(runId, 'model')).map((f) => f.path);
    expect(files).toEqual(['model/MLmodel', 'model/model.mlpy', 'model/model.onnx']);
    const mlmodel = new TextDecoder().decode(await tracker.store.downloadArtifact(runId, 'model/MLmodel'));
    expect(mlmodel).toContain('  mlpy:\n    estimator: Ridge');
    expect(mlmodel).toContain('  onnx:\n    data: model.onnx');
    expect(mlmodel).toContain(`run_id: ${runId}`);

    const v1 = await reg.registerModel({
      name: 'churn',
      runId,
      datasetDigest: 'f'.repeat(64),
      metrics: { auc: 0.91 },
      signature,
      description: 'first',
    });
    const v2 = await reg.registerModel({ name: 'churn', runId });
    expect([v1.version, v2.version]).toEqual(['1', '2']);
    expect(v1.source.endsWith('/model')).toBe(true);
    expect(reg.metadata(v1)).toEqual({
      datasetDigest: 'f'.repeat(64),
      metrics: { auc: 0.91 },
      signature,
      artifactPath: 'model',
    });
    expect(reg.metadata(v2)).toEqual({ artifactPath: 'model' });

    await reg.setAlias('churn', 'champion', '1');
    await reg.setAlias('churn', 'challenger', '2');
    expect((await reg.getVersion('churn', '@champion')).version).toBe('1');
    expect(await reg.downloadModel('churn', '@champion')).toEqual(bytes);
    expect((await reg.getModel('churn')).aliases).toEqual({ champion: '1', challenger: '2' });
    await reg.deleteAlias('churn', 'challenger');
    expect((await reg.transitionStage('churn', '2', 'Staging')).currentStage).toBe('Staging');
    expect((await reg.searchModels('chu%')).map((m) => m.name)).toEqual(['churn']);
    expect((await reg.searchModels()).length).toBeGreaterThanOrEqual(1);
    expect((await reg.searchVersions({ runId })).map((v) => v.version)).toEqual(['2', '1']);
  });

  it('says clearly when a version has no logged model', async () => {
    const reg = tracker.registry;
    const runId = await tracker.withRun((run) => run.id);
    await reg.registerModel({ name: 'empty', runId });
    await expect(reg.downloadModel('empty', '1')).rejects.toBeInstanceOf(NotFoundError);
    await tracker.store.registry.createModelVersion('empty', { source: '/somewhere' });
    await expect(reg.downloadModel('empty', '2')).rejects.toThrow(/not registered from a run/);
    await expect(reg.registerModel({ name: 'x', runId: '0'.repeat(32) })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('renderMLmodel', () => {
  it('writes the flavors, signature and quoted scalars MLflow reads', () => {
    const text = renderMLmodel({
      artifactPath: 'model',
      runId: 'abc',
      estimator: 'true',
      mlpyVersion: '0.1.0',
      modelFile: 'model.mlpy',
      signature: { inputs: [{ name: 'x0', type: 'double' }], outputs: [{ name: 'y', type: 'long' }] },
      createdAt: new Date('2026-01-02T03:04:05.000Z'),
    });
    expect(text).toBe(
      [
        'artifact_path: model',
        'flavors:',
        '  mlpy:',
        "    estimator: 'true'",
        "    mlpy_version: '0.1.0'",
        '    model_file: model.mlpy',
        text.split('\n')[6],
        'run_id: abc',
        'signature:',
        `  inputs: '[{"type":"double","name":"x0","required":true}]'`,
        `  outputs: '[{"type":"long","name":"y","required":true}]'`,
        '  params: null',
        "utc_time_created: '2026-01-02 03:04:05.000'",
        '',
      ].join('\n'),
    );
    expect(text.split('\n')[6]).toMatch(/^model_uuid: [0-9a-f]{32}$/);
  });
});
