// A stable fingerprint of a training set, so runs and registry versions can name their data.
import { createHash } from 'node:crypto';
import type { Float64Matrix } from './matrix.js';

/** SHA-256 (hex) over the matrix shape, its values and the target, if any. */
export function datasetDigest(x: Float64Matrix, y?: ArrayLike<number | string>): string {
  const hash = createHash('sha256');
  hash.update(`${x.rows}x${x.cols};`);
  hash.update(new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
  if (y) {
    if (y instanceof Float64Array || y instanceof Int32Array)
      hash.update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
    else hash.update(JSON.stringify(Array.from(y)));
  }
  return hash.digest('hex');
}
