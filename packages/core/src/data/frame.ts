// A columnar table with named numeric and categorical columns: what readers, SQL connectors
// and serving hand to estimators.
import { DataError, ShapeError } from '../errors/index.js';

/** A categorical column: integer codes into `levels`; -1 marks a missing value. */
export class CategoricalColumn {
  readonly codes: Int32Array;
  readonly levels: readonly string[];

  constructor(codes: Int32Array, levels: readonly string[]) {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c < -1 || c >= levels.length) {
        throw new DataError(
          `Categorical code ${c} at row ${i} is outside 0..${levels.length - 1} (or -1 for missing)`,
        );
      }
    }
    this.codes = codes;
    this.levels = levels;
  }

  get length(): number {
    return this.codes.length;
  }

  /** Encodes string values; null/undefined/'' become missing. Levels are sorted unless given. */
  static fromValues(
    values: ArrayLike<string | null | undefined>,
    levels?: readonly string[],
  ): CategoricalColumn {
    const lv =
      levels ?? [...new Set(Array.from(values).filter((v): v is string => v != null && v !== ''))].sort();
    const index = new Map(lv.map((l, i) => [l, i]));
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      codes[i] = v == null || v === '' ? -1 : (index.get(v) ?? -1);
    }
    return new CategoricalColumn(codes, lv);
  }

  /** The value at row i, or null when missing. */
  value(i: number): string | null {
    const c = this.codes[i]!;
    return c < 0 ? null : this.levels[c]!;
  }
}

export type Column = Float64Array | CategoricalColumn;
export type ColumnInput = Column | ArrayLike<number | string | null | undefined>;

function toColumn(name: string, input: ColumnInput): Column {
  if (input instanceof Float64Array || input instanceof CategoricalColumn) return input;
  const n = input.length;
  let strings = 0;
  let numbers = 0;
  for (let i = 0; i < n; i++) {
    const v = input[i];
    if (typeof v === 'string') strings++;
    else if (typeof v === 'number') numbers++;
    else if (v != null)
      throw new DataError(`Column '${name}' row ${i}: ${typeof v} is neither a number nor a string`);
  }
  if (strings > 0 && numbers > 0) {
    throw new DataError(
      `Column '${name}' mixes numbers and strings; convert it to one type (numbers for a numeric column, strings for a categorical one)`,
    );
  }
  if (strings > 0) return CategoricalColumn.fromValues(input as ArrayLike<string | null>);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i] as number | null | undefined;
    out[i] = v == null ? Number.NaN : v;
  }
  return out;
}

/** An immutable table of equally long named columns. */
export class Frame {
  readonly names: readonly string[];
  readonly nRows: number;
  private readonly columns: ReadonlyMap<string, Column>;

  constructor(columns: Record<string, ColumnInput> | ReadonlyMap<string, ColumnInput>) {
    const entries = columns instanceof Map ? [...columns.entries()] : Object.entries(columns);
    if (entries.length === 0) throw new ShapeError('A Frame needs at least one column');
    const map = new Map<string, Column>();
    let n = -1;
    for (const [name, input] of entries) {
      const col = toColumn(name, input);
      if (n >= 0 && col.length !== n) {
        throw new ShapeError(`Column '${name}' has ${col.length} rows but '${entries[0]![0]}' has ${n}`);
      }
      n = col.length;
      map.set(name, col);
    }
    this.columns = map;
    this.names = [...map.keys()];
    this.nRows = n;
  }

  /** Builds a Frame from row objects; column kinds are inferred from the values. */
  static fromRecords(records: readonly Record<string, unknown>[], names?: readonly string[]): Frame {
    const cols = names ?? Object.keys(records[0] ?? {});
    const out: Record<string, ColumnInput> = {};
    for (const name of cols) out[name] = records.map((r) => r[name] as number | string | null);
    return new Frame(out);
  }

  get nCols(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    return this.columns.has(name);
  }

  /** The named column; throws a DataError listing the available names when absent. */
  column(name: string): Column {
    const col = this.columns.get(name);
    if (!col) throw new DataError(`No column '${name}'. Available columns: ${this.names.join(', ')}`);
    return col;
  }

  isCategorical(name: string): boolean {
    return this.column(name) instanceof CategoricalColumn;
  }

  /** A Frame with only the given columns, in that order. */
  select(names: readonly string[]): Frame {
    return new Frame(new Map(names.map((n) => [n, this.column(n)] as const)));
  }

  /** A Frame without the given columns. */
  drop(names: readonly string[]): Frame {
    return this.select(this.names.filter((n) => !names.includes(n)));
  }

  /** A Frame with the given rows, in the given order. */
  takeRows(indices: ArrayLike<number>): Frame {
    const out = new Map<string, Column>();
    for (const [name, col] of this.columns) {
      if (col instanceof Float64Array) {
        const c = new Float64Array(indices.length);
        for (let k = 0; k < indices.length; k++) c[k] = col[indices[k]!]!;
        out.set(name, c);
      } else {
        const c = new Int32Array(indices.length);
        for (let k = 0; k < indices.length; k++) c[k] = col.codes[indices[k]!]!;
        out.set(name, new CategoricalColumn(c, col.levels));
      }
    }
    return new Frame(out);
  }

  /** Row i as an object (categorical values as strings, missing as null). */
  record(i: number): Record<string, number | string | null> {
    const out: Record<string, number | string | null> = {};
    for (const [name, col] of this.columns) out[name] = col instanceof Float64Array ? col[i]! : col.value(i);
    return out;
  }
}
