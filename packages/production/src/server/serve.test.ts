// serveModel on a real loopback port: the seed's one-liner works, SIGTERM drains in-flight
// requests before closing, and a drain that outlasts its timeout cuts the stragglers off.
import { describe, expect, it } from 'vitest';
import { AsyncPredictor, FEATURES, fittedClassifier } from '../../test/fixtures.js';
import { serveModel, startServer } from './serve.js';

const body = JSON.stringify({ rows: [Object.fromEntries(FEATURES.map((f) => [f, 0.2]))] });
const predict = (url: string) =>
  fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** Waits (bounded) until the server has `n` requests in flight; the machine may be busy. */
async function inFlight(server: { runtime: { activeRequests: number } }, n: number): Promise<void> {
  for (let i = 0; i < 250 && server.runtime.activeRequests !== n; i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(server.runtime.activeRequests).toBe(n);
}

/** Emits SIGTERM to our handler only (other listeners, e.g. the test runner's, are set aside). */
function sigterm(): void {
  const others = process.listeners('SIGTERM');
  const ours = others.filter((l) => l.name === 'onSignal');
  const foreign = others.filter((l) => !ours.includes(l));
  for (const l of foreign) process.off('SIGTERM', l);
  try {
    process.emit('SIGTERM', 'SIGTERM');
  } finally {
    for (const l of foreign) process.on('SIGTERM', l);
  }
}

describe('serveModel', () => {
  it('serves POST /predict on the given port', async () => {
    const model = await fittedClassifier(0);
    const server = await serveModel(model, {
      port: 0,
      hostname: '127.0.0.1',
      handleSignals: false,
      name: 'clf',
    });
    try {
      const res = await predict(server.url);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        model: 'clf',
        version: '1',
        predictions: [expect.any(String)],
      });
      expect(server.port).toBeGreaterThan(0);
    } finally {
      expect(await server.close()).toBe(true);
    }
  });

  it('drains in-flight requests on SIGTERM, then stops accepting', async () => {
    const model = new AsyncPredictor(await fittedClassifier(0), 1000);
    const server = await serveModel(model, { port: 0, hostname: '127.0.0.1', batching: { enabled: false } });
    const inflight = predict(server.url);
    await inFlight(server, 1);
    sigterm();
    expect(server.runtime.draining).toBe(true);
    expect((await server.app.request('/ready')).status).toBe(503);
    expect((await server.app.request('/predict', { method: 'POST' })).status).toBe(503);
    expect((await server.app.request('/health')).status).toBe(200);
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await server.close()).toBe(true);
    await expect(predict(server.url)).rejects.toThrow();
    expect(process.listeners('SIGTERM').some((l) => l.name === 'onSignal')).toBe(false);
  });

  it('fails to start (and stops retrying) when the models cannot load', async () => {
    const source = {
      kind: 'static',
      resolve: () => Promise.reject(new Error('registry down')),
      load: () => Promise.reject(new Error('x')),
    };
    await expect(
      startServer({
        models: [{ name: 'm', source }],
        port: 0,
        handleSignals: false,
        logger: { info() {}, warn() {}, error() {} },
      }),
    ).rejects.toThrow('registry down');
  });

  it('gives up on requests that outlast the drain timeout', async () => {
    const model = new AsyncPredictor(await fittedClassifier(0), 3000);
    const server = await serveModel(model, {
      port: 0,
      hostname: '127.0.0.1',
      handleSignals: false,
      drainTimeoutMs: 100,
      batching: { enabled: false },
    });
    const inflight = predict(server.url).catch((e: Error) => e);
    await inFlight(server, 1);
    expect(await server.close()).toBe(false);
    expect(await inflight).toBeInstanceOf(Error);
  });
});
