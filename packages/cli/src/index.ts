// Public surface of @mlpy/cli.
export const packageName = '@mlpy/cli';
