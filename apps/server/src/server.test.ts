// The reference server on real SQLite stores over real HTTP on loopback: serving every aliased
// model, following alias moves and new registrations, readiness, dashboard, auth, shutdown.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DummyClassifier, LogisticRegression, saveModel } from '@mlpy/core';
import { createApiKey } from '@mlpy/production';
import { createTracker, type Tracker } from '@mlpy/tracking';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
  [2, 2],
  [2, 3],
];
const y = ['a', 'a', 'a', 'b', 'b', 'b'];
const quiet = { info() {}, warn() {}, error() {} };
const open: RunningServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** Fits a model, logs it into a run and registers it; returns the version. */
async function register(
  tracker: Tracker,
  name: string,
  model: DummyClassifier | LogisticRegression,
): Promise<string> {
  await model.fit(X, y);
  const run = await tracker.startRun({ runName: model.estimatorName });
  await run.logMetrics({ test_accuracy: model.estimatorName === 'DummyClassifier' ? 0.5 : 1 });
  await tracker.registry.logModel(run.id, { model: saveModel(model), estimator: model.estimatorName });
  await run.end();
  return (await tracker.registry.registerModel({ name, runId: run.id, metrics: { test_accuracy: 1 } }))
    .version;
}

async function store(): Promise<{ dir: string; uri: string; tracker: Tracker }> {
  const dir = mkdtempSync(join(tmpdir(), 'mlpy-server-'));
  const uri = join(dir, 'tracking.db');
  return { dir, uri, tracker: await createTracker(uri) };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reference server', () => {
  it('serves every aliased model by alias and follows alias moves and new registrations', async () => {
    const { uri, tracker } = await store();
    const v1 = await register(tracker, 'toy', new DummyClassifier());
    const v2 = await register(tracker, 'toy', new LogisticRegression());
    await tracker.registry.setAlias('toy', 'champion', v1);
    await tracker.registry.setAlias('toy', 'challenger', v2);
    const server = await startServer({ port: 0, trackingUri: uri, pollIntervalMs: 100 }, { logger: quiet });
    open.push(server);
    const u = server.url;
    expect((await fetch(`${u}/health`)).status).toBe(200);
    expect(await (await fetch(`${u}/ready`)).json()).toEqual({ status: 'ready', models: ['toy'] });
    const rows = { rows: [{ x0: 2, x1: 3 }] };
    expect((await post(`${u}/predict`, rows)).body).toMatchObject({
      model: 'toy',
      version: '1',
      predictions: ['a'],
    });
    expect((await post(`${u}/models/toy/predict?alias=challenger`, rows)).body).toMatchObject({
      version: '2',
      predictions: ['b'],
    });
    // promote: the champion moves to version 2 without a restart
    await tracker.registry.setAlias('toy', 'champion', v2);
    await until(async () => (await post(`${u}/predict`, rows)).body['version'] === '2');
    // a new model registered with an alias is picked up
    const other = await register(tracker, 'other', new LogisticRegression());
    await tracker.registry.setAlias('other', 'prod', other);
    await until(async () => (await post(`${u}/models/other/predict`, rows)).status === 200);
    const ready = (await (await fetch(`${u}/ready`)).json()) as { models: string[] };
    expect(ready.models.sort()).toEqual(['other', 'toy']);
    const metrics = await (await fetch(`${u}/metrics`)).text();
    expect(metrics).toMatch(/mlpy_/);
    const openapi = (await (await fetch(`${u}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/models/other/predict');
    const page = await (await fetch(`${u}/`)).text();
    expect(page).toMatch(/<h1>MLPY model server<\/h1>/);
    expect(page).toMatch(/toy.*@champion/s);
    expect(page).toMatch(/serving/);
    expect(page).toMatch(/test_accuracy=/);
    await tracker.close();
  });

  it('starts with an empty registry: health ok, not ready, predict 503, dashboard explains', async () => {
    const { uri, tracker } = await store();
    const server = await startServer({ port: 0, trackingUri: uri, pollIntervalMs: 100 }, { logger: quiet });
    open.push(server);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'no-models' });
    const p = await post(`${server.url}/predict`, { rows: [[1, 2]] });
    expect(p.status).toBe(503);
    expect(p.body).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    expect(await (await fetch(`${server.url}/`)).text()).toMatch(/No registered models yet/);
    // a model without an alias is not served; once aliased, it is
    const v = await register(tracker, 'late', new LogisticRegression());
    expect(await server.serving.sync()).toBe(false);
    await tracker.registry.setAlias('late', 'champion', v);
    await until(async () => (await fetch(`${server.url}/ready`)).status === 200);
    // removing the last alias stops serving it
    await tracker.registry.deleteAlias('late', 'champion');
    await until(async () => (await fetch(`${server.url}/ready`)).status === 503);
    await tracker.close();
  });

  it('requires API keys when configured, can hide the dashboard, and drains on close', async () => {
    const { dir, uri, tracker } = await store();
    const v = await register(tracker, 'toy', new LogisticRegression());
    await tracker.registry.setAlias('toy', 'champion', v);
    const { key, record } = createApiKey(['predict']);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify([record]));
    const server = await startServer(
      { port: 0, trackingUri: uri, apiKeys: [record], dashboard: false },
      { logger: quiet },
    );
    const u = server.url;
    expect((await post(`${u}/predict`, { rows: [[1, 1]] })).status).toBe(401);
    expect((await post(`${u}/predict`, { rows: [[1, 1]] }, { 'x-api-key': key })).status).toBe(200);
    expect((await fetch(`${u}/`)).status).not.toBe(200);
    expect(await server.close()).toBe(true);
    expect(await server.close()).toBe(true);
    await expect(fetch(`${u}/health`)).rejects.toThrow();
    await tracker.close();
  });

  it('keeps serving the old set when a new model fails to load, and reports it', async () => {
    const { uri, tracker } = await store();
    const v = await register(tracker, 'toy', new LogisticRegression());
    await tracker.registry.setAlias('toy', 'champion', v);
    const run = await tracker.startRun({ runName: 'broken' });
    await run.end();
    const broken = await tracker.registry.registerModel({ name: 'broken', runId: run.id });
    await tracker.registry.setAlias('broken', 'champion', broken.version);
    const server = await startServer({ port: 0, trackingUri: uri }, { logger: quiet });
    open.push(server);
    expect(server.serving.current).toBeUndefined();
    expect(server.serving.lastError).toMatch(/models failed to load/);
    expect(await (await fetch(`${server.url}/`)).text()).toMatch(/class="error"/);
    await tracker.registry.deleteAlias('broken', 'champion');
    expect(await server.serving.sync()).toBe(true);
    expect(server.serving.current?.runtime.manager.names).toEqual(['toy']);
    await tracker.close();
  });
});
