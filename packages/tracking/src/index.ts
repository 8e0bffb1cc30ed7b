// Public surface of @mlpy/tracking.
export const packageName = '@mlpy/tracking';
