// Security: hashed keys with constant-time checks, predict/admin scopes, per-key rate limits,
// CORS, the audit log, and no key ever appearing in logs, metrics or error bodies.
import { describe, expect, it } from 'vitest';
import { FEATURES, fittedClassifier, postJson } from '../../test/fixtures.js';
import { createServingApp } from '../app/create-app.js';
import type { ServingLogger } from '../app/options.js';
import { ApiKeyStore, createApiKey, hashApiKey } from './api-keys.js';
import { AuditLog } from './audit.js';
import { RateLimiter } from './rate-limit.js';

describe('API keys', () => {
  it('stores only a salted hash and verifies in constant time', () => {
    const { key, record } = createApiKey(['predict'], { id: 'abcdef12', label: 'ci' });
    expect(key).toMatch(/^mlpy_abcdef12_[\w-]{32}$/);
    expect(JSON.stringify(record)).not.toContain(key.slice(key.indexOf('_', 5) + 1));
    expect(record.hash).toBe(hashApiKey(key, record.salt));
    const other = createApiKey(['admin']);
    expect(other.record.salt).not.toBe(record.salt);
    const store = new ApiKeyStore([record, other.record]);
    expect(store.size).toBe(2);
    expect(store.verify(key)?.id).toBe('abcdef12');
    // One character changed (a different one whatever the random key ends with).
    const tampered = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
    expect(store.verify(tampered)).toBeUndefined();
    expect(store.verify('mlpy_zzzzzzzz_aaaaaaaaaaaaaaaaaaaaaaaa')).toBeUndefined();
    expect(store.verify('not a key')).toBeUndefined();
    expect(() => new ApiKeyStore([{ ...record, hash: 'nothex' }])).toThrow(/hex/);
    expect(() => createApiKey(['predict'], { id: 'BAD' })).toThrow(/id/);
  });

  it('RateLimiter refills tokens over time', () => {
    let now = 0;
    const rl = new RateLimiter({ perSecond: 2, burst: 2 }, () => now);
    expect([rl.take('k'), rl.take('k')]).toEqual([0, 0]);
    expect(rl.take('k')).toBeCloseTo(0.5, 12);
    expect(rl.take('other')).toBe(0);
    now = 500;
    expect(rl.take('k')).toBe(0);
  });

  it('AuditLog is bounded and forwards to its sink', () => {
    const seen: string[] = [];
    const log = new AuditLog((e) => seen.push(e.action), 2);
    for (const action of ['a', 'b', 'c'])
      log.record({ requestId: 'r', actor: 'x', action, target: 't', outcome: 'ok' });
    expect(log.list().map((e) => e.action)).toEqual(['b', 'c']);
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});

describe('auth in the app', () => {
  async function secured() {
    const user = createApiKey(['predict'], { id: 'user0001' });
    const admin = createApiKey(['predict', 'admin'], { id: 'admin001' });
    const lines: string[] = [];
    const logger: ServingLogger = {
      info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
      warn: (m, f) => lines.push(JSON.stringify({ m, ...f })),
      error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    };
    const audit: unknown[] = [];
    const app = createServingApp({
      models: [{ name: 'churn', model: await fittedClassifier(0) }],
      auth: { keys: [user.record, admin.record], rateLimit: { perSecond: 1, burst: 5 } },
      cors: { origin: ['https://app.example.com'], maxAge: 600 },
      logger,
      accessLog: true,
      auditSink: (e) => audit.push(e),
      metrics: { processMetrics: false },
    });
    await app.runtime.ready();
    return { app, user, admin, lines, audit };
  }
  const body = { rows: [Object.fromEntries(FEATURES.map((f) => [f, 0.1]))] };

  it('requires a valid key with the right scope', async () => {
    const { app, user, admin } = await secured();
    const none = await app.request('/predict', postJson(body));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await app.request('/predict', postJson(body, { 'x-api-key': `${user.key}x` }))).status).toBe(401);
    expect((await app.request('/predict', postJson(body, { 'x-api-key': user.key }))).status).toBe(200);
    expect(
      (await app.request('/predict', postJson(body, { authorization: `Bearer ${admin.key}` }))).status,
    ).toBe(200);
    const forbidden = await app.request('/admin/models/churn/refresh', {
      method: 'POST',
      headers: { 'x-api-key': user.key },
    });
    expect(forbidden.status).toBe(403);
    const ok = await app.request('/admin/models/churn/refresh', {
      method: 'POST',
      headers: { 'x-api-key': admin.key },
    });
    expect(ok.status).toBe(200);
    // Open service routes.
    expect((await app.request('/health')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
  });

  it('rate-limits per key with 429 and Retry-After', async () => {
    const { app, user, admin } = await secured();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await app.request('/predict', postJson(body, { 'x-api-key': user.key }))).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await app.request('/predict', postJson(body, { 'x-api-key': user.key }));
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another key has its own bucket.
    expect((await app.request('/predict', postJson(body, { 'x-api-key': admin.key }))).status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const { app } = await secured();
    const pre = await app.request('/predict', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const evil = await app.request('/health', { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('audits admin actions with the key id, and never writes a key anywhere', async () => {
    const { app, user, admin, lines, audit } = await secured();
    await app.request('/predict', postJson(body, { 'x-api-key': user.key }));
    await app.request('/predict', postJson(body, { 'x-api-key': `${user.key}0` }));
    await app.request('/predict', postJson({ rows: [{ a: 'bad' }] }, { 'x-api-key': user.key }));
    await app.request('/admin/models/churn/rollback', {
      method: 'POST',
      headers: { 'x-api-key': admin.key },
    });
    await app.request('/admin/models/churn/aliases/champion', {
      ...postJson({ version: '1' }, { 'x-api-key': admin.key }),
      method: 'PUT',
    });
    await app.request('/admin/models/churn/aliases/champion', {
      ...postJson({}, { 'x-api-key': admin.key }),
      method: 'PUT',
    });
    const auditRes = await app.request('/admin/audit?limit=10', { headers: { 'x-api-key': admin.key } });
    const entries = (
      (await auditRes.json()) as { entries: { actor: string; action: string; outcome: string }[] }
    ).entries;
    expect(entries.map((e) => `${e.actor}:${e.action}:${e.outcome}`)).toEqual([
      'admin001:rollback:error',
      'admin001:set-alias:ok',
      'admin001:set-alias:error',
    ]);
    expect(audit).toHaveLength(3);
    const errorBodies = await Promise.all([
      Promise.resolve(app.request('/predict', postJson(body, { 'x-api-key': `${user.key}0` }))).then((r) =>
        r.text(),
      ),
      Promise.resolve(app.request('/admin/audit', { headers: { 'x-api-key': user.key } })).then((r) =>
        r.text(),
      ),
    ]);
    const metrics = await (await app.request('/metrics')).text();
    const everything = [
      ...lines,
      JSON.stringify(audit),
      JSON.stringify(entries),
      metrics,
      ...errorBodies,
    ].join('\n');
    expect(lines.some((l) => l.includes('"actor":"user0001"'))).toBe(true);
    for (const key of [user.key, admin.key]) {
      const secret = key.slice(key.indexOf('_', 5) + 1);
      expect(everything).not.toContain(secret);
    }
    expect(metrics).toContain('mlpy_rejected_requests_total{reason="unauthorized"}');
  });
});
