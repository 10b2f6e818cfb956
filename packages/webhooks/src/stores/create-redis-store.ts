import type { IdempotencyStore } from './idempotency-store.js';

/** An `ioredis` client (`new Redis(url)`) or `Cluster`: `EVAL script numkeys ...keys ...args`. */
export interface IoRedisClientLike {
  /** `EVAL script numkeys ...keys ...args` */
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** A connected `redis` (node-redis v5 or v6) client from `createClient()` or `createCluster()`. */
export interface NodeRedisClientLike {
  /** node-redis clients have it; it tells them from ioredis ones. */
  readonly isOpen: boolean;
  /** `EVAL` with node-redis's options object. */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * An Upstash REST client (`new Redis({ url, token })` from `@upstash/redis`, also
 * `@upstash/redis/cloudflare`): Redis over HTTPS, for Workers and other runtimes without TCP.
 */
export interface UpstashRedisClientLike {
  /** `EVAL` with Upstash's `(script, keys, args)`. */
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /** Upstash clients have it; it tells them from ioredis ones. */
  createScript: (script: string) => unknown;
}

/** The one command {@link createRedisStore} needs, from an ioredis, node-redis or Upstash client. */
export type RedisClientLike = IoRedisClientLike | NodeRedisClientLike | UpstashRedisClientLike;

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /**
   * A connected ioredis or node-redis client, shared with the rest of the app if you like, or an
   * Upstash REST client (`@upstash/redis`) on Workers and other edge runtimes.
   */
  client: RedisClientLike;
  /**
   * Prefix of every key the store writes.
   * @default 'prakerja-kit:webhook:'
   */
  prefix?: string | undefined;
}

// A key holds `lease:<uuid>` (the lease token, with the lease's expiry as its TTL) or
// `processed:<token>` (kept for the retention period). Every script is one atomic round trip.
// A bare `processed` marker, from earlier versions, still reads as processed.
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 'acquired' end
return redis.call('GET', KEYS[1])`;

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const COMPLETE = `local value = redis.call('GET', KEYS[1])
local marker = 'processed:' .. ARGV[1]
if value == false or value == ARGV[1] or value == marker then
  redis.call('SET', KEYS[1], marker, 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Run = (script: string, key: string, args: string[]) => Promise<unknown>;

function runner(client: RedisClientLike): Run {
  if ('isOpen' in client) {
    return (script, key, args) => client.eval(script, { keys: [key], arguments: args });
  }
  if ('createScript' in client) return (script, key, args) => client.eval(script, [key], args);
  return (script, key, args) => client.eval(script, 1, key, ...args);
}

/**
 * An {@link IdempotencyStore} in Redis, for receivers running as several instances.
 *
 * Leases are `SET NX PX` keys holding a random token, so a crashed instance's lease expires by
 * itself; `extend`, `complete` and `release` are Lua scripts that act only for the token that
 * holds the key. Processed events keep a marker for the retention period. Works with `ioredis`
 * (5) and `redis` (node-redis 5 and 6) clients, their cluster clients (one key per call), and
 * Upstash's REST client (`@upstash/redis`), which works on Cloudflare Workers.
 *
 * @example
 * import Redis from 'ioredis';
 * const store = createRedisStore({ client: new Redis(process.env.REDIS_URL!) });
 * // or: import { createClient } from 'redis';
 * // const store = createRedisStore({ client: await createClient({ url }).connect() });
 * // Workers: import { Redis } from '@upstash/redis/cloudflare';
 * // const store = createRedisStore({ client: Redis.fromEnv(env) });
 */
export function createRedisStore(options: RedisStoreOptions): IdempotencyStore {
  const run = runner(options.client);
  const prefix = options.prefix ?? 'prakerja-kit:webhook:';
  return {
    async acquire(key, leaseMs) {
      const token = `lease:${crypto.randomUUID()}`;
      const holder = await run(ACQUIRE, prefix + key, [token, String(leaseMs)]);
      if (holder === 'acquired') return { status: 'acquired', token };
      // Any other holder is a live lease (a key that expired between SET and GET reads null):
      // answer "processing" so the sender retries.
      return typeof holder === 'string' && holder.startsWith('processed')
        ? { status: 'processed' }
        : { status: 'processing' };
    },
    async extend(key, token, leaseMs) {
      return Number(await run(EXTEND, prefix + key, [token, String(leaseMs)])) === 1;
    },
    async complete(key, token, retainMs) {
      return Number(await run(COMPLETE, prefix + key, [token, String(retainMs)])) === 1;
    },
    async release(key, token) {
      return Number(await run(RELEASE, prefix + key, [token])) === 1;
    },
  };
}
