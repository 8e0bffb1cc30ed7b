// Reads the workspace layout: every package's manifest and the sibling imports in its sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: {
    exports?: Record<string, unknown>;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    bin?: Record<string, string>;
  };
}

/** The publishable packages and apps (tooling is excluded: it is not shipped). */
export function workspacePackages(): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repoRoot, group))) {
      const dir = join(repoRoot, group, entry);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      out.push({ name: manifest.name, dir, manifest });
    }
  }
  return out;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"](@mlpy\/[a-z-]+)/g;

/** Each `@mlpy/*` package imported from `src` (tests included), with the files that import it. */
export function siblingImports(pkg: WorkspacePackage): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(pkg.dir, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const target = match[1]!;
      if (target === pkg.name) continue;
      found.set(target, [...(found.get(target) ?? []), file]);
    }
  }
  return found;
}
