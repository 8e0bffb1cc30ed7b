export { type LbfgsOptions, type LbfgsResult, minimizeLbfgs } from './lbfgs.js';
export type { ObjectiveFn } from './vectors.js';
