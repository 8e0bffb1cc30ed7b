// The Tracker on the embedded SQLite store: URIs, runs, withRun, nesting, params, metrics, artifacts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConflictError, InvalidParameterError, MlpyError } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramValue } from './active-run.js';
import { DEFAULT_SQLITE_PATH, openStore, parseTrackingUri } from './open-store.js';
import { createTracker, type Tracker } from './tracker.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-tracker-'));
let tracker: Tracker;
beforeAll(async () => {
  tracker = await createTracker(`sqlite:${join(dir, 'tracking.db')}`);
});
afterAll(async () => {
  await tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseTrackingUri', () => {
  it('picks the store from the URI', () => {
    expect(parseTrackingUri('http://127.0.0.1:5000')).toEqual({
      kind: 'mlflow',
      target: 'http://127.0.0.1:5000',
    });
    expect(parseTrackingUri('https://mlflow.example.com').kind).toBe('mlflow');
    expect(parseTrackingUri('postgres://u@h/db').kind).toBe('postgres');
    expect(parseTrackingUri('postgresql://u@h/db').kind).toBe('postgres');
    expect(parseTrackingUri('sqlite:runs.db')).toEqual({ kind: 'sqlite', target: resolve('runs.db') });
    expect(parseTrackingUri('sqlite:///rel/runs.db').target).toBe(resolve('rel/runs.db'));
    expect(parseTrackingUri('sqlite:////abs/runs.db').target).toBe('/abs/runs.db');
    expect(parseTrackingUri(pathToFileURL('/tmp/x.db').href).target).toBe('/tmp/x.db');
    expect(parseTrackingUri('./local.db').target).toBe(resolve('local.db'));
  });

  it('defaults to ./.mlpy/tracking.db, or MLPY_TRACKING_URI when set', () => {
    const saved = process.env['MLPY_TRACKING_URI'];
    delete process.env['MLPY_TRACKING_URI'];
    expect(parseTrackingUri()).toEqual({ kind: 'sqlite', target: resolve(DEFAULT_SQLITE_PATH) });
    process.env['MLPY_TRACKING_URI'] = 'http://mlflow:5000';
    expect(parseTrackingUri().kind).toBe('mlflow');
    if (saved === undefined) delete process.env['MLPY_TRACKING_URI'];
    else process.env['MLPY_TRACKING_URI'] = saved;
  });

  it('refuses unknown schemes and empty sqlite paths', () => {
    expect(() => parseTrackingUri('s3://bucket/db')).toThrow(InvalidParameterError);
    expect(() => parseTrackingUri('sqlite:')).toThrow(InvalidParameterError);
  });
});

describe('Tracker', () => {
  it('logs params, metrics and tags in withRun and ends the run FINISHED', async () => {
    await tracker.setExperiment('tracker-test');
    const runId = await tracker.withRun(
      async (run) => {
        await run.logParams({ lr: 0.1, layers: [64, 32], name: 'mlp', debug: false });
        for (let step = 0; step < 3; step++) await run.logMetrics({ loss: 1 / (step + 1) }, { step });
        await run.logMetric('acc', 0.9, { step: 2, timestamp: 1234 });
        await run.setTag('team', 'ml');
        return run.id;
      },
      { runName: 'with-run' },
    );
    const run = await tracker.getRun(runId);
    expect(run.info).toMatchObject({ status: 'FINISHED', runName: 'with-run' });
    expect(run.info.endTime).toBeGreaterThanOrEqual(run.info.startTime);
    expect(run.data.params).toEqual({ lr: '0.1', layers: '[64,32]', name: 'mlp', debug: 'false' });
    expect(run.data.metrics['acc']).toEqual({ key: 'acc', value: 0.9, step: 2, timestamp: 1234 });
    expect(run.data.tags).toMatchObject({ team: 'ml', 'mlflow.source.type': 'LOCAL' });
    expect((await tracker.getMetricHistory(runId, 'loss')).map((m) => m.value)).toEqual([1, 0.5, 1 / 3]);
    expect(tracker.activeRun).toBeUndefined();
  });

  it('ends the run FAILED when the body throws, and rethrows', async () => {
    let id = '';
    await expect(
      tracker.withRun(async (run) => {
        id = run.id;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await tracker.getRun(id)).info.status).toBe('FAILED');
  });

  it('nests runs under the active run and restores it when they end', async () => {
    const parent = await tracker.startRun({ runName: 'parent' });
    const child = await tracker.startRun({ runName: 'child', nested: true });
    expect(tracker.activeRun?.id).toBe(child.id);
    expect((await tracker.getRun(child.id)).data.tags['mlflow.parentRunId']).toBe(parent.id);
    await tracker.logMetric('inner', 1);
    await tracker.endRun();
    expect(tracker.activeRun?.id).toBe(parent.id);
    await tracker.logParam('outer', 'yes');
    await tracker.logParams({ more: 1 });
    await tracker.logMetrics({ m: 2 });
    await tracker.setTag('t', 'v');
    await tracker.endRun('KILLED');
    await parent.end();
    const kids = await tracker.searchRuns({ parentRunId: parent.id });
    expect(kids.map((r) => r.info.runId)).toEqual([child.id]);
    expect((await tracker.getRun(parent.id)).info.status).toBe('KILLED');
    expect((await tracker.getRun(parent.id)).data.params).toEqual({ outer: 'yes', more: '1' });
  });

  it('needs an active run for run-level calls and a parent for nested runs', async () => {
    await expect(tracker.startRun({ nested: true })).rejects.toBeInstanceOf(MlpyError);
    expect(() => tracker.logMetric('x', 1)).toThrow(/No active run/);
  });

  it('refuses to change a logged param', async () => {
    await tracker.withRun(async (run) => {
      await run.logParam('seed', 1);
      await run.logParam('seed', '1');
      await expect(run.logParam('seed', 2)).rejects.toBeInstanceOf(ConflictError);
    });
  });

  it('uploads files and whole folders as artifacts', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'A');
    writeFileSync(join(src, 'sub', 'b.txt'), 'BB');
    const single = join(dir, 'single.json');
    writeFileSync(single, '{}');
    await tracker.withRun(async (run) => {
      await run.logArtifact(src, 'inputs');
      await tracker.logArtifact(single);
      await run.logArtifact(single, 'config');
      await run.logText('hello', 'notes/readme.md');
      const store = tracker.store;
      expect((await store.listArtifacts(run.id)).map((a) => a.path)).toEqual([
        'config',
        'inputs',
        'notes',
        'single.json',
      ]);
      expect((await store.listArtifacts(run.id, 'inputs')).map((a) => a.path)).toEqual([
        'inputs/a.txt',
        'inputs/sub',
      ]);
      expect(new TextDecoder().decode(await store.downloadArtifact(run.id, 'inputs/sub/b.txt'))).toBe('BB');
      expect(new TextDecoder().decode(await store.downloadArtifact(run.id, 'config/single.json'))).toBe('{}');
      await expect(run.logArtifact(single, '../outside')).rejects.toBeInstanceOf(InvalidParameterError);
    });
  });

  it('reuses an experiment created by someone else', async () => {
    const other = await openStore(join(dir, 'tracking.db'));
    const id = await other.createExperiment('shared-exp');
    expect(await tracker.experimentId('shared-exp')).toBe(id);
    await other.close();
  });
});

describe('paramValue', () => {
  it('stringifies like MLflow clients do', () => {
    expect(paramValue('x')).toBe('x');
    expect(paramValue(3)).toBe('3');
    expect(paramValue(undefined)).toBe('undefined');
    expect(paramValue(10n)).toBe('10');
    expect(paramValue({ a: 1 })).toBe('{"a":1}');
    expect(paramValue(null)).toBe('null');
  });
});
