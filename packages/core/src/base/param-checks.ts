// Parameter checks shared by every estimator: one message style, one error type.
import { InvalidParameterError } from '../errors/index.js';

const show = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

interface NumberRule {
  min?: number;
  max?: number;
  /** Excludes the bound itself. */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  integer?: boolean;
}

/** Throws InvalidParameterError unless `value` is a number satisfying `rule`. */
export function checkNumber(owner: string, name: string, value: unknown, rule: NumberRule = {}): number {
  const kind = rule.integer ? 'an integer' : 'a number';
  const bounds = [
    rule.min !== undefined ? `${rule.exclusiveMin ? '>' : '>='} ${rule.min}` : '',
    rule.max !== undefined ? `${rule.exclusiveMax ? '<' : '<='} ${rule.max}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.exclusiveMin ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.exclusiveMax ? value < rule.max : value <= rule.max));
  if (!ok) {
    throw new InvalidParameterError(
      `${owner}: ${name} must be ${kind}${bounds ? ` ${bounds}` : ''}, got ${show(value)}`,
      { details: { parameter: name } },
    );
  }
  return value as number;
}

/** Throws InvalidParameterError unless `value` is one of `options`. */
export function checkOneOf<T extends string | number | boolean | null>(
  owner: string,
  name: string,
  value: unknown,
  options: readonly T[],
): T {
  if (!options.includes(value as T)) {
    throw new InvalidParameterError(
      `${owner}: ${name} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${show(value)}`,
      { details: { parameter: name } },
    );
  }
  return value as T;
}

/** An integer, or undefined/null when the parameter is optional ("no limit"). */
export function checkOptionalInt(owner: string, name: string, value: unknown, min = 1): number | undefined {
  if (value === undefined || value === null) return undefined;
  return checkNumber(owner, name, value, { integer: true, min });
}
