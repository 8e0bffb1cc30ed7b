// Static capability tags: which inputs an estimator takes and which conformance checks apply.

export type Task = 'classification' | 'regression' | 'clustering' | 'transform';

export interface EstimatorTags {
  task: Task;
  /** Accepts NaN as a missing value in numeric features. */
  allowNaN: boolean;
  /** Accepts categorical Frame columns natively. */
  allowCategorical: boolean;
  /** fit accepts `sampleWeight`. */
  supportsSampleWeight: boolean;
  /** Needs a target at fit (classification and regression do). */
  requiresTarget: boolean;
  /** predict returns a Promise (runtime-backed models: tfjs, onnxruntime). */
  asyncPredict: boolean;
  /** Smallest number of rows fit accepts. */
  minRows: number;
}

/** Tags with the defaults of a plain numeric estimator for the given task. */
export function makeTags(task: Task, overrides: Partial<EstimatorTags> = {}): EstimatorTags {
  return {
    task,
    allowNaN: false,
    allowCategorical: false,
    supportsSampleWeight: false,
    requiresTarget: task === 'classification' || task === 'regression',
    asyncPredict: false,
    minRows: 1,
    ...overrides,
  };
}
