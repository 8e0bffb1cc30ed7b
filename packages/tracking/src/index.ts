// Public surface of @mlpy/tracking: trackers and stores (SQLite, PostgreSQL, MLflow), the model
// registry, run comparison and autolog.
export { type AutologOptions, autolog, signatureOf } from './autolog/autolog.js';
export { ActiveRun, type MetricOptions, paramValue } from './client/active-run.js';
export { DEFAULT_SQLITE_PATH, openStore, parseTrackingUri, type StoreOptions } from './client/open-store.js';
export { createTracker, DEFAULT_EXPERIMENT, type StartRunOptions, Tracker } from './client/tracker.js';
export { bestRun, compareRuns, type DiffRow, type RunComparison } from './compare/compare.js';
export { isUnavailable, type MlflowHttpOptions, type RetryOptions } from './mlflow/http.js';
export { Journal, type JournalOptions } from './mlflow/journal.js';
export { defaultJournalPath, MlflowStore, type MlflowStoreOptions } from './mlflow/mlflow-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { type ColumnSpec, type ModelSignature, renderMLmodel } from './registry/mlmodel.js';
export {
  type LogModelOptions,
  ModelRegistry,
  type RegisterModelOptions,
  VERSION_TAGS,
  type VersionMetadata,
} from './registry/model-registry.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { allPages } from './store/paging.js';
export type {
  ArtifactInfo,
  Experiment,
  LogBatch,
  Metric,
  ModelStage,
  ModelVersion,
  Page,
  PageRequest,
  RegisteredModel,
  RegistryStore,
  Run,
  RunInfo,
  RunOrder,
  RunSearch,
  RunStatus,
  TrackingStore,
} from './store/types.js';
export {
  BATCH_LIMITS,
  LENGTH_LIMITS,
  splitBatch,
  validateArtifactPath,
  validateKey,
} from './store/validate.js';
