// Tests of @mlpy/tracking. The shared preset's ssr conditions (including `import`) reach Node as
// --conditions, which makes CommonJS `require('pg-pool')` load pg-pool's ESM build and breaks
// `pg`; this project keeps only the conditions that do not change how CommonJS resolves.
import { mlpyProject } from '@mlpy/vitest-preset';

const config = mlpyProject('@mlpy/tracking', { testTimeout: 60_000 });
const ssrResolve = config.ssr?.resolve;
if (ssrResolve) ssrResolve.conditions = ['@mlpy/source', 'node', 'default'];

export default config;
