// Hot swap under load: autocannon drives a real server on a loopback port while the registry alias
// moves (picked up by polling), is moved back through the admin API and rolled back again. Every
// request must succeed, and both versions must have answered.
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, fittedClassifier } from '../../test/fixtures.js';
import { type TestRegistry, testRegistry } from '../../test/registry.js';
import { createApiKey } from '../auth/index.js';
import { type ServingServer, startServer } from './serve.js';

let reg: TestRegistry;
let server: ServingServer;
const user = createApiKey(['predict'], { id: 'loadtest1' });
const admin = createApiKey(['predict', 'admin'], { id: 'operator1' });

beforeAll(async () => {
  reg = await testRegistry();
  await reg.register('churn', await fittedClassifier(0));
  await reg.register('churn', await fittedClassifier(1, 0.01));
  await reg.tracker.registry.setAlias('churn', 'champion', '1');
  server = await startServer({
    models: [{ name: 'churn', ref: '@champion' }],
    registry: reg.tracker.registry,
    pollIntervalMs: 50,
    port: 0,
    hostname: '127.0.0.1',
    handleSignals: false,
    auth: { keys: [user.record, admin.record] },
    metrics: { processMetrics: false },
  });
});

afterAll(async () => {
  await server?.close();
  await reg?.cleanup();
});

const adminCall = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${admin.key}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('hot swap under load', () => {
  it('moves the champion alias three times with zero failed requests', async () => {
    const row = Object.fromEntries(FEATURES.map((f, j) => [f, j * 0.3 - 0.4]));
    const load = autocannon({
      url: `${server.url}/models/churn/predict`,
      connections: 16,
      duration: 3,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': user.key },
      body: JSON.stringify({ rows: [row] }),
    });
    const steps: string[] = [];
    await new Promise((r) => setTimeout(r, 600));
    await reg.tracker.registry.setAlias('churn', 'champion', '2'); // picked up by polling
    for (let i = 0; i < 50 && server.runtime.manager.current('churn')?.version !== '2'; i++)
      await new Promise((r) => setTimeout(r, 20));
    steps.push(server.runtime.manager.current('churn')!.version);
    await new Promise((r) => setTimeout(r, 600));
    const put = await adminCall('PUT', '/admin/models/churn/aliases/champion', { version: '1' });
    expect(put.status).toBe(200);
    steps.push(server.runtime.manager.current('churn')!.version);
    await new Promise((r) => setTimeout(r, 600));
    const rollback = await adminCall('POST', '/admin/models/churn/rollback');
    expect(rollback.status).toBe(200);
    steps.push(server.runtime.manager.current('churn')!.version);
    const result = await load;

    expect(steps).toEqual(['2', '1', '2']);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requests.total).toBeGreaterThan(30); // bounded by the machine; both versions must answer (below)
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/mlpy_predictions_total\{model="churn",version="1"\} [1-9]/);
    expect(metrics).toMatch(/mlpy_predictions_total\{model="churn",version="2"\} [1-9]/);
    expect(metrics).toMatch(/mlpy_model_swaps_total\{model="churn",ref="@champion"\} 3/);
    const audit = (await (await adminCall('GET', '/admin/audit')).json()) as {
      entries: { actor: string; action: string; outcome: string }[];
    };
    expect(audit.entries.map((e) => `${e.actor}:${e.action}:${e.outcome}`)).toEqual([
      'operator1:set-alias:ok',
      'operator1:rollback:ok',
    ]);
    expect((await reg.tracker.registry.getVersion('churn', '@champion')).version).toBe('2');
  });
});
