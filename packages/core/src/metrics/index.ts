// Public surface of the metrics module: scikit-learn's metrics with camelCase names.
export {
  type AccuracyOptions,
  accuracyScore,
  type BalancedAccuracyOptions,
  balancedAccuracyScore,
  matthewsCorrcoef,
} from './classification.js';
export {
  type AverageMethod,
  adjustedMutualInfoScore,
  adjustedRandScore,
  completenessScore,
  type HomogeneityCompletenessV,
  homogeneityCompletenessVMeasure,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  vMeasureScore,
} from './clustering.js';
export { type ConfusionMatrixOptions, type ConfusionMatrixResult, confusionMatrix } from './confusion.js';
export { type LogLossOptions, logLoss } from './log-loss.js';
export {
  type Average,
  type AveragedOptions,
  type AveragedPrfs,
  f1Score,
  fbetaScore,
  type PerClassOptions,
  type PerClassPrfs,
  type PrfOptions,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  type ScoreOptions,
  type ZeroDivision,
} from './precision-recall.js';
export {
  auc,
  type RocAucOptions,
  type RocCurve,
  type RocCurveOptions,
  rocAucScore,
  rocCurve,
} from './ranking.js';
export {
  explainedVarianceScore,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  type R2Options,
  type RegressionMetricOptions,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';
export {
  type ClassificationReport,
  type ClassificationReportOptions,
  classificationReport,
  type ReportRow,
} from './report.js';
export {
  type SilhouetteOptions,
  type SilhouetteScoreOptions,
  silhouetteSamples,
  silhouetteScore,
} from './silhouette.js';
export type { DenseMatrix, LabelArray, ScoreMatrix } from './validation.js';
