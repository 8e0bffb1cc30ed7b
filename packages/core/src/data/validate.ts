// Validation at the edge: every accepted input form becomes one Float64Matrix plus a schema,
// and every problem is reported with its row, column and the fix.
import { DataError, ShapeError } from '../errors/index.js';
import { CategoricalColumn, Frame } from './frame.js';
import { Float64Matrix } from './matrix.js';
import { defaultFeatureNames, type FeatureSchema, type FeatureSpec } from './schema.js';

/** Inputs every estimator accepts. */
export type MatrixLike = Float64Matrix | Frame | ArrayLike<ArrayLike<number>>;

export interface ValidateOptions {
  /** Accept NaN (missing values) in numeric features. Infinity is never accepted. */
  allowNaN?: boolean;
  /** Accept categorical Frame columns (encoded as codes into the schema's categories). */
  allowCategorical?: boolean;
  /** Who is asking, for messages: e.g. "RandomForestClassifier.fit". */
  context?: string;
  /** Smallest acceptable number of rows (default 1). */
  minRows?: number;
  /**
   * Predict time only: what to do with a categorical level not seen at fit. 'missing' (default)
   * maps it to NaN; 'error' throws a DataError naming the column and the level; 'flag' maps it
   * to -1, so encoders can tell an unseen level from a missing value.
   */
  unknownCategories?: 'missing' | 'error' | 'flag';
}

export interface ValidatedInput {
  x: Float64Matrix;
  schema: FeatureSchema;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `the string "${v.length > 20 ? `${v.slice(0, 20)}…` : v}"`;
  if (v === null) return 'null';
  if (v === undefined) return 'undefined (a missing value)';
  return `a ${typeof v}`;
}

/** Throws on NaN (unless allowed) or infinities; `nameOf` is only called to word the error. */
function checkFinite(x: Float64Matrix, nameOf: (j: number) => string, opts: ValidateOptions): void {
  const { data, cols } = x;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (v - v === 0) continue; // finite
    // Before any message is worded: on data with missing values that cost a string per NaN.
    if (opts.allowNaN && Number.isNaN(v)) continue;
    const row = Math.floor(k / cols);
    const col = k % cols;
    const column = nameOf(col);
    const where = `row ${row}, column '${column}' (index ${col})`;
    if (Number.isNaN(v)) {
      throw new DataError(
        `${opts.context ?? 'Input'}: missing value (NaN) at ${where}. This estimator does not accept missing values: ` +
          'fill them with SimpleImputer in a Pipeline, drop those rows, or use a model that handles NaN natively (HistGradientBoosting*).',
        { details: { row, column, index: col } },
      );
    }
    throw new DataError(
      `${opts.context ?? 'Input'}: infinite value at ${where}. Replace or clip infinities before fitting or predicting.`,
      { details: { row, column, index: col } },
    );
  }
}

function fromNested(rows: ArrayLike<ArrayLike<number>>, opts: ValidateOptions): Float64Matrix {
  const n = rows.length;
  const first = rows[0];
  if (first == null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new ShapeError(
      `${opts.context ?? 'Input'}: expected a 2-D array (an array of rows), got ${n === 0 ? 'no rows' : describeValue(first)} as row 0. Wrap a single sample as [[...]].`,
    );
  }
  const d = first.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row == null || typeof row !== 'object' || row.length !== d) {
      throw new ShapeError(
        `${opts.context ?? 'Input'}: row ${i} has ${row == null || typeof row !== 'object' ? 'no values' : `${row.length} values`} but row 0 has ${d}. Every row needs the same number of features.`,
        { details: { row: i } },
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        if (v == null && opts.allowNaN) {
          data[i * d + j] = Number.NaN;
          continue;
        }
        throw new DataError(
          `${opts.context ?? 'Input'}: row ${i}, column ${j} holds ${describeValue(v)}; numeric input is required. ` +
            'Pass categorical data in a Frame and encode it (OneHotEncoder/OrdinalEncoder), or convert the value to a number.',
          { details: { row: i, index: j } },
        );
      }
      data[i * d + j] = v;
    }
  }
  return new Float64Matrix(data, n, d);
}

function fromFrame(frame: Frame, opts: ValidateOptions): ValidatedInput {
  const n = frame.nRows;
  const d = frame.nCols;
  const data = new Float64Array(n * d);
  const features: FeatureSpec[] = [];
  frame.names.forEach((name, j) => {
    const col = frame.column(name);
    if (col instanceof CategoricalColumn) {
      if (!opts.allowCategorical) {
        throw new DataError(
          `${opts.context ?? 'Input'}: column '${name}' is categorical and this estimator needs numbers. ` +
            'Encode it with OneHotEncoder or OrdinalEncoder (ColumnTransformer selects columns by name), or use HistGradientBoosting* which splits on categories natively.',
          { details: { column: name } },
        );
      }
      for (let i = 0; i < n; i++) {
        const c = col.codes[i]!;
        data[i * d + j] = c < 0 ? Number.NaN : c;
      }
      features.push({ name, kind: 'categorical', categories: col.levels });
    } else {
      for (let i = 0; i < n; i++) data[i * d + j] = col[i]!;
      features.push({ name, kind: 'numeric' });
    }
  });
  return { x: new Float64Matrix(data, n, d), schema: { features, generatedNames: false } };
}

/** Validates fit input and derives its schema. */
export function validateInput(X: MatrixLike, opts: ValidateOptions = {}): ValidatedInput {
  let result: ValidatedInput;
  if (X instanceof Frame) {
    result = fromFrame(X, opts);
  } else if (X instanceof Float64Matrix) {
    result = { x: X, schema: schemaFor(X.cols) };
  } else if (X != null && typeof X === 'object' && typeof (X as ArrayLike<unknown>).length === 'number') {
    const x = fromNested(X, opts);
    result = { x, schema: schemaFor(x.cols) };
  } else {
    throw new ShapeError(
      `${opts.context ?? 'Input'}: expected number[][], a Float64Matrix or a Frame, got ${describeValue(X)}`,
    );
  }
  const minRows = opts.minRows ?? 1;
  if (result.x.rows < minRows) {
    throw new ShapeError(
      `${opts.context ?? 'Input'}: needs at least ${minRows} row(s), got ${result.x.rows}`,
    );
  }
  if (result.x.cols === 0)
    throw new ShapeError(`${opts.context ?? 'Input'}: needs at least one feature, got 0 columns`);
  checkFinite(result.x, (j) => result.schema.features[j]!.name, opts);
  return result;
}

function toMatrixOrThrow(X: ArrayLike<ArrayLike<number>>, opts: ValidateOptions): Float64Matrix {
  if (X == null || typeof X !== 'object' || typeof X.length !== 'number') {
    throw new ShapeError(
      `${opts.context ?? 'Input'}: expected number[][], a Float64Matrix or a Frame, got ${describeValue(X)}`,
    );
  }
  return fromNested(X, { ...opts, allowNaN: true });
}

function schemaFor(cols: number): FeatureSchema {
  return {
    features: defaultFeatureNames(cols).map((name) => ({ name, kind: 'numeric' as const })),
    generatedNames: true,
  };
}

/**
 * Validates predict-time input against the schema recorded at fit: same features (a Frame's
 * columns are matched by name, in any order; extra columns are an error), same kinds, and
 * categorical levels mapped onto the fit-time categories (unseen levels become missing).
 */
export function validateAgainstSchema(
  X: MatrixLike,
  schema: FeatureSchema,
  opts: ValidateOptions = {},
): Float64Matrix {
  const ctx = opts.context ?? 'Input';
  const d = schema.features.length;
  if (X instanceof Frame) {
    const names = schema.features.map((f) => f.name);
    const missing = names.filter((n) => !X.has(n));
    const extra = X.names.filter((n) => !names.includes(n));
    if (!schema.generatedNames && (missing.length || extra.length)) {
      throw new ShapeError(
        `${ctx}: columns do not match those seen at fit.` +
          (missing.length ? ` Missing: ${missing.join(', ')}.` : '') +
          (extra.length ? ` Unexpected: ${extra.join(', ')}.` : '') +
          ` Expected: ${names.join(', ')}.`,
        { details: { missing, unexpected: extra } },
      );
    }
    const ordered = schema.generatedNames ? X : X.select(names);
    if (ordered.nCols !== names.length) {
      throw new ShapeError(`${ctx}: got ${ordered.nCols} columns, the model was fitted on ${names.length}`);
    }
    return fromFrameWithSchema(ordered, schema, opts);
  }
  // Hot path (serving calls this per request): no schema or name arrays are built here.
  const x = X instanceof Float64Matrix ? X : toMatrixOrThrow(X, opts);
  if (x.cols !== d) {
    const names = schema.features.slice(0, 10).map((f) => f.name);
    throw new ShapeError(
      `${ctx}: got ${x.cols} features per row, the model was fitted on ${d} (${names.join(', ')}${d > 10 ? ', …' : ''})`,
      { details: { expected: d, received: x.cols } },
    );
  }
  checkFinite(x, (j) => schema.features[j]!.name, opts);
  return x;
}

function fromFrameWithSchema(frame: Frame, schema: FeatureSchema, opts: ValidateOptions): Float64Matrix {
  const n = frame.nRows;
  const d = schema.features.length;
  const data = new Float64Array(n * d);
  schema.features.forEach((spec, j) => {
    const col = frame.column(frame.names[j]!);
    if (spec.kind === 'numeric') {
      if (col instanceof CategoricalColumn) {
        throw new DataError(
          `${opts.context ?? 'Input'}: column '${spec.name}' was numeric at fit but is categorical here; send numbers`,
          { details: { column: spec.name } },
        );
      }
      for (let i = 0; i < n; i++) data[i * d + j] = col[i]!;
      return;
    }
    if (!(col instanceof CategoricalColumn)) {
      throw new DataError(
        `${opts.context ?? 'Input'}: column '${spec.name}' was categorical at fit but is numeric here; send its category names as strings`,
        { details: { column: spec.name } },
      );
    }
    const index = new Map(spec.categories.map((c, k) => [c, k]));
    const mode = opts.unknownCategories ?? 'missing';
    const remap = col.levels.map((l) => index.get(l) ?? (mode === 'flag' ? -1 : Number.NaN));
    for (let i = 0; i < n; i++) {
      const c = col.codes[i]!;
      const v = c < 0 ? Number.NaN : remap[c]!;
      if (mode === 'error' && c >= 0 && Number.isNaN(v)) {
        throw new DataError(
          `${opts.context ?? 'Input'}: column '${spec.name}' has the category "${col.levels[c]}" at row ${i}, which was not seen at fit. ` +
            `Known categories: ${spec.categories.join(', ')}. Map it to a known category, or set handleUnknown to ignore it.`,
          { details: { column: spec.name, value: col.levels[c], row: i } },
        );
      }
      data[i * d + j] = v;
    }
  });
  const x = new Float64Matrix(data, n, d);
  const numericOnly = schema.features.map((f) => f.name);
  // Unseen categories become NaN: allowed here only if the estimator accepts missing values.
  checkFinite(x, (j) => numericOnly[j]!, opts);
  return x;
}
