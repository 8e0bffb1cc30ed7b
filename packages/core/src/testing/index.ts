// Test helpers for estimator authors: the conformance suite.
export {
  type CheckOptions,
  type ConformanceCheck,
  type ConformanceData,
  checkEstimator,
  conformanceChecks,
} from './check-estimator.js';
