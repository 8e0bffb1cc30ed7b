// Public surface of @mlpy/server: the reference server, its configuration and dashboard.
export { DEFAULT_CONFIG, loadApiKeys, loadConfig, type ServerConfig } from './config.js';
export { type DashboardData, escapeHtml, renderDashboard } from './dashboard.js';
export {
  defaultAliasOf,
  type RegisteredModelView,
  readRegistry,
  recentRuns,
  servedSpecs,
} from './registry-view.js';
export { describeTrackingUri, type RunningServer, type StartOptions, startServer } from './server.js';
export { ServingSwitch } from './serving-switch.js';
