import { mlpyProject } from '@mlpy/vitest-preset';

export default mlpyProject('@mlpy/tracking', { testTimeout: 60_000 });
