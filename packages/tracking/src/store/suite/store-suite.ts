// The shared store suite: every TrackingStore (SQLite, PostgreSQL, MLflow) must pass these cases,
// which mirror what MLflow's tests/tracking/test_rest_tracking.py checks over REST.
import { ConflictError, InvalidParameterError, NotFoundError } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, TrackingStore } from '../types.js';
import { allPages, uniqueName } from './helpers.js';
import { registrySuite } from './registry-suite.js';

const byStep = (a: Metric, b: Metric) => a.step - b.step || a.timestamp - b.timestamp;

/** Registers the shared cases for the store that `open` creates. */
export function storeSuite(name: string, open: () => Promise<TrackingStore>): void {
  describe(`${name} store`, () => {
    let store: TrackingStore;
    let experimentId: string;
    const ctx = {
      get store() {
        return store;
      },
      get experimentId() {
        return experimentId;
      },
    };

    beforeAll(async () => {
      store = await open();
      experimentId = await store.createExperiment(uniqueName('suite'));
    });
    afterAll(async () => {
      await store?.close();
    });

    const newRun = async (runName?: string, tags?: Record<string, string>) =>
      store.createRun({
        experimentId,
        startTime: Date.now(),
        ...(runName ? { runName } : {}),
        ...(tags ? { tags } : {}),
      });

    it('creates, gets and finds experiments by name, with tags', async () => {
      const name = uniqueName('exp');
      const id = await store.createExperiment(name, { tags: { team: 'ml' } });
      const exp = await store.getExperiment(id);
      expect(exp).toMatchObject({ experimentId: id, name, lifecycleStage: 'active', tags: { team: 'ml' } });
      expect(exp.artifactLocation).not.toBe('');
      expect((await store.getExperimentByName(name))?.experimentId).toBe(id);
      expect(await store.getExperimentByName(uniqueName('missing'))).toBeUndefined();
      await store.setExperimentTag(id, 'stage', 'dev');
      expect((await store.getExperiment(id)).tags).toMatchObject({ team: 'ml', stage: 'dev' });
    });

    it('refuses duplicate, empty and unknown experiments with typed errors', async () => {
      const name = uniqueName('dup');
      await store.createExperiment(name);
      await expect(store.createExperiment(name)).rejects.toBeInstanceOf(ConflictError);
      await expect(store.createExperiment('')).rejects.toBeInstanceOf(InvalidParameterError);
      await expect(store.getExperiment('987654321')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('pages through experiments without repeats', async () => {
      const prefix = uniqueName('page');
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await store.createExperiment(`${prefix}-${i}`));
      const seen = await allPages((pageToken) =>
        store.searchExperiments({ maxResults: 2, ...(pageToken ? { pageToken } : {}) }),
      );
      const seenIds = seen.map((e) => e.experimentId);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      for (const id of ids) expect(seenIds).toContain(id);
      await expect(store.searchExperiments({ pageToken: 'not-a-token' })).rejects.toBeInstanceOf(
        InvalidParameterError,
      );
    });

    it('creates a running run, ends it with a status and renames it', async () => {
      const start = Date.now();
      const info = await store.createRun({
        experimentId,
        runName: 'first',
        startTime: start,
        tags: { owner: 'me' },
      });
      expect(info).toMatchObject({ experimentId, runName: 'first', status: 'RUNNING', startTime: start });
      expect(info.runId).toMatch(/^[0-9a-f]{32}$/);
      const ended = await store.updateRun(info.runId, { status: 'FINISHED', endTime: start + 5 });
      expect(ended).toMatchObject({ status: 'FINISHED', endTime: start + 5 });
      await store.updateRun(info.runId, { runName: 'renamed' });
      const run = await store.getRun(info.runId);
      expect(run.info).toMatchObject({ runName: 'renamed', status: 'FINISHED', endTime: start + 5 });
      expect(run.data.tags).toMatchObject({ owner: 'me', 'mlflow.runName': 'renamed' });
    });

    it('refuses unknown runs and experiments', async () => {
      await expect(store.getRun('0123456789abcdef0123456789abcdef')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.createRun({ experimentId: '987654321' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.logBatch('0123456789abcdef0123456789abcdef', { params: { a: '1' } }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps params immutable: the same value is fine, a new one is a ConflictError', async () => {
      const { runId } = await newRun();
      await store.logBatch(runId, { params: { lr: '0.1', depth: '3' } });
      await store.logBatch(runId, { params: { lr: '0.1' } });
      await expect(store.logBatch(runId, { params: { lr: '0.2' } })).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getRun(runId)).data.params).toEqual({ lr: '0.1', depth: '3' });
    });

    it('logs metric history with steps and timestamps and reports the latest value', async () => {
      const { runId } = await newRun();
      const t = Date.now();
      const points = [
        { key: 'loss', value: 0.9, timestamp: t, step: 0 },
        { key: 'loss', value: 0.5, timestamp: t + 1, step: 1 },
        { key: 'loss', value: 0.7, timestamp: t + 2, step: 0 },
        { key: 'acc', value: 0.8, timestamp: t, step: 3 },
      ];
      await store.logBatch(runId, { metrics: points.slice(0, 2) });
      await store.logBatch(runId, { metrics: points.slice(2) });
      const history = (await store.getMetricHistory(runId, 'loss')).items.sort(byStep);
      expect(history).toEqual([points[0], points[2], points[1]]);
      const run = await store.getRun(runId);
      expect(run.data.metrics['loss']).toEqual(points[1]);
      expect(run.data.metrics['acc']).toEqual(points[3]);
      expect((await store.getMetricHistory(runId, 'absent')).items).toEqual([]);
    });

    it('round-trips NaN and ±Infinity metric values', async () => {
      const { runId } = await newRun();
      const t = Date.now();
      const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5];
      await store.logBatch(runId, {
        metrics: values.map((value, step) => ({ key: 'odd', value, timestamp: t, step })),
      });
      const history = (await store.getMetricHistory(runId, 'odd')).items.sort(byStep);
      expect(history.map((m) => m.value)).toEqual(values);
      await store.logBatch(runId, { metrics: [{ key: 'nan', value: Number.NaN, timestamp: t, step: 0 }] });
      expect((await store.getRun(runId)).data.metrics['nan']?.value).toBeNaN();
    });

    it('pages through a long metric history', async () => {
      const { runId } = await newRun();
      const t = Date.now();
      const metrics = Array.from({ length: 25 }, (_, step) => ({
        key: 'm',
        value: step / 2,
        timestamp: t,
        step,
      }));
      await store.logBatch(runId, { metrics });
      const pages = await allPages((pageToken) =>
        store.getMetricHistory(runId, 'm', { maxResults: 10, ...(pageToken ? { pageToken } : {}) }),
      );
      expect(pages.sort(byStep)).toEqual(metrics);
    });

    it('accepts batches larger than one MLflow call allows (1000 metrics, 100 params, 100 tags)', async () => {
      const { runId } = await newRun();
      const t = Date.now();
      const metrics = Array.from({ length: 2500 }, (_, i) => ({
        key: `k${i % 3}`,
        value: i,
        timestamp: t + i,
        step: i,
      }));
      const params = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, String(i)]));
      const tags = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`t${i}`, `v${i}`]));
      await store.logBatch(runId, { metrics, params, tags });
      const run = await store.getRun(runId);
      expect(Object.keys(run.data.params)).toHaveLength(150);
      expect(Object.keys(run.data.tags).filter((k) => k.startsWith('t'))).toHaveLength(120);
      const history = await allPages((pageToken) =>
        store.getMetricHistory(runId, 'k1', pageToken ? { pageToken } : {}),
      );
      expect(history).toHaveLength(833);
      expect(run.data.metrics['k1']?.step).toBe(2497);
    });

    it('validates keys and values like MLflow', async () => {
      const { runId } = await newRun();
      for (const bad of ['', '.', '..', '/a', 'a/', 'a//b', 'a/./b', 'a/../b', 'a\\b', 'semi;colon']) {
        await expect(store.logBatch(runId, { params: { [bad]: '1' } }), bad).rejects.toBeInstanceOf(
          InvalidParameterError,
        );
        await expect(
          store.logBatch(runId, { metrics: [{ key: bad, value: 1, timestamp: 0, step: 0 }] }),
        ).rejects.toBeInstanceOf(InvalidParameterError);
        await expect(store.logBatch(runId, { tags: { [bad]: 'x' } })).rejects.toBeInstanceOf(
          InvalidParameterError,
        );
      }
      await store.logBatch(runId, { params: { 'a/b.c-d e:f_g': 'ok' } });
      await expect(store.logBatch(runId, { params: { long: 'x'.repeat(6001) } })).rejects.toBeInstanceOf(
        InvalidParameterError,
      );
      await expect(store.logBatch(runId, { params: { ['k'.repeat(251)]: '1' } })).rejects.toBeInstanceOf(
        InvalidParameterError,
      );
      await expect(
        store.logBatch(runId, { metrics: [{ key: 'm', value: 1, timestamp: 0, step: 1.5 }] }),
      ).rejects.toBeInstanceOf(InvalidParameterError);
    });

    it('sets, overwrites and deletes tags', async () => {
      const { runId } = await newRun();
      await store.logBatch(runId, { tags: { a: '1' } });
      await store.logBatch(runId, { tags: { a: '2', b: '3' } });
      expect((await store.getRun(runId)).data.tags).toMatchObject({ a: '2', b: '3' });
      await store.deleteTag(runId, 'a');
      expect((await store.getRun(runId)).data.tags['a']).toBeUndefined();
      await expect(store.deleteTag(runId, 'a')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('searches runs by status, tag and parent, ordered by a metric, page by page', async () => {
      const exp = await store.createExperiment(uniqueName('search'));
      const parent = await store.createRun({ experimentId: exp, runName: 'parent' });
      const accs = [0.7, 0.9, 0.8];
      const children = [];
      for (const [i, acc] of accs.entries()) {
        const child = await store.createRun({
          experimentId: exp,
          runName: `child-${i}`,
          tags: { 'mlflow.parentRunId': parent.runId, kind: i === 1 ? 'best' : 'other' },
        });
        await store.logBatch(child.runId, {
          metrics: [{ key: 'acc', value: acc, timestamp: Date.now(), step: 0 }],
        });
        children.push(child.runId);
      }
      await store.updateRun(children[0]!, { status: 'FINISHED', endTime: Date.now() });
      const kids = await store.searchRuns({ experimentIds: [exp], parentRunId: parent.runId });
      expect(kids.items.map((r) => r.info.runId).sort()).toEqual([...children].sort());
      const finished = await store.searchRuns({ experimentIds: [exp], status: 'FINISHED' });
      expect(finished.items.map((r) => r.info.runId)).toEqual([children[0]]);
      const tagged = await store.searchRuns({ experimentIds: [exp], tags: { kind: 'best' } });
      expect(tagged.items.map((r) => r.info.runId)).toEqual([children[1]]);
      const desc = await store.searchRuns({
        experimentIds: [exp],
        orderBy: [{ key: 'metrics.acc', ascending: false }],
      });
      expect(desc.items.map((r) => r.data.metrics['acc']?.value)).toEqual([0.9, 0.8, 0.7, undefined]);
      const asc = await store.searchRuns({
        experimentIds: [exp],
        orderBy: [{ key: 'metrics.acc', ascending: true }],
      });
      expect(asc.items[0]?.data.metrics['acc']?.value).toBe(0.7);
      const paged = await allPages((pageToken) =>
        store.searchRuns({ experimentIds: [exp], maxResults: 3, ...(pageToken ? { pageToken } : {}) }),
      );
      expect(paged).toHaveLength(4);
    });

    it('stores artifacts in files and folders, lists and downloads them', async () => {
      const { runId } = await newRun();
      const text = new TextEncoder().encode('hello artifacts');
      const bin = new Uint8Array([0, 1, 2, 255]);
      await store.logArtifact(runId, 'notes.txt', text);
      await store.logArtifact(runId, 'model/weights.bin', bin);
      const root = await store.listArtifacts(runId);
      expect(root.map((a) => [a.path, a.isDir])).toEqual([
        ['model', true],
        ['notes.txt', false],
      ]);
      expect(root[1]?.fileSize).toBe(text.length);
      const inner = await store.listArtifacts(runId, 'model');
      expect(inner).toEqual([{ path: 'model/weights.bin', isDir: false, fileSize: 4 }]);
      expect(await store.downloadArtifact(runId, 'model/weights.bin')).toEqual(bin);
      expect(new TextDecoder().decode(await store.downloadArtifact(runId, 'notes.txt'))).toBe(
        'hello artifacts',
      );
      await expect(store.downloadArtifact(runId, 'missing.txt')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses artifact paths that leave the run', async () => {
      const { runId } = await newRun();
      for (const bad of [
        '../escape.txt',
        'a/../../escape.txt',
        '/etc/passwd',
        'a\\..\\b',
        'C:/x',
        '',
        'a//b',
      ]) {
        await expect(store.logArtifact(runId, bad, new Uint8Array([1])), bad).rejects.toBeInstanceOf(
          InvalidParameterError,
        );
      }
      await expect(store.downloadArtifact(runId, '../../x')).rejects.toBeInstanceOf(InvalidParameterError);
    });

    registrySuite(ctx);
  });
}
