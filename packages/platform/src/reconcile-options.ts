import type { PaymentStatusAnswer } from './payment-not-found-error.js';

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
