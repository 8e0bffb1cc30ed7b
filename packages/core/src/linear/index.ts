export { ElasticNet, ElasticNetBase, type ElasticNetParams, Lasso, type LassoParams } from './elastic-net.js';
export { LinearRegressorBase } from './linear-base.js';
export { LinearRegression, type LinearRegressionParams } from './linear-regression.js';
export { LogisticRegression, type LogisticRegressionParams } from './logistic-regression.js';
export { Ridge, type RidgeParams } from './ridge.js';
