// An incremental RFC 4180 record splitter: text goes in chunk by chunk (any split, even inside a
// quoted field or between CR and LF), records come out with the line number they started on.
// Quoted fields may hold delimiters, doubled quotes and line breaks; blank lines are skipped.
import { DataError } from '@mlpy/core';

/** Receives each record's fields and the 1-based line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** Splits CSV text into records; feed it with `push`, finish with `end`. */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** The previous character closed a quoted field (or was the first of a doubled quote). */
  private afterQuote = false;
  /** The current field started with a quote. */
  private quoted = false;
  private pendingCR = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly sink: RecordSink,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new DataError(
        `The CSV delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
      );
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Parses the next piece of text. */
  push(chunk: string): void {
    const n = chunk.length;
    let start = 0; // start of the run of plain characters not yet copied into `field`
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === LF) {
          // the LF of a CRLF split from its CR: already counted
          if (!this.inQuotes) start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.field += chunk.slice(start, i);
          start = i + 1;
          this.inQuotes = false;
          this.afterQuote = true;
        } else if (c === LF) {
          this.line++;
        } else if (c === CR) {
          this.line++;
          this.pendingCR = true;
        }
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (c === QUOTE) {
          // a doubled quote: one literal quote, and we are back inside the quoted field
          this.field += '"';
          this.inQuotes = true;
          start = i + 1;
          continue;
        }
        if (c !== this.delimiter && c !== LF && c !== CR) {
          throw new DataError(
            `line ${this.line}: unexpected character ${JSON.stringify(chunk[i])} after a closing quote; a quoted field must end at a delimiter or the end of the line`,
            { details: { line: this.line } },
          );
        }
      }
      if (c === this.delimiter) {
        this.field += chunk.slice(start, i);
        this.endField();
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.field += chunk.slice(start, i);
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (c === CR) this.pendingCR = true;
        start = i + 1;
      } else if (c === QUOTE) {
        if (this.field.length > 0 || i > start || this.quoted) {
          throw new DataError(
            `line ${this.line}: a quote inside an unquoted field; quote the whole field and double the quotes inside it ("say ""hi""")`,
            { details: { line: this.line } },
          );
        }
        this.inQuotes = true;
        this.quoted = true;
        this.quoteLine = this.line;
        start = i + 1;
      }
    }
    if (start < n) this.field += chunk.slice(start);
  }

  /** Flushes the last record; throws when a quoted field is still open. */
  end(): void {
    if (this.inQuotes) {
      throw new DataError(
        `line ${this.quoteLine}: a quoted field opened here is never closed; add the closing quote`,
        { details: { line: this.quoteLine } },
      );
    }
    this.endRecord();
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoted = false;
    this.afterQuote = false;
  }

  private endRecord(): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.quoted;
    if (!blank) {
      this.endField();
      this.sink(this.fields, this.recordLine);
    }
    this.fields = [];
    this.field = '';
    this.quoted = false;
    this.afterQuote = false;
  }
}
