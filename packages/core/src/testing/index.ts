// Test helpers for estimator authors: the conformance suite.
export {
  type CheckOptions,
  checkEstimator,
  type ConformanceCheck,
  type ConformanceData,
  conformanceChecks,
} from './check-estimator.js';
