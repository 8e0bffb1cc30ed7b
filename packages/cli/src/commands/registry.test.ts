// mlpy runs list|show|compare and models list|promote|rollback on a real SQLite store.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpy, tempDir, trainIris, writeIris } from '../__fixtures__/helpers.js';

const cwd = tempDir();
const runIds: string[] = [];

beforeAll(async () => {
  writeIris(cwd);
  for (const [model, extra] of [
    ['dummy', []],
    ['tree', ['-p', 'maxDepth=2']],
    ['knn', []],
  ] as const) {
    const r = await trainIris(
      cwd,
      '-m',
      model,
      ...extra,
      '--register',
      'iris',
      '--experiment',
      'exp',
      '--json',
      '-o',
      `${model}.mlpy`,
    );
    expect(r.code).toBe(0);
    runIds.push(JSON.parse(r.out).runId);
  }
});

describe('mlpy runs', () => {
  it('lists runs newest first, as a table or JSON, filtered by experiment', async () => {
    const text = await mlpy(cwd, 'runs', 'list');
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toMatch(/^run id +name +status +started +metrics/);
    expect(text.out).toMatch(/test_accuracy=/);
    const json = JSON.parse(
      (await mlpy(cwd, 'runs', 'list', '--experiment', 'exp', '-n', '2', '--json')).out,
    );
    expect(json.map((r: { runId: string }) => r.runId)).toEqual([runIds[2], runIds[1]]);
    expect((await mlpy(cwd, 'runs', 'list', '--experiment', 'nope')).err).toBe(
      "mlpy: no experiment named 'nope'\n",
    );
    const empty = tempDir();
    expect((await mlpy(empty, 'runs', 'list')).out).toMatch(/no runs yet/);
  });

  it('shows one run', async () => {
    const text = await mlpy(cwd, 'runs', 'show', runIds[1]!);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/status: +FINISHED/);
    expect(text.out).toMatch(/model__maxDepth +2/);
    expect(text.out).toMatch(/mlpy.target +species/);
    const json = JSON.parse((await mlpy(cwd, 'runs', 'show', runIds[1]!, '--json')).out);
    expect(json.metrics.test_accuracy).toBeGreaterThan(0.5);
    const missing = await mlpy(cwd, 'runs', 'show', 'f'.repeat(32));
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')).toHaveLength(2);
  });

  it('compares runs, marking differences', async () => {
    const text = await mlpy(cwd, 'runs', 'compare', runIds[0]!, runIds[1]!);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/\* test_accuracy/);
    const json = JSON.parse((await mlpy(cwd, 'runs', 'compare', ...runIds, '--json')).out);
    expect(json.runs).toHaveLength(3);
  });
});

describe('mlpy models', () => {
  it('lists versions with aliases, promotes and rolls back', async () => {
    const list = JSON.parse((await mlpy(cwd, 'models', 'list', '--json')).out);
    expect(list[0].name).toBe('iris');
    expect(list[0].versions.map((v: { version: string }) => v.version)).toEqual(['1', '2', '3']);
    expect((await mlpy(cwd, 'models', 'promote', 'iris', '1')).out).toBe('iris@champion: (none) -> 1\n');
    expect((await mlpy(cwd, 'models', 'promote', 'iris', '3')).out).toBe('iris@champion: 1 -> 3\n');
    const promoted = JSON.parse((await mlpy(cwd, 'models', 'promote', 'iris', '2', '--json')).out);
    expect(promoted).toEqual({ name: 'iris', alias: 'champion', from: '3', to: '2' });
    const text = await mlpy(cwd, 'models', 'list');
    expect(text.out).toMatch(/iris +2 +@champion +test_accuracy=/);
    expect((await mlpy(cwd, 'models', 'rollback', 'iris')).out).toBe('iris@champion: 2 -> 3\n');
    expect(JSON.parse((await mlpy(cwd, 'models', 'rollback', 'iris', '--json')).out)).toMatchObject({
      from: '3',
      to: '1',
    });
    // history exhausted: falls back to the previous version number, then there is none
    expect((await mlpy(cwd, 'models', 'rollback', 'iris')).err).toMatch(
      /at version 1; there is no earlier version/,
    );
    expect((await mlpy(cwd, 'models', 'promote', 'iris', '3', '--alias', 'challenger')).code).toBe(0);
    expect((await mlpy(cwd, 'models', 'rollback', 'iris', '--alias', 'challenger')).out).toBe(
      'iris@challenger: 3 -> 2\n',
    );
  });

  it('reports unknown models, versions and aliases with exit 2', async () => {
    expect((await mlpy(cwd, 'models', 'promote', 'iris', 'x')).err).toMatch(/version must be a number/);
    expect((await mlpy(cwd, 'models', 'promote', 'iris', '99')).code).toBe(2);
    expect((await mlpy(cwd, 'models', 'promote', 'nope', '1')).code).toBe(2);
    expect((await mlpy(cwd, 'models', 'rollback', 'iris', '--alias', 'staging')).err).toBe(
      "mlpy: model 'iris' has no alias 'staging'\n",
    );
    expect((await mlpy(tempDir(), 'models', 'list')).out).toMatch(/no registered models/);
  });

  it('uses --tracking-uri and MLPY_TRACKING_URI', async () => {
    const other = tempDir();
    const uri = join(cwd, '.mlpy/tracking.db');
    expect(
      JSON.parse((await mlpy(other, 'models', 'list', '--json', '--tracking-uri', uri)).out),
    ).toHaveLength(1);
    expect(
      JSON.parse((await mlpy(other, 'models', 'list', '--json', '--tracking-uri', `sqlite:${uri}`)).out),
    ).toHaveLength(1);
  });
});
