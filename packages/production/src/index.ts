// Public surface of @mlpy/production.
export const packageName = '@mlpy/production';
