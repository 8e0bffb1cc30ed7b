// The MLPY model file (spec: docs/specs/model-format.md). Layout, little-endian:
//   0  8 bytes  magic "MLPYMODL"
//   8  u32      format version
//  12  u32      manifest length M
//  16  M bytes  manifest, UTF-8 JSON
//      padding to a multiple of 8, then the blobs, each 8-byte aligned
//  end 32 bytes SHA-256 of every byte before it
// Loading verifies the checksum before it parses anything and never evaluates code.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { BaseEstimator, EstimatorClass } from '../base/index.js';
import { BackendError, ChecksumError, FormatError } from '../errors/index.js';
import { type Blob, Decoder, type DType, dtypes, type EncodedEstimator, Encoder, isRecord } from './codec.js';
import { ensureCoreEstimatorsRegistered } from './core-classes.js';

export const MAGIC = 'MLPYMODL';
export const FORMAT_VERSION = 1;
const HEADER = 16;
const DIGEST = 32;

export interface BlobEntry {
  dtype: DType;
  /** Byte offset from the start of the blob region. */
  offset: number;
  /** Number of elements. */
  length: number;
}

export interface ModelManifest {
  format: 'mlpy-model';
  formatVersion: number;
  library: { name: string; version: string };
  createdAt: string;
  model: EncodedEstimator;
  blobs: BlobEntry[];
  /** Free-form user metadata (e.g. run id, dataset digest). */
  metadata: Record<string, unknown>;
}

export const LIBRARY = { name: '@mlpy/core', version: '0.1.0' };

const align8 = (n: number) => (n + 7) & ~7;

function checkEndianness(): void {
  if (endianness() !== 'LE')
    throw new BackendError('MLPY model files are little-endian; this platform is big-endian');
}

/** Serializes a fitted (or unfitted) estimator to bytes. */
export function saveModel(estimator: BaseEstimator, metadata: Record<string, unknown> = {}): Uint8Array {
  checkEndianness();
  const encoder = new Encoder();
  const model = encoder.estimator(estimator);
  let offset = 0;
  const blobs: BlobEntry[] = encoder.blobs.map((b) => {
    const entry = { dtype: dtypeName(b), offset, length: b.length };
    offset = align8(offset + b.byteLength);
    return entry;
  });
  const manifest: ModelManifest = {
    format: 'mlpy-model',
    formatVersion: FORMAT_VERSION,
    library: LIBRARY,
    createdAt: new Date().toISOString(),
    model,
    blobs,
    metadata,
  };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  const blobStart = align8(HEADER + json.length);
  const total = blobStart + offset + DIGEST;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  out.set(json, HEADER);
  encoder.blobs.forEach((b, i) => {
    out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), blobStart + blobs[i]!.offset);
  });
  out.set(
    createHash('sha256')
      .update(out.subarray(0, total - DIGEST))
      .digest(),
    total - DIGEST,
  );
  return out;
}

function dtypeName(b: Blob): DType {
  for (const [name, Ctor] of Object.entries(dtypes)) if (b instanceof Ctor) return name as DType;
  throw new FormatError(`Unsupported typed array ${b.constructor.name}`);
}

/** Checks header and checksum and parses the manifest, without constructing the model. */
export function readManifest(bytes: Uint8Array): ModelManifest {
  if (!(bytes instanceof Uint8Array))
    throw new FormatError('A model must be read from a Uint8Array or Buffer');
  if (bytes.length < HEADER + DIGEST || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new FormatError(
      'Not an MLPY model file (bad magic bytes or too short). Was it saved with saveModel?',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version > FORMAT_VERSION) {
    throw new FormatError(
      `This model file has format version ${version}; this @mlpy/core reads up to ${FORMAT_VERSION}. Upgrade @mlpy/core to load it.`,
    );
  }
  if (version < 1) throw new FormatError(`Invalid format version ${version}`);
  const body = bytes.subarray(0, bytes.length - DIGEST);
  const expected = bytes.subarray(bytes.length - DIGEST);
  const actual = createHash('sha256').update(body).digest();
  if (!actual.equals(expected)) {
    throw new ChecksumError(
      'Model file checksum mismatch: the file is truncated or was modified after it was saved',
    );
  }
  const length = view.getUint32(12, true);
  if (HEADER + length > body.length) throw new FormatError('Manifest length points past the end of the file');
  let manifest: unknown;
  try {
    manifest = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER, HEADER + length)),
    );
  } catch (err) {
    throw new FormatError('Model manifest is not valid UTF-8 JSON', { cause: err });
  }
  if (
    !isRecord(manifest) ||
    manifest['format'] !== 'mlpy-model' ||
    !Array.isArray(manifest['blobs']) ||
    !isRecord(manifest['model'])
  ) {
    throw new FormatError('Model manifest lacks format, model or blobs');
  }
  return manifest as unknown as ModelManifest;
}

function readBlobs(bytes: Uint8Array, manifest: ModelManifest): Blob[] {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
  const start = align8(HEADER + length);
  const end = bytes.length - DIGEST;
  return manifest.blobs.map((entry, i) => {
    const Ctor = isRecord(entry) ? dtypes[entry.dtype] : undefined;
    const ok =
      Ctor &&
      Number.isSafeInteger(entry.offset) &&
      Number.isSafeInteger(entry.length) &&
      entry.offset >= 0 &&
      entry.length >= 0;
    const from = ok ? start + entry.offset : 0;
    const to = ok ? from + entry.length * Ctor.BYTES_PER_ELEMENT : 0;
    if (!ok || to > end || from % 8 !== 0)
      throw new FormatError(`Blob ${i} has an invalid type, offset or length`);
    // Copy so the array is aligned and independent of the input buffer.
    const copy = new Uint8Array(bytes.subarray(from, to));
    return new Ctor(copy.buffer, 0, entry.length);
  });
}

export interface LoadOptions<E> {
  /** Refuse files whose model is not of this class. */
  expect?: EstimatorClass & (abstract new (...args: never[]) => E);
}

/** Restores an estimator from bytes written by saveModel. */
export function loadModel<E extends BaseEstimator = BaseEstimator>(
  bytes: Uint8Array,
  options: LoadOptions<E> = {},
): E {
  checkEndianness();
  const manifest = readManifest(bytes);
  ensureCoreEstimatorsRegistered();
  const est = new Decoder(readBlobs(bytes, manifest)).estimator(manifest.model);
  if (options.expect && !(est instanceof options.expect)) {
    throw new FormatError(
      `Expected a ${options.expect.estimatorName} model, the file holds a ${est.estimatorName}`,
    );
  }
  return est as E;
}

/** Writes the model atomically (temporary file, then rename). */
export async function saveModelFile(
  estimator: BaseEstimator,
  path: string,
  metadata?: Record<string, unknown>,
): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, saveModel(estimator, metadata));
  await rename(tmp, path);
}

export async function loadModelFile<E extends BaseEstimator = BaseEstimator>(
  path: string,
  options?: LoadOptions<E>,
): Promise<E> {
  return loadModel(await readFile(path), options);
}
