// One vitest run over every workspace project, with V8 coverage reported per package.
// A package whose source has code must keep at least 90% of its lines covered.
import { defineConfig } from 'vitest/config';

const packagesWithCode = [
  'packages/core',
  'packages/data',
  'packages/tracking',
  'packages/production',
  'packages/cli',
  'apps/server',
];

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/repo-tests'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/__fixtures__/**', '**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'text'],
      thresholds: Object.fromEntries(packagesWithCode.map((p) => [`${p}/src/**`, { lines: 90 }])),
    },
  },
});
