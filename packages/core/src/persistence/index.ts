export type { DType, EncodedEstimator, Json } from './codec.js';
export {
  type BlobEntry,
  FORMAT_VERSION,
  type LoadOptions,
  loadModel,
  loadModelFile,
  MAGIC,
  type ModelManifest,
  readManifest,
  saveModel,
  saveModelFile,
} from './format.js';
export { registerEstimator, registeredEstimatorNames } from './registry.js';
