// MLflow's key, value, path and batch rules, checked directly.
import { InvalidParameterError } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import { decodePage, nextToken } from './paging.js';
import type { Metric } from './types.js';
import {
  BATCH_LIMITS,
  canonicalStage,
  splitBatch,
  validateAlias,
  validateArtifactPath,
  validateBatch,
  validateKey,
  validateMetric,
  validateName,
} from './validate.js';

const metric = (i: number): Metric => ({ key: 'm', value: i, timestamp: 0, step: i });

describe('validateKey', () => {
  it('accepts the names MLflow accepts and refuses the rest', () => {
    for (const good of [
      'a',
      'Ab-5_',
      'a/b/c',
      'a.b.c',
      '.a',
      'b.',
      'a..a/._./o_O/.e.',
      'a b/c d',
      'x:y',
      'précision',
      '精度',
    ]) {
      expect(validateKey('param', good)).toBe(good);
    }
    for (const bad of [
      '',
      '.',
      '/',
      '..',
      '//',
      'a//b',
      'a/./b',
      '/a',
      'a/',
      '\\',
      './',
      '/./',
      '../x',
      'a/../../b',
      'a!',
      'a\tb',
      'a;b',
    ]) {
      expect(() => validateKey('metric', bad), bad).toThrow(InvalidParameterError);
    }
    expect(() => validateKey('tag', 5)).toThrow(/must be a string/);
    expect(() => validateKey('tag', 'k'.repeat(251))).toThrow(/limit is 250/);
  });
});

describe('values and metrics', () => {
  it('refuses non-string values, non-numeric metrics and fractional steps', () => {
    expect(() => validateBatch({ tags: { a: 1 as unknown as string } })).toThrow(/must be a string/);
    expect(() => validateBatch({ tags: { a: 'x'.repeat(8001) } })).toThrow(/limit is 8000/);
    expect(() =>
      validateMetric({ key: 'm', value: '1' as unknown as number, timestamp: 0, step: 0 }),
    ).toThrow(/must be a number/);
    expect(() => validateMetric({ key: 'm', value: 1, timestamp: 1.5, step: 0 })).toThrow(/timestamp/);
    expect(() => validateMetric({ key: 'm', value: Number.NaN, timestamp: 0, step: 0 })).not.toThrow();
  });

  it('checks experiment and model names, aliases and stages', () => {
    expect(() => validateName('experiment', '  ')).toThrow(InvalidParameterError);
    expect(() => validateName('experiment', 'x'.repeat(501))).toThrow(/limit is 500/);
    expect(validateName('experiment', 'ok')).toBe('ok');
    expect(validateAlias('champion')).toBe('champion');
    for (const bad of ['', 'has space', 'latest', 'V2', 'a'.repeat(256)])
      expect(() => validateAlias(bad), bad).toThrow();
    expect(canonicalStage('production')).toBe('Production');
    expect(() => canonicalStage('gold')).toThrow(/None, Staging, Production, Archived/);
  });
});

describe('splitBatch', () => {
  it('keeps each call within 1000 metrics, 100 params, 100 tags and 1000 entities', () => {
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, '1']));
    const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, '1']));
    const metrics = Array.from({ length: 2500 }, (_, i) => metric(i));
    const parts = splitBatch({ params, tags, metrics });
    for (const part of parts) {
      const np = Object.keys(part.params ?? {}).length;
      const nt = Object.keys(part.tags ?? {}).length;
      const nm = part.metrics?.length ?? 0;
      expect(np).toBeLessThanOrEqual(BATCH_LIMITS.params);
      expect(nt).toBeLessThanOrEqual(BATCH_LIMITS.tags);
      expect(nm).toBeLessThanOrEqual(BATCH_LIMITS.metrics);
      expect(np + nt + nm).toBeLessThanOrEqual(BATCH_LIMITS.entities);
    }
    expect(parts.flatMap((p) => p.metrics ?? [])).toEqual(metrics);
    expect(parts.reduce((n, p) => n + Object.keys(p.params ?? {}).length, 0)).toBe(250);
    expect(parts[0]).toMatchObject({ metrics: expect.any(Array) });
    expect(parts[0]!.metrics).toHaveLength(800);
    expect(splitBatch({})).toEqual([{}]);
  });
});

describe('artifact paths and page tokens', () => {
  it('normalises a trailing slash and allows the root only when asked', () => {
    expect(validateArtifactPath('a/b/')).toBe('a/b');
    expect(validateArtifactPath('', true)).toBe('');
    expect(() => validateArtifactPath('')).toThrow(InvalidParameterError);
    expect(() => validateArtifactPath('a\0b')).toThrow(InvalidParameterError);
  });

  it('round-trips offsets and refuses bad tokens and sizes', () => {
    const token = nextToken(0, 10, 11)!;
    expect(decodePage({ maxResults: 10, pageToken: token })).toEqual({ limit: 10, offset: 10 });
    expect(nextToken(0, 10, 10)).toBeUndefined();
    expect(() => decodePage({ maxResults: 0 })).toThrow(/maxResults/);
    expect(() => decodePage({ pageToken: Buffer.from('{"offset":-1}').toString('base64url') })).toThrow(
      /page token/,
    );
  });
});
