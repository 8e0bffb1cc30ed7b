// Admin routes (admin scope, every call audited): refresh references from the source, move an
// alias (hot swap), roll back, read the audit log.

import { DataError } from '@mlpy/core';
import type { Hono } from 'hono';
import { guard, limitBody, readJson, type ServingContext, type ServingEnv } from './context.js';
import type { ServingRuntime } from './runtime.js';

async function audited<T>(
  c: ServingContext,
  rt: ServingRuntime,
  action: string,
  target: string,
  fn: () => Promise<T>,
): Promise<T> {
  const base = { requestId: c.get('requestId'), actor: c.get('actor'), action, target };
  try {
    const result = await fn();
    rt.audit.record({ ...base, outcome: 'ok', details: { result } });
    return result;
  } catch (err) {
    rt.audit.record({
      ...base,
      outcome: 'error',
      details: { code: (err as { code?: string }).code ?? 'INTERNAL' },
    });
    throw err;
  }
}

async function optionalJson(c: ServingContext): Promise<Record<string, unknown>> {
  if (!c.req.header('content-type')) return {};
  const body = await readJson(c);
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new DataError('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Mounts /admin/*. */
export function mountAdminRoutes(app: Hono<ServingEnv>, rt: ServingRuntime): void {
  const admin = guard(rt, 'admin');
  const limit = limitBody(rt, 64 * 1024);
  app.post('/admin/models/:name/refresh', admin, limit, async (c) => {
    const name = c.req.param('name');
    const swaps = await audited(c, rt, 'refresh', name, () => rt.manager.refresh(name));
    return c.json({ swaps });
  });
  app.put('/admin/models/:name/aliases/:alias', admin, limit, async (c) => {
    const name = c.req.param('name');
    const alias = c.req.param('alias');
    const swap = await audited(c, rt, 'set-alias', `${name}@${alias}`, async () => {
      const version = (await optionalJson(c))['version'];
      if (typeof version !== 'string' && typeof version !== 'number')
        throw new DataError('Send {"version": "<number>"}.');
      return rt.manager.setAlias(name, alias, String(version));
    });
    return c.json({ swap });
  });
  app.post('/admin/models/:name/rollback', admin, limit, async (c) => {
    const name = c.req.param('name');
    const swap = await audited(c, rt, 'rollback', name, async () => {
      const alias = (await optionalJson(c))['alias'];
      return rt.manager.rollback(name, typeof alias === 'string' ? alias : undefined);
    });
    return c.json({ swap });
  });
  app.get('/admin/audit', admin, (c) =>
    c.json({ entries: rt.audit.list(Number(c.req.query('limit') ?? 100) || 100) }),
  );
}
