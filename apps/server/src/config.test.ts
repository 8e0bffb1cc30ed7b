// Configuration: defaults, the JSON config file, environment variables winning, API key files,
// and every bad value reported with its name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '@mlpy/core';
import { createApiKey } from '@mlpy/production';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadApiKeys, loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-config-'));
const write = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe('loadConfig', () => {
  it('uses the defaults without settings', () => {
    expect(loadConfig({}, dir)).toEqual(DEFAULT_CONFIG);
  });

  it('reads a config file, and environment variables win', () => {
    const { record } = createApiKey(['predict', 'admin']);
    write('keys.json', { keys: [record] });
    write('server.json', {
      port: 9000,
      host: '0.0.0.0',
      trackingUri: 'postgres://u@db/mlpy',
      apiKeysFile: 'keys.json',
      pollIntervalMs: 1000,
      defaultAlias: 'prod',
      title: 'Acme models',
      dashboard: false,
      drainTimeoutMs: 500,
    });
    const fromFile = loadConfig({ MLPY_CONFIG: 'server.json' }, dir);
    expect(fromFile).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      defaultAlias: 'prod',
      dashboard: false,
      drainTimeoutMs: 500,
    });
    expect(fromFile.apiKeys).toEqual([record]);
    const env = loadConfig(
      {
        MLPY_CONFIG: 'server.json',
        MLPY_PORT: '7000',
        MLPY_HOST: '::1',
        MLPY_TRACKING_URI: 'x.db',
        MLPY_POLL_INTERVAL_MS: '200',
        MLPY_API_KEYS_FILE: 'keys.json',
      },
      dir,
    );
    expect(env).toMatchObject({
      port: 7000,
      host: '::1',
      trackingUri: 'x.db',
      pollIntervalMs: 200,
      title: 'Acme models',
    });
  });

  it.each([
    [{ MLPY_PORT: 'http' }, /MLPY_PORT must be an integer from 0 to 65535/],
    [{ MLPY_PORT: '70000' }, /MLPY_PORT/],
    [{ MLPY_CONFIG: 'missing.json' }, /Cannot read config file/],
    [{ MLPY_CONFIG: 'bad.json' }, /is not valid JSON/],
    [{ MLPY_CONFIG: 'array.json' }, /must hold a JSON object/],
    [{ MLPY_CONFIG: 'unknown.json' }, /unknown setting\(s\) prot/],
    [{ MLPY_CONFIG: 'badpoll.json' }, /pollIntervalMs must be an integer/],
    [{ MLPY_API_KEYS_FILE: 'notkeys.json' }, /must hold an array of key records/],
    [{ MLPY_API_KEYS_FILE: 'badkeys.json' }, /each record needs id, salt, hash and scopes/],
  ])('rejects %j', (env, message) => {
    write('bad.json', '{nope');
    write('array.json', []);
    write('unknown.json', { prot: 1 });
    write('badpoll.json', { pollIntervalMs: 5 });
    write('notkeys.json', { nope: 1 });
    write('badkeys.json', [{ id: 'x' }]);
    expect(() => loadConfig(env, dir)).toThrow(InvalidParameterError);
    expect(() => loadConfig(env, dir)).toThrow(message);
  });

  it('reads a plain array of API key records', () => {
    const { record } = createApiKey(['predict']);
    expect(loadApiKeys(write('plain.json', [record]))).toEqual([record]);
  });
});
