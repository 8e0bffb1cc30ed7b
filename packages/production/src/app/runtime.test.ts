// Runtime behaviour around the routes: a failed first load is retried (with /ready 503 meanwhile),
// credentials in logged errors are masked, the default JSON logger, long field names in problems.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fittedClassifier, postJson } from '../../test/fixtures.js';
import { type ModelSource, StaticSource } from '../models/index.js';
import { createServingApp } from './create-app.js';
import { jsonLogger, redact, type ServingLogger } from './options.js';

afterEach(() => vi.restoreAllMocks());

function capture(): { logger: ServingLogger; lines: string[] } {
  const lines: string[] = [];
  const push = (m: string, f?: Record<string, unknown>) => lines.push(JSON.stringify({ m, ...f }));
  return { logger: { info: push, warn: push, error: push }, lines };
}

describe('ServingRuntime', () => {
  it('retries a failed first load; /ready is 503 until the models load', async () => {
    const real = new StaticSource({ m: await fittedClassifier(0) });
    let down = true;
    const flaky: ModelSource = {
      kind: 'registry',
      resolve: (n) =>
        down
          ? Promise.reject(new Error('connect ECONNREFUSED postgres://mlpy:s3cret@db:5432/mlpy'))
          : real.resolve(n, 'latest'),
      load: (n, v) => real.load(n, v),
    };
    const { logger, lines } = capture();
    const app = createServingApp({
      models: [{ name: 'm', source: flaky }],
      logger,
      startRetryMs: 30,
      pollIntervalMs: 0,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await app.request('/ready')).status).toBe(503);
    down = false;
    for (let i = 0; i < 150 && !app.runtime.manager.ready; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await app.request('/ready')).status).toBe(200);
    expect(lines.some((l) => l.includes('model load failed; retrying'))).toBe(true);
    expect(lines.join('\n')).not.toContain('s3cret');
    app.runtime.close();
  });

  it('redact masks credentials in URLs', () => {
    expect(redact(new Error('no route to http://admin:hunter2@mlflow:5000/api'))).toBe(
      'Error: no route to http://***:***@mlflow:5000/api',
    );
    expect(redact('plain')).toBe('plain');
  });

  it('jsonLogger writes JSON lines to stderr, info only when verbose', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jsonLogger(false).info('hidden');
    jsonLogger(false).warn('shown', { a: 1 });
    jsonLogger(true).info('verbose');
    jsonLogger().error('bad');
    const out = write.mock.calls.map((c) => JSON.parse(String(c[0])) as { level: string; message: string });
    expect(out.map((o) => `${o.level}:${o.message}`)).toEqual(['warn:shown', 'info:verbose', 'error:bad']);
  });

  it('cuts long unknown field names short in validation problems; 500s never leak the cause', async () => {
    const model = await fittedClassifier(0);
    const broken = {
      ...model,
      estimatorName: 'Broken',
      inputSchema: model.inputSchema,
      predict: () => {
        throw new TypeError('secret internals');
      },
    };
    const { logger, lines } = capture();
    const app = createServingApp({
      models: [
        { name: 'm', model },
        { name: 'broken', model: broken },
      ],
      logger,
      metrics: { processMetrics: false },
    });
    await app.runtime.ready();
    const res = await app.request(
      '/predict',
      postJson({ rows: [{ a: 1, b: 1, c: 1, d: 1, ['k'.repeat(500)]: 1 }] }),
    );
    const problem = ((await res.json()) as { error: { details: { problems: { field: string }[] } } }).error
      .details.problems[0]!;
    expect(problem.field).toHaveLength(65);
    const fail = await app.request('/models/broken/predict', postJson({ rows: [[1, 2, 3, 4]] }));
    expect(fail.status).toBe(500);
    const text = await fail.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(lines.some((l) => l.includes('secret internals'))).toBe(true); // the server log keeps the cause
  });
});
