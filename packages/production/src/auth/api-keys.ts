// API keys: stored as SHA-256 over a per-key salt and the key, compared in constant time. A key
// reads `mlpy_<id>_<secret>`; the id (not secret) finds the record, names the caller in audit
// entries and metrics, and is the only part of a key ever written anywhere.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidParameterError } from '@mlpy/core';

/** What a key may do: `predict` (scoring, feedback) or `admin` (aliases, rollback, audit). */
export type Scope = 'predict' | 'admin';

/** A stored key: never the key itself. */
export interface ApiKeyRecord {
  id: string;
  /** Hex salt, unique per key. */
  salt: string;
  /** Hex SHA-256 of salt ‖ key. */
  hash: string;
  scopes: Scope[];
  /** Free-form label ("ci", "batch-scorer"). */
  label?: string;
}

const KEY_RE = /^mlpy_([a-z0-9]{8,32})_([A-Za-z0-9_-]{16,128})$/;

/** SHA-256 of `salt ‖ key`, hex. */
export function hashApiKey(key: string, salt: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(key).digest('hex');
}

/** Creates a new key; store `record`, hand `key` to the client once. */
export function createApiKey(
  scopes: Scope[],
  options: { id?: string; label?: string } = {},
): { key: string; record: ApiKeyRecord } {
  const id = options.id ?? randomBytes(6).toString('hex');
  if (!/^[a-z0-9]{8,32}$/.test(id))
    throw new InvalidParameterError('An API key id is 8–32 lowercase letters or digits.');
  const key = `mlpy_${id}_${randomBytes(24).toString('base64url')}`;
  const salt = randomBytes(16).toString('hex');
  const record: ApiKeyRecord = { id, salt, hash: hashApiKey(key, salt), scopes: [...scopes] };
  if (options.label) record.label = options.label;
  return { key, record };
}

/** Checks presented keys against the stored records. */
export class ApiKeyStore {
  private readonly byId = new Map<string, ApiKeyRecord>();
  private readonly decoy = { salt: randomBytes(16).toString('hex'), hash: randomBytes(32).toString('hex') };

  constructor(records: readonly ApiKeyRecord[]) {
    for (const r of records) {
      if (!/^[0-9a-f]{64}$/.test(r.hash) || !/^[0-9a-f]+$/.test(r.salt)) {
        throw new InvalidParameterError(`API key record '${r.id}' needs a hex salt and a hex SHA-256 hash.`);
      }
      this.byId.set(r.id, r);
    }
  }

  /** The record of a valid key, else undefined; the work done does not depend on why it failed. */
  verify(key: string): ApiKeyRecord | undefined {
    const m = KEY_RE.exec(key);
    const record = m ? this.byId.get(m[1]!) : undefined;
    const ref = record ?? this.decoy;
    const actual = Buffer.from(hashApiKey(key, ref.salt), 'hex');
    const ok = timingSafeEqual(actual, Buffer.from(ref.hash, 'hex'));
    return ok && record ? record : undefined;
  }

  get size(): number {
    return this.byId.size;
  }
}
