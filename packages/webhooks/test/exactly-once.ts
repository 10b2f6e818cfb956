import { expect, vi } from 'vitest';
import { createTestDelivery } from '../src/create-test-delivery.js';
import { createTestEvent } from '../src/create-test-event.js';
import { createWebhookReceiver } from '../src/create-webhook-receiver.js';
import type { IdempotencyStore } from '../src/stores/idempotency-store.js';
import { SECRET } from './fixtures.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const quiet = () => ({ warn: vi.fn(), error: vi.fn() });

/** A promise a handler waits on (`until`) until the test calls `open`. */
export function holdUntilOpened(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { until, open };
}

/**
 * Starts `count` deliveries at once and calls `open` when all but one have answered: with the
 * handler held until then, the answers are exact (one run; every other delivery found the lease
 * held) without sleeping for a guessed duration.
 */
export function deliverAtOnce<T>(
  count: number,
  open: () => void,
  deliver: (index: number) => Promise<T>,
): Promise<T[]> {
  let settled = 0;
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      deliver(index).finally(() => {
        settled += 1;
        if (settled === count - 1) open();
      }),
    ),
  );
}

/**
 * A 1.5 s handler under a 600 ms lease, with duplicates arriving at 250, 650 and 1050 ms on
 * two receivers sharing `store`: the heartbeat keeps the lease, so one run and the duplicates
 * are `in_progress`, then `duplicate`.
 */
export async function slowHandlerRunsOnce(makeStore: () => IdempotencyStore): Promise<void> {
  const event = createTestEvent('incentive.disbursement_requested');
  const handler = vi.fn(() => sleep(1_500));
  const receivers = [0, 1].map(() =>
    createWebhookReceiver({ secret: SECRET, store: makeStore(), leaseMs: 600, logger: quiet() }).on(
      'incentive.disbursement_requested',
      handler,
    ),
  );
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  const deliver = (index: number) => receivers[index % 2]!.receive({ payload: body, headers });
  const first = deliver(0);
  const duplicates: Array<Promise<{ outcome: string }>> = [];
  for (const at of [250, 400, 400]) {
    await sleep(at);
    duplicates.push(deliver(duplicates.length + 1), deliver(duplicates.length + 2));
  }
  expect((await first).outcome).toBe('processed');
  expect((await Promise.all(duplicates)).map((result) => result.outcome)).toEqual(
    Array(6).fill('in_progress'),
  );
  expect((await deliver(1)).outcome).toBe('duplicate');
  expect(handler).toHaveBeenCalledTimes(1);
}

/**
 * The store fails twice on `complete` right after a successful handler: the receiver retries,
 * records it, and the sender's retries are duplicates: one run.
 */
export async function storeHiccupRunsOnce(makeStore: () => IdempotencyStore): Promise<void> {
  const real = makeStore();
  let failures = 2;
  const store: IdempotencyStore = {
    acquire: (key, leaseMs) => real.acquire(key, leaseMs),
    extend: (key, token, leaseMs) => real.extend(key, token, leaseMs),
    release: (key, token) => real.release(key, token),
    complete: async (key, token, retainMs) => {
      if (failures-- > 0) throw new Error('connection reset');
      return real.complete(key, token, retainMs);
    },
  };
  const event = createTestEvent('payment.authorized');
  const handler = vi.fn();
  const logger = quiet();
  const receiver = createWebhookReceiver({
    secret: SECRET,
    store,
    logger,
    completeRetry: { delayMs: 10 },
  }).on('payment.authorized', handler);
  const { body, headers } = await createTestDelivery({ event, secret: SECRET });
  expect((await receiver.receive({ payload: body, headers })).outcome).toBe('processed');
  expect((await receiver.receive({ payload: body, headers })).outcome).toBe('duplicate');
  const other = createWebhookReceiver({ secret: SECRET, store: makeStore(), logger }).on(
    'payment.authorized',
    handler,
  );
  expect((await other.receive({ payload: body, headers })).outcome).toBe('duplicate');
  expect(handler).toHaveBeenCalledTimes(1);
  expect(logger.warn).toHaveBeenCalledTimes(2);
  expect(logger.warn).toHaveBeenCalledWith('could not record a processed webhook event; retrying', {
    eventId: event.id,
    attempt: 1,
    error: 'connection reset',
  });
}
