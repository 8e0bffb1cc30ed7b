// Nested parameters of composite estimators (Pipeline, ColumnTransformer), after scikit-learn:
// `<child>__<param>` reads or sets a child's parameter, `<child>` replaces the child itself.
import { BaseEstimator } from '../base/index.js';
import { InvalidParameterError } from '../errors/index.js';

/** A named child as composites store it: [name, estimator or keyword, ...extra]. */
export type NamedEntry = readonly [string, unknown, ...unknown[]];

/** True when v is, or holds (in arrays or plain objects), an estimator. */
export function containsEstimator(v: unknown): boolean {
  if (v instanceof BaseEstimator) return true;
  if (Array.isArray(v)) return v.some(containsEstimator);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.values(v).some(containsEstimator);
  }
  return false;
}

/**
 * Every child's parameters as `<child>__<param>` (recursively, through nested composites).
 * Parameters that hold estimators are left out: those travel in the child list itself.
 */
export function nestedParams(entries: readonly NamedEntry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, child] of entries) {
    if (!(child instanceof BaseEstimator)) continue;
    for (const [k, v] of Object.entries(child.getParams() as Record<string, unknown>)) {
      if (!containsEstimator(v)) out[`${name}__${k}`] = v;
    }
  }
  return out;
}

export interface PartitionedParams {
  /** The composite's own parameters. */
  own: Record<string, unknown>;
  /** Whole children to replace, by name. */
  replace: Map<string, unknown>;
  /** Parameters for each child, by child name. */
  nested: Map<string, Record<string, unknown>>;
}

/** Splits a params object for a composite; unknown keys and unknown child names throw InvalidParameterError. */
export function partitionParams(
  owner: string,
  params: Record<string, unknown>,
  ownKeys: readonly string[],
  childNames: readonly string[],
): PartitionedParams {
  const out: PartitionedParams = { own: {}, replace: new Map(), nested: new Map() };
  const valid = () => `Valid parameters: ${[...ownKeys, ...childNames].join(', ')}, and <child>__<parameter>`;
  for (const [key, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const cut = key.indexOf('__');
    if (cut < 0) {
      if (ownKeys.includes(key)) out.own[key] = v;
      else if (childNames.includes(key)) out.replace.set(key, v);
      else
        throw new InvalidParameterError(`${owner}: unknown parameter '${key}'. ${valid()}`, {
          details: { unknown: [key] },
        });
      continue;
    }
    const child = key.slice(0, cut);
    if (!childNames.includes(child)) {
      throw new InvalidParameterError(`${owner}: '${key}' names no child '${child}'. ${valid()}`, {
        details: { unknown: [key] },
      });
    }
    const sub = out.nested.get(child) ?? {};
    sub[key.slice(cut + 2)] = v;
    out.nested.set(child, sub);
  }
  return out;
}

/** Applies whole-child replacements and nested parameters to a child list, returning the new list. */
export function applyToChildren<E extends NamedEntry>(
  owner: string,
  entries: readonly E[],
  p: PartitionedParams,
): E[] {
  const next = entries.map((e) =>
    p.replace.has(e[0]) ? ([e[0], p.replace.get(e[0]), ...e.slice(2)] as unknown as E) : e,
  );
  for (const [name, sub] of p.nested) {
    const child = next.find((e) => e[0] === name)![1];
    if (!(child instanceof BaseEstimator)) {
      throw new InvalidParameterError(
        `${owner}: cannot set ${Object.keys(sub)
          .map((k) => `${name}__${k}`)
          .join(', ')}: '${name}' is ${JSON.stringify(child)}, not an estimator`,
      );
    }
    child.setParams(sub);
  }
  return next;
}

/** Names of a child list, if it is a well-formed list (else none: fit's validation reports it). */
export function childNames(entries: unknown): string[] {
  return Array.isArray(entries)
    ? entries.filter((e) => Array.isArray(e) && typeof e[0] === 'string').map((e) => e[0] as string)
    : [];
}
