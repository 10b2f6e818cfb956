import type { IdempotencyStore, LeaseResult } from './idempotency-store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}

type Entry = { token: string | undefined; expiresAt: number };

/**
 * An {@link IdempotencyStore} in this process's memory.
 *
 * Right for one receiver process (and for tests). Several instances, or restarts, need a shared
 * store such as {@link createRedisStore}. Expired entries are swept at most once a minute.
 *
 * @example
 * const receiver = createWebhookReceiver({ secret, store: createMemoryStore() });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let nextSweep = 0;

  function sweep(time: number): void {
    if (time < nextSweep) return;
    nextSweep = time + 60_000;
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
  }

  return {
    async acquire(key, leaseMs): Promise<LeaseResult> {
      const time = now();
      sweep(time);
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > time) {
        return entry.token === undefined ? { status: 'processed' } : { status: 'processing' };
      }
      const token = crypto.randomUUID();
      entries.set(key, { token, expiresAt: time + leaseMs });
      return { status: 'acquired', token };
    },
    async complete(key, _token, retainMs) {
      entries.set(key, { token: undefined, expiresAt: now() + retainMs });
    },
    async release(key, token) {
      if (entries.get(key)?.token === token) entries.delete(key);
    },
  };
}
