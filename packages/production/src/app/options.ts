// Options of a serving app, with their defaults.

import type { Predictor } from '@mlpy/core';
import type { ExperimentConfig } from '../ab/index.js';
import type { ApiKeyRecord, AuditEntry, RateLimitOptions } from '../auth/index.js';
import type { BatcherOptions } from '../batching/index.js';
import type { DriftAlertOptions, DriftOptions } from '../drift/index.js';
import type { MetricsOptions } from '../metrics/index.js';
import type { LoadedPredictor, ModelSource, RegistryLike } from '../models/index.js';

/** A model to serve: an in-process predictor, a reference in `options.registry`, or any source. */
export type ModelSpec =
  | { name: string; model: Predictor | LoadedPredictor; version?: string }
  | { name: string; source: ModelSource; ref?: string }
  | { name: string; ref?: string };

/** Where log lines go. Serving never logs API keys, bodies or query strings. */
export interface ServingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CorsOptions {
  /** Allowed origins ("*" for any). */
  origin: string | string[];
  allowHeaders?: string[];
  maxAge?: number;
  credentials?: boolean;
}

export interface AuthOptions {
  /** Stored key records (see createApiKey); requests need `X-API-Key: <key>` or `Authorization: Bearer <key>`. */
  keys: ApiKeyRecord[];
  /** Per-key rate limit. */
  rateLimit?: RateLimitOptions;
}

export interface ServingOptions {
  /** Served models; the first answers /predict and /predict_proba. */
  models: ModelSpec[];
  /** The @mlpy/tracking model registry (`tracker.registry`) that `{ name, ref }` specs load from. */
  registry?: RegistryLike;
  /** Poll sources for moved aliases every this many ms (default 10 000 when a registry is used, else off; 0 = off). */
  pollIntervalMs?: number;
  /** Largest request body in bytes (default 1 MiB); more gets a 413. */
  maxBodyBytes?: number;
  /** Most rows per request (default 1000); more gets a 413. */
  maxRows?: number;
  /** Unknown categorical levels: a 400 (default 'error') or a missing value. */
  unknownCategories?: 'error' | 'missing';
  batching?: BatcherOptions;
  /** Drift settings; false turns drift detection off. */
  drift?: DriftOptions | false;
  /** Webhook alert on dataset drift, checked every `checkIntervalMs` (default 60 000). */
  driftAlert?: DriftAlertOptions & { checkIntervalMs?: number };
  experiments?: ExperimentConfig[];
  /** API keys and rate limits; without it predict routes are open and admin routes are refused. */
  auth?: AuthOptions;
  /** Rate limit when auth is off (one bucket for all anonymous callers). */
  rateLimit?: RateLimitOptions;
  cors?: CorsOptions;
  logger?: ServingLogger;
  /** Also log one line per request (method, route, status, ms, key id). Default false. */
  accessLog?: boolean;
  /** Receives every audit entry (admin actions), besides GET /admin/audit. */
  auditSink?: (entry: AuditEntry) => void;
  metrics?: MetricsOptions;
  /** Delay between attempts to load the models when the first load fails (default 5000 ms). */
  startRetryMs?: number;
  /** Title and version of the OpenAPI document. */
  title?: string;
  apiVersion?: string;
}

/** An error's message for logs, with credentials in URLs (`//user:secret@host`) masked. */
export function redact(err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return message.replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***:***@');
}

/** A JSON-lines logger on stderr; `info` only when `verbose`. */
export function jsonLogger(verbose = false): ServingLogger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`,
    );
  return {
    info: (m, f) => {
      if (verbose) write('info', m, f);
    },
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
