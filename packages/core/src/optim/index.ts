export { type LbfgsOptions, type LbfgsResult, minimizeLbfgs } from './lbfgs.js';
export { dot, maxAbs, type ObjectiveFn } from './vectors.js';
