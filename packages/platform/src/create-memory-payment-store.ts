/** The last state a watcher reported for an invoice. */
export type SeenPaymentState = 'authorized' | 'voided';

/**
 * Where a payment watcher keeps the last state it reported per invoice code, so a restart does
 * not re-emit (and an emit that failed is retried). Bring your own (Redis, SQL) for several
 * processes; each method may be sync or async.
 */
export interface PaymentStateStore {
  /** The last state reported for `invoiceCode`, or undefined. */
  get(invoiceCode: string): SeenPaymentState | undefined | Promise<SeenPaymentState | undefined>;
  /** Records that `state` was reported for `invoiceCode`. */
  set(invoiceCode: string, state: SeenPaymentState): void | Promise<void>;
}

/**
 * The default in-memory {@link PaymentStateStore}: lost on restart, per process.
 *
 * @example
 * const store = createMemoryPaymentStore();
 */
export function createMemoryPaymentStore(): PaymentStateStore {
  const states = new Map<string, SeenPaymentState>();
  return {
    get: (invoiceCode) => states.get(invoiceCode),
    set: (invoiceCode, state) => {
      states.set(invoiceCode, state);
    },
  };
}
