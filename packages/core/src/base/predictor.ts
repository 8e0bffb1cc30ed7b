// What serving, tracking and persistence need from a model, whether its predict is synchronous
// (classic estimators) or asynchronous (tfjs and onnxruntime models).
import type { FeatureSchema, Float64Matrix, Label, MatrixLike } from '../data/index.js';

export type Prediction = Float64Array | Label[];

export interface Predictor {
  readonly estimatorName: string;
  readonly inputSchema: FeatureSchema | undefined;
  /** Class labels, in predictProba's column order, for classifiers. */
  readonly classes?: Label[] | undefined;
  predict(X: MatrixLike): Prediction | Promise<Prediction>;
  predictProba?(X: MatrixLike): Float64Matrix | Promise<Float64Matrix>;
}
