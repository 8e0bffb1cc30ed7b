export {
  type BlobsOptions,
  type ClassificationOptions,
  makeBlobs,
  makeClassification,
  makeRegression,
  type RegressionOptions,
} from './generators.js';
