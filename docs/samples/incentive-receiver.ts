import {
  createMemoryStore,
  createWebhookReceiver,
  type IdempotencyStore,
  type IncentiveDisbursementRequestedEvent,
} from '@prakerja-kit/webhooks';

/** Your payout system: bank transfer or e-wallet top-up. */
export interface Payouts {
  pay(request: IncentiveDisbursementRequestedEvent['data']): Promise<void>;
  cancel(disbursementId: string): Promise<void>;
}

export function createIncentiveReceiver(
  payouts: Payouts,
  // whsec_…; [old, new] while rotating. Missing or malformed: refused here, not per delivery.
  secret: string | readonly string[] | undefined = process.env['PRAKERJA_WEBHOOK_SECRET'],
  store: IdempotencyStore = createMemoryStore(), // several instances: createRedisStore
) {
  return createWebhookReceiver({ secret, store })
    .on('incentive.disbursement_requested', async (event) => {
      // Runs once per event id, even when the delivery is retried or duplicated. Still make the
      // transfer itself idempotent by disbursement_id: the lease expires if a handler hangs.
      await payouts.pay(event.data);
    })
    .on('incentive.disbursement_cancelled', async (event) => {
      await payouts.cancel(event.data.disbursement_id);
    });
}

// #region route
/** A fetch-style route (Hono, Next.js route handlers, Workers, Bun, Deno): verifies the raw body. */
export function incentiveRoute(receiver: ReturnType<typeof createIncentiveReceiver>) {
  // 204 processed or duplicate, 400 naming the failed check, 409 + Retry-After while in progress.
  return (request: Request): Promise<Response> => receiver.receiveRequest(request);
}
// #endregion
