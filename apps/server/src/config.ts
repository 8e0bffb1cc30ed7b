// The reference server's configuration: defaults, then a JSON config file (MLPY_CONFIG), then
// environment variables (MLPY_PORT, MLPY_HOST, MLPY_TRACKING_URI, MLPY_API_KEYS_FILE…), which win.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidParameterError } from '@mlpy/core';
import type { ApiKeyRecord } from '@mlpy/production';

/** Everything `startServer` needs. */
export interface ServerConfig {
  /** Port to listen on; 0 picks a free one (default 8080). */
  port: number;
  /** Interface to bind (default 127.0.0.1; 0.0.0.0 in containers). */
  host: string;
  /** Tracking store with the registry: SQLite path, postgres://… or http(s)://mlflow (default ./.mlpy/tracking.db). */
  trackingUri?: string;
  /** API key records; without them predict routes are open and admin routes refused. */
  apiKeys?: ApiKeyRecord[];
  /** How often the registry is checked for new models and moved aliases, in ms (default 5000). */
  pollIntervalMs: number;
  /** The alias a model answers with by default when it has it (default champion). */
  defaultAlias: string;
  /** Title of the dashboard and the OpenAPI document. */
  title: string;
  /** Serve the HTML dashboard at / (default true). */
  dashboard: boolean;
  /** Longest wait for in-flight requests at shutdown, in ms (default 10 000). */
  drainTimeoutMs: number;
}

/** Defaults of every setting. */
export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: '127.0.0.1',
  pollIntervalMs: 5000,
  defaultAlias: 'champion',
  title: 'MLPY model server',
  dashboard: true,
  drainTimeoutMs: 10_000,
};

type Env = Readonly<Record<string, string | undefined>>;

function integer(value: unknown, what: string, min: number, max: number): number {
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidParameterError(
      `${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return v;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidParameterError(`Cannot read ${what} '${path}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidParameterError(`${what} '${path}' is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** API key records from a JSON file: an array of records, or `{ "keys": [...] }`. */
export function loadApiKeys(path: string): ApiKeyRecord[] {
  const data = readJson(path, 'API keys file');
  const keys = Array.isArray(data) ? data : (data as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys))
    throw new InvalidParameterError(`API keys file '${path}' must hold an array of key records`);
  for (const k of keys as Partial<ApiKeyRecord>[]) {
    if (
      typeof k?.id !== 'string' ||
      typeof k.salt !== 'string' ||
      typeof k.hash !== 'string' ||
      !Array.isArray(k.scopes)
    ) {
      throw new InvalidParameterError(`API keys file '${path}': each record needs id, salt, hash and scopes`);
    }
  }
  return keys as ApiKeyRecord[];
}

const FILE_KEYS = new Set([
  'port',
  'host',
  'trackingUri',
  'apiKeysFile',
  'pollIntervalMs',
  'defaultAlias',
  'title',
  'dashboard',
  'drainTimeoutMs',
]);

/** The configuration from `env` (and the config file it names); paths resolve against `cwd`. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG };
  let keysFile: string | undefined;
  const file = env['MLPY_CONFIG'];
  if (file) {
    const path = resolve(cwd, file);
    const data = readJson(path, 'config file');
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new InvalidParameterError(`config file '${path}' must hold a JSON object`);
    const o = data as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => !FILE_KEYS.has(k));
    if (unknown.length)
      throw new InvalidParameterError(
        `config file '${path}': unknown setting(s) ${unknown.join(', ')}; known: ${[...FILE_KEYS].join(', ')}`,
      );
    if (o['port'] !== undefined) config.port = integer(o['port'], 'port', 0, 65535);
    if (typeof o['host'] === 'string') config.host = o['host'];
    if (typeof o['trackingUri'] === 'string') config.trackingUri = o['trackingUri'];
    if (typeof o['apiKeysFile'] === 'string') keysFile = resolve(dirname(path), o['apiKeysFile']);
    if (o['pollIntervalMs'] !== undefined)
      config.pollIntervalMs = integer(o['pollIntervalMs'], 'pollIntervalMs', 100, 3_600_000);
    if (typeof o['defaultAlias'] === 'string') config.defaultAlias = o['defaultAlias'];
    if (typeof o['title'] === 'string') config.title = o['title'];
    if (typeof o['dashboard'] === 'boolean') config.dashboard = o['dashboard'];
    if (o['drainTimeoutMs'] !== undefined)
      config.drainTimeoutMs = integer(o['drainTimeoutMs'], 'drainTimeoutMs', 0, 600_000);
  }
  if (env['MLPY_PORT']) config.port = integer(env['MLPY_PORT'], 'MLPY_PORT', 0, 65535);
  if (env['MLPY_HOST']) config.host = env['MLPY_HOST'];
  if (env['MLPY_TRACKING_URI']) config.trackingUri = env['MLPY_TRACKING_URI'];
  if (env['MLPY_POLL_INTERVAL_MS'])
    config.pollIntervalMs = integer(env['MLPY_POLL_INTERVAL_MS'], 'MLPY_POLL_INTERVAL_MS', 100, 3_600_000);
  if (env['MLPY_API_KEYS_FILE']) keysFile = resolve(cwd, env['MLPY_API_KEYS_FILE']);
  if (keysFile) config.apiKeys = loadApiKeys(keysFile);
  return config;
}
