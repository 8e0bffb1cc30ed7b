// Serves models from the @mlpy/tracking model registry: references resolve through the registry
// (version numbers and `@alias`), and versions load from the model file logged with the run.
import { FormatError, loadModel, NotFoundError } from '@mlpy/core';
import { isPredictor, type LoadedPredictor, type ModelSource, profileOf } from './source.js';

/**
 * What serving uses of `@mlpy/tracking`'s `ModelRegistry` (`tracker.registry`); any object with
 * these methods works, so a registry on SQLite, PostgreSQL or MLflow can be passed as is.
 */
export interface RegistryLike {
  /** A version by number (`'3'`) or alias (`'@champion'`). */
  getVersion(name: string, version: string): Promise<{ version: string }>;
  /** The saved model file of a version, as written by `saveModel`. */
  downloadModel(name: string, version: string): Promise<Uint8Array>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  /** Versions of a model; used to resolve `latest`. */
  searchVersions?(filter: { name?: string }): Promise<{ version: string }[]>;
}

export interface RegistrySourceOptions {
  /** Turns downloaded bytes into a predictor; defaults to @mlpy/core's `loadModel`. */
  loadModel?: (
    bytes: Uint8Array,
    name: string,
    version: string,
  ) => LoadedPredictor | Promise<LoadedPredictor>;
}

function loadCoreModel(bytes: Uint8Array, name: string, version: string): LoadedPredictor {
  const model = loadModel(bytes);
  if (!isPredictor(model)) {
    throw new FormatError(
      `Version ${version} of '${name}' holds a ${model.estimatorName}, which has no predict method.`,
    );
  }
  return { predictor: model, profile: profileOf(model) };
}

/** A model source backed by a model registry. */
export class RegistrySource implements ModelSource {
  readonly kind = 'registry';

  constructor(
    private readonly registry: RegistryLike,
    private readonly options: RegistrySourceOptions = {},
  ) {}

  async resolve(name: string, ref: string): Promise<string> {
    if (ref === 'latest') {
      const versions = (await this.registry.searchVersions?.({ name })) ?? [];
      if (!versions.length) throw new NotFoundError(`Model '${name}' has no versions in the registry.`);
      return versions.map((v) => v.version).sort((a, b) => Number(a) - Number(b))[versions.length - 1]!;
    }
    return (await this.registry.getVersion(name, ref)).version;
  }

  async load(name: string, version: string): Promise<LoadedPredictor> {
    const bytes = await this.registry.downloadModel(name, version);
    return (this.options.loadModel ?? loadCoreModel)(bytes, name, version);
  }

  setAlias(name: string, alias: string, version: string): Promise<void> {
    return this.registry.setAlias(name, alias, version);
  }
}

/** A model source over a `@mlpy/tracking` ModelRegistry (or anything shaped like it). */
export function registrySource(registry: RegistryLike, options?: RegistrySourceOptions): RegistrySource {
  return new RegistrySource(registry, options);
}
