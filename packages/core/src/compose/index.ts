// Public surface of compose: Pipeline and ColumnTransformer.
export {
  type ColumnSelector,
  ColumnTransformer,
  type ColumnTransformerEntry,
  type ColumnTransformerParams,
} from './column-transformer.js';
export { Pipeline, type PipelineParams, type PipelineStep } from './pipeline.js';
