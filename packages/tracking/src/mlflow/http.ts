// HTTP client for MLflow's REST API: JSON in and out, MLflow error codes mapped to typed errors,
// and retries with exponential backoff (and Retry-After) on 429, 5xx and network failures.
import { ConflictError, InvalidParameterError, MlpyError, NotFoundError, StoreError } from '@mlpy/core';

/** How a failed request is retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /** First backoff delay in ms, doubled each retry, with jitter (default 200). */
  baseDelayMs?: number;
  /** Longest single wait in ms (default 10 000). */
  maxDelayMs?: number;
}

/** Connection settings of an MLflow server. */
export interface MlflowHttpOptions {
  retry?: RetryOptions;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Bearer token; defaults to MLFLOW_TRACKING_TOKEN. */
  token?: string;
  /** Basic auth; defaults to MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD. */
  username?: string;
  password?: string;
}

/** One REST call: what the outage journal stores and replays. */
export interface MlflowRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the server root, e.g. `/api/2.0/mlflow/runs/log-batch`. */
  path: string;
  query?: Record<string, string | number | string[] | undefined>;
  /** A JSON body, or raw bytes for artifact uploads. */
  body?: unknown;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/** True when the error means the server could not be reached or stayed overloaded. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof MlpyError && (error.code === 'UNAVAILABLE' || error.code === 'RATE_LIMITED');
}

/** Maps an MLflow error response to a typed error. */
export function mapMlflowError(status: number, code: string, message: string, what: string): MlpyError {
  const text = `${what}: MLflow answered ${status} ${code}: ${message}`;
  const details = { status, mlflowErrorCode: code };
  if (/Changing param values is not allowed/i.test(message)) return new ConflictError(text, { details });
  // MLflow reports a missing alias as INVALID_PARAMETER_VALUE "Registered model alias x not found."
  if (code === 'INVALID_PARAMETER_VALUE' && /alias \S+ not found/i.test(message))
    return new NotFoundError(text, { details });
  switch (code) {
    case 'RESOURCE_DOES_NOT_EXIST':
    case 'NOT_FOUND':
      return new NotFoundError(text, { details });
    case 'RESOURCE_ALREADY_EXISTS':
      return new ConflictError(text, { details });
    case 'INVALID_PARAMETER_VALUE':
    case 'BAD_REQUEST':
    case 'MALFORMED_REQUEST':
    case 'INVALID_STATE':
      return new InvalidParameterError(text, { details });
    case 'UNAUTHENTICATED':
      return new MlpyError('UNAUTHORIZED', `${text}. Set MLFLOW_TRACKING_TOKEN or username/password.`, {
        details,
      });
    case 'PERMISSION_DENIED':
      return new MlpyError('FORBIDDEN', text, { details });
    case 'REQUEST_LIMIT_EXCEEDED':
      return new MlpyError('RATE_LIMITED', text, { details });
    case 'TEMPORARILY_UNAVAILABLE':
      return new MlpyError('UNAVAILABLE', text, { details });
  }
  if (status === 404) return new NotFoundError(text, { details });
  if (status === 429) return new MlpyError('RATE_LIMITED', text, { details });
  if (status >= 500) return new MlpyError('UNAVAILABLE', text, { details });
  return new StoreError(text, { details });
}

/** Parses MLflow JSON, which may carry bare NaN / Infinity tokens. */
export function parseMlflowJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/(?<=[:,[]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '"$1"'));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends requests to one MLflow server. */
export class MlflowHttp {
  readonly baseUrl: string;
  private readonly retry: Required<RetryOptions>;
  private readonly headers: Record<string, string> = {};

  constructor(
    baseUrl: string,
    private readonly options: MlflowHttpOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.retry = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 10_000, ...options.retry };
    const token = options.token ?? process.env['MLFLOW_TRACKING_TOKEN'];
    const user = options.username ?? process.env['MLFLOW_TRACKING_USERNAME'];
    const pass = options.password ?? process.env['MLFLOW_TRACKING_PASSWORD'];
    if (token) this.headers['authorization'] = `Bearer ${token}`;
    else if (user)
      this.headers['authorization'] = `Basic ${Buffer.from(`${user}:${pass ?? ''}`).toString('base64')}`;
  }

  private url(req: MlflowRequest): string {
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v])
        url.searchParams.append(k, String(item));
    }
    return url.href;
  }

  private delay(attempt: number, retryAfter: string | null): number {
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.min(seconds * 1000, this.retry.maxDelayMs);
    const exp = this.retry.baseDelayMs * 2 ** attempt;
    return Math.min(exp / 2 + Math.random() * (exp / 2), this.retry.maxDelayMs);
  }

  /** Sends one request, retrying transient failures; resolves to the raw response body. */
  async send(req: MlflowRequest, what: string): Promise<Uint8Array> {
    const raw = req.body instanceof Uint8Array;
    const init: RequestInit = { method: req.method, headers: { ...this.headers } };
    if (req.body !== undefined) {
      init.body = raw ? (req.body as Uint8Array) : JSON.stringify(req.body);
      (init.headers as Record<string, string>)['content-type'] = raw
        ? 'application/octet-stream'
        : 'application/json';
    }
    let lastError: MlpyError | undefined;
    for (let attempt = 0; attempt <= this.retry.maxRetries; attempt++) {
      let retryAfter: string | null = null;
      try {
        const res = await fetch(this.url(req), {
          ...init,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        const body = new Uint8Array(await res.arrayBuffer());
        if (res.ok) return body;
        const text = new TextDecoder().decode(body);
        let code = '';
        let message = text.slice(0, 500);
        try {
          const json = JSON.parse(text) as { error_code?: string; message?: string };
          code = json.error_code ?? '';
          message = json.message ?? message;
        } catch {
          // Not JSON (a proxy's HTML page): keep the text.
        }
        lastError = mapMlflowError(res.status, code, message, what);
        if (!RETRY_STATUS.has(res.status)) throw lastError;
        retryAfter = res.headers.get('retry-after');
      } catch (error) {
        if (error instanceof MlpyError && !isUnavailable(error)) throw error;
        if (!(error instanceof MlpyError)) {
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
          lastError = new MlpyError(
            'UNAVAILABLE',
            `${what}: cannot reach the MLflow server at ${this.baseUrl} (${cause}). Check that it is running; writes are kept in the outage journal until it is back.`,
            { cause: error },
          );
        }
      }
      if (attempt < this.retry.maxRetries) await sleep(this.delay(attempt, retryAfter));
    }
    throw lastError!;
  }

  /** Sends a JSON request and parses the JSON answer. */
  async json<T>(req: MlflowRequest, what: string): Promise<T> {
    return parseMlflowJson(new TextDecoder().decode(await this.send(req, what))) as T;
  }
}
