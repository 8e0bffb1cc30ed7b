import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaseRegressor, type FitContext, makeTags, type State } from '../base/index.js';
import { type Float64Matrix, Frame } from '../data/index.js';
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { ChecksumError, FormatError } from '../errors/index.js';
import { LIBRARY } from './format.js';
import {
  FORMAT_VERSION,
  loadModel,
  loadModelFile,
  readManifest,
  registerEstimator,
  registeredEstimatorNames,
  saveModel,
  saveModelFile,
} from './index.js';

/** Stores one value of every kind the codec supports. */
class StateZoo extends BaseRegressor<{ tag: string; nested: DummyRegressor | null }> {
  static override readonly estimatorName = 'StateZoo';
  static override readonly tags = makeTags('regression');
  state: State = {};

  constructor(params: Partial<{ tag: string; nested: DummyRegressor | null }> = {}) {
    super({ tag: 'zoo', nested: null }, params);
  }

  protected fitTarget(_x: Float64Matrix, y: Float64Array, _ctx: FitContext): void {
    this.state = {
      f64: new Float64Array([1.5, Number.NaN, Number.POSITIVE_INFINITY]),
      f32: new Float32Array([0.25]),
      i32: new Int32Array([-7]),
      u32: new Uint32Array([4e9]),
      u16: new Uint16Array([65535]),
      u8: new Uint8Array([1, 2, 3]),
      i8: new Int8Array([-1]),
      nums: [Number.NaN, Number.NEGATIVE_INFINITY, 0.1],
      obj: { s: 'x', b: true, n: null, deep: [{ k: 1 }] },
      mean: y.reduce((a, b) => a + b, 0) / y.length,
    };
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    return new Float64Array(x.rows).fill(this.state['mean'] as number);
  }

  protected getState(): State {
    return this.state;
  }

  protected setState(state: State): void {
    this.state = state;
  }
}
registerEstimator(StateZoo);

describe('saveModel / loadModel', () => {
  it('round-trips typed arrays, non-finite numbers, nested objects and nested estimators', async () => {
    const inner = await new DummyRegressor({ strategy: 'constant', constant: 3 }).fit([[1]], [1]);
    const model = await new StateZoo({ tag: 't', nested: inner }).fit([[1], [2]], [1, 3]);
    const loaded = loadModel(saveModel(model), { expect: StateZoo });
    expect(loaded.state).toEqual(model.state);
    expect((loaded.state['u8'] as Uint8Array).byteOffset % 8).toBe(0);
    expect(loaded.getParams().tag).toBe('t');
    const nested = loaded.getParams().nested!;
    expect(nested).toBeInstanceOf(DummyRegressor);
    expect(nested.isFitted).toBe(true);
    expect(Array.from(nested.predict([[9]]))).toEqual([3]);
    expect(loaded.trainingProfile).toEqual(model.trainingProfile);
  });

  it('keeps the input schema, so a Frame model still checks names and categories', async () => {
    const frame = new Frame({ a: [1, 2, 3], b: [0, 1, 0] });
    const m = await new DummyClassifier().fit(frame, ['x', 'y', 'x']);
    const loaded = loadModel(saveModel(m));
    expect(loaded.inputSchema).toEqual(m.inputSchema);
    expect(() => (loaded as DummyClassifier).predict(new Frame({ a: [1] }))).toThrow(/Missing: b/);
  });

  it('saves unfitted estimators as params only', () => {
    const loaded = loadModel(saveModel(new DummyRegressor({ strategy: 'median' })));
    expect(loaded.isFitted).toBe(false);
    expect(loaded.getParams()).toEqual({ strategy: 'median', quantile: 0.5, constant: 0 });
  });

  it('writes a manifest with class, versions and metadata', async () => {
    const m = await new DummyRegressor().fit([[1]], [2]);
    const manifest = readManifest(saveModel(m, { runId: 'r1' }));
    expect(manifest).toMatchObject({
      format: 'mlpy-model',
      formatVersion: FORMAT_VERSION,
      library: { name: '@mlpy/core' },
      metadata: { runId: 'r1' },
      model: { class: 'DummyRegressor', fitted: true },
    });
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(LIBRARY.version).toBe(pkg.version);
  });

  it('saves atomically to a file and loads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpy-model-'));
    const path = join(dir, 'm.mlpy');
    const m = await new DummyRegressor().fit([[1], [2]], [2, 4]);
    await saveModelFile(m, path);
    expect(readFileSync(path).subarray(0, 8).toString()).toBe('MLPYMODL');
    const loaded = await loadModelFile<DummyRegressor>(path);
    expect(Array.from(loaded.predict([[0]]))).toEqual([3]);
  });

  it('refuses a model of another class than expected', async () => {
    const bytes = saveModel(await new DummyRegressor().fit([[1]], [2]));
    expect(() => loadModel(bytes, { expect: DummyClassifier })).toThrow(/Expected a DummyClassifier model/);
  });

  it('refuses values it cannot represent', () => {
    const m = new StateZoo({ tag: 'x' });
    (m as unknown as { params: object }).params = { tag: 'x', nested: null, bad: () => 1 };
    expect(() => saveModel(m)).toThrow(/not serializable/);
    (m as unknown as { params: object }).params = { $evil: 1 };
    expect(() => saveModel(m)).toThrow(/reserved/);
  });

  it('lists registered classes and refuses a second class under a taken name', () => {
    expect(registeredEstimatorNames()).toContain('StateZoo');
    class Impostor extends StateZoo {}
    expect(() => registerEstimator(Impostor)).toThrow(/already registered as 'StateZoo'/);
  });
});

describe('loading damaged or foreign files', () => {
  const good = (async () => saveModel(await new DummyClassifier().fit([[1], [2]], ['a', 'b'])))();

  it('detects any flipped byte with ChecksumError', async () => {
    const bytes = await good;
    for (const pos of [20, Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
      const bad = new Uint8Array(bytes);
      bad[pos]! ^= 0x01;
      expect(() => loadModel(bad)).toThrow(ChecksumError);
    }
  });

  it('detects truncation', async () => {
    const bytes = await good;
    expect(() => loadModel(bytes.subarray(0, bytes.length - 1))).toThrow(ChecksumError);
    expect(() => loadModel(bytes.subarray(0, 30))).toThrow(FormatError);
  });

  it('refuses foreign files and future versions', async () => {
    expect(() => loadModel(new TextEncoder().encode('{"format":"pickle"}'.padEnd(64)))).toThrow(
      /Not an MLPY model file/,
    );
    const future = new Uint8Array(await good);
    new DataView(future.buffer).setUint32(8, FORMAT_VERSION + 1, true);
    expect(() => loadModel(future)).toThrow(/format version 2.*Upgrade @mlpy\/core/);
    expect(() => loadModel('text' as unknown as Uint8Array)).toThrow(FormatError);
  });

  it('refuses unknown classes and malformed state even with a valid checksum', async () => {
    const rewrite = (mutate: (manifest: Record<string, unknown>) => void) => {
      const m = readManifest(saveModelSync());
      mutate(m as unknown as Record<string, unknown>);
      return resign(m);
    };
    expect(() => loadModel(rewrite((m) => ((m['model'] as { class: string }).class = 'Evil')))).toThrow(
      /class 'Evil', which is not registered/,
    );
    expect(() =>
      loadModel(rewrite((m) => ((m['model'] as { state: unknown }).state = { value: 'not a number' }))),
    ).toThrow(FormatError);
    expect(() =>
      loadModel(rewrite((m) => ((m['model'] as { state: unknown }).state = { value: { $blob: 99 } }))),
    ).toThrow(/points outside the file/);
    expect(() =>
      loadModel(
        rewrite((m) => ((m['model'] as { params: unknown }).params = JSON.parse('{"__proto__": {"x": 1}}'))),
      ),
    ).toThrow(/Forbidden key '__proto__'/);
  });
});

// Builds a small valid file synchronously, and re-signs an edited manifest (as an attacker could).
function saveModelSync(): Uint8Array {
  const m = new DummyRegressor();
  (m as unknown as { importState: (s: State, sc: unknown, p: unknown) => void }).importState(
    { value: 1 },
    { features: [{ name: 'x0', kind: 'numeric' }], generatedNames: true },
    undefined,
  );
  return saveModel(m);
}

function resign(manifest: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const start = (16 + json.length + 7) & ~7;
  const out = new Uint8Array(start + 32);
  out.set(new TextEncoder().encode('MLPYMODL'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(createHash('sha256').update(out.subarray(0, start)).digest(), start);
  return out;
}
