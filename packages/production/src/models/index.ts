// Model sources, loaded versions and the manager that routes and hot-swaps them.
export { argmaxLabels, type HandleOptions, ModelHandle, type ModelInfo, type OutputValue } from './handle.js';
export {
  type ManagerOptions,
  ModelManager,
  normaliseRef,
  type ServedModelConfig,
  type Swap,
} from './manager.js';
export {
  type RegistryLike,
  RegistrySource,
  type RegistrySourceOptions,
  registrySource,
} from './registry-source.js';
export {
  isPredictor,
  type LoadedPredictor,
  type ModelSource,
  profileOf,
  type StaticModel,
  StaticSource,
  staticSource,
} from './source.js';
