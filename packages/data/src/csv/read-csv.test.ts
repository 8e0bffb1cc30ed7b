// readCsv / parseCsv: RFC 4180 parsing, type inference, missing values, dtypes and error messages,
// from text and from files (including chunk boundaries anywhere and a large streamed file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CategoricalColumn, DataError } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv-parser.js';
import { parseCsv, readCsv } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-csv-'));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function values(frame: ReturnType<typeof parseCsv>, name: string): (number | string | null)[] {
  const col = frame.column(name);
  return col instanceof CategoricalColumn
    ? Array.from({ length: col.length }, (_, i) => col.value(i))
    : Array.from(col);
}

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv', () => {
  it('infers numeric and categorical columns', () => {
    const f = parseCsv('a,b,c\n1,x,2.5\n2,y,-3e2\n');
    expect(f.names).toEqual(['a', 'b', 'c']);
    expect(f.nRows).toBe(2);
    expect(f.column('a')).toEqual(Float64Array.from([1, 2]));
    expect(f.isCategorical('b')).toBe(true);
    expect(values(f, 'b')).toEqual(['x', 'y']);
    expect(values(f, 'c')).toEqual([2.5, -300]);
  });

  it('handles quotes, escaped quotes, delimiters and line breaks inside quotes, CRLF and BOM', () => {
    const f = parseCsv('\uFEFFname,note\r\n"Smith, J","said ""hi"""\r\n"multi\r\nline",plain\r\n');
    expect(values(f, 'name')).toEqual(['Smith, J', 'multi\r\nline']);
    expect(values(f, 'note')).toEqual(['said "hi"', 'plain']);
  });

  it('reads empty, NA and null as missing; a missing-only column is numeric NaN', () => {
    const f = parseCsv('x,y,z\n1,a,\nNA,null,\n3,b,NA\n');
    expect(values(f, 'x')).toEqual([1, Number.NaN, 3]);
    expect(values(f, 'y')).toEqual(['a', null, 'b']);
    expect(Number.isNaN((f.column('z') as Float64Array)[0])).toBe(true);
  });

  it('keeps the original text when a numeric-looking column turns categorical', () => {
    const f = parseCsv('zip\n02134\n1.50\n7\nAB1\n');
    expect(f.isCategorical('zip')).toBe(true);
    expect(values(f, 'zip')).toEqual(['02134', '1.50', '7', 'AB1']);
    expect((f.column('zip') as CategoricalColumn).levels).toEqual(['02134', '1.50', '7', 'AB1']);
  });

  it('rejects non-finite and non-decimal numbers as numbers', () => {
    const f = parseCsv('a,b,c\nInfinity,0x10,1e999\n');
    expect(f.isCategorical('a')).toBe(true);
    expect(f.isCategorical('b')).toBe(true);
    expect(f.isCategorical('c')).toBe(true);
  });

  it('dtypes override inference, and a non-number in a numeric column names line and column', () => {
    const f = parseCsv('id,v\n1,2\n3,4\n', { dtypes: { id: 'categorical' } });
    expect(values(f, 'id')).toEqual(['1', '3']);
    const e = errorOf(() => parseCsv('id,v\n1,2\n3,x\n', { dtypes: { v: 'numeric' } }));
    expect(e.message).toBe(`line 3, column 'v': "x" is not a number, but dtypes declares the column numeric`);
    expect(errorOf(() => parseCsv('a\n1\n', { dtypes: { b: 'numeric' } })).message).toMatch(
      /dtypes names column 'b'/,
    );
  });

  it('reports field-count mismatches with the line number (counting quoted line breaks)', () => {
    const text = 'a,b,c,d,e,f\n1,2,3,4,5,6\n"x\ny",2,3,4,5,6\n1,2,3,4,5\n';
    const e = errorOf(() => parseCsv(text));
    expect(e.message).toBe('line 5 has 5 fields, the header has 6');
    expect(e.details).toEqual({ line: 5, fields: 5, expected: 6 });
    expect(errorOf(() => parseCsv('a,b\n1\n')).message).toBe('line 2 has 1 field, the header has 2');
  });

  it('reports malformed quoting', () => {
    expect(errorOf(() => parseCsv('a\n"open\n')).message).toMatch(/line 2: a quoted field opened here/);
    expect(errorOf(() => parseCsv('a,b\nx"y,1\n')).message).toMatch(/line 2: a quote inside an unquoted/);
    expect(errorOf(() => parseCsv('a,b\n"x"y,1\n')).message).toMatch(/line 2: unexpected character "y"/);
  });

  it('rejects an empty input, duplicate names and bad delimiters; names blank headers', () => {
    expect(errorOf(() => parseCsv('', { text: true })).message).toMatch(/empty/);
    expect(errorOf(() => parseCsv('a,a\n1,2\n')).message).toMatch(/names column 'a' twice/);
    expect(errorOf(() => parseCsv('a\n1\n', { delimiter: '"' })).message).toMatch(/delimiter/);
    expect(parseCsv('a,\n1,2\n').names).toEqual(['a', 'column_2']);
  });

  it('supports other delimiters, headerless files and given column names', () => {
    expect(values(parseCsv('a;b\n1;2\n', { delimiter: ';' }), 'b')).toEqual([2]);
    expect(parseCsv('1,2\n3,4\n', { header: false }).names).toEqual(['column_1', 'column_2']);
    const f = parseCsv('1,2\n3,4\n', { header: false, columns: ['p', 'q'] });
    expect(values(f, 'q')).toEqual([2, 4]);
    expect(errorOf(() => parseCsv('1,2\n3\n', { header: false })).message).toBe(
      'line 2 has 1 field, the first record has 2',
    );
  });

  it('skips blank lines, reads a last line without a line break and a header-only file', () => {
    const f = parseCsv('a,b\n\n1,2\n\r\n3,4');
    expect(values(f, 'a')).toEqual([1, 3]);
    expect(parseCsv('a,b\n').nRows).toBe(0);
    expect(values(parseCsv('a,b\n"",x\n'), 'a')).toEqual([Number.NaN]);
    expect(values(parseCsv('a|b\n1|2\n', { delimiter: '|', naValues: ['-'] }), 'a')).toEqual([1]);
    expect(values(parseCsv('a\n-\n1\n', { naValues: ['-'] }), 'a')).toEqual([Number.NaN, 1]);
  });
});

describe('CsvParser chunking', () => {
  it('gives the same records however the text is split', () => {
    const text = 'h1,h2\r\n"a,""b""\r\nc",d\r\ne,"f"\r\n\r\ng,h';
    const whole: [string[], number][] = [];
    const ref = new CsvParser(',', (f, l) => whole.push([f, l]));
    ref.push(text);
    ref.end();
    expect(whole.map(([, l]) => l)).toEqual([1, 2, 4, 6]);
    for (let size = 1; size <= 5; size++) {
      const got: [string[], number][] = [];
      const p = new CsvParser(',', (f, l) => got.push([f, l]));
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      p.end();
      expect(got).toEqual(whole);
    }
  });
});

describe('readCsv', () => {
  it('reads a file by path, skipping a BOM', async () => {
    const p = file('small.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,x\n')]));
    const f = await readCsv(p);
    expect(f.names).toEqual(['a', 'b']);
    expect(values(f, 'b')).toEqual(['x']);
  });

  it('reads text when given text', async () => {
    expect((await readCsv('a\n1\n')).nRows).toBe(1);
    expect((await readCsv('a', { text: true })).nRows).toBe(0);
  });

  it('names the file when it cannot be read, and passes parse errors through', async () => {
    await expect(readCsv(join(dir, 'nope.csv'))).rejects.toThrow(
      /Cannot read CSV file .*nope.csv': no such file/,
    );
    await expect(readCsv(dir)).rejects.toThrow(/it is a directory/);
    const bad = file('bad.csv', 'a,b\n1,2\n3\n');
    await expect(readCsv(bad)).rejects.toThrow('line 3 has 1 field, the header has 2');
    await expect(readCsv(file('open.csv', 'a\n"x\n'))).rejects.toThrow(/never closed/);
  });

  it('streams a large file (chunk boundaries inside quoted fields and multi-byte characters)', async () => {
    const n = 200_000;
    const parts = ['id,city,score\n'];
    for (let i = 0; i < n; i++) parts.push(`${i},"Zürich, ${i % 7}",${(i % 100) / 4}\n`);
    const f = await readCsv(file('big.csv', parts.join('')));
    expect(f.nRows).toBe(n);
    expect((f.column('id') as Float64Array)[n - 1]).toBe(n - 1);
    const city = f.column('city') as CategoricalColumn;
    expect(city.levels).toHaveLength(7);
    expect(city.value(8)).toBe('Zürich, 1');
    expect((f.column('score') as Float64Array)[99]).toBe(24.75);
  });
});
