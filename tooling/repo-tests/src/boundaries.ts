// The package graph of DESIGN.md: which sibling each package may import.
import type { WorkspacePackage } from './workspace.js';
import { siblingImports } from './workspace.js';

const extras = ['@mlpy/deep-learning', '@mlpy/tracking', '@mlpy/production', '@mlpy/data'];

/** Allowed sibling imports per package. Apps and the CLI compose the extras they need. */
export const allowedImports: Record<string, readonly string[]> = {
  '@mlpy/core': [],
  '@mlpy/deep-learning': ['@mlpy/core'],
  '@mlpy/tracking': ['@mlpy/core'],
  '@mlpy/data': ['@mlpy/core'],
  '@mlpy/production': ['@mlpy/core', '@mlpy/tracking'],
  '@mlpy/cli': ['@mlpy/core', ...extras],
  '@mlpy/server': ['@mlpy/core', ...extras],
};

export interface BoundaryViolation {
  from: string;
  to: string;
  files: string[];
  reason: string;
}

/** Every import that crosses a forbidden edge or lacks the manifest entry that makes it resolvable. */
export function boundaryViolations(pkg: WorkspacePackage): BoundaryViolation[] {
  const allowed = allowedImports[pkg.name];
  if (!allowed)
    return [{ from: pkg.name, to: '*', files: [], reason: 'package missing from allowedImports' }];
  const declared = {
    ...pkg.manifest.dependencies,
    ...pkg.manifest.peerDependencies,
  };
  const out: BoundaryViolation[] = [];
  for (const [to, files] of siblingImports(pkg)) {
    if (!allowed.includes(to)) out.push({ from: pkg.name, to, files, reason: 'forbidden by DESIGN.md' });
    else if (!(to in declared))
      out.push({ from: pkg.name, to, files, reason: 'not declared in package.json' });
  }
  return out;
}
