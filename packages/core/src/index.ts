// Public surface of @mlpy/core. Each unit's barrel lists its own exports.
export * from './base/index.js';
export * from './catalogue/index.js';
export * from './cluster/index.js';
export * from './compose/index.js';
export * from './data/index.js';
export * from './datasets/index.js';
export * from './dummy/index.js';
export * from './errors/index.js';
export * from './linear/index.js';
export * from './metrics/index.js';
export * from './neighbors/index.js';
export * from './optim/index.js';
export * from './persistence/index.js';
export * from './model-selection/index.js';
export * from './parallel/index.js';
export * from './preprocessing/index.js';
export { Rng } from './utils/random.js';
