// Public surface of @mlpy/core.
export const packageName = '@mlpy/core';
