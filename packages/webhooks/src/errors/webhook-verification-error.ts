import { PrakerjaError } from '@prakerja-kit/core/errors';

/**
 * The check that failed: the raw `payload`, the webhook `headers`, the `timestamp` tolerance,
 * the `signature`, or the `event` itself (not JSON, not an event envelope, or data that does
 * not match the schema of its type).
 */
export type WebhookVerificationCheck = 'payload' | 'headers' | 'timestamp' | 'signature' | 'event';

/** One problem found in a verified event's body by its schema. */
export interface WebhookEventIssue {
  /** Path to the offending value, e.g. `['data', 'amount']`. */
  path: ReadonlyArray<PropertyKey>;
  /** What is wrong, in English. */
  message: string;
}

/**
 * A delivery or signed request failed verification; {@link WebhookVerificationError.check}
 * names the check, and the message says why (never the secret or the signature).
 *
 * Answer it with its {@link WebhookVerificationError.status} (400, or 413/408 for a
 * `WebhookBodyError`): the sender should not retry a delivery that will never verify.
 * `toWebhookResponse(error, receiver)` does that for you.
 *
 * @example
 * try { await verifyRequest(request, { secret }); }
 * catch (error) {
 *   if (error instanceof WebhookVerificationError) return new Response(error.message, { status: error.status });
 *   throw error;
 * }
 */
export class WebhookVerificationError extends PrakerjaError {
  override name = 'WebhookVerificationError';
  /** The check that failed. */
  readonly check: WebhookVerificationCheck;
  /** Schema problems, when {@link WebhookVerificationError.check} is `event`; else empty. */
  readonly issues: readonly WebhookEventIssue[];
  /**
   * The HTTP status to answer: 400 (the delivery will never verify, do not retry it), or, for a
   * `WebhookBodyError`, 413 (too large) or 408 (too slow).
   */
  readonly status: 400 | 408 | 413 = 400;

  constructor(
    check: WebhookVerificationCheck,
    reason: string,
    issues: readonly WebhookEventIssue[] = [],
  ) {
    super(`Webhook verification failed (${check}): ${reason}`);
    this.check = check;
    this.issues = issues;
  }
}
