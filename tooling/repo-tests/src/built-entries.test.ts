// Every export of every package must build to importable ESM with its declaration file beside it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspacePackages } from './workspace.js';

interface Conditions {
  types: string;
  import: string;
}

describe('built entry points', () => {
  for (const pkg of workspacePackages()) {
    for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
      if (typeof target === 'string') continue; // ./package.json
      const { types, import: entry } = target as Conditions;
      it(`${pkg.name}${subpath.slice(1)} builds to ESM with types`, async () => {
        expect(existsSync(join(pkg.dir, types)), `${types} missing: run pnpm build`).toBe(true);
        const mod = await import(pathToFileURL(join(pkg.dir, entry)).href);
        expect(Object.keys(mod).length).toBeGreaterThan(0);
      });
    }
    for (const [bin, path] of Object.entries(pkg.manifest.bin ?? {})) {
      it(`${pkg.name} bin ${bin} is built`, () => {
        expect(existsSync(join(pkg.dir, path))).toBe(true);
      });
    }
  }
});
