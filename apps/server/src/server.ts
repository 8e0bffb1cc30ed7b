// startServer: the reference server. It opens the tracking store (embedded SQLite by default,
// PostgreSQL or MLflow by URI), serves every registered model that has an alias through
// @mlpy/production (/predict, /models/:name/predict?alias=…, /metrics, /openapi.json, /docs),
// follows alias moves and new registrations, renders a dashboard at /, and shuts down gracefully.
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { jsonLogger, type ServingLogger } from '@mlpy/production';
import { createTracker, parseTrackingUri, type Tracker } from '@mlpy/tracking';
import { Hono } from 'hono';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { renderDashboard } from './dashboard.js';
import { readRegistry, recentRuns } from './registry-view.js';
import { ServingSwitch } from './serving-switch.js';

/** A running reference server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  config: ServerConfig;
  tracker: Tracker;
  serving: ServingSwitch;
  /** The outer HTTP app (dashboard, health, readiness, then the serving routes). */
  app: Hono;
  /** Drains in-flight requests and closes the server and the store; true when all finished in time. */
  close(): Promise<boolean>;
}

/** Options besides the configuration. */
export interface StartOptions {
  logger?: ServingLogger;
  /** Install SIGTERM/SIGINT handlers that close the server (default false; main.ts turns it on). */
  handleSignals?: boolean;
}

function unavailable(): Response {
  return Response.json(
    {
      error: {
        code: 'UNAVAILABLE',
        message:
          'No model is served yet: register one with an alias, e.g. mlpy train data.csv --target y --register my-model --alias champion',
      },
    },
    { status: 503 },
  );
}

/** Builds the outer app over the serving switch. */
function outerApp(
  serving: ServingSwitch,
  tracker: Tracker,
  config: ServerConfig,
  trackingLabel: string,
): { app: Hono; drain(): void } {
  const app = new Hono();
  let draining = false;
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', (c) => {
    const current = serving.current;
    if (draining) return c.json({ status: 'draining' }, 503);
    if (!current) return c.json({ status: 'no-models', error: serving.lastError ?? null }, 503);
    if (!current.runtime.manager.ready) return c.json({ status: 'loading' }, 503);
    return c.json({ status: 'ready', models: current.runtime.manager.names });
  });
  if (config.dashboard) {
    app.get('/', async (c) => {
      const [models, runs] = await Promise.all([readRegistry(tracker), recentRuns(tracker, 20)]);
      const served = Object.fromEntries(
        (serving.current?.runtime.manager.describe() ?? []).map((m) => [
          m.name,
          { ref: m.ref, refs: m.refs },
        ]),
      );
      return c.html(
        renderDashboard({
          title: config.title,
          models,
          served,
          runs,
          trackingUri: trackingLabel,
          error: serving.lastError,
        }),
      );
    });
  }
  app.all('*', (c) => {
    const current = serving.current;
    return current ? current.fetch(c.req.raw, c.env) : unavailable();
  });
  return {
    app,
    drain: () => {
      draining = true;
    },
  };
}

/** A tracking URI as shown to people: the store kind and its address, without credentials. */
export function describeTrackingUri(uri: string | undefined): string {
  const { kind, target } = parseTrackingUri(uri);
  return kind === 'sqlite' ? `sqlite:${target}` : target.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Starts the reference server with `config` (missing settings take their defaults).
 * @example const server = await startServer({ port: 0, trackingUri: './.mlpy/tracking.db' });
 */
export async function startServer(
  config: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const cfg: ServerConfig = { ...DEFAULT_CONFIG, ...config };
  const uri =
    cfg.trackingUri === undefined
      ? undefined
      : /^[a-z][a-z0-9+.-]*:/i.test(cfg.trackingUri)
        ? cfg.trackingUri
        : resolve(cfg.trackingUri);
  const logger = options.logger ?? jsonLogger(false);
  const tracker = await createTracker(uri);
  const serving = new ServingSwitch(tracker, cfg, logger);
  let server: ServerType | undefined;
  try {
    await serving.sync();
    const { app, drain } = outerApp(serving, tracker, cfg, describeTrackingUri(uri));
    server = await new Promise<ServerType>((ok, fail) => {
      const s = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, () => ok(s));
      s.once('error', fail);
    });
    serving.start();
    const port = (server.address() as AddressInfo).port;
    const host = cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host;
    const s = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
    let closing: Promise<boolean> | undefined;
    const onSignal = () => void close();
    const close = (): Promise<boolean> => {
      closing ??= (async () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        drain();
        const closed = new Promise<void>((done) => s.close(() => done()));
        const drained = await serving.close();
        s.closeIdleConnections?.();
        if (!drained) s.closeAllConnections?.();
        await closed;
        await tracker.close();
        return drained;
      })();
      return closing;
    };
    if (options.handleSignals) {
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      config: cfg,
      tracker,
      serving,
      app,
      close,
    };
  } catch (error) {
    await serving.close();
    await tracker.close();
    throw error;
  }
}
