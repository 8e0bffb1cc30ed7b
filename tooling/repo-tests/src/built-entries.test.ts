// Every export of every package must build to ESM that plain Node imports, with its declaration
// file beside it.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from './node-run.js';
import { workspacePackages } from './workspace.js';

interface Conditions {
  types: string;
  import: string;
}

const entries = workspacePackages().flatMap((pkg) =>
  Object.entries(pkg.manifest.exports ?? {})
    .filter(([, target]) => typeof target !== 'string')
    .map(([subpath, target]) => ({
      label: `${pkg.name}${subpath.slice(1)}`,
      types: join(pkg.dir, (target as Conditions).types),
      entry: join(pkg.dir, (target as Conditions).import),
    })),
);

describe('built entry points', () => {
  it('every entry point has a declaration file', () => {
    const missing = entries.filter((e) => !existsSync(e.types)).map((e) => e.label);
    expect(missing, 'run pnpm build').toEqual([]);
  });

  it('plain Node imports every entry point and finds exports in it', { timeout: 120_000 }, async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'mlpy-entries-')), 'import-all.mjs');
    writeFileSync(
      script,
      `const out = {};\nfor (const [label, url] of ${JSON.stringify(entries.map((e) => [e.label, pathToFileURL(e.entry).href]))}) {\n  out[label] = Object.keys(await import(url)).length;\n}\nconsole.log(JSON.stringify(out));\n`,
    );
    const r = await runNode(script, tmpdir());
    expect(r.code, r.stderr).toBe(0);
    const counts = JSON.parse(r.stdout) as Record<string, number>;
    for (const e of entries) expect(counts[e.label], e.label).toBeGreaterThan(0);
  });

  for (const pkg of workspacePackages()) {
    for (const [bin, path] of Object.entries(pkg.manifest.bin ?? {})) {
      it(`${pkg.name} bin ${bin} is built`, () => {
        expect(existsSync(join(pkg.dir, path))).toBe(true);
      });
    }
  }
});
