// Encodes an estimator (params + learned state) as JSON plus binary blobs, and back.
// JSON cannot hold typed arrays, NaN or infinities, so those get tagged objects:
// {"$blob": i}, {"$number": "NaN" | "Infinity" | "-Infinity"}, {"$estimator": {...}}.
import { BaseEstimator, type State, type StateValue } from '../base/index.js';
import type { DataProfile, FeatureSchema } from '../data/index.js';
import { FormatError } from '../errors/index.js';
import { registeredEstimator } from './registry.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const dtypes = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  uint16: Uint16Array,
  uint8: Uint8Array,
  int8: Int8Array,
} as const;
export type DType = keyof typeof dtypes;
export type Blob = InstanceType<(typeof dtypes)[DType]>;

export interface EncodedEstimator {
  class: string;
  params: Json;
  fitted: boolean;
  state?: Json;
  inputSchema?: Json;
  trainingProfile?: Json;
}

function dtypeOf(v: object): DType | undefined {
  for (const [name, Ctor] of Object.entries(dtypes)) if (v instanceof Ctor) return name as DType;
  return undefined;
}

/** Collects blobs while encoding. */
export class Encoder {
  readonly blobs: Blob[] = [];

  estimator(est: BaseEstimator): EncodedEstimator {
    const out: EncodedEstimator = {
      class: est.estimatorName,
      params: this.value(est.getParams() as StateValue, 'params'),
      fitted: est.isFitted,
    };
    if (est.isFitted) {
      out.state = this.value(est.exportState(), 'state');
      out.inputSchema = this.value(est.inputSchema as unknown as StateValue, 'inputSchema');
      if (est.trainingProfile)
        out.trainingProfile = this.value(est.trainingProfile as unknown as StateValue, 'trainingProfile');
    }
    return out;
  }

  value(v: StateValue | undefined, path: string): Json {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (v instanceof BaseEstimator) return { $estimator: this.estimator(v) as unknown as Json };
    if (Array.isArray(v)) return v.map((x, i) => this.value(x, `${path}[${i}]`));
    if (ArrayBuffer.isView(v)) {
      if (!dtypeOf(v))
        throw new FormatError(`Cannot save ${path}: unsupported typed array ${v.constructor.name}`);
      this.blobs.push(v as Blob);
      return { $blob: this.blobs.length - 1 };
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k.startsWith('$'))
          throw new FormatError(`Cannot save ${path}.${k}: keys starting with '$' are reserved`);
        if (x !== undefined) out[k] = this.value(x, `${path}.${k}`);
      }
      return out;
    }
    throw new FormatError(
      `Cannot save ${path}: values of type ${typeof v} (${String(v)}) are not serializable`,
    );
  }
}

/** Rebuilds values from their encoding, resolving blobs and constructing registered estimators. */
export class Decoder {
  constructor(private readonly blobs: readonly Blob[]) {}

  estimator(enc: unknown, path = 'model'): BaseEstimator {
    if (!isRecord(enc) || typeof enc['class'] !== 'string' || typeof enc['fitted'] !== 'boolean') {
      throw new FormatError(`Malformed estimator entry at ${path}`);
    }
    const Cls = registeredEstimator(enc['class']);
    if (!Cls) {
      throw new FormatError(
        `The file names estimator class '${enc['class']}', which is not registered. If it comes from an extra package, import that package and call registerEstimator first.`,
      );
    }
    let est: BaseEstimator;
    try {
      est = new (Cls as unknown as new (p: unknown) => BaseEstimator)(
        this.value(enc['params'], `${path}.params`),
      );
      if (enc['fitted']) {
        const state = this.value(enc['state'], `${path}.state`);
        const schema = this.value(enc['inputSchema'], `${path}.inputSchema`);
        if (!isRecord(state) || !isRecord(schema) || !Array.isArray(schema['features'])) {
          throw new FormatError(`Missing state or input schema at ${path}`);
        }
        const profile = enc['trainingProfile'] == null ? undefined : this.value(enc['trainingProfile'], path);
        est.importState(
          state as State,
          schema as unknown as FeatureSchema,
          profile as DataProfile | undefined,
        );
      }
    } catch (err) {
      if (err instanceof FormatError) throw err;
      throw new FormatError(`Cannot restore ${enc['class']} at ${path}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return est;
  }

  value(v: unknown, path: string): StateValue {
    if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
    if (Array.isArray(v)) return v.map((x, i) => this.value(x, `${path}[${i}]`));
    if (!isRecord(v)) throw new FormatError(`Unexpected value at ${path}`);
    if ('$blob' in v) {
      const blob = typeof v['$blob'] === 'number' ? this.blobs[v['$blob']] : undefined;
      if (!blob) throw new FormatError(`Blob reference at ${path} points outside the file`);
      return blob;
    }
    if ('$number' in v) {
      const n = Number(v['$number']);
      if (!['NaN', 'Infinity', '-Infinity'].includes(String(v['$number'])))
        throw new FormatError(`Bad number at ${path}`);
      return n;
    }
    if ('$estimator' in v) return this.estimator(v['$estimator'], path);
    const out: Record<string, StateValue> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype')
        throw new FormatError(`Forbidden key '${k}' at ${path}`);
      out[k] = this.value(x, `${path}.${k}`);
    }
    return out;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
