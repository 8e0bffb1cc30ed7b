// Public surface of @mlpy/deep-learning.
export const packageName = '@mlpy/deep-learning';
