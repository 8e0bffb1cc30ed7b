// The program itself: help on every command, version, usage errors as one line with exit 2.

import { DataError, StoreError } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import { memoryIo, mlpy, tempDir } from './__fixtures__/helpers.js';
import { run } from './cli.js';
import { EXIT, errorLine, exitCodeFor, UsageError } from './errors.js';

const cwd = tempDir();

describe('mlpy', () => {
  it('prints help listing every command, and --version', async () => {
    const help = await mlpy(cwd, '--help');
    expect(help.code).toBe(0);
    for (const c of ['train', 'evaluate', 'predict', 'serve', 'runs', 'models', 'demo'])
      expect(help.out).toContain(c);
    expect((await mlpy(cwd, '--version')).out.trim()).toBe('0.1.0');
  });

  it.each([
    ['train'],
    ['evaluate'],
    ['predict'],
    ['serve'],
    ['demo'],
    ['runs', 'list'],
    ['runs', 'show'],
    ['runs', 'compare'],
    ['models', 'list'],
    ['models', 'promote'],
    ['models', 'rollback'],
  ])('mlpy %s %s --help shows usage and an example', async (...cmd) => {
    const r = await mlpy(cwd, ...cmd.filter(Boolean), '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: mlpy/);
    expect(r.out).toMatch(/Example/);
  });

  it('reports usage mistakes on one line with exit code 2', async () => {
    const unknown = await mlpy(cwd, 'trian');
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toBe("mlpy: unknown command 'trian' (Did you mean train?) (see --help)\n");
    const missing = await mlpy(cwd, 'train', 'data.csv');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^mlpy: required option '-t, --target <column>' not specified/);
    const bad = await mlpy(cwd, 'train', 'x.csv', '-t', 'y', '--test-size', '2');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/expected a number from 0 to 0.9/);
    expect((await mlpy(cwd, 'serve', '--port', 'abc')).code).toBe(2);
    expect((await mlpy(cwd, 'train', 'x.csv', '-t', 'y', '--task', 'ranking')).code).toBe(2);
  });

  it('maps errors to exit codes and one-line messages; MLPY_DEBUG adds the stack', async () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new DataError('x'))).toBe(2);
    expect(exitCodeFor(new StoreError('x'))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(2);
    expect(errorLine(new Error('a\n  b'))).toBe('mlpy: a b\n');
    expect(errorLine('plain')).toBe('mlpy: plain\n');
    const m = memoryIo(cwd, { MLPY_DEBUG: '1' });
    expect(await run(['train', 'missing.csv', '-t', 'y'], m.io)).toBe(2);
    expect(m.err()).toMatch(/^mlpy: Cannot read CSV file/);
    expect(m.err()).toMatch(/at /);
  });
});
