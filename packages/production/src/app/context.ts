// Request plumbing shared by every route: the Hono environment, request ids, timing and metrics,
// the in-flight count, JSON body reading with size limits, and the API-key guard.

import { DataError } from '@mlpy/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { Scope } from '../auth/index.js';
import { errorResponse, httpError } from '../http/errors.js';
import { redact } from './options.js';
import type { ServingRuntime } from './runtime.js';

/** Variables every request carries. */
export interface ServingEnv {
  Variables: { requestId: string; actor: string };
}

export type ServingContext = Context<ServingEnv>;

/** Request id, security headers, in-flight tracking, metrics and the access log. */
export function requestContext(rt: ServingRuntime): MiddlewareHandler<ServingEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = rt.requestId(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('actor', 'anonymous');
    rt.enter();
    try {
      if (rt.draining && c.req.path !== '/health') {
        rt.metrics.reject('draining');
        c.header('connection', 'close');
        throw httpError('UNAVAILABLE', 'The server is shutting down; retry on another replica.');
      }
      await next();
    } catch (err) {
      // Errors thrown by middleware before routing are answered here, routes' by app.onError.
      c.res = respondError(c, rt, err);
    } finally {
      rt.leave();
      const status = c.res.status;
      const route = status === 404 && routePath(c, -1) === '*' ? 'unmatched' : routePath(c, -1);
      const seconds = (performance.now() - started) / 1000;
      c.res.headers.set('x-request-id', requestId);
      c.res.headers.set('x-content-type-options', 'nosniff');
      rt.metrics.request(route, c.req.method, status, seconds);
      if (rt.options.accessLog) {
        rt.logger.info('request', {
          requestId,
          method: c.req.method,
          route,
          status,
          ms: Math.round(seconds * 1e4) / 10,
          actor: c.get('actor'),
        });
      }
    }
  };
}

/** The JSON error response for anything thrown; 5xx are logged with the request id. */
export function respondError(c: ServingContext, rt: ServingRuntime, err: unknown): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  const { status, body } = errorResponse(err, requestId);
  if (status >= 500 && status !== 503) {
    rt.logger.error('request failed', {
      requestId,
      error: redact(err),
    });
  }
  if (status === 429 && body.error.details?.['retryAfterS'] !== undefined)
    c.header('retry-after', String(body.error.details['retryAfterS']));
  return c.json(body, status as 400);
}

/** Limits the body size (413 before the body is read when Content-Length says so). */
export function limitBody(rt: ServingRuntime, maxBytes: number): MiddlewareHandler<ServingEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      rt.metrics.reject('too_large');
      throw httpError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`, { maxBytes });
    },
  });
}

/** Reads a JSON body; malformed JSON or a wrong content type is a 400. */
export async function readJson(c: ServingContext): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new DataError('Send the body as JSON with Content-Type: application/json.');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new DataError('The body is not valid JSON.');
  }
}

function presentedKey(c: ServingContext): string | undefined {
  const header = c.req.header('x-api-key');
  if (header) return header.trim();
  const auth = c.req.header('authorization');
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

/** Requires a key with `scope` (when auth is configured) and applies the rate limit. */
export function guard(rt: ServingRuntime, scope: Scope): MiddlewareHandler<ServingEnv> {
  return async (c, next) => {
    if (rt.keys) {
      const key = presentedKey(c);
      const record = key === undefined ? undefined : rt.keys.verify(key);
      if (!record) {
        rt.metrics.reject('unauthorized');
        c.header('www-authenticate', 'Bearer');
        throw httpError(
          'UNAUTHORIZED',
          key === undefined
            ? 'An API key is required (X-API-Key or Authorization: Bearer).'
            : 'The API key is not valid.',
        );
      }
      c.set('actor', record.id);
      if (!record.scopes.includes(scope)) {
        rt.metrics.reject('forbidden');
        throw httpError('FORBIDDEN', `This key lacks the '${scope}' scope.`);
      }
    } else if (scope === 'admin') {
      rt.metrics.reject('forbidden');
      throw httpError(
        'FORBIDDEN',
        'The admin API is disabled: configure auth.keys with an admin-scoped key.',
      );
    }
    if (rt.limiter) {
      const wait = rt.limiter.take(c.get('actor'));
      if (wait > 0) {
        rt.metrics.reject('rate_limited');
        throw httpError('RATE_LIMITED', 'Rate limit exceeded for this key; retry later.', {
          retryAfterS: Math.ceil(wait),
        });
      }
    }
    await next();
  };
}
