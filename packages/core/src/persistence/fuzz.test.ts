// Throws random and mutated bytes at loadModel: only typed MLPY errors may come out.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DummyClassifier } from '../dummy/index.js';
import { MlpyError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import { loadModel, saveModel } from './index.js';

function expectTypedFailureOrModel(bytes: Uint8Array): void {
  try {
    loadModel(bytes);
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(MlpyError);
  }
}

/** Re-signs mutated bytes so the mutation reaches the parser instead of stopping at the checksum. */
function resign(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  if (out.length < 32) return out;
  out.set(
    createHash('sha256')
      .update(out.subarray(0, out.length - 32))
      .digest(),
    out.length - 32,
  );
  return out;
}

describe('loadModel fuzzing', () => {
  const rng = new Rng(42);
  const good = (async () =>
    saveModel(
      await new DummyClassifier().fit(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        ['a', 'b', 'a'],
      ),
    ))();

  it('random bytes', () => {
    for (let t = 0; t < 300; t++) {
      const n = rng.int(200);
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = rng.int(256);
      if (t % 3 === 0 && n >= 8) bytes.set(new TextEncoder().encode('MLPYMODL'));
      expectTypedFailureOrModel(t % 2 ? resign(bytes) : bytes);
    }
  });

  it('mutated, truncated and extended valid files, re-signed', async () => {
    const bytes = await good;
    for (let t = 0; t < 500; t++) {
      let m = new Uint8Array(bytes);
      const kind = t % 4;
      if (kind === 0) for (let k = 0; k < 1 + rng.int(4); k++) m[rng.int(m.length - 32)] = rng.int(256);
      if (kind === 1) m = m.slice(0, rng.int(m.length));
      if (kind === 2) {
        const ext = new Uint8Array(m.length + 1 + rng.int(64));
        ext.set(m);
        m = ext;
      }
      if (kind === 3) {
        // Corrupt the manifest text specifically: swap a digit or a quote.
        const pos = 16 + rng.int(Math.max(1, new DataView(m.buffer).getUint32(12, true)));
        m[pos] = '0123456789"{}[],:-.eE'.charCodeAt(rng.int(21));
      }
      expectTypedFailureOrModel(resign(m));
    }
  });
});
