// Soak: a bounded (~12 s) mixed stream of valid and invalid requests — malformed JSON, huge bodies,
// wrong types, NaN as strings, unknown models and routes — against a real server. No 5xx, no
// socket errors, and heap usage after the last phase stays within a generous bound of the first.
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { describe, expect, it } from 'vitest';
import { ColorSizeModel, FEATURES, fittedClassifier } from '../../test/fixtures.js';
import { startServer } from './serve.js';

const json = { 'content-type': 'application/json' };
const row = Object.fromEntries(FEATURES.map((f, j) => [f, j / 3]));
const requests: CannonRequest[] = [
  { method: 'POST', path: '/predict', headers: json, body: JSON.stringify({ rows: [row] }) },
  { method: 'POST', path: '/predict', headers: json, body: '{"rows": [{"a": 1,' },
  {
    method: 'POST',
    path: '/predict',
    headers: json,
    body: JSON.stringify({ rows: [row], pad: 'x'.repeat(200_000) }),
  },
  { method: 'POST', path: '/predict', headers: json, body: JSON.stringify({ rows: [{ ...row, a: 'NaN' }] }) },
  {
    method: 'POST',
    path: '/predict',
    headers: json,
    body: JSON.stringify({ rows: [{ a: true, b: [], c: {}, zz: 1 }] }),
  },
  { method: 'POST', path: '/models/ghost/predict', headers: json, body: JSON.stringify({ rows: [row] }) },
  {
    method: 'POST',
    path: '/predict_proba',
    headers: json,
    body: JSON.stringify({
      rows: [
        [0.1, 0.2, 0.3, 0.4],
        [1, 2, 3, 4],
      ],
    }),
  },
  {
    method: 'POST',
    path: '/models/color/predict',
    headers: json,
    body: JSON.stringify({
      rows: [
        { color: 'red', size: 'NaN' },
        { color: 'mauve', size: 1 },
      ],
    }),
  },
  {
    method: 'POST',
    path: '/models/color/predict',
    headers: json,
    body: JSON.stringify({ rows: [{ color: 'red', size: null }] }),
  },
  { method: 'POST', path: '/predict', headers: { 'content-type': 'text/plain' }, body: 'hello' },
  {
    method: 'POST',
    path: '/predict',
    headers: json,
    body: JSON.stringify({ rows: Array.from({ length: 600 }, () => [1, 2, 3, 4]) }),
  },
  { method: 'POST', path: '/predict', headers: json, body: 'null' },
  { method: 'GET', path: '/nowhere' },
  {
    method: 'POST',
    path: '/models/color/predict',
    headers: json,
    body: JSON.stringify({ rows: [{ color: 'blue', size: 2 }] }),
  },
  { method: 'POST', path: '/predict?version=%00', headers: json, body: JSON.stringify({ rows: [row] }) },
  { method: 'GET', path: '/models' },
];

describe('soak', () => {
  it('mixed valid and invalid traffic: zero 5xx and stable memory', async () => {
    const server = await startServer({
      models: [
        { name: 'churn', model: await fittedClassifier(0) },
        { name: 'color', model: new ColorSizeModel() },
      ],
      port: 0,
      hostname: '127.0.0.1',
      handleSignals: false,
      maxBodyBytes: 64 * 1024,
      maxRows: 500,
      metrics: { processMetrics: false },
    });
    const statuses: Record<string, number> = {};
    const heap: number[] = [];
    let errors = 0;
    try {
      for (let phase = 0; phase < 3; phase++) {
        const r = await autocannon({ url: server.url, connections: 8, duration: 4, requests, timeout: 5 });
        errors += r.errors + r.timeouts;
        const byCode = r.statusCodeStats as unknown as Record<string, { count?: number }>;
        for (const [code, s] of Object.entries(byCode))
          statuses[code] = (statuses[code] ?? 0) + (s.count ?? 0);
        await new Promise((res) => setTimeout(res, 200));
        heap.push(process.memoryUsage().heapUsed);
      }
    } finally {
      await server.close();
    }
    const fiveXX = Object.entries(statuses).filter(([c]) => c.startsWith('5'));
    expect(fiveXX).toEqual([]);
    expect(errors).toBe(0);
    for (const code of ['200', '400', '404', '413']) expect(statuses[code] ?? 0).toBeGreaterThan(0);
    // Without --expose-gc we cannot force a collection: allow 64 MiB of slack between phases.
    expect(heap[2]! - heap[0]!).toBeLessThan(64 * 1024 * 1024);
    console.info(
      'soak statuses',
      statuses,
      'heap MiB',
      heap.map((h) => Math.round(h / 2 ** 20)),
    );
  }, 60_000);
});
