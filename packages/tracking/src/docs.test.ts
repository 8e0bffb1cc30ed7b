// Every runnable example in docs/tracking.md (```ts blocks not marked `skip`) runs here against a
// SQLite store in a temp folder (through MLPY_TRACKING_URI), so the guide cannot drift from the code.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/tracking.md', import.meta.url)), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const scratch = fileURLToPath(new URL('../.docs-test/', import.meta.url));
const saved = process.env['MLPY_TRACKING_URI'];
afterAll(() => {
  if (saved === undefined) delete process.env['MLPY_TRACKING_URI'];
  else process.env['MLPY_TRACKING_URI'] = saved;
  rmSync(scratch, { recursive: true, force: true });
});

describe('docs/tracking.md examples', () => {
  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs`, async () => {
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, `example-${i + 1}.ts`);
      writeFileSync(file, code.replaceAll("'@mlpy/tracking'", "'../src/index.js'"));
      const dir = mkdtempSync(join(tmpdir(), 'mlpy-docs-'));
      process.env['MLPY_TRACKING_URI'] = join(dir, 'tracking.db');
      try {
        await import(pathToFileURL(file).href);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
