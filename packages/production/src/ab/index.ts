// A/B tests: weighted sticky split, shadow mode, outcomes and significance.
export {
  Experiment,
  type ExperimentConfig,
  type ExperimentSummary,
  type VariantConfig,
  type VariantSummary,
} from './experiment.js';
export { type LedgerEntry, PredictionLedger } from './ledger.js';
