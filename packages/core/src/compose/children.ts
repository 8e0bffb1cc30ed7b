// What composites need from their children: a transformer guard, a check of child lists, and
// the rebuilding of a Frame from a validated matrix so categorical columns keep their levels.
import type { BaseEstimator } from '../base/index.js';
import {
  CategoricalColumn,
  type Column,
  type FeatureSchema,
  type Float64Matrix,
  Frame,
  type MatrixLike,
} from '../data/index.js';
import { DataError, InvalidParameterError } from '../errors/index.js';

/** The transformer side of an estimator: BaseTransformer, ColumnTransformer, a Pipeline ending in one. */
export interface TransformerLike {
  transform(X: MatrixLike): Float64Matrix;
  featureNamesOut(): string[];
  outputSchema(): FeatureSchema;
}

/** The estimator as a transformer, when its task is 'transform' and it has the methods. */
export function asTransformer(est: BaseEstimator): (BaseEstimator & TransformerLike) | undefined {
  const t = est as BaseEstimator & Partial<TransformerLike>;
  const ok =
    est.tags.task === 'transform' &&
    typeof t.transform === 'function' &&
    typeof t.featureNamesOut === 'function' &&
    typeof t.outputSchema === 'function';
  return ok ? (t as BaseEstimator & TransformerLike) : undefined;
}

/** Checks that a child list is an array of [name, …] with unique names free of '__'. */
export function checkChildList(
  owner: string,
  param: string,
  entries: unknown,
  minLength: number,
): asserts entries is unknown[][] {
  if (!Array.isArray(entries) || entries.length < minLength) {
    throw new InvalidParameterError(
      `${owner}: ${param} must be an array of at least ${minLength} [name, …] entries`,
      {
        details: { parameter: param },
      },
    );
  }
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const name: unknown = Array.isArray(e) ? e[0] : undefined;
    if (typeof name !== 'string' || name === '' || name.includes('__')) {
      throw new InvalidParameterError(
        `${owner}: ${param}[${i}] needs a non-empty name without '__' as its first element`,
        {
          details: { parameter: param },
        },
      );
    }
    if (seen.has(name))
      throw new InvalidParameterError(
        `${owner}: ${param} has two entries named '${name}'; names must be unique`,
      );
    seen.add(name);
  });
}

/** A Frame over a validated matrix: numeric columns copied, categorical codes (NaN = missing) re-attached to their levels. */
export function matrixToFrame(x: Float64Matrix, schema: FeatureSchema, context: string): Frame {
  const names = schema.features.map((f) => f.name);
  if (new Set(names).size !== names.length) {
    throw new InvalidParameterError(
      `${context}: feature names are not unique (${names.join(', ')}); cannot pass them on by name`,
    );
  }
  const columns = new Map<string, Column>();
  schema.features.forEach((spec, j) => {
    const col = x.column(j);
    if (spec.kind === 'numeric') {
      columns.set(spec.name, col);
      return;
    }
    const codes = new Int32Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      const v = col[i]!;
      if (Number.isNaN(v)) codes[i] = -1;
      else if (Number.isInteger(v) && v >= 0 && v < spec.categories.length) codes[i] = v;
      else {
        throw new DataError(
          `${context}: column '${spec.name}' is categorical with ${spec.categories.length} levels, but row ${i} holds ${v}, which is not a category code`,
          { details: { column: spec.name, row: i } },
        );
      }
    }
    columns.set(spec.name, new CategoricalColumn(codes, spec.categories));
  });
  return new Frame(columns);
}

/**
 * What a transformer passes on to the next step: a Frame named after its output columns, so
 * names (and categorical levels) flow through a Pipeline as scikit-learn's feature names do.
 */
export function carryOutput(step: TransformerLike, out: Float64Matrix, context: string): Frame {
  return matrixToFrame(out, step.outputSchema(), context);
}
