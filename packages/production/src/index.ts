// Public surface of @mlpy/production: model serving on Hono with validation, registry-backed
// versioning and hot swap, A/B tests, drift detection, Prometheus metrics, micro-batching and auth.
export {
  Experiment,
  type ExperimentConfig,
  type ExperimentSummary,
  type VariantConfig,
  type VariantSummary,
} from './ab/index.js';
export { createServingApp, type ServingApp } from './app/create-app.js';
export {
  type AuthOptions,
  type CorsOptions,
  jsonLogger,
  type ModelSpec,
  type ServingLogger,
  type ServingOptions,
} from './app/options.js';
export { ServingRuntime } from './app/runtime.js';
export {
  type ApiKeyRecord,
  ApiKeyStore,
  type AuditEntry,
  AuditLog,
  createApiKey,
  hashApiKey,
  RateLimiter,
  type RateLimitOptions,
  type Scope,
} from './auth/index.js';
export { type BatcherOptions, MicroBatcher } from './batching/index.js';
export {
  type DriftAlert,
  type DriftAlertOptions,
  DriftMonitor,
  type DriftOptions,
  type DriftReport,
  type FeatureDrift,
  type PredictionSummary,
} from './drift/index.js';
export { type ErrorBody, errorResponse, httpStatusFor } from './http/errors.js';
export { type MetricsOptions, ServingMetrics } from './metrics/index.js';
export {
  type LoadedPredictor,
  ModelHandle,
  type ModelInfo,
  ModelManager,
  type ModelSource,
  type RegistryLike,
  RegistrySource,
  type RegistrySourceOptions,
  registrySource,
  type ServedModelConfig,
  type StaticModel,
  StaticSource,
  type Swap,
  staticSource,
} from './models/index.js';
export { buildOpenApi, renderDocsPage } from './openapi/index.js';
export { type ListenOptions, type ServingServer, serveModel, startServer } from './server/serve.js';
export {
  chiSquareGoodnessOfFit,
  ksTwoSample,
  psi,
  twoProportionZTest,
  welchTTest,
} from './stats/index.js';
export { type ParseOptions, rowParser, type ValidationProblem } from './validation/index.js';
