// Public surface of preprocessing: scalers, encoders, the imputer and polynomial features.

export { INFREQUENT_NAME, type InfrequentOptions } from './categories.js';
export { MinMaxScaler, type MinMaxScalerParams } from './min-max-scaler.js';
export { OneHotEncoder, type OneHotEncoderParams } from './one-hot-encoder.js';
export { OrdinalEncoder, type OrdinalEncoderParams } from './ordinal-encoder.js';
export { PolynomialFeatures, type PolynomialFeaturesParams } from './polynomial-features.js';
export { RobustScaler, type RobustScalerParams } from './robust-scaler.js';
export { SimpleImputer, type SimpleImputerParams } from './simple-imputer.js';
export { StandardScaler, type StandardScalerParams } from './standard-scaler.js';
