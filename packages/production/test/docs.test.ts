// Runs every ```ts example of docs/production.md, so the guide cannot drift from the code. Each
// block is written next to this file (importing the package sources instead of the built entry),
// imported, and every `console.log(…); // expected` line is checked against what it printed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = import.meta.dirname;
const doc = readFileSync(join(here, '..', '..', '..', 'docs', 'production.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = join(here, '.docs-run');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/production.md examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  blocks.forEach((code, i) => {
    const title =
      code.split('\n').find((l) => l.includes('createServingApp(') || l.includes('serveModel(')) ?? '';
    it(`example ${i + 1} runs and prints what its comments say ${title.trim().slice(0, 50)}`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(
        file,
        `${code.replaceAll("from '@mlpy/production'", "from '../../src/index.js'")}\nexport {};\n`,
      );
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(format(...args));
      });
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        spy.mockRestore();
      }
      const expected = code
        .split('\n')
        .filter((l) => /^\s*console\.log\(/.test(l))
        .map((l) => /\); \/\/ (.*)$/.exec(l)?.[1]);
      expect(printed.length).toBe(expected.length);
      expected.forEach((want, k) => {
        if (want !== undefined) expect(printed[k]).toBe(want);
      });
    });
  });
});
