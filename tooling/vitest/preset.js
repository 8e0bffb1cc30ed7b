// Shared vitest settings. Workspace packages resolve to their TypeScript sources through the
// "@mlpy/source" export condition, so tests never run against a stale build.
// Plain JavaScript: vitest loads config dependencies from node_modules without transpiling them.
import { defineProject } from 'vitest/config';

// No 'import'/'module' here: vitest hands ssr conditions to Node as --conditions, and an
// 'import' condition makes CommonJS require() load ESM builds (it broke pg's require('pg-pool')).
const conditions = ['@mlpy/source', 'node', 'default'];

/**
 * A vitest project for one workspace package.
 * @param {string} name
 * @param {import('vitest/config').TestProjectInlineConfiguration['test']} [extra]
 */
export function mlpyProject(name, extra = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@mlpy/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      ...extra,
    },
  });
}
