import { createStatusWatcher, type ProviderClient } from '@prakerja-kit/provider';
import {
  createMemoryStore,
  createWebhookReceiver,
  generateSecret,
  type IdempotencyStore,
} from '@prakerja-kit/webhooks';

/**
 * Production has no push: poll, and hand each event to the same exactly-once handlers that
 * process the sandbox's webhook deliveries in development.
 */
export function watchCompletions(
  client: ProviderClient,
  onCompleted: (redeemCode: string, courseCode: string) => Promise<void>,
  store: IdempotencyStore = createMemoryStore(), // shared (Redis) when several instances run
) {
  const receiver = createWebhookReceiver({
    secret: process.env['PRAKERJA_WEBHOOK_SECRET'] ?? generateSecret(), // only checks deliveries
    store,
  }).on('course.completed', async (event) => {
    await onCompleted(event.data.redeem_code, event.data.course_code);
  });
  return createStatusWatcher({
    client,
    onEvent: async (event) => {
      await receiver.dispatch(event); // deterministic ids: a repeat is a 'duplicate', not a rerun
    },
    intervalMs: 60_000,
  });
}
