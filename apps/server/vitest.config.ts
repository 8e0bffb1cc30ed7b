import { mlpyProject } from '@mlpy/vitest-preset';

export default mlpyProject('@mlpy/server');
