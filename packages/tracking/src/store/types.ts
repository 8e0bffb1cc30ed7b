// The entities and the store contract shared by every tracking backend (SQLite, PostgreSQL, MLflow).

/** Lifecycle states of a run, as MLflow names them. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Legacy registry stages, as MLflow names them. */
export type ModelStage = 'None' | 'Staging' | 'Production' | 'Archived';

/** A named group of runs. */
export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

/** One measured value of a metric at a step and a time (ms since epoch). */
export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** The attributes of a run (no params, metrics or tags). */
export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | undefined;
  artifactUri: string;
  lifecycleStage: string;
}

/** A run with its params, tags and the latest value of each metric. */
export interface Run {
  info: RunInfo;
  data: {
    params: Record<string, string>;
    tags: Record<string, string>;
    /** Latest value of each metric: highest step, then latest timestamp, then largest value. */
    metrics: Record<string, Metric>;
  };
}

/** A page of results and the token for the next page, absent on the last one. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** Paging options for list and search calls. */
export interface PageRequest {
  maxResults?: number;
  pageToken?: string;
}

/** Metrics, params and tags written together; a store splits it to its per-call limits. */
export interface LogBatch {
  metrics?: Metric[];
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

/** One ordering term: `start_time`, `end_time`, `metrics.<key>` or `params.<key>`. */
export interface RunOrder {
  key: string;
  ascending?: boolean;
}

/** A run search; every given condition must hold. */
export interface RunSearch extends PageRequest {
  experimentIds: string[];
  status?: RunStatus;
  tags?: Record<string, string>;
  parentRunId?: string;
  orderBy?: RunOrder[];
}

/** An artifact file or directory, with its path relative to the run's artifact root. */
export interface ArtifactInfo {
  path: string;
  isDir: boolean;
  fileSize?: number;
}

/** A model name in the registry with its tags and aliases (alias → version). */
export interface RegisteredModel {
  name: string;
  creationTime: number;
  lastUpdatedTime: number;
  description: string;
  tags: Record<string, string>;
  aliases: Record<string, string>;
}

/** One version of a registered model. */
export interface ModelVersion {
  name: string;
  version: string;
  creationTime: number;
  lastUpdatedTime: number;
  description: string;
  source: string;
  runId: string;
  currentStage: ModelStage;
  status: string;
  tags: Record<string, string>;
  aliases: string[];
}

/** Registry operations every store provides; `@mlpy/tracking`'s ModelRegistry builds on these. */
export interface RegistryStore {
  createRegisteredModel(
    name: string,
    options?: { description?: string; tags?: Record<string, string> },
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** `nameLike` is a SQL LIKE pattern (`%` any run of characters), matched case-insensitively. */
  searchRegisteredModels(options?: PageRequest & { nameLike?: string }): Promise<Page<RegisteredModel>>;
  updateRegisteredModel(name: string, description: string): Promise<RegisteredModel>;
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  createModelVersion(
    name: string,
    options: { source: string; runId?: string; description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  searchModelVersions(options: PageRequest & { name?: string; runId?: string }): Promise<Page<ModelVersion>>;
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  transitionModelVersionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExistingVersions?: boolean,
  ): Promise<ModelVersion>;
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>;
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
}

/** The contract every tracking backend implements; the shared store suite checks it. */
export interface TrackingStore {
  /** Which backend this is. */
  readonly kind: 'sqlite' | 'postgres' | 'mlflow';
  readonly registry: RegistryStore;
  createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: Record<string, string> },
  ): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  /** The experiment with this exact name, or undefined. */
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  searchExperiments(options?: PageRequest): Promise<Page<Experiment>>;
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;
  createRun(input: {
    experimentId: string;
    runName?: string;
    startTime?: number;
    userId?: string;
    tags?: Record<string, string>;
  }): Promise<RunInfo>;
  updateRun(
    runId: string,
    patch: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo>;
  getRun(runId: string): Promise<Run>;
  searchRuns(search: RunSearch): Promise<Page<Run>>;
  logBatch(runId: string, batch: LogBatch): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  getMetricHistory(runId: string, key: string, page?: PageRequest): Promise<Page<Metric>>;
  /** Writes one artifact file at `artifactPath` (relative, `/`-separated) under the run's root. */
  logArtifact(runId: string, artifactPath: string, content: Uint8Array): Promise<void>;
  /** Lists the direct children of `path` (the root when omitted). */
  listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]>;
  downloadArtifact(runId: string, artifactPath: string): Promise<Uint8Array>;
  /** Waits until every accepted write is durable in the backend (replays the outage journal). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
