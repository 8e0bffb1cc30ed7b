// Statistics used by drift detection and A/B summaries.
export { type ChiSquareResult, chiSquareGoodnessOfFit, chiSquareSf } from './chi-square.js';
export { type KsResult, ksTwoSample } from './ks.js';
export { binShares, PSI_EPSILON, psi } from './psi.js';
export { type SampleMoments, type TestResult, twoProportionZTest, welchTTest } from './significance.js';
export { betaIncomplete, gammaQ, kolmogorovSf, logGamma, normalSf, studentTTwoSided } from './special.js';
