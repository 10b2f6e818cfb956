import { createTransport, type Transport, type TransportOptions } from '@prakerja-kit/core';
import { SDK_PACKAGE_KEY, SDK_PACKAGE_NAME } from './internal/sdk-package.js';
import type { ReconcileOptions } from './reconcile-options.js';
import { createPaymentsResource, type PaymentsResource } from './resources/payments.js';
import { createQuotasResource, type QuotasResource } from './resources/quotas.js';

export type { ReconcileOptions } from './reconcile-options.js';

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
