// Public surface of @mlpy/server.
export const packageName = '@mlpy/server';
