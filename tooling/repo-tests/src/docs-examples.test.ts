// Runs every TypeScript example of the README and docs/ as a module against the sources.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docExamples } from './docs-examples.js';

const dir = join(import.meta.dirname, '..', '.examples');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documentation examples', () => {
  const examples = docExamples();

  it('the README has at least one example', () => {
    expect(examples.some((e) => e.file === 'README.md')).toBe(true);
  });

  for (const [n, ex] of examples.entries()) {
    it(`${ex.file}:${ex.line} runs`, { timeout: 120_000 }, async () => {
      const file = join(dir, `example-${n}.ts`);
      writeFileSync(file, `${ex.code}\nexport {};\n`);
      await import(file);
    });
  }
});
