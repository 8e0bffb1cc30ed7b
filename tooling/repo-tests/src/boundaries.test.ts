import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedImports, boundaryViolations } from './boundaries.js';
import { workspacePackages } from './workspace.js';

describe('package boundaries', () => {
  const packages = workspacePackages();

  it('knows every workspace package', () => {
    expect(packages.map((p) => p.name).sort()).toEqual(Object.keys(allowedImports).sort());
  });

  for (const pkg of packages) {
    it(`${pkg.name} imports only the siblings DESIGN.md allows`, () => {
      expect(boundaryViolations(pkg)).toEqual([]);
    });
  }

  it('flags a forbidden import (core importing tracking)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpy-boundary-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'leak.ts'), "import { x } from '@mlpy/tracking';\nexport const y = x;\n");
    const violations = boundaryViolations({ name: '@mlpy/core', dir, manifest: {} });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      from: '@mlpy/core',
      to: '@mlpy/tracking',
      reason: 'forbidden by DESIGN.md',
    });
  });

  it('flags an allowed import that the manifest does not declare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlpy-boundary-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), "export const load = () => import('@mlpy/core');\n");
    const violations = boundaryViolations({ name: '@mlpy/data', dir, manifest: {} });
    expect(violations.map((v) => v.reason)).toEqual(['not declared in package.json']);
  });
});
