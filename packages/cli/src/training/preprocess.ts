// Automatic preprocessing: a numeric-only model gets a Pipeline that imputes missing numbers,
// one-hot encodes text columns and (for scale-sensitive models) standardises, so that any CSV
// trains without manual feature work. Every added step is reported to the user.
import {
  type BaseEstimator,
  ColumnTransformer,
  type ColumnTransformerEntry,
  OneHotEncoder,
  Pipeline,
  type PipelineStep,
  SimpleImputer,
  StandardScaler,
} from '@mlpy/core';
import type { Dataset } from './dataset.js';
import { SCALE_SENSITIVE } from './model-spec.js';

/** The model to fit and the notes on what was added in front of it. */
export interface Prepared {
  model: BaseEstimator;
  notes: string[];
}

/** Wraps `estimator` in the preprocessing `data` needs (nothing when it needs none). */
export function withPreprocessing(estimator: BaseEstimator, data: Dataset): Prepared {
  const tags = estimator.tags;
  const name = estimator.estimatorName;
  const numeric = data.X.names.filter((n) => !data.categorical.includes(n));
  const encode = data.categorical.length > 0 && !tags.allowCategorical;
  const impute = data.withMissing.length > 0 && !tags.allowNaN;
  const scale = SCALE_SENSITIVE.has(name) && numeric.length > 0;
  const notes: string[] = [];
  if (!encode && !impute && !scale) return { model: estimator, notes };
  const numSteps: PipelineStep[] = [];
  if (impute) {
    numSteps.push(['impute', new SimpleImputer({ strategy: 'median' })]);
    notes.push(`median imputation of ${data.withMissing.length} numeric column(s) with missing values`);
  }
  if (scale) {
    numSteps.push(['scale', new StandardScaler()]);
    notes.push(`standard scaling (${name} is scale-sensitive)`);
  }
  if (!encode) {
    return { model: new Pipeline([...numSteps, ['model', estimator]]), notes };
  }
  notes.push(`one-hot encoding of ${data.categorical.length} text column(s): ${data.categorical.join(', ')}`);
  const entries: ColumnTransformerEntry[] = [];
  if (numeric.length > 0) {
    const num =
      numSteps.length === 0
        ? 'passthrough'
        : numSteps.length === 1
          ? numSteps[0]![1]
          : new Pipeline(numSteps);
    entries.push(['num', num, numeric]);
  }
  entries.push(['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), data.categorical]);
  return {
    model: new Pipeline([
      ['prep', new ColumnTransformer(entries)],
      ['model', estimator],
    ]),
    notes,
  };
}
