// Public surface of @mlpy/core.
export const packageName = '@mlpy/core';
export * from './errors/index.js';
