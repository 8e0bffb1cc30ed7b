// Prometheus metrics of the serving app.
export { type MetricsOptions, type ScrapeSources, ServingMetrics } from './metrics.js';
