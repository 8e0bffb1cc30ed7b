// Drift detection against the training profile saved with each model.

export { type DriftAlert, DriftAlerter, type DriftAlertOptions } from './alerter.js';
export {
  DriftMonitor,
  type DriftOptions,
  type DriftReport,
  type FeatureDrift,
  type PredictionSummary,
} from './monitor.js';
