// API keys, rate limiting and the audit log.
export { type ApiKeyRecord, ApiKeyStore, createApiKey, hashApiKey, type Scope } from './api-keys.js';
export { type AuditEntry, AuditLog } from './audit.js';
export { RateLimiter, type RateLimitOptions } from './rate-limit.js';
