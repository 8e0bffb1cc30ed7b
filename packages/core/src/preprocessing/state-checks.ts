// Readers for persisted learned state: each checks type and size and throws FormatError, so a
// tampered (but re-checksummed) model file fails to load instead of producing a wrong model.
import type { State } from '../base/index.js';
import { FormatError } from '../errors/index.js';

function fail(owner: string, key: string, what: string): never {
  throw new FormatError(`${owner}: saved state '${key}' is invalid: expected ${what}`);
}

/** A Float64Array of the given length (any length when omitted). */
export function stateFloat64(owner: string, state: State, key: string, length?: number): Float64Array {
  const v = state[key];
  if (!(v instanceof Float64Array) || (length !== undefined && v.length !== length)) {
    fail(owner, key, `a Float64Array${length === undefined ? '' : ` of length ${length}`}`);
  }
  return v;
}

/** An integer in [min, max]. */
export function stateInt(
  owner: string,
  state: State,
  key: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = state[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(owner, key, `an integer in [${min}, ${max}]`);
  return v;
}
