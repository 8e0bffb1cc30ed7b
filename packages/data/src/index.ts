// Public surface of @mlpy/data.
export const packageName = '@mlpy/data';
