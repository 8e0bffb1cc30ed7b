// ModelManager and sources: resolving references, hot swap on refresh, setAlias, rollback,
// eviction, errors; and RegistrySource against a real @mlpy/tracking registry on SQLite.
import { Float64Matrix, NotFoundError } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColorSizeModel, fittedClassifier } from '../../test/fixtures.js';
import { type TestRegistry, testRegistry } from '../../test/registry.js';
import { ModelManager, normaliseRef, type Swap } from './manager.js';
import { registrySource } from './registry-source.js';
import { isPredictor, StaticSource, staticSource } from './source.js';

const row = new Float64Matrix(new Float64Array([0.5, -0.2, 1, 0]), 1, 4);

describe('StaticSource', () => {
  it('resolves versions, aliases and latest, and moves aliases', async () => {
    const a = await fittedClassifier(0);
    const b = await fittedClassifier(1);
    const src = staticSource({
      m: { versions: { '1': a, '2': b }, aliases: { champion: '1' } },
      solo: new ColorSizeModel(),
    });
    expect(await src.resolve('m', 'latest')).toBe('2');
    expect(await src.resolve('m', '@champion')).toBe('1');
    expect(await src.resolve('solo', 'latest')).toBe('1');
    await src.setAlias('m', 'champion', '2');
    expect(await src.resolve('m', '@champion')).toBe('2');
    await expect(src.resolve('m', '@nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.resolve('m', '9')).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.resolve('x', '1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.load('m', '9')).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.setAlias('m', 'champion', '9')).rejects.toBeInstanceOf(NotFoundError);
    await expect(src.setAlias('m', '9bad', '1')).rejects.toThrow(/Invalid alias/);
    expect(isPredictor(a)).toBe(true);
    expect(isPredictor({})).toBe(false);
  });
});

describe('ModelManager', () => {
  it('serves the default reference, swaps on refresh and rolls back', async () => {
    const v1 = await fittedClassifier(0);
    const v2 = await fittedClassifier(1, 0.01);
    const src = new StaticSource({ m: { versions: { '1': v1, '2': v2 }, aliases: { champion: '1' } } });
    const swaps: Swap[] = [];
    const mgr = new ModelManager([{ name: 'm', source: src, ref: '@champion' }], {
      onSwap: (s) => swaps.push(s),
      drift: false,
    });
    await mgr.start();
    expect(mgr.ready).toBe(true);
    expect(mgr.current('m')?.version).toBe('1');
    expect(await mgr.refresh()).toEqual([]);
    await src.setAlias('m', 'champion', '2');
    const old = mgr.current('m')!;
    expect(await mgr.refresh('m')).toEqual([{ model: 'm', ref: '@champion', from: '1', to: '2' }]);
    expect(mgr.current('m')?.version).toBe('2');
    // A handle taken before the swap still scores (in-flight requests finish on the old version).
    expect(await old.predict(row)).toHaveLength(1);
    const back = await mgr.rollback('m');
    expect(back).toMatchObject({ from: '2', to: '1' });
    expect(await src.resolve('m', '@champion')).toBe('1');
    await expect(mgr.rollback('m')).rejects.toBeInstanceOf(NotFoundError);
    expect(swaps).toHaveLength(2);
    const moved = await mgr.setAlias('m', 'challenger', '2');
    expect(moved).toMatchObject({ ref: '@challenger', from: undefined, to: '2' });
    expect((await mgr.get('m', '@challenger')).version).toBe('2');
    expect(mgr.describe()[0]).toMatchObject({
      name: 'm',
      source: 'static',
      ref: '@champion',
      refs: { '@champion': '1', '@challenger': '2' },
    });
  });

  it('loads explicit versions on demand, once, and evicts unpinned ones beyond the cache', async () => {
    const models = await Promise.all([0, 1, 2].map((s) => fittedClassifier(s)));
    let loads = 0;
    const src = new StaticSource({ m: { versions: { '1': models[0]!, '2': models[1]!, '3': models[2]! } } });
    const counting = {
      kind: 'static',
      resolve: src.resolve.bind(src),
      load: (n: string, v: string) => {
        loads++;
        return src.load(n, v);
      },
    };
    const mgr = new ModelManager([{ name: 'm', source: counting, ref: '3' }], { extraVersions: 1 });
    const [a, b] = await Promise.all([mgr.get('m', '1'), mgr.get('m', '1'), mgr.start()]);
    expect(a).toBe(b);
    expect(loads).toBe(2);
    await mgr.get('m', '2');
    expect(
      mgr
        .handles()
        .map((h) => h.version)
        .sort(),
    ).toEqual(['2', '3']);
    expect(mgr.current('m', '2')?.version).toBe('2');
    expect(mgr.current('zz')).toBeUndefined();
  });

  it('refuses bad configurations and references', async () => {
    const src = staticSource({ m: new ColorSizeModel() });
    expect(() => new ModelManager([])).toThrow(/at least one model/);
    expect(
      () =>
        new ModelManager([
          { name: 'm', source: src },
          { name: 'm', source: src },
        ]),
    ).toThrow(/twice/);
    expect(() => normaliseRef('a/b')).toThrow(/Invalid/);
    const mgr = new ModelManager([{ name: 'm', source: src }]);
    await expect(mgr.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(mgr.rollback('m', 'x')).rejects.toBeInstanceOf(NotFoundError);
    const readOnly = new ModelManager([
      { name: 'm', source: { kind: 'ro', resolve: async () => '1', load: (n, v) => src.load(n, v) } },
    ]);
    expect(() => readOnly.setAlias('m', 'a', '1')).toThrow(/cannot move aliases/);
    await expect(new ModelManager([{ name: 'm', source: src, ref: '7' }]).start()).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('polls the source and swaps when an alias moves', async () => {
    const src = new StaticSource({
      m: {
        versions: { '1': await fittedClassifier(0), '2': await fittedClassifier(1) },
        aliases: { prod: '1' },
      },
    });
    const mgr = new ModelManager([{ name: 'm', source: src, ref: '@prod' }]);
    await mgr.start();
    const errors: unknown[] = [];
    mgr.startPolling(20, (e) => errors.push(e));
    await src.setAlias('m', 'prod', '2');
    for (let i = 0; i < 150 && mgr.current('m')?.version !== '2'; i++)
      await new Promise((r) => setTimeout(r, 20));
    mgr.stopPolling();
    expect(mgr.current('m')?.version).toBe('2');
    expect(errors).toEqual([]);
  });
});

describe('RegistrySource on a real @mlpy/tracking registry (SQLite)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await testRegistry();
  });
  afterAll(() => reg.cleanup());

  it('resolves aliases, versions and latest and loads the saved models with their profiles', async () => {
    const m1 = await fittedClassifier(0);
    const m2 = await fittedClassifier(1, 0.01);
    expect(await reg.register('churn', m1)).toBe('1');
    expect(await reg.register('churn', m2)).toBe('2');
    await reg.tracker.registry.setAlias('churn', 'champion', '1');
    const src = registrySource(reg.tracker.registry);
    expect(await src.resolve('churn', '@champion')).toBe('1');
    expect(await src.resolve('churn', '2')).toBe('2');
    expect(await src.resolve('churn', 'latest')).toBe('2');
    const loaded = await src.load('churn', '2');
    expect(loaded.predictor.predict(row)).toEqual(m2.predict(row));
    expect(loaded.profile?.features.map((f) => f.name)).toEqual(['a', 'b', 'c', 'd']);
    await expect(src.resolve('churn', '@nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(src.resolve('ghost', 'latest')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mgr = new ModelManager([{ name: 'churn', source: src }]);
    await mgr.start();
    expect(mgr.current('churn')?.version).toBe('1');
    await mgr.setAlias('churn', 'champion', '2');
    expect((await reg.tracker.registry.getVersion('churn', '@champion')).version).toBe('2');
    expect(mgr.current('churn')?.version).toBe('2');
  });

  it('refuses a registry file that holds no predictor', async () => {
    const src = registrySource({
      getVersion: async () => ({ version: '1' }),
      downloadModel: async () => new Uint8Array([1, 2, 3]),
      setAlias: async () => {},
    });
    await expect(src.load('x', '1')).rejects.toMatchObject({ code: 'FORMAT_ERROR' });
    await expect(src.resolve('x', 'latest')).rejects.toBeInstanceOf(NotFoundError);
  });
});
