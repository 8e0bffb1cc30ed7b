// Readers for persisted learned state: each checks type and size and throws FormatError, so a
// tampered (but re-checksummed) model file fails to load instead of producing a wrong model.
import type { State, StateValue } from '../base/index.js';
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

/** An array of strings, of the given length when given. */
export function stateStrings(owner: string, state: State, key: string, length?: number): string[] {
  return checkStrings(owner, key, state[key], length);
}

function checkStrings(owner: string, key: string, v: StateValue | undefined, length?: number): string[] {
  if (
    !Array.isArray(v) ||
    v.some((s) => typeof s !== 'string') ||
    (length !== undefined && v.length !== length)
  ) {
    fail(owner, key, `an array of strings${length === undefined ? '' : ` of length ${length}`}`);
  }
  return v as string[];
}

/** An array of arrays of strings (one list per feature). */
export function stateStringLists(owner: string, state: State, key: string, length: number): string[][] {
  const v = state[key];
  if (!Array.isArray(v) || v.length !== length) fail(owner, key, `${length} lists of strings`);
  return v.map((item, i) => checkStrings(owner, `${key}[${i}]`, item));
}

/** An array of Float64Arrays (one per feature). */
export function stateFloat64Lists(owner: string, state: State, key: string, length: number): Float64Array[] {
  const v = state[key];
  if (!Array.isArray(v) || v.length !== length || v.some((a) => !(a instanceof Float64Array))) {
    fail(owner, key, `${length} Float64Arrays`);
  }
  return v as Float64Array[];
}
