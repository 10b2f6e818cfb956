import type { IdempotencyStore } from './idempotency-store.js';

/**
 * The two commands {@link createRedisStore} needs; an `ioredis` client (`new Redis(url)`) or
 * `Cluster` fits.
 */
export interface RedisClientLike {
  /** `EVAL script numkeys ...keys ...args` */
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  /** `SET key value PX milliseconds` */
  set(key: string, value: string, mode: 'PX', milliseconds: number): Promise<unknown>;
}

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** A connected ioredis client, shared with the rest of the app if you like. */
  client: RedisClientLike;
  /**
   * Prefix of every key the store writes.
   * @default 'prakerja-kit:webhook:'
   */
  prefix?: string | undefined;
}

const PROCESSED = 'processed';

// One round trip, atomic: take the lease, or say who has the key.
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 'acquired' end
return redis.call('GET', KEYS[1])`;

// Only the lease holder may give the lease back; a lease that expired and was retaken stays.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * An {@link IdempotencyStore} in Redis, for receivers running as several instances.
 *
 * Leases are `SET NX PX` keys holding a random token, so a crashed instance's lease expires by
 * itself; processed events keep a marker for the retention period.
 *
 * @example
 * import Redis from 'ioredis';
 * const store = createRedisStore({ client: new Redis(process.env.REDIS_URL!) });
 */
export function createRedisStore(options: RedisStoreOptions): IdempotencyStore {
  const { client } = options;
  const prefix = options.prefix ?? 'prakerja-kit:webhook:';
  return {
    async acquire(key, leaseMs) {
      const token = `lease:${crypto.randomUUID()}`;
      const holder = await client.eval(ACQUIRE, 1, prefix + key, token, leaseMs);
      if (holder === 'acquired') return { status: 'acquired', token };
      // Any other holder is a live lease (a key that expired between SET and GET reads null):
      // answer "processing" so the sender retries.
      return holder === PROCESSED ? { status: 'processed' } : { status: 'processing' };
    },
    async complete(key, _token, retainMs) {
      await client.set(prefix + key, PROCESSED, 'PX', retainMs);
    },
    async release(key, token) {
      await client.eval(RELEASE, 1, prefix + key, token);
    },
  };
}
