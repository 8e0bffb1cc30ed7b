// Runs a serving app on Node (@hono/node-server) with graceful shutdown: on SIGTERM/SIGINT (or
// close()) the server stops accepting connections, /ready turns 503, in-flight requests finish
// (up to `drainTimeoutMs`), idle keep-alive connections are closed, then the server exits.
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Predictor } from '@mlpy/core';
import { createServingApp, type ServingApp } from '../app/create-app.js';
import type { ServingOptions } from '../app/options.js';
import type { ServingRuntime } from '../app/runtime.js';

export interface ListenOptions {
  /** Port to listen on (0 picks a free one; default 8080). */
  port?: number;
  /** Interface to bind (default 0.0.0.0). */
  hostname?: string;
  /** Longest wait for in-flight requests at shutdown (default 10 000 ms). */
  drainTimeoutMs?: number;
  /** Install SIGTERM/SIGINT handlers that drain and close (default true). */
  handleSignals?: boolean;
  /** Wait for every model to load before listening (default true). */
  waitForModels?: boolean;
}

/** A running server. */
export interface ServingServer {
  app: ServingApp;
  runtime: ServingRuntime;
  server: ServerType;
  port: number;
  url: string;
  /** Drains in-flight requests and closes; resolves true when every request finished in time. */
  close(): Promise<boolean>;
}

/** Starts an HTTP server for a serving app built from `options`. */
export async function startServer(options: ServingOptions & ListenOptions): Promise<ServingServer> {
  const app = createServingApp(options);
  const rt = app.runtime;
  if (options.waitForModels ?? true) {
    try {
      await rt.ready();
    } catch (err) {
      rt.close();
      throw err;
    }
  }
  const hostname = options.hostname ?? '0.0.0.0';
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<boolean> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    rt.logger.info('shutting down', { signal });
    void close().then(() => {
      process.exitCode = 0;
    });
  };
  const close = (): Promise<boolean> => {
    closing ??= (async () => {
      rt.draining = true;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const drained = await rt.drained(options.drainTimeoutMs ?? 10_000);
      const s = server as ServerType & {
        closeIdleConnections?: () => void;
        closeAllConnections?: () => void;
      };
      s.closeIdleConnections?.();
      if (!drained) s.closeAllConnections?.();
      await closed;
      rt.close();
      return drained;
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  const host = hostname === '0.0.0.0' ? '127.0.0.1' : hostname;
  return {
    app,
    runtime: rt,
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close,
  };
}

/**
 * Serves one model: `POST /predict` on `port` (default 8080), plus every other route of
 * createServingApp. The seed's one-liner.
 *
 * @example
 * const server = await serveModel(model, { port: 8080 });
 * // … later
 * await server.close();
 */
export function serveModel(
  model: Predictor,
  options: Omit<ServingOptions, 'models'> & ListenOptions & { name?: string; version?: string } = {},
): Promise<ServingServer> {
  const { name, version, ...rest } = options;
  return startServer({
    ...rest,
    models: [{ name: name ?? 'model', model, ...(version ? { version } : {}) }],
  });
}
