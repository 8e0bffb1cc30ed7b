// clone(): a fresh, unfitted estimator with the same parameters (nested estimators cloned too).
import { BaseEstimator } from './estimator.js';

function cloneValue(v: unknown): unknown {
  if (v instanceof BaseEstimator) return clone(v);
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)]));
  }
  return v;
}

/** A new unfitted estimator of the same class built from `getParams()`. */
export function clone<E extends BaseEstimator>(estimator: E): E {
  const Ctor = estimator.constructor as new (params: object) => E;
  return new Ctor(cloneValue(estimator.getParams()) as object);
}
