// Estimator classes that saved models may name. Loading only ever constructs a class found here,
// so a file can choose among known classes but never bring code of its own.
import type { EstimatorClass } from '../base/index.js';
import { InvalidParameterError } from '../errors/index.js';

const classes = new Map<string, EstimatorClass>();

/** Makes a class loadable by its `estimatorName`. Extras call this for their own estimators. */
export function registerEstimator(cls: EstimatorClass): void {
  const existing = classes.get(cls.estimatorName);
  if (existing && existing !== cls) {
    throw new InvalidParameterError(
      `Another class is already registered as '${cls.estimatorName}'; give your estimator a distinct static estimatorName`,
    );
  }
  classes.set(cls.estimatorName, cls);
}

/** The registered class with that name, if any. */
export function registeredEstimator(name: string): EstimatorClass | undefined {
  return classes.get(name);
}

/** Names of every registered class, sorted. */
export function registeredEstimatorNames(): string[] {
  return [...classes.keys()].sort();
}
