// writeCsv / formatCsv: a Frame or row objects → RFC 4180 CSV (header row, LF line ends, fields
// quoted only when they hold the delimiter, a quote, a line break or edge spaces; missing → empty).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CategoricalColumn, DataError, Frame } from '@mlpy/core';

/** What can be written: a Frame, or rows as objects keyed by column name. */
export type CsvData = Frame | readonly Record<string, unknown>[];

/** Options of `writeCsv` / `formatCsv`. */
export interface WriteCsvOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Column order (default: the Frame's, or the keys of the first row). */
  columns?: readonly string[];
}

function quote(text: string, delimiter: string): string {
  const needs =
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    (text.length > 0 && (text[0] === ' ' || text[text.length - 1] === ' '));
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(value: unknown, column: string, row: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new DataError(`row ${row}, column '${column}': cannot write ${typeof value} values to CSV`, {
    details: { row, column },
  });
}

/** Yields the CSV text line by line (each with its line break). */
function* csvLines(data: CsvData, options: WriteCsvOptions): Generator<string> {
  const d = options.delimiter ?? ',';
  if (data instanceof Frame) {
    const names = options.columns ?? data.names;
    const cols = names.map((n) => data.column(n));
    yield `${names.map((n) => quote(n, d)).join(d)}\n`;
    for (let i = 0; i < data.nRows; i++) {
      const cells = cols.map((c) => {
        if (c instanceof CategoricalColumn) {
          const v = c.value(i);
          return v === null ? '' : quote(v, d);
        }
        const v = c[i]!;
        return Number.isNaN(v) ? '' : String(v);
      });
      yield `${cells.join(d)}\n`;
    }
    return;
  }
  const names = options.columns ?? Object.keys(data[0] ?? {});
  if (names.length === 0) throw new DataError('Nothing to write: no columns (give rows or options.columns)');
  yield `${names.map((n) => quote(n, d)).join(d)}\n`;
  for (let i = 0; i < data.length; i++) {
    const r = data[i]!;
    yield `${names.map((n) => quote(cellText(r[n], n, i), d)).join(d)}\n`;
  }
}

/** The CSV text of a Frame or rows. */
export function formatCsv(data: CsvData, options: WriteCsvOptions = {}): string {
  return [...csvLines(data, options)].join('');
}

/**
 * Writes a Frame or row objects to a CSV file (streamed: rows are written as they are formatted).
 * @example await writeCsv(frame, 'out/predictions.csv');
 */
export async function writeCsv(data: CsvData, path: string, options: WriteCsvOptions = {}): Promise<void> {
  const lines = csvLines(data, options);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw new DataError(`Cannot write CSV file '${path}': ${(error as Error).message}`, {
      cause: error,
      details: { path },
    });
  });
  failed.catch(() => undefined); // settled by the race below; never an unhandled rejection
  const write = async (): Promise<void> => {
    let buffer = '';
    for (const line of lines) {
      buffer += line;
      if (buffer.length >= 1 << 16) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    out.end(buffer);
    await once(out, 'finish');
  };
  try {
    await Promise.race([write(), failed]);
  } finally {
    out.destroy();
  }
}
