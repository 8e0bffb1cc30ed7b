// Test helper: edits a saved model's manifest or float64 blobs and re-checksums the file, to
// check that setState refuses tampered-but-valid files with a typed error.
import { createHash } from 'node:crypto';
import { type ModelManifest, readManifest } from '../../persistence/index.js';

const align8 = (n: number) => (n + 7) & ~7;

/** The saved state object of the top-level model, for editing. */
export function stateOf(m: ModelManifest): Record<string, unknown> {
  return m.model.state as Record<string, unknown>;
}

/** Rewrites `bytes` after `edit` changed the manifest or a float64 blob (by index). */
export function tamperModel(
  bytes: Uint8Array,
  edit: (manifest: ModelManifest, blob: (index: number) => Float64Array) => void,
): Uint8Array {
  const manifest = readManifest(bytes);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
  const region = new Uint8Array(bytes.subarray(align8(16 + length), bytes.length - 32));
  edit(manifest, (i) => {
    const entry = manifest.blobs[i]!;
    return new Float64Array(region.buffer, entry.offset, entry.length);
  });
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const blobStart = align8(16 + json.length);
  const out = new Uint8Array(blobStart + region.length + 32);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(region, blobStart);
  out.set(createHash('sha256').update(out.subarray(0, out.length - 32)).digest(), out.length - 32);
  return out;
}
