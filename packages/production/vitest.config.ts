// Tests of @mlpy/production. They import @mlpy/tracking (the registry), whose `pg` dependency breaks
// when the preset's `import` condition reaches Node's CommonJS resolution (see
// packages/tracking/vitest.config.ts); keep only the conditions that leave CommonJS alone.
import { mlpyProject } from '@mlpy/vitest-preset';

const config = mlpyProject('@mlpy/production', { testTimeout: 60_000 });
const ssrResolve = config.ssr?.resolve;
if (ssrResolve) ssrResolve.conditions = ['@mlpy/source', 'node', 'default'];

export default config;
