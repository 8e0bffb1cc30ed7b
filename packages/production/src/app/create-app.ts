// createServingApp: the Hono app serving one or more models with validation, versioning, A/B
// tests, drift monitoring, Prometheus metrics and API-key auth. Testable with `app.request`.

import { NotFoundError } from '@mlpy/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { buildOpenApi, renderDocsPage } from '../openapi/index.js';
import { mountAdminRoutes } from './admin-routes.js';
import { requestContext, respondError, type ServingEnv } from './context.js';
import type { ServingOptions } from './options.js';
import { mountPredictRoutes } from './predict-routes.js';
import { ServingRuntime } from './runtime.js';

/** A Hono app with its serving state (models, metrics, experiments…). */
export type ServingApp = Hono<ServingEnv> & { runtime: ServingRuntime };

/**
 * Builds the serving app. Models start loading at once; `await app.runtime.ready()` waits for them
 * (requests that arrive earlier wait for their model rather than fail).
 *
 * @example
 * const app = createServingApp({ models: [{ name: 'churn', model }] });
 * const res = await app.request('/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [[1, 2]] }) });
 */
export function createServingApp(options: ServingOptions): ServingApp {
  const rt = new ServingRuntime(options);
  const app = new Hono<ServingEnv>();
  app.use('*', requestContext(rt));
  if (options.cors) {
    const { origin, allowHeaders, maxAge, credentials } = options.cors;
    app.use(
      '*',
      cors({
        origin,
        allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
        allowHeaders: allowHeaders ?? [
          'content-type',
          'authorization',
          'x-api-key',
          'x-mlpy-key',
          'x-request-id',
        ],
        exposeHeaders: ['x-request-id', 'retry-after'],
        ...(maxAge !== undefined ? { maxAge } : {}),
        ...(credentials !== undefined ? { credentials } : {}),
      }),
    );
  }
  app.onError((err, c) => respondError(c, rt, err));
  app.notFound((c) =>
    respondError(c, rt, new NotFoundError(`No route ${c.req.method} ${c.req.path}; see /docs.`)),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', (c) => {
    if (rt.draining) return c.json({ status: 'draining' }, 503);
    if (!rt.manager.ready) return c.json({ status: 'loading' }, 503);
    return c.json({ status: 'ready', models: rt.manager.names });
  });
  app.get('/metrics', async (c) => {
    const { contentType, body } = await rt.metrics.render();
    return c.body(body, 200, { 'content-type': contentType });
  });
  const infos = () =>
    rt.manager.describe().flatMap((m) => m.versions.filter((v) => v.version === m.refs[m.ref]));
  app.get('/openapi.json', (c) =>
    c.json(buildOpenApi(infos(), { title: options.title, version: options.apiVersion })),
  );
  app.get('/docs', (c) => c.html(renderDocsPage(infos(), buildOpenApi(infos(), { title: options.title }))));
  app.get('/models', (c) => c.json({ default: rt.manager.names[0], models: rt.manager.describe() }));
  app.get('/models/:name', (c) => {
    const m = rt.manager.describe().find((d) => d.name === c.req.param('name'));
    if (!m) throw new NotFoundError(`No model named '${c.req.param('name')}' is served here.`);
    return c.json(m);
  });
  app.get('/monitoring/drift', (c) => {
    const model = c.req.query('model');
    if (model !== undefined && !rt.manager.names.includes(model))
      throw new NotFoundError(`No model named '${model}' is served here.`);
    return c.json({ reports: rt.driftReports(model) });
  });
  mountPredictRoutes(app, rt);
  mountAdminRoutes(app, rt);
  return Object.assign(app, { runtime: rt });
}
