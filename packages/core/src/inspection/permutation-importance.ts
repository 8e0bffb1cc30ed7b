// Permutation importance (after sklearn.inspection.permutation_importance): how much the score
// drops when one feature's values are shuffled, repeated with seeded permutations.
import type { BaseEstimator } from '../base/index.js';
import { checkNumber } from '../base/index.js';
import type { Float64Matrix, MatrixLike, TargetLike } from '../data/index.js';
import { Rng } from '../utils/random.js';
import { defaultScore, numericCopy, requireSupervised, type SupervisedModel } from './model-io.js';

export interface PermutationImportanceOptions {
  /** Shuffles per feature. Default 5. */
  nRepeats?: number;
  /** Seeds the shuffles. Default 0. */
  seed?: number;
  /** Higher-is-better score of the model on (X, y); default the model's own score (accuracy or R²). */
  scoring?: (model: SupervisedModel, X: Float64Matrix, y: TargetLike) => number;
}

export interface PermutationImportanceResult {
  /** Score on the unshuffled data. */
  baselineScore: number;
  /** Mean score decrease per feature. */
  importancesMean: Float64Array;
  /** Standard deviation (population) of the decrease per feature. */
  importancesStd: Float64Array;
  /** features × nRepeats decreases, row-major. */
  importances: Float64Array;
  nRepeats: number;
}

/** Permutation importance of every feature of a fitted classifier or regressor on (X, y). */
export function permutationImportance(
  model: BaseEstimator,
  X: MatrixLike,
  y: TargetLike,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const who = 'permutationImportance';
  const est = requireSupervised(model, who);
  const nRepeats = checkNumber(who, 'nRepeats', options.nRepeats ?? 5, { integer: true, min: 1 });
  const seed = checkNumber(who, 'seed', options.seed ?? 0, { integer: true });
  const score = options.scoring ?? defaultScore;
  const x = numericCopy(est, X, who);
  const baselineScore = score(est, x, y);
  const { rows, cols, data } = x;
  const rng = new Rng(seed);
  const importances = new Float64Array(cols * nRepeats);
  const original = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) original[i] = data[i * cols + j]!;
    for (let r = 0; r < nRepeats; r++) {
      const perm = rng.permutation(rows);
      for (let i = 0; i < rows; i++) data[i * cols + j] = original[perm[i]!]!;
      importances[j * nRepeats + r] = baselineScore - score(est, x, y);
    }
    for (let i = 0; i < rows; i++) data[i * cols + j] = original[i]!;
  }
  const importancesMean = new Float64Array(cols);
  const importancesStd = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let r = 0; r < nRepeats; r++) s += importances[j * nRepeats + r]!;
    const mean = s / nRepeats;
    let v = 0;
    for (let r = 0; r < nRepeats; r++) v += (importances[j * nRepeats + r]! - mean) ** 2;
    importancesMean[j] = mean;
    importancesStd[j] = Math.sqrt(v / nRepeats);
  }
  return { baselineScore, importancesMean, importancesStd, importances, nRepeats };
}
