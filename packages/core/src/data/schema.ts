// The input schema an estimator records at fit and checks at predict; saved with the model,
// and what serving validates requests against.

export interface NumericFeature {
  name: string;
  kind: 'numeric';
}

export interface CategoricalFeature {
  name: string;
  kind: 'categorical';
  /** The levels seen at fit; the column's values are codes into this list. */
  categories: readonly string[];
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

export interface FeatureSchema {
  features: readonly FeatureSpec[];
  /** True when fit got plain arrays, so the names are generated (x0, x1…). */
  generatedNames: boolean;
}

/** Names used when the input carries none: x0, x1, … */
export function defaultFeatureNames(n: number): string[] {
  return Array.from({ length: n }, (_, j) => `x${j}`);
}

export function numericSchema(names: readonly string[], generatedNames = false): FeatureSchema {
  return { features: names.map((name) => ({ name, kind: 'numeric' as const })), generatedNames };
}

export function featureNames(schema: FeatureSchema): string[] {
  return schema.features.map((f) => f.name);
}
