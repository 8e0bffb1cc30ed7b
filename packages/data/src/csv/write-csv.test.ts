// writeCsv / formatCsv: quoting, missing values, row objects, and a round trip through readCsv.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, Frame } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv.js';
import { formatCsv, writeCsv } from './write-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-csv-w-'));

describe('formatCsv', () => {
  it('quotes only fields that need it and writes missing values as empty cells', () => {
    const frame = new Frame({
      n: [1, Number.NaN, 2.5],
      s: ['plain', null, 'has, comma'],
      q: ['say "hi"', 'two\nlines', ' edge '],
    });
    expect(formatCsv(frame)).toBe('n,s,q\n1,plain,"say ""hi"""\n,,"two\nlines"\n2.5,"has, comma"," edge "\n');
  });

  it('writes row objects in the order of the first row or of `columns`', () => {
    const rows = [
      { a: 1, b: 'x', c: true },
      { a: null, b: undefined, c: false },
    ];
    expect(formatCsv(rows)).toBe('a,b,c\n1,x,true\n,,false\n');
    expect(formatCsv(rows, { columns: ['b', 'a'], delimiter: ';' })).toBe('b;a\nx;1\n;\n');
    expect(formatCsv([{ a: Number.NaN }])).toBe('a\n\n');
  });

  it('rejects rows without columns and values that are not scalars', () => {
    expect(() => formatCsv([])).toThrow(DataError);
    expect(() => formatCsv([{ a: { nested: 1 } }])).toThrow("row 0, column 'a': cannot write object values");
  });
});

describe('writeCsv', () => {
  it('round-trips a Frame through a file', async () => {
    const frame = new Frame({ x: [0.1, 2, Number.NaN], label: ['a,b', 'c"d', null] });
    const path = join(dir, 'out.csv');
    await writeCsv(frame, path);
    const back = await readCsv(path);
    expect(back.names).toEqual(['x', 'label']);
    expect(back.column('x')).toEqual(frame.column('x'));
    expect(back.record(0)).toEqual({ x: 0.1, label: 'a,b' });
    expect(back.record(1)).toEqual({ x: 2, label: 'c"d' });
  });

  it('streams many rows', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ i, sq: i * i }));
    const path = join(dir, 'many.csv');
    await writeCsv(rows, path);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(30_002);
    expect((await readCsv(path)).nRows).toBe(30_000);
  });

  it('fails with a DataError naming the path when the file cannot be written', async () => {
    await expect(writeCsv([{ a: 1 }], join(dir, 'missing-dir', 'x.csv'))).rejects.toThrow(
      /Cannot write CSV file .*x.csv'/,
    );
  });
});
