// Builds one Frame column from CSV text cells with type inference: a column stays numeric (a
// growable Float64Array, NaN for missing) while every non-missing cell is a finite number, and
// turns into a dictionary-encoded categorical column at its first non-numeric cell. Numeric text
// that does not round-trip through Number (e.g. "1.50", "007") is kept so that the switch to
// categorical reproduces the original strings exactly (for the first RAW_LIMIT such cells; past
// that, memory wins and numbers print canonically — declare the column's dtype to be exact).
import { CategoricalColumn, type Column, DataError } from '@mlpy/core';

/** A column type: numbers (Float64Array) or strings (categorical codes + levels). */
export type CsvDType = 'numeric' | 'categorical';

/** Most non-canonical numeric texts remembered per column. */
export const RAW_LIMIT = 100_000;

const NUMBER_RE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The number a CSV cell holds, or undefined when it is not a finite decimal number. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER_RE.test(text)) return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

function grow<T extends Float64Array | Int32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Accumulates one column's cells. */
export class ColumnBuilder {
  private n = 0;
  private nums: Float64Array = new Float64Array(64);
  /** Original text of numeric cells whose number does not print back as the same text. */
  private raw: Map<number, string> | undefined = new Map();
  private codes: Int32Array | undefined;
  private dict: Map<string, number> | undefined;

  constructor(
    readonly name: string,
    private readonly forced: CsvDType | undefined,
  ) {
    if (forced === 'categorical') this.toCategorical();
    if (forced === 'numeric') this.raw = undefined;
  }

  get kind(): CsvDType {
    return this.codes ? 'categorical' : 'numeric';
  }

  /** Adds a cell; `missing` cells become NaN or the missing code. */
  push(text: string, missing: boolean, line: number): void {
    const i = this.n++;
    if (this.codes) {
      this.codes = grow(this.codes, this.n, (k) => new Int32Array(k));
      this.codes[i] = missing ? -1 : this.code(text);
      return;
    }
    this.nums = grow(this.nums, this.n, (k) => new Float64Array(k));
    if (missing) {
      this.nums[i] = Number.NaN;
      return;
    }
    const v = parseNumber(text);
    if (v !== undefined) {
      this.nums[i] = v;
      if (this.raw && String(v) !== text) {
        if (this.raw.size < RAW_LIMIT) this.raw.set(i, text);
        else this.raw = undefined;
      }
      return;
    }
    if (this.forced === 'numeric') {
      throw new DataError(
        `line ${line}, column '${this.name}': ${JSON.stringify(text)} is not a number, but dtypes declares the column numeric`,
        { details: { line, column: this.name } },
      );
    }
    this.n = i;
    this.toCategorical();
    this.push(text, false, line);
  }

  private code(text: string): number {
    const dict = this.dict!;
    let c = dict.get(text);
    if (c === undefined) {
      c = dict.size;
      dict.set(text, c);
    }
    return c;
  }

  /** Re-encodes the numbers seen so far as strings (their original text). */
  private toCategorical(): void {
    this.dict = new Map();
    const codes = new Int32Array(Math.max(64, this.n));
    for (let i = 0; i < this.n; i++) {
      const v = this.nums[i]!;
      codes[i] = Number.isNaN(v) ? -1 : this.code(this.raw?.get(i) ?? String(v));
    }
    this.codes = codes;
    this.nums = new Float64Array(0);
    this.raw = undefined;
  }

  /** The finished column: numbers as a Float64Array, strings with sorted levels. */
  finish(): Column {
    if (!this.codes) return this.nums.slice(0, this.n);
    const seen = [...this.dict!.keys()];
    const levels = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rank = new Map(levels.map((l, k) => [l, k]));
    const remap = Int32Array.from(seen, (l) => rank.get(l)!);
    const codes = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const c = this.codes[i]!;
      codes[i] = c < 0 ? -1 : remap[c]!;
    }
    return new CategoricalColumn(codes, levels);
  }
}
