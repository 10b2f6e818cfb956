import type { IdempotencyStore, LeaseResult } from '../stores/idempotency-store.js';

/** One check of the {@link IdempotencyStore} contract; `run` rejects with what went wrong. */
export interface StoreConformanceCase {
  /** What the case checks, as a test name. */
  name: string;
  /** Runs the check against a fresh store from `makeStore`. */
  run: () => Promise<void>;
}

/** Makes the store under test; called once per case. */
export type MakeStore = () => IdempotencyStore | Promise<IdempotencyStore>;

/** The test functions of your runner: vitest's or jest's `describe` and `it`, or `node:test`'s. */
export interface ConformanceTestApi {
  /** Groups the cases under the store's name. */
  describe: (name: string, body: () => void) => unknown;
  /** Registers one case. */
  it: (name: string, body: () => Promise<void>) => unknown;
}

/** The lease used by the timing cases; long enough for a store's round trips under load. */
const LEASE_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function take(store: IdempotencyStore, key: string, leaseMs = 60_000): Promise<string> {
  const lease: LeaseResult = await store.acquire(key, leaseMs);
  if (lease.status !== 'acquired' || typeof lease.token !== 'string' || lease.token === '') {
    throw new Error(
      `acquire(${key}) of a free key: expected a lease, got ${JSON.stringify(lease)}`,
    );
  }
  return lease.token;
}

/**
 * The cases of the {@link IdempotencyStore} contract (atomic acquire, leases that expire and
 * can be extended, writes fenced by the token, idempotent complete), for any test runner.
 * Every case uses keys of its own, so one store may serve them all.
 *
 * @example
 * for (const check of storeConformanceCases(() => createMyStore())) test(check.name, check.run);
 */
export function storeConformanceCases(makeStore: MakeStore): StoreConformanceCase[] {
  const prefix = `conformance:${crypto.randomUUID()}:`;
  const cases: Array<[string, (store: IdempotencyStore, key: string) => Promise<void>]> = [
    [
      'acquire takes a free key once; a second acquire sees it processing',
      async (store, key) => {
        await take(store, key);
        expectEqual(await store.acquire(key, 60_000), { status: 'processing' }, 'second acquire');
      },
    ],
    [
      'of 20 concurrent acquires of one key, exactly one gets the lease',
      async (store, key) => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.acquire(key, 60_000)),
        );
        const statuses = results.map((result) => result.status).sort();
        expectEqual(statuses, ['acquired', ...Array(19).fill('processing')], 'statuses');
      },
    ],
    [
      'complete by the holder records the event, and repeating it answers true again',
      async (store, key) => {
        const token = await take(store, key);
        expectEqual(await store.complete(key, token, 60_000), true, 'complete');
        expectEqual(await store.acquire(key, 60_000), { status: 'processed' }, 'acquire after');
        expectEqual(await store.complete(key, token, 60_000), true, 'repeated complete');
        expectEqual(await store.acquire(key, 60_000), { status: 'processed' }, 'acquire again');
      },
    ],
    [
      'release by the holder frees the key for a new lease with another token',
      async (store, key) => {
        const token = await take(store, key);
        expectEqual(await store.release(key, token), true, 'release');
        const next = await take(store, key);
        if (next === token) throw new Error('a new lease reused the released token');
      },
    ],
    [
      'a token that does not hold the key can neither extend, complete nor release it',
      async (store, key) => {
        await take(store, key);
        const stranger = `lease:${crypto.randomUUID()}`;
        expectEqual(await store.extend(key, stranger, 60_000), false, 'extend');
        expectEqual(await store.complete(key, stranger, 60_000), false, 'complete');
        expectEqual(await store.release(key, stranger), false, 'release');
        expectEqual(await store.acquire(key, 60_000), { status: 'processing' }, 'acquire after');
      },
    ],
    [
      'a processed event stays processed: release and extend after complete answer false',
      async (store, key) => {
        const token = await take(store, key);
        await store.complete(key, token, 60_000);
        expectEqual(await store.release(key, token), false, 'release');
        expectEqual(await store.extend(key, token, 60_000), false, 'extend');
        expectEqual(await store.acquire(key, 60_000), { status: 'processed' }, 'acquire after');
      },
    ],
    [
      'an expired lease is retaken, and the stale holder cannot touch the new one',
      async (store, key) => {
        const stale = await take(store, key, LEASE_MS);
        await sleep(LEASE_MS + 150);
        const current = await take(store, key);
        expectEqual(await store.extend(key, stale, 60_000), false, 'stale extend');
        expectEqual(await store.complete(key, stale, 60_000), false, 'stale complete');
        expectEqual(await store.release(key, stale), false, 'stale release');
        expectEqual(await store.acquire(key, 60_000), { status: 'processing' }, 'acquire');
        expectEqual(await store.complete(key, current, 60_000), true, 'current complete');
        expectEqual(await store.acquire(key, 60_000), { status: 'processed' }, 'acquire after');
      },
    ],
    [
      'extend keeps a lease past its first expiry; an expired lease cannot be extended',
      async (store, key) => {
        const token = await take(store, key, LEASE_MS);
        await sleep(LEASE_MS / 4);
        expectEqual(await store.extend(key, token, LEASE_MS * 3), true, 'extend');
        await sleep(LEASE_MS);
        expectEqual(await store.acquire(key, 60_000), { status: 'processing' }, 'acquire');
        const other = `${key}:other`;
        const lapsed = await take(store, other, LEASE_MS);
        await sleep(LEASE_MS + 150);
        expectEqual(await store.extend(other, lapsed, 60_000), false, 'extend after expiry');
      },
    ],
    [
      'complete after the lease lapsed, with nobody else holding it, still records the event',
      async (store, key) => {
        const token = await take(store, key, LEASE_MS);
        await sleep(LEASE_MS + 150);
        expectEqual(await store.complete(key, token, 60_000), true, 'complete');
        expectEqual(await store.acquire(key, 60_000), { status: 'processed' }, 'acquire after');
      },
    ],
    [
      'a processed record expires after retainMs',
      async (store, key) => {
        const token = await take(store, key);
        await store.complete(key, token, LEASE_MS);
        await sleep(LEASE_MS + 150);
        await take(store, key);
      },
    ],
  ];
  return cases.map(([name, check], index) => ({
    name,
    run: async () => check(await makeStore(), `${prefix}${index}`),
  }));
}

/**
 * Registers the {@link IdempotencyStore} contract's cases for a store with your test runner:
 * run it for a custom store to know that receivers using it run each event once.
 *
 * @example
 * import { describe, it } from 'vitest';
 * import { runStoreConformance } from '@prakerja-kit/webhooks/testing';
 * runStoreConformance('my store', () => createMyStore(db), { describe, it });
 */
export function runStoreConformance(
  name: string,
  makeStore: MakeStore,
  test: ConformanceTestApi,
): void {
  test.describe(`IdempotencyStore conformance: ${name}`, () => {
    for (const check of storeConformanceCases(makeStore)) test.it(check.name, check.run);
  });
}
