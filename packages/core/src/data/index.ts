export { datasetDigest } from './digest.js';
export { CategoricalColumn, type Column, type ColumnInput, Frame } from './frame.js';
export { Float64Matrix, hstack } from './matrix.js';
export {
  binIndex,
  type CategoricalProfile,
  type DataProfile,
  type FeatureProfile,
  type NumericProfile,
  profileData,
} from './profile.js';
export {
  type CategoricalFeature,
  defaultFeatureNames,
  type FeatureSchema,
  type FeatureSpec,
  featureNames,
  type NumericFeature,
  numericSchema,
} from './schema.js';
export {
  type EncodedLabels,
  encodeLabels,
  type Label,
  type TargetLike,
  validateRegressionTarget,
  validateSampleWeight,
} from './target.js';
export {
  type MatrixLike,
  type ValidatedInput,
  type ValidateOptions,
  validateAgainstSchema,
  validateInput,
} from './validate.js';
