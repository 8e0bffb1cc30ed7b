// Runs every TypeScript example of the README and docs/ in its own Node process against the
// built packages, exactly as a reader who copies it would.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docExamples } from './docs-examples.js';
import { runNode } from './node-run.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.examples');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documentation examples', () => {
  const examples = docExamples();

  it('the README has at least one example', () => {
    expect(examples.some((e) => e.file === 'README.md')).toBe(true);
  });

  for (const [n, ex] of examples.entries()) {
    it(`${ex.file}:${ex.line} runs`, { timeout: 180_000 }, async () => {
      const file = join(dir, `example-${n}.mts`);
      writeFileSync(file, `${ex.code}\nexport {};\n`);
      const r = await runNode(file, root, 170_000);
      expect(r.code, `${ex.file}:${ex.line} failed:\n${r.stderr}\n${r.stdout}`).toBe(0);
    });
  }
});
