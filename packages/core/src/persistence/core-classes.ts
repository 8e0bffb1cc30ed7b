// Registers core's own estimators for loading, once, on first use (no import side effects).
import { catalogue } from '../catalogue/index.js';
import { registerEstimator } from './registry.js';

let done = false;

export function ensureCoreEstimatorsRegistered(): void {
  if (done) return;
  for (const entry of catalogue()) registerEstimator(entry.estimator);
  done = true;
}
