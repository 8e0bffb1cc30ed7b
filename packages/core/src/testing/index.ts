// Conformance suite for estimators.
export const suite = 'conformance';
