// Tests of @mlpy/server. They import @mlpy/tracking, whose `pg` dependency breaks when the preset's
// `import` condition reaches Node's CommonJS resolution (see packages/tracking/vitest.config.ts);
// keep only the conditions that leave CommonJS alone. Training and servers take time: 120 s per test.
import { mlpyProject } from '@mlpy/vitest-preset';

const config = mlpyProject('@mlpy/server', { testTimeout: 120_000 });
const ssrResolve = config.ssr?.resolve;
if (ssrResolve) ssrResolve.conditions = ['@mlpy/source', 'node', 'default'];

export default config;
