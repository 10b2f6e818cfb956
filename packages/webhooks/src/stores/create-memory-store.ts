import type { IdempotencyStore, LeaseResult } from './idempotency-store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}

type Entry = { token: string; processed: boolean; expiresAt: number };

/**
 * An {@link IdempotencyStore} in this process's memory.
 *
 * Right for one receiver process (and for tests). Several instances, or restarts, need a shared
 * store such as `createRedisStore` or `createPostgresStore`. Expired entries are swept at most
 * once a minute.
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

  /** The entry of `key` if it has not expired. */
  function live(key: string, time: number): Entry | undefined {
    const entry = entries.get(key);
    return entry !== undefined && entry.expiresAt > time ? entry : undefined;
  }

  return {
    async acquire(key, leaseMs): Promise<LeaseResult> {
      const time = now();
      sweep(time);
      const entry = live(key, time);
      if (entry !== undefined) return { status: entry.processed ? 'processed' : 'processing' };
      const token = `lease:${crypto.randomUUID()}`;
      entries.set(key, { token, processed: false, expiresAt: time + leaseMs });
      return { status: 'acquired', token };
    },
    async extend(key, token, leaseMs) {
      const time = now();
      const entry = live(key, time);
      if (entry === undefined || entry.processed || entry.token !== token) return false;
      entry.expiresAt = time + leaseMs;
      return true;
    },
    async complete(key, token, retainMs) {
      const time = now();
      const entry = live(key, time);
      if (entry !== undefined && entry.token !== token) return false;
      entries.set(key, { token, processed: true, expiresAt: time + retainMs });
      return true;
    },
    async release(key, token) {
      const entry = live(key, now());
      if (entry === undefined || entry.processed || entry.token !== token) return false;
      entries.delete(key);
      return true;
    },
  };
}
