// Parity with the shared scikit-learn transform fixtures (tooling/fixtures/parity/transforms,
// exported by the fixtures engineer): each file names our estimator and params, the input, the
// rows to fit and transform, and sklearn's output and names; we must match within 1e-9.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BaseTransformer } from '../base/index.js';
import { Frame, type MatrixLike } from '../data/index.js';
import * as preprocessing from './index.js';

interface SharedCase {
  id: string;
  sklearnVersion: string;
  input: string;
  fitRows: 'trainIndex';
  transformRows: 'testIndex';
  ours: { estimator: string; params: Record<string, unknown> };
  featureNamesOut: string[];
  output: (number | null)[][];
}
interface Input {
  X: (number | string | null)[][];
  trainIndex: number[];
  testIndex: number[];
}

const dir = new URL('../../../../tooling/fixtures/parity/transforms/', import.meta.url);
// The fixtures are committed: a missing folder is a failure, never a silent skip.
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = <T>(url: URL): T => JSON.parse(readFileSync(url, 'utf8')) as T;

/** Plain rows when all values are numbers (or missing), else a Frame named x0, x1… as sklearn saw it. */
function toInput(rows: (number | string | null)[][]): MatrixLike {
  if (rows.every((r) => r.every((v) => typeof v !== 'string')))
    return rows.map((r) => r.map((v) => (v === null ? Number.NaN : (v as number))));
  const cols = rows[0]!.map((_, j) => rows.map((r) => r[j]!));
  return new Frame(Object.fromEntries(cols.map((c, j) => [`x${j}`, c])));
}

function take(X: MatrixLike, rows: number[]): MatrixLike {
  return X instanceof Frame ? X.takeRows(rows) : rows.map((i) => (X as number[][])[i]!);
}

describe('parity with the shared sklearn transform fixtures', () => {
  it('finds the fixtures', () => expect(files.length).toBeGreaterThan(10));
  for (const file of files) {
    const c = read<SharedCase>(new URL(file, dir));
    it(`${c.id} (sklearn ${c.sklearnVersion})`, async () => {
      // Inputs are named relative to tooling/fixtures (datasets/…) or to its parity folder (transforms/…).
      const under = [new URL(`../../${c.input}`, dir), new URL(`../${c.input}`, dir)].find((u) =>
        existsSync(u),
      );
      const input = read<Input>(under ?? new URL(`../../${c.input}`, dir));
      const X = toInput(input.X);
      const Ctor = (preprocessing as unknown as Record<string, new (p: object) => BaseTransformer>)[
        c.ours.estimator
      ]!;
      const est = await new Ctor(c.ours.params).fit(take(X, input[c.fitRows]));
      const out = est.transform(take(X, input[c.transformRows]));
      expect(est.featureNamesOut()).toEqual(c.featureNamesOut);
      expect([out.rows, out.cols]).toEqual([c.output.length, c.featureNamesOut.length]);
      let worst = 0;
      for (let i = 0; i < out.rows; i++) {
        for (let j = 0; j < out.cols; j++) {
          const want = c.output[i]![j]!;
          if (want === null) expect(out.get(i, j)).toBeNaN();
          else worst = Math.max(worst, Math.abs(out.get(i, j) - want) / Math.max(1, Math.abs(want)));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  }
});
