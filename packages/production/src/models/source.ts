// Where served models come from. A ModelSource resolves a reference (a version number such as
// "3", an alias such as "@champion", or "latest") to a concrete version and loads that version.
// `staticSource` serves in-process predictors; `registrySource` (registry-source.ts) reads the
// @mlpy/tracking model registry.
import { type DataProfile, InvalidParameterError, NotFoundError, type Predictor } from '@mlpy/core';

/** A loaded model version and the training profile drift detection compares against. */
export interface LoadedPredictor {
  predictor: Predictor;
  profile?: DataProfile | undefined;
}

/** Resolves and loads model versions. */
export interface ModelSource {
  /** A short name for logs and /models ("static", "registry"). */
  readonly kind: string;
  /** The concrete version `ref` points at now; NotFoundError when the model or ref is unknown. */
  resolve(name: string, ref: string): Promise<string>;
  /** Loads one concrete version. */
  load(name: string, version: string): Promise<LoadedPredictor>;
  /** Moves an alias (admin API, rollback); absent when the source is read-only. */
  setAlias?(name: string, alias: string, version: string): Promise<void>;
}

/** The training profile a core estimator carries, if any. */
export function profileOf(predictor: Predictor): DataProfile | undefined {
  const p = (predictor as { trainingProfile?: unknown }).trainingProfile;
  return p && typeof p === 'object' && Array.isArray((p as DataProfile).features)
    ? (p as DataProfile)
    : undefined;
}

/** True when `value` has what serving needs from a model. */
export function isPredictor(value: unknown): value is Predictor {
  const v = value as Partial<Predictor> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.predict === 'function' &&
    typeof v.estimatorName === 'string'
  );
}

/** One model name of a static source: its versions and aliases. */
export interface StaticModel {
  versions: Record<string, Predictor | LoadedPredictor>;
  aliases?: Record<string, string>;
}

/** An in-memory source: predictors held by the process, with versions and movable aliases. */
export class StaticSource implements ModelSource {
  readonly kind = 'static';
  private readonly models = new Map<
    string,
    { versions: Map<string, LoadedPredictor>; aliases: Map<string, string> }
  >();

  constructor(models: Record<string, Predictor | StaticModel> = {}) {
    for (const [name, spec] of Object.entries(models)) {
      if (isPredictor(spec)) this.add(name, '1', spec);
      else {
        for (const [v, p] of Object.entries(spec.versions)) this.add(name, v, p);
        for (const [a, v] of Object.entries(spec.aliases ?? {})) this.models.get(name)?.aliases.set(a, v);
      }
    }
  }

  /** Adds (or replaces) one version of a model. */
  add(name: string, version: string, model: Predictor | LoadedPredictor): this {
    let entry = this.models.get(name);
    if (!entry) {
      entry = { versions: new Map(), aliases: new Map() };
      this.models.set(name, entry);
    }
    const loaded = isPredictor(model) ? { predictor: model, profile: profileOf(model) } : model;
    entry.versions.set(version, loaded);
    return this;
  }

  private entry(name: string) {
    const entry = this.models.get(name);
    if (!entry) throw new NotFoundError(`No model named '${name}'.`);
    return entry;
  }

  async resolve(name: string, ref: string): Promise<string> {
    const entry = this.entry(name);
    if (ref === 'latest') {
      const all = [...entry.versions.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
      return all[all.length - 1]!;
    }
    if (ref.startsWith('@')) {
      const v = entry.aliases.get(ref.slice(1));
      if (v === undefined) throw new NotFoundError(`Model '${name}' has no alias '${ref.slice(1)}'.`);
      return v;
    }
    if (!entry.versions.has(ref)) throw new NotFoundError(`Model '${name}' has no version '${ref}'.`);
    return ref;
  }

  async load(name: string, version: string): Promise<LoadedPredictor> {
    const loaded = this.entry(name).versions.get(version);
    if (!loaded) throw new NotFoundError(`Model '${name}' has no version '${version}'.`);
    return loaded;
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    const entry = this.entry(name);
    if (!entry.versions.has(version)) throw new NotFoundError(`Model '${name}' has no version '${version}'.`);
    if (!/^[A-Za-z][\w-]*$/.test(alias)) throw new InvalidParameterError(`Invalid alias '${alias}'.`);
    entry.aliases.set(alias, version);
  }
}

/** A static source serving the given predictors (each as version "1" when passed bare). */
export function staticSource(models: Record<string, Predictor | StaticModel>): StaticSource {
  return new StaticSource(models);
}
