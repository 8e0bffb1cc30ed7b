// readCsv: a CSV file (streamed, never held whole in memory) or CSV text → a columnar Frame, with
// per-column type inference, missing-value markers and errors that name the line and column.
import { createReadStream } from 'node:fs';
import { type Column, DataError, Frame } from '@mlpy/core';
import { ColumnBuilder, type CsvDType } from './column-builder.js';
import { CsvParser } from './csv-parser.js';

/** Options of `readCsv`. */
export interface ReadCsvOptions {
  /** Field separator, one character (default `,`). */
  delimiter?: string;
  /** The first record names the columns (default true). */
  header?: boolean;
  /** Column names when `header` is false (default `column_1`, `column_2`, …). */
  columns?: readonly string[];
  /** Column types by name, overriding inference. */
  dtypes?: Readonly<Record<string, CsvDType>>;
  /** Cell texts read as missing (default `''`, `NA`, `null`). */
  naValues?: readonly string[];
  /** Treat `source` as CSV text even without a line break (default: text when it has one). */
  text?: boolean;
}

/** Default missing-value markers. */
export const DEFAULT_NA_VALUES: readonly string[] = ['', 'NA', 'null'];

/** Collects records into column builders. */
class TableBuilder {
  private names: string[] | undefined;
  private builders: ColumnBuilder[] = [];
  private readonly na: Set<string>;

  constructor(private readonly options: ReadCsvOptions) {
    this.na = new Set(options.naValues ?? DEFAULT_NA_VALUES);
    if (options.header === false && options.columns) this.setNames([...options.columns], 1);
  }

  private setNames(names: string[], line: number): void {
    const seen = new Set<string>();
    names.forEach((raw, j) => {
      const name = raw.trim() === '' ? `column_${j + 1}` : raw;
      if (seen.has(name)) {
        throw new DataError(
          `line ${line}: the header names column '${name}' twice; column names must be unique`,
          {
            details: { line, column: name },
          },
        );
      }
      seen.add(name);
      names[j] = name;
    });
    const dtypes = this.options.dtypes ?? {};
    for (const key of Object.keys(dtypes)) {
      if (!seen.has(key)) {
        throw new DataError(
          `dtypes names column '${key}', which the CSV does not have. Columns: ${names.join(', ')}`,
          {
            details: { column: key },
          },
        );
      }
    }
    this.names = names;
    this.builders = names.map((n) => new ColumnBuilder(n, dtypes[n]));
  }

  record = (fields: string[], line: number): void => {
    if (!this.names) {
      if (this.options.header !== false) {
        this.setNames(fields, line);
        return;
      }
      this.setNames(
        fields.map((_, j) => `column_${j + 1}`),
        line,
      );
    }
    const k = this.builders.length;
    if (fields.length !== k) {
      const what = this.options.header === false ? 'the first record' : 'the header';
      throw new DataError(
        `line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}, ${what} has ${k}`,
        { details: { line, fields: fields.length, expected: k } },
      );
    }
    for (let j = 0; j < k; j++) {
      const text = fields[j]!;
      this.builders[j]!.push(text, this.na.has(text), line);
    }
  };

  finish(): Frame {
    if (!this.names) throw new DataError('The CSV is empty: it needs a header row naming the columns');
    return new Frame(new Map<string, Column>(this.builders.map((b) => [b.name, b.finish()])));
  }
}

function parseInto(builder: TableBuilder, options: ReadCsvOptions): CsvParser {
  return new CsvParser(options.delimiter ?? ',', builder.record);
}

/** Parses CSV text held in memory. */
export function parseCsv(text: string, options: ReadCsvOptions = {}): Frame {
  const builder = new TableBuilder(options);
  const parser = parseInto(builder, options);
  parser.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  parser.end();
  return builder.finish();
}

/**
 * Reads a CSV file (streamed in chunks, so memory holds the columns, not the text) or CSV text
 * into a Frame. RFC 4180: quoted fields with delimiters, doubled quotes and line breaks; CRLF or LF;
 * a UTF-8 byte-order mark is skipped. A column is numeric when every non-missing cell is a finite
 * number, else categorical (strings); `''`, `NA` and `null` are missing. Malformed input throws a
 * `DataError` naming the line (and column).
 *
 * @param source a file path, or CSV text (anything with a line break, or `options.text`)
 * @example const frame = await readCsv('data/train.csv', { dtypes: { zip: 'categorical' } });
 */
export async function readCsv(source: string, options: ReadCsvOptions = {}): Promise<Frame> {
  if (options.text || /[\r\n]/.test(source)) return parseCsv(source, options);
  const builder = new TableBuilder(options);
  const parser = parseInto(builder, options);
  const stream = createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
      first = false;
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new DataError(`Cannot read CSV file '${source}': ${why}`, {
      cause: error,
      details: { path: source },
    });
  }
  parser.end();
  return builder.finish();
}
