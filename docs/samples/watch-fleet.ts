import {
  createPaymentWatcher,
  type FollowedOutcome,
  type PaymentEvent,
  type PlatformClient,
} from '@prakerja-kit/platform';
import { createBullmqBackend } from '@prakerja-kit/watchers/bullmq';
import { createRedisStore } from '@prakerja-kit/webhooks';
import Redis from 'ioredis';

/** What your app does with what the watcher learns. */
export interface PaymentHandlers {
  onEvent: (event: PaymentEvent) => Promise<void>; // make it idempotent on event.id
  onOutcome: (outcome: FollowedOutcome) => Promise<void>;
}

/**
 * The payment watcher of every process of your app: the same call in a web process (it only
 * enrols: watch, follow) and in a worker (it also calls start()). Redis holds what is watched.
 */
export function createSharedPaymentWatcher(
  client: PlatformClient,
  redis: { host: string; port: number },
  handlers: PaymentHandlers,
) {
  const dedupeClient = new Redis(redis);
  const watcher = createPaymentWatcher(client, {
    ...handlers,
    backend: createBullmqBackend({
      connection: redis, // BullMQ opens its own connections, closed by stop()
      dedupe: createRedisStore({ client: dedupeClient }), // each event once, fleet-wide
    }),
    rateLimit: { max: 20, durationMs: 1000 }, // status calls per second, all workers together
    intervalMs: 5_000,
    maxIntervalMs: 60_000,
  });
  return {
    watcher,
    async close() {
      await watcher.stop(); // polls in flight finish first
      await dedupeClient.quit();
    },
  };
}

// #region worker
/** A worker process: polls its share until SIGTERM. */
export function runWorker(
  client: PlatformClient,
  redis: { host: string; port: number },
  handlers: PaymentHandlers,
) {
  const shared = createSharedPaymentWatcher(client, redis, handlers);
  shared.watcher.start();
  process.once('SIGTERM', () => void shared.close());
  return shared;
}
// #endregion
