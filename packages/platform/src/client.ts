import { createTransport, type Transport, type TransportOptions } from '@prakerja-kit/core';
import { SDK_PACKAGE_KEY, SDK_PACKAGE_NAME } from './internal/sdk-package.js';
import type { PaymentStatusAnswer } from './payment-not-found-error.js';
import { createPaymentsResource, type PaymentsResource } from './resources/payments.js';
import { createQuotasResource, type QuotasResource } from './resources/quotas.js';

/** How `authorize` and `void` reconcile through payment status, and when an answer is final. */
export interface ReconcileOptions {
  /**
   * Status lookups after an ambiguous failure (timeout, dropped connection, 5xx, unreadable
   * 2xx). A refusal is looked up exactly once, whatever this says.
   * @default 3
   */
  attempts?: number | undefined;
  /**
   * Milliseconds between lookups.
   * @default 1000
   */
  delayMs?: number | undefined;
  /**
   * How long after an ambiguous authorize or void ended the program may still commit it, in
   * milliseconds. A status "not found" (authorize) or `SUCCESS` (void) is definitive only when
   * seen at or after the end of this window. The default is twice the SDK's default request
   * timeout, or twice the client's `timeout` when that is longer; it does NOT shrink when you
   * lower the timeout (a commit can land seconds after a short timeout). Lowering it below the
   * program's real commit delay re-opens the double-charge it guards against.
   * @default max(60000, 2 × timeout)
   */
  commitWindowMs?: number | undefined;
  /**
   * How long a payment token can be used after authorize was sent, in milliseconds, when the
   * caller does not pass `paymentTokenExpiresAt` (send-otp's `expiresAt`). The program does not
   * document the token's lifetime (program-api.md §4.2, UNCERTAIN): this is an assumption. Once
   * the token is dead nothing can commit, so a "not found" is definitive.
   * @default 900000 (15 minutes)
   */
  paymentTokenTtlMs?: number | undefined;
  /**
   * Decides whether a payment-status answer means "no purchase has this invoice code" (the
   * program does not document it). Used by `payments.retrieve` (which then throws
   * `PaymentNotFoundError`), reconciliation and the watcher.
   * @default isPaymentNotFoundAnswer
   */
  isNotFound?: ((answer: PaymentStatusAnswer) => boolean) | undefined;
}

/** Options of {@link createPlatformClient}: core transport options plus reconciliation. */
export interface PlatformClientOptions extends TransportOptions {
  /**
   * How an ambiguous authorize or void (timeout, dropped connection, 5xx) is reconciled
   * through payment status. The program documents no idempotency, so the call is never re-sent.
   */
  reconcile?: ReconcileOptions | undefined;
}

/** The digital-platform (DP) client. */
export interface PlatformClient {
  /** Seats left per schedule (`payment/quota-schedule`). */
  readonly quotas: QuotasResource;
  /** Purchases: `sendOtp`, `authorize`, `retrieve` (status), `void`. */
  readonly payments: PaymentsResource;
  /** The signed transport underneath, for calls the resources do not cover. */
  readonly transport: Transport;
}

/**
 * Creates a client for the program's DP endpoints: quota-schedule, send-otp, authorize, status
 * and void.
 *
 * Credentials come from options or `PRAKERJA_CLIENT_CODE`, `PRAKERJA_SIGN_KEY` and
 * `PRAKERJA_BASE_URL`; a missing one throws `ConfigurationError` here.
 *
 * @example
 * const client = createPlatformClient({ clientCode, signKey, baseUrl: sandbox.url });
 * const { quota } = await client.quotas.retrieve({ courseCode, scheduleCode });
 */
export function createPlatformClient(options: PlatformClientOptions = {}): PlatformClient {
  const transport = createTransport({ ...options, [SDK_PACKAGE_KEY]: SDK_PACKAGE_NAME });
  return {
    quotas: createQuotasResource(transport),
    payments: createPaymentsResource(transport, options.reconcile ?? {}, options.timeout ?? 30_000),
    transport,
  };
}
