// One check for the class labels a saved classifier holds, so every classifier refuses a
// tampered label list the same way.
import type { Label } from '../data/index.js';
import { FormatError } from '../errors/index.js';

/**
 * Saved class labels: at least `min`, all finite numbers or all non-empty strings, strictly
 * increasing (the order `encodeLabels` produces and predictProba's columns follow).
 */
export function readSavedClasses(owner: string, value: unknown, min = 1): Label[] {
  const ok =
    Array.isArray(value) &&
    value.length >= min &&
    value.every(
      (c) => (typeof c === 'number' && Number.isFinite(c)) || (typeof c === 'string' && c !== ''),
    ) &&
    value.every((c) => typeof c === typeof value[0]) &&
    value.every((c, i) => i === 0 || value[i - 1] < c);
  if (!ok) {
    throw new FormatError(
      `${owner}: saved classes must be at least ${min} distinct sorted label(s) of one type; the file is damaged or was not written by MLPY`,
    );
  }
  return value as Label[];
}
