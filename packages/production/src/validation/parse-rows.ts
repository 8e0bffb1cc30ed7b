// Turns a JSON predict body into a Float64Matrix in the model's feature order, checking every
// row against the saved input schema and collecting every problem (not just the first).
import { DataError, type FeatureSchema, Float64Matrix } from '@mlpy/core';
import { httpError } from '../http/errors.js';

/** One thing wrong with one field of one row. */
export interface ValidationProblem {
  row: number;
  /** Feature name (or the array index when the row itself is malformed). */
  field: string;
  problem: 'missing' | 'unexpected' | 'type' | 'unknown_category' | 'length' | 'row';
  message: string;
}

export interface ParseOptions {
  /** Largest number of rows one request may carry (more gets a 413). */
  maxRows: number;
  /** What an unknown categorical level does: a validation problem (default) or a missing value. */
  unknownCategories?: 'error' | 'missing';
  /** Problems listed before the list is cut short (default 100). */
  maxProblems?: number;
}

/** A compiled per-schema parser: feature lookup tables built once per model. */
export interface RowParser {
  readonly schema: FeatureSchema;
  parse(rows: readonly unknown[], options: ParseOptions): Float64Matrix;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v)}`;
  return `a ${typeof v}`;
}

/** Builds the parser for a schema. */
export function rowParser(schema: FeatureSchema): RowParser {
  const features = schema.features;
  const d = features.length;
  const index = new Map(features.map((f, j) => [f.name, j]));
  const catIndex = features.map((f) =>
    f.kind === 'categorical' ? new Map(f.categories.map((c, k) => [c, k])) : undefined,
  );

  return {
    schema,
    parse(rows, options) {
      const n = rows.length;
      if (n === 0) throw new DataError('The request has no rows; send at least one row in "rows".');
      if (n > options.maxRows) {
        throw httpError(
          'PAYLOAD_TOO_LARGE',
          `The request has ${n} rows; this server accepts at most ${options.maxRows} per request.`,
          {
            rows: n,
            maxRows: options.maxRows,
          },
        );
      }
      const maxProblems = options.maxProblems ?? 100;
      const problems: ValidationProblem[] = [];
      let truncated = false;
      const add = (p: ValidationProblem) => {
        if (problems.length < maxProblems) problems.push(p);
        else truncated = true;
      };
      const data = new Float64Array(n * d);
      const cell = (i: number, j: number, v: unknown) => {
        const spec = features[j]!;
        if (v === null) {
          data[i * d + j] = Number.NaN;
          return;
        }
        const cats = catIndex[j];
        if (cats === undefined) {
          if (typeof v === 'number') data[i * d + j] = v;
          else
            add({
              row: i,
              field: spec.name,
              problem: 'type',
              message: `expected a number (or null for missing), got ${describe(v)}`,
            });
          return;
        }
        if (typeof v !== 'string') {
          add({
            row: i,
            field: spec.name,
            problem: 'type',
            message: `expected one of the category names as a string, got ${describe(v)}`,
          });
          return;
        }
        const code = cats.get(v);
        if (code !== undefined) data[i * d + j] = code;
        else if (options.unknownCategories === 'missing') data[i * d + j] = Number.NaN;
        else {
          const known = [...cats.keys()].slice(0, 20).join(', ');
          add({
            row: i,
            field: spec.name,
            problem: 'unknown_category',
            message: `unknown category ${describe(v)}; known: ${known}`,
          });
        }
      };
      for (let i = 0; i < n; i++) {
        const row = rows[i];
        if (Array.isArray(row)) {
          if (row.length !== d) {
            add({
              row: i,
              field: '*',
              problem: 'length',
              message: `expected ${d} values in feature order, got ${row.length}`,
            });
            continue;
          }
          for (let j = 0; j < d; j++) cell(i, j, row[j]);
        } else if (row !== null && typeof row === 'object') {
          const record = row as Record<string, unknown>;
          let seen = 0;
          for (const key in record) {
            const j = index.get(key);
            if (j === undefined) {
              add({
                row: i,
                field: key.length > 64 ? `${key.slice(0, 64)}…` : key,
                problem: 'unexpected',
                message: 'not a feature of this model',
              });
              continue;
            }
            seen++;
            cell(i, j, record[key]);
          }
          if (seen < d) {
            for (let j = 0; j < d; j++) {
              const name = features[j]!.name;
              if (!Object.hasOwn(record, name))
                add({ row: i, field: name, problem: 'missing', message: 'required feature is missing' });
            }
          }
        } else {
          add({
            row: i,
            field: '*',
            problem: 'row',
            message: `a row must be an object keyed by feature name or an array, got ${describe(row)}`,
          });
        }
      }
      if (problems.length) {
        throw new DataError(
          `The request has ${truncated ? `more than ${problems.length}` : problems.length} invalid field(s); see details.problems.`,
          {
            details: { problems, truncated },
          },
        );
      }
      return new Float64Matrix(data, n, d);
    },
  };
}

/**
 * Extracts the rows of a predict body: `{ "rows": [...] }`, a bare array of rows, or a single
 * row object under `"row"`.
 */
export function bodyRows(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (Array.isArray(b['rows'])) return b['rows'];
    if (b['row'] !== undefined) return [b['row']];
  }
  throw new DataError(
    'The body must be {"rows": [...]} (rows as objects keyed by feature name, or as arrays), or {"row": {...}}.',
  );
}
