// Adaptive micro-batching of concurrent predict calls.
export { type BatcherOptions, type BatchFn, MicroBatcher } from './micro-batcher.js';
