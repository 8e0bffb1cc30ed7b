import { mlpyProject } from '@mlpy/vitest-preset';

export default mlpyProject('@mlpy/production', { testTimeout: 60_000 });
