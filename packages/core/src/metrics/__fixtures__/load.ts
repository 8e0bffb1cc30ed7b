// Loads the scikit-learn reference values written by generate.py (NaN/Infinity are stored as strings).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON is dynamically shaped
export type Fixture = any;

/** The parsed sklearn-expected.json (scikit-learn 1.7.2). */
export function loadExpected(): Fixture {
  const text = readFileSync(new URL('./sklearn-expected.json', import.meta.url), 'utf8');
  return JSON.parse(text, (_k, v) =>
    v === 'NaN' ? Number.NaN : v === 'Infinity' ? Number.POSITIVE_INFINITY : v === '-Infinity' ? Number.NEGATIVE_INFINITY : v,
  );
}

/** Asserts numbers (or arrays / nested arrays of numbers) agree to `tol`, NaN matching NaN. */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-12): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected)) expect(a).toBeNaN();
    else if (!Number.isFinite(expected)) expect(a).toBe(expected);
    else expect(Math.abs(a - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
    return;
  }
  const e = expected as ArrayLike<unknown>;
  const a = actual as ArrayLike<unknown>;
  expect(a.length).toBe(e.length);
  for (let i = 0; i < e.length; i++) expectClose(a[i], e[i], tol);
}
