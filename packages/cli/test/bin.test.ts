// The built `mlpy` binary as a user runs it: separate processes, real files, exit codes, stdout
// and stderr (build first: pnpm turbo run build --filter @mlpy/cli...).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpyProcess, tempDir, writeIris } from '../src/__fixtures__/helpers.js';

const cwd = tempDir('mlpy-bin-');
beforeAll(() => writeIris(cwd));

describe('mlpy binary', () => {
  it('--help exits 0', () => {
    const r = mlpyProcess(cwd, ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: mlpy \[options\] \[command\]/);
  });

  it('train → predict → evaluate on real files', () => {
    const t = mlpyProcess(cwd, [
      'train',
      'iris.csv',
      '--target',
      'species',
      '--model',
      'logistic',
      '--register',
      'iris',
      '--alias',
      'champion',
      '--json',
    ]);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.out).registered.alias).toBe('champion');
    expect(existsSync(join(cwd, '.mlpy/tracking.db'))).toBe(true);
    const p = mlpyProcess(cwd, ['predict', 'model.mlpy', 'iris.csv', '-o', 'out.csv']);
    expect(p.code).toBe(0);
    expect(existsSync(join(cwd, 'out.csv'))).toBe(true);
    const e = mlpyProcess(cwd, ['evaluate', 'model.mlpy', 'iris.csv', '-t', 'species', '--json']);
    expect(JSON.parse(e.out).metrics.accuracy).toBeGreaterThan(0.9);
    const m = mlpyProcess(cwd, ['models', 'list', '--json']);
    expect(JSON.parse(m.out)[0].aliases).toEqual({ champion: '1' });
  });

  it('user mistakes: exit 2, one line on stderr, no stack trace', () => {
    for (const args of [
      ['train', 'nope.csv', '-t', 'y'],
      ['train', 'iris.csv', '-t', 'nope'],
      ['train', 'iris.csv', '-t', 'species', '-m', 'rf', '-p', 'nEstimators=abc'],
      ['predict', 'missing.mlpy', 'iris.csv'],
      ['bogus'],
    ]) {
      const r = mlpyProcess(cwd, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^mlpy: /);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe('');
    }
  });

  it('an unreachable tracking store is a failure (exit 1), not a usage error', () => {
    const r = mlpyProcess(cwd, ['runs', 'list', '--tracking-uri', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^mlpy: /);
  });
});
