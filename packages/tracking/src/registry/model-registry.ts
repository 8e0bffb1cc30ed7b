// The model registry users see: log a model into a run (with an MLmodel file MLflow recognises),
// register versions with their source run, dataset digest, metrics and signature, aliases, stages.
import { ConflictError, InvalidParameterError, NotFoundError } from '@mlpy/core';
import { allPages } from '../store/paging.js';
import type { ModelStage, ModelVersion, RegisteredModel, TrackingStore } from '../store/types.js';
import { validateArtifactPath } from '../store/validate.js';
import { type ModelSignature, renderMLmodel } from './mlmodel.js';

/** Tags under which a version's metadata is stored, on every backend. */
export const VERSION_TAGS = {
  datasetDigest: 'mlpy.dataset_digest',
  metrics: 'mlpy.metrics',
  signature: 'mlpy.signature',
  artifactPath: 'mlpy.artifact_path',
  modelFile: 'mlpy.model_file',
} as const;

const MODEL_FILE = 'model.mlpy';
const ONNX_FILE = 'model.onnx';
const MLPY_VERSION = '0.1.0';

/** A model to log into a run. */
export interface LogModelOptions {
  /** The saved model (`saveModel(estimator)` from @mlpy/core). */
  model: Uint8Array;
  /** The estimator's class name, shown in the MLmodel flavor. */
  estimator: string;
  /** Folder of the model in the run's artifacts (default `model`). */
  artifactPath?: string;
  /** The same model exported to ONNX; adds MLflow's `onnx` flavor. */
  onnx?: Uint8Array;
  signature?: ModelSignature;
}

/** A version to register from a run's logged model. */
export interface RegisterModelOptions {
  name: string;
  runId: string;
  artifactPath?: string;
  description?: string;
  /** SHA-256 of the training data (autolog's FitEvent.datasetDigest). */
  datasetDigest?: string;
  metrics?: Record<string, number>;
  signature?: ModelSignature;
  tags?: Record<string, string>;
}

/** What `registerModel` stored about a version. */
export interface VersionMetadata {
  datasetDigest?: string;
  metrics?: Record<string, number>;
  signature?: ModelSignature;
  artifactPath?: string;
}

/** Registered models and their versions on one tracking store. */
export class ModelRegistry {
  constructor(private readonly store: TrackingStore) {}

  /** Writes the model (and MLmodel file) under `artifactPath` of a run; returns that path. */
  async logModel(runId: string, options: LogModelOptions): Promise<string> {
    const path = validateArtifactPath(options.artifactPath ?? 'model');
    await this.store.logArtifact(runId, `${path}/${MODEL_FILE}`, options.model);
    if (options.onnx) await this.store.logArtifact(runId, `${path}/${ONNX_FILE}`, options.onnx);
    const mlmodel = renderMLmodel({
      artifactPath: path,
      runId,
      estimator: options.estimator,
      mlpyVersion: MLPY_VERSION,
      modelFile: MODEL_FILE,
      ...(options.onnx ? { onnxFile: ONNX_FILE } : {}),
      ...(options.signature ? { signature: options.signature } : {}),
    });
    await this.store.logArtifact(runId, `${path}/MLmodel`, new TextEncoder().encode(mlmodel));
    return path;
  }

  /** Registers a new version of `name` (created when missing) from a run's logged model. */
  async registerModel(options: RegisterModelOptions): Promise<ModelVersion> {
    const path = validateArtifactPath(options.artifactPath ?? 'model');
    const run = await this.store.getRun(options.runId);
    try {
      await this.store.registry.createRegisteredModel(options.name);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const tags: Record<string, string> = { ...options.tags, [VERSION_TAGS.artifactPath]: path };
    if (options.datasetDigest) tags[VERSION_TAGS.datasetDigest] = options.datasetDigest;
    if (options.metrics) tags[VERSION_TAGS.metrics] = JSON.stringify(options.metrics);
    if (options.signature) tags[VERSION_TAGS.signature] = JSON.stringify(options.signature);
    return this.store.registry.createModelVersion(options.name, {
      source: `${run.info.artifactUri}/${path}`,
      runId: options.runId,
      tags,
      ...(options.description ? { description: options.description } : {}),
    });
  }

  /** Reads back what `registerModel` stored on a version. */
  metadata(version: ModelVersion): VersionMetadata {
    const t = version.tags;
    const out: VersionMetadata = {};
    const digest = t[VERSION_TAGS.datasetDigest];
    const metrics = t[VERSION_TAGS.metrics];
    const signature = t[VERSION_TAGS.signature];
    const path = t[VERSION_TAGS.artifactPath];
    if (digest) out.datasetDigest = digest;
    if (metrics) out.metrics = JSON.parse(metrics) as Record<string, number>;
    if (signature) out.signature = JSON.parse(signature) as ModelSignature;
    if (path) out.artifactPath = path;
    return out;
  }

  /** A registered model with its tags and aliases. */
  getModel(name: string): Promise<RegisteredModel> {
    return this.store.registry.getRegisteredModel(name);
  }

  /** A version by number (`'3'`) or by alias (`'@champion'`). */
  getVersion(name: string, version: string): Promise<ModelVersion> {
    if (version.startsWith('@')) return this.store.registry.getModelVersionByAlias(name, version.slice(1));
    return this.store.registry.getModelVersion(name, version);
  }

  /** Points `alias` (e.g. `champion`, `challenger`) at a version, moving it if it pointed elsewhere. */
  setAlias(name: string, alias: string, version: string): Promise<void> {
    return this.store.registry.setRegisteredModelAlias(name, alias, version);
  }

  deleteAlias(name: string, alias: string): Promise<void> {
    return this.store.registry.deleteRegisteredModelAlias(name, alias);
  }

  /** Moves a version to a legacy stage; `archiveExisting` archives others in that stage. */
  transitionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExisting = false,
  ): Promise<ModelVersion> {
    return this.store.registry.transitionModelVersionStage(name, version, stage, archiveExisting);
  }

  /** Registered models whose name matches a LIKE pattern (all when omitted), every page. */
  searchModels(nameLike?: string): Promise<RegisteredModel[]> {
    return allPages((pageToken) =>
      this.store.registry.searchRegisteredModels({
        ...(nameLike ? { nameLike } : {}),
        ...(pageToken ? { pageToken } : {}),
      }),
    );
  }

  /** Versions of a model, or produced by a run, every page. */
  searchVersions(filter: { name?: string; runId?: string }): Promise<ModelVersion[]> {
    return allPages((pageToken) =>
      this.store.registry.searchModelVersions({ ...filter, ...(pageToken ? { pageToken } : {}) }),
    );
  }

  /** Downloads the saved model file of a version (`'2'` or `'@champion'`), for `loadModel`. */
  async downloadModel(name: string, version: string): Promise<Uint8Array> {
    const v = await this.getVersion(name, version);
    const path = this.metadata(v).artifactPath;
    if (!path || !v.runId) {
      throw new NotFoundError(
        `Version ${v.version} of '${name}' was not registered from a run's logged model.`,
      );
    }
    try {
      return await this.store.downloadArtifact(v.runId, `${path}/${MODEL_FILE}`);
    } catch (error) {
      if (error instanceof InvalidParameterError) throw error;
      throw new NotFoundError(
        `Version ${v.version} of '${name}' has no ${MODEL_FILE} in run ${v.runId}; log it with logModel().`,
        {
          cause: error,
        },
      );
    }
  }
}
