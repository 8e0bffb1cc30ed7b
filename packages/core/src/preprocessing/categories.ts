// Category learning shared by OneHotEncoder and OrdinalEncoder: the sorted categories of each
// column (Frame levels or distinct numbers), scikit-learn's infrequent-category grouping, and
// the lookup from an input value to its category at transform time.

import type { State, StateValue } from '../base/index.js';
import { checkNumber, checkOptionalInt } from '../base/index.js';
import {
  CategoricalColumn,
  type ColumnInput,
  type FeatureSchema,
  type FeatureSpec,
  type Float64Matrix,
  type MatrixLike,
  validateAgainstSchema,
} from '../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';

/** The categories learned for one input column. */
export interface ColumnCategories {
  /**
   * The input value of each category, in category order: a code into the fit schema's levels
   * for a categorical column, the number itself for a numeric one; NaN is the missing category.
   */
  values: Float64Array;
  /** Display names, used for output column names ('nan' for the missing category). */
  names: string[];
  /** Index of each category once infrequent ones are grouped: frequent in order, then the group. */
  grouped: Int32Array;
  /** Number of grouped categories (frequent ones, plus one if any are infrequent). */
  nGrouped: number;
  /** Whether some categories were grouped as infrequent (always the last grouped index). */
  hasInfrequent: boolean;
}

export interface InfrequentOptions {
  /** Categories seen fewer times (an integer >= 1) or in a smaller share of rows (in (0, 1)) are grouped as infrequent. Default null. */
  minFrequency: number | null;
  /** At most this many output categories per feature, the infrequent group included. Default null. */
  maxCategories: number | null;
}

/** Validates minFrequency / maxCategories the way scikit-learn does. */
export function checkInfrequentOptions(owner: string, o: InfrequentOptions): void {
  const f = o.minFrequency;
  if (f !== null && !(typeof f === 'number' && ((f > 0 && f < 1) || (Number.isInteger(f) && f >= 1)))) {
    throw new InvalidParameterError(
      `${owner}: minFrequency must be null, an integer >= 1 (a count) or a number in (0, 1) (a share of rows), got ${JSON.stringify(f)}`,
      { details: { parameter: 'minFrequency' } },
    );
  }
  checkOptionalInt(owner, 'maxCategories', o.maxCategories, 1);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Learns column j's categories from the training matrix. `missing` says whether missing values
 * form a category of their own ('category', as OneHotEncoder does) or are left out ('skip').
 */
export function learnCategories(
  x: Float64Matrix,
  j: number,
  spec: FeatureSpec,
  missing: 'category' | 'skip',
  options: InfrequentOptions,
): ColumnCategories {
  const counts = new Map<number, number>();
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[i * x.cols + j]!;
    if (Number.isNaN(v) && missing === 'skip') continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const present = [...counts.keys()].filter((v) => !Number.isNaN(v));
  let names: string[];
  if (spec.kind === 'categorical') {
    present.sort((a, b) => compareNames(spec.categories[a]!, spec.categories[b]!));
    names = present.map((c) => spec.categories[c]!);
  } else {
    present.sort((a, b) => a - b);
    names = present.map((v) => String(v));
  }
  if (counts.has(Number.NaN)) {
    present.push(Number.NaN);
    names.push('nan');
  }
  const values = Float64Array.from(present);
  const infrequent = identifyInfrequent(
    present.map((v) => counts.get(v)!),
    x.rows,
    options,
  );
  const grouped = new Int32Array(values.length);
  let nFrequent = 0;
  for (let k = 0; k < values.length; k++) if (!infrequent[k]) grouped[k] = nFrequent++;
  for (let k = 0; k < values.length; k++) if (infrequent[k]) grouped[k] = nFrequent;
  const hasInfrequent = nFrequent < values.length;
  return { values, names, grouped, nGrouped: nFrequent + (hasInfrequent ? 1 : 0), hasInfrequent };
}

/** scikit-learn's `_identify_infrequent`: a mask over the categories. */
function identifyInfrequent(count: number[], nSamples: number, o: InfrequentOptions): boolean[] {
  const f = o.minFrequency;
  const threshold = f === null ? 0 : f >= 1 ? f : nSamples * f;
  const mask = count.map((c) => c < threshold);
  const nCurrent = count.length - mask.filter(Boolean).length + 1;
  if (o.maxCategories !== null && o.maxCategories < nCurrent) {
    const keep = o.maxCategories - 1;
    if (keep === 0) mask.fill(true);
    else {
      // Stable sort by count: ties keep category order, as numpy's mergesort does.
      const order = count.map((_, k) => k).sort((a, b) => count[a]! - count[b]!);
      for (const k of order.slice(0, order.length - keep)) mask[k] = true;
    }
  }
  return mask;
}

/** Value -> category index, for transform. NaN is a key like any other (Map uses SameValueZero). */
export function categoryIndex(c: ColumnCategories): Map<number, number> {
  return new Map(Array.from(c.values, (v, k) => [v, k]));
}

/** The user-facing category of a learned value: a level name, a number, or NaN for missing. */
export function categoryValue(c: ColumnCategories, k: number, spec: FeatureSpec): string | number {
  const v = c.values[k]!;
  return spec.kind === 'categorical' && !Number.isNaN(v) ? spec.categories[v]! : v;
}

/** DataError for a value that is not a learned category of column `spec`. */
export function unknownCategoryError(
  owner: string,
  spec: FeatureSpec,
  v: number,
  row: number,
  c: ColumnCategories,
): DataError {
  const shown = Number.isNaN(v)
    ? 'a missing value'
    : spec.kind === 'categorical' && v >= 0
      ? `"${spec.categories[v]}"`
      : String(v);
  return new DataError(
    `${owner}: column '${spec.name}' has ${shown} at row ${row}, which was not seen at fit. ` +
      `Known categories: ${c.names.join(', ')}. Set handleUnknown to ignore unknown categories.`,
    {
      details: {
        column: spec.name,
        row,
        value: Number.isNaN(v) ? null : spec.kind === 'categorical' && v >= 0 ? spec.categories[v]! : v,
      },
    },
  );
}

/** Checks an encoded value parameter (OrdinalEncoder's unknownValue): an integer, or NaN. */
export function checkEncodedValue(owner: string, name: string, v: unknown): number {
  if (typeof v === 'number' && Number.isNaN(v)) return v;
  return checkNumber(owner, name, v, { integer: true });
}

/** The learned categories of every column, as persistable state. */
export function categoriesState(cats: readonly ColumnCategories[]): StateValue {
  return cats.map((c) => ({
    values: c.values,
    names: c.names,
    grouped: c.grouped,
    hasInfrequent: c.hasInfrequent,
  }));
}

/** Reads what categoriesState wrote, checking every size and index. */
export function categoriesFromState(owner: string, state: State, key: string): ColumnCategories[] {
  const list = state[key];
  const bad = (what: string): never => {
    throw new FormatError(`${owner}: saved state '${key}' is invalid: ${what}`);
  };
  if (!Array.isArray(list) || list.length === 0) return bad('expected one entry per feature');
  return list.map((item, j) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) || ArrayBuffer.isView(item))
      return bad(`entry ${j} is not an object`);
    const e = item as { [k: string]: StateValue };
    const { values, names, grouped, hasInfrequent } = e;
    if (
      !(values instanceof Float64Array) ||
      !(grouped instanceof Int32Array) ||
      grouped.length !== values.length
    ) {
      return bad(`entry ${j} needs Float64Array values and Int32Array grouped of equal length`);
    }
    if (!Array.isArray(names) || names.length !== values.length || names.some((n) => typeof n !== 'string')) {
      return bad(`entry ${j} needs one name per category`);
    }
    if (typeof hasInfrequent !== 'boolean') return bad(`entry ${j} lacks hasInfrequent`);
    let nGrouped = 0;
    for (const g of grouped) {
      if (g < 0 || g >= values.length) return bad(`entry ${j} has a grouped index out of range`);
      nGrouped = Math.max(nGrouped, g + 1);
    }
    return { values, names: names as string[], grouped, nGrouped, hasInfrequent };
  });
}

/**
 * Transform-time validation for encoders: unseen Frame levels throw (handleUnknown 'error') or
 * become -1, never NaN, so they stay distinct from a missing value.
 */
export function encoderInput(
  X: MatrixLike,
  schema: FeatureSchema,
  context: string,
  errorOnUnknown: boolean,
): Float64Matrix {
  return validateAgainstSchema(X, schema, {
    allowNaN: true,
    allowCategorical: true,
    context,
    unknownCategories: errorOnUnknown ? 'error' : 'flag',
  });
}

/** Name sklearn gives the grouped infrequent categories (output column suffix, inverse value). */
export const INFREQUENT_NAME = 'infrequent_sklearn';

/** The user-facing categories of every feature (see categoryValue). */
export function learnedCategories(
  cats: readonly ColumnCategories[],
  schema: FeatureSchema,
): (string | number)[][] {
  return cats.map((c, j) => Array.from(c.values, (_, k) => categoryValue(c, k, schema.features[j]!)));
}

/**
 * Decodes grouped indices back to a Frame column (a negative index is missing/unknown):
 * level names for a categorical feature (the infrequent group as 'infrequent_sklearn'), values
 * for a numeric one (NaN for the group); the missing category decodes to missing.
 */
export function decodeGrouped(c: ColumnCategories, categorical: boolean, grouped: Int32Array): ColumnInput {
  // Grouped index -> its category (the infrequent group has no single one: -1).
  const rep = new Int32Array(c.nGrouped).fill(-1);
  for (let k = c.values.length - 1; k >= 0; k--) {
    if (!c.hasInfrequent || c.grouped[k]! < c.nGrouped - 1) rep[c.grouped[k]!] = k;
  }
  if (!categorical)
    return Float64Array.from(grouped, (g) => (g < 0 || rep[g]! < 0 ? Number.NaN : c.values[rep[g]!]!));
  const levels = c.names.filter((_, k) => !Number.isNaN(c.values[k]!));
  if (c.hasInfrequent) levels.push(INFREQUENT_NAME);
  const names = Array.from(grouped, (g) => {
    if (g < 0) return null;
    const k = rep[g]!;
    if (k < 0) return INFREQUENT_NAME;
    return Number.isNaN(c.values[k]!) ? null : c.names[k]!;
  });
  return CategoricalColumn.fromValues(names, levels);
}
