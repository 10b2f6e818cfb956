import type { VerifiedWebhookEvent } from './verify.js';

// The receiver's result, in a module of its own so webhook-response.ts reads it without importing
// create-webhook-receiver.ts (which imports webhook-response.ts): no import cycle (issue 22).

/**
 * What happened to a delivery, as {@link ReceiveResult.outcome}: its handler ran
 * (`processed`); the event was processed before (`duplicate`); another delivery of it is running
 * now (`in_progress`: ask the sender to retry, 409 with `Retry-After`); or no handler is
 * registered for its type (`ignored`).
 */
export type ReceiveOutcome = 'processed' | 'duplicate' | 'in_progress' | 'ignored';

/**
 * The answer of `receiver.receive` and `receiver.dispatch`: what
 * happened to the delivery and the verified event. `toWebhookResponse(result, receiver)` maps it
 * to HTTP.
 */
export interface ReceiveResult {
  /** What happened; see {@link ReceiveOutcome}. */
  outcome: ReceiveOutcome;
  /** The verified event. */
  event: VerifiedWebhookEvent;
}
