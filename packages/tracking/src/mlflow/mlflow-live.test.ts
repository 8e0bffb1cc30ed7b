// Against a real MLflow server: a TypeScript run shows its params, metrics, artifacts and registered
// model through MLflow's own REST API; retries ride out 429/503; and the outage journal keeps every
// metric while the server is stopped and restarted mid-run.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearRegression, MlpyError, NotFoundError } from '@mlpy/core';
import { afterAll, expect, it } from 'vitest';
import { startMlflowServer } from '../../test/mlflow-server.js';
import { describeService } from '../../test/services.js';
import { autolog } from '../autolog/autolog.js';
import { createTracker, Tracker } from '../client/tracker.js';
import { MlflowHttp } from './http.js';
import { MlflowStore } from './mlflow-store.js';

const server = await startMlflowServer();

/** GET a JSON endpoint of MLflow's REST API directly, without our client. */
async function rest<T>(base: string, path: string, query: Record<string, string>): Promise<T> {
  const res = await fetch(`${base}/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`);
  expect(res.status, `${path} ${JSON.stringify(query)}`).toBe(200);
  return (await res.json()) as T;
}

/** A proxy in front of MLflow that answers the first `failures` requests with `status`. */
async function flakyProxy(
  target: string,
  failures: number,
  status: number,
): Promise<{ url: string; hits: () => number; auth: () => string | undefined; close: () => Promise<void> }> {
  let seen = 0;
  let auth: string | undefined;
  const upstream = new URL(target);
  const proxy: Server = createServer((req, res) => {
    seen++;
    auth = req.headers.authorization;
    if (seen <= failures) {
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(
        JSON.stringify({
          error_code: status === 429 ? 'REQUEST_LIMIT_EXCEEDED' : 'TEMPORARILY_UNAVAILABLE',
          message: 'injected',
        }),
      );
      return;
    }
    const fwd = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(fwd);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => seen,
    auth: () => auth,
    close: () => new Promise((r) => proxy.close(() => r())),
  };
}

describeService('mlflow server', server, (mlflow) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpy-mlflow-live-'));
  afterAll(async () => {
    await mlflow.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a TypeScript run, its artifacts and its registered model in MLflow', async () => {
    const tracker = await createTracker(mlflow.url, { mlflow: { journal: { path: join(dir, 'e2e.db') } } });
    await tracker.setExperiment('ts-e2e');
    const stop = autolog(tracker, { registeredModelName: 'ts-e2e-model' });
    const runId = await tracker.withRun(async (run) => {
      await run.logParam('source', 'typescript');
      for (let step = 0; step < 5; step++) await run.logMetric('loss', 1 / (step + 1), { step });
      await new LinearRegression().fit([[1], [2], [3], [4]], [3, 5, 7, 9]);
      await run.logText('done', 'notes/summary.txt');
      return run.id;
    });
    stop();
    await tracker.registry.setAlias('ts-e2e-model', 'champion', '1');

    const { run } = await rest<{
      run: {
        info: { status: string };
        data: { params: { key: string; value: string }[]; metrics: { key: string; value: number }[] };
      };
    }>(mlflow.url, 'runs/get', { run_id: runId });
    expect(run.info.status).toBe('FINISHED');
    const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
    expect(params).toMatchObject({ source: 'typescript', fitIntercept: 'true' });
    const metrics = Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value]));
    expect(metrics['loss']).toBeCloseTo(0.2);
    expect(metrics['training_r2']).toBeCloseTo(1);
    const history = await rest<{ metrics: unknown[] }>(mlflow.url, 'metrics/get-history', {
      run_id: runId,
      metric_key: 'loss',
    });
    expect(history.metrics).toHaveLength(5);
    const files = await rest<{ files: { path: string }[] }>(mlflow.url, 'artifacts/list', {
      run_id: runId,
      path: 'model',
    });
    expect(files.files.map((f) => f.path).sort()).toEqual(['model/MLmodel', 'model/model.mlpy']);
    const mlmodel = await tracker.store.downloadArtifact(runId, 'model/MLmodel');
    expect(new TextDecoder().decode(mlmodel)).toMatch(/flavors:\n {2}mlpy:/);
    const { registered_model: model } = await rest<{
      registered_model: { aliases: { alias: string; version: string }[] };
    }>(mlflow.url, 'registered-models/get', { name: 'ts-e2e-model' });
    expect(model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    const { model_version: version } = await rest<{
      model_version: { run_id: string; source: string; tags: { key: string }[] };
    }>(mlflow.url, 'model-versions/get', { name: 'ts-e2e-model', version: '1' });
    expect(version.run_id).toBe(runId);
    expect(version.source).toMatch(new RegExp(`${runId}/artifacts/model$`));
    expect(version.tags.map((t) => t.key)).toEqual(
      expect.arrayContaining(['mlpy.dataset_digest', 'mlpy.signature', 'mlpy.metrics']),
    );
    await tracker.close();
  });

  it('retries 429 and 503 answers with backoff, then succeeds', async () => {
    for (const status of [429, 503]) {
      const proxy = await flakyProxy(mlflow.url, 2, status);
      const store = new MlflowStore(proxy.url, { retry: { maxRetries: 3, baseDelayMs: 10 }, journal: false });
      expect(await store.getExperimentByName('Default')).toBeDefined();
      expect(proxy.hits()).toBe(3);
      await store.close();
      await proxy.close();
    }
  });

  it('sends a bearer token or basic credentials', async () => {
    const proxy = await flakyProxy(mlflow.url, 0, 200);
    await new MlflowStore(proxy.url, { token: 'secret', journal: false }).searchExperiments({
      maxResults: 1,
    });
    expect(proxy.auth()).toBe('Bearer secret');
    await new MlflowStore(proxy.url, { username: 'ann', password: 'pw', journal: false }).searchExperiments({
      maxResults: 1,
    });
    expect(proxy.auth()).toBe(`Basic ${Buffer.from('ann:pw').toString('base64')}`);
    await proxy.close();
  });

  it('gives up after the last retry with a typed error, and maps MLflow errors', async () => {
    const proxy = await flakyProxy(mlflow.url, 10, 429);
    const http = new MlflowHttp(proxy.url, { retry: { maxRetries: 1, baseDelayMs: 1 } });
    await expect(
      http.json(
        { method: 'GET', path: '/api/2.0/mlflow/experiments/get', query: { experiment_id: '0' } },
        'x',
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(proxy.hits()).toBe(2);
    await proxy.close();
    const store = new MlflowStore(mlflow.url, { journal: false });
    await expect(store.getRun('0'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);
    const down = new MlflowStore('http://127.0.0.1:9', { retry: { maxRetries: 0 }, journal: false });
    const error = await down.getExperiment('0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlpyError);
    expect((error as MlpyError).code).toBe('UNAVAILABLE');
    expect((error as Error).message).toMatch(/cannot reach the MLflow server/);
    await expect(down.logBatch('0'.repeat(32), { params: { a: '1' } })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await store.close();
  });

  it('keeps writes in the journal while the server is down and replays them in order, exactly once', async () => {
    const options = {
      retry: { maxRetries: 1, baseDelayMs: 20 },
      timeoutMs: 5000,
      journal: { path: join(dir, 'outage.db'), replayIntervalMs: 100 },
    };
    const store = new MlflowStore(mlflow.url, options);
    const tracker = new Tracker(store);
    await tracker.setExperiment('outage');
    const run = await tracker.startRun({ runName: 'through-an-outage' });
    const logSteps = async (from: number, to: number) => {
      for (let step = from; step < to; step += 10) {
        const metrics = Array.from({ length: 10 }, (_, i) => ({
          key: 'loss',
          value: (step + i) / 1000,
          timestamp: Date.now(),
          step: step + i,
        }));
        await run.logBatch({ metrics });
      }
    };
    await logSteps(0, 100);
    expect(store.journal?.pending).toBe(0);
    await mlflow.stop();
    await logSteps(100, 200);
    await run.setTag('phase', 'offline');
    expect(store.journal?.pending).toBe(11);
    await expect(store.getRun(run.id)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(store.flush(300)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await mlflow.start();
    await logSteps(200, 300);
    await run.end();
    await tracker.flush();
    expect(store.journal?.pending).toBe(0);
    expect(store.journal?.failed()).toEqual([]);

    const history = await rest<{ metrics: { step: number; value: number }[] }>(
      mlflow.url,
      'metrics/get-history',
      {
        run_id: run.id,
        metric_key: 'loss',
      },
    );
    const steps = history.metrics.map((m) => Number(m.step)).sort((a, b) => a - b);
    expect(steps).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const got = await rest<{
      run: { info: { status: string }; data: { tags: { key: string; value: string }[] } };
    }>(mlflow.url, 'runs/get', { run_id: run.id });
    expect(got.run.info.status).toBe('FINISHED');
    expect(got.run.data.tags).toContainEqual({ key: 'phase', value: 'offline' });
    await tracker.close();
  }, 180_000);

  it('replays a journal left behind by an earlier process', async () => {
    const path = join(dir, 'left-behind.db');
    const first = new MlflowStore(mlflow.url, {
      retry: { maxRetries: 0 },
      journal: { path, replayIntervalMs: 100 },
    });
    const exp = await first.createExperiment(`left-${Date.now()}`);
    const run = await first.createRun({ experimentId: exp });
    await mlflow.stop();
    await first.logBatch(run.runId, {
      params: { kept: 'yes' },
      metrics: [{ key: 'm', value: Number.NaN, timestamp: 1, step: 0 }],
    });
    // Changed while offline: the server refuses it on replay, and it moves to the failed table.
    await first.logBatch(run.runId, { params: { kept: 'no' } });
    await first.logArtifact(run.runId, 'offline.txt', new TextEncoder().encode('written offline'));
    await first.updateRun(run.runId, { status: 'FINISHED', endTime: Date.now() });
    expect(first.journal?.pending).toBe(4);
    await first.close();
    await mlflow.start();
    const refused: unknown[] = [];
    const second = new MlflowStore(mlflow.url, {
      journal: { path, replayIntervalMs: 100, onReplayError: (e) => refused.push(e) },
    });
    await second.flush();
    const after = await second.getRun(run.runId);
    expect(after.data.params).toEqual({ kept: 'yes' });
    expect(after.data.metrics['m']?.value).toBeNaN();
    expect(after.info.status).toBe('FINISHED');
    expect(new TextDecoder().decode(await second.downloadArtifact(run.runId, 'offline.txt'))).toBe(
      'written offline',
    );
    expect(refused).toHaveLength(1);
    expect(second.journal?.failed().map((f) => f.error)).toEqual([
      expect.stringMatching(/Changing param values/),
    ]);
    await second.close();
  }, 180_000);
});
