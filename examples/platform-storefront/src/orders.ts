/** Where an order stands in this storefront. */
export type OrderState =
  /** OTP sent, waiting for the buyer to type it. */
  | 'awaiting-otp'
  /** The program confirmed the purchase. */
  | 'paid'
  /** Voided after purchase. */
  | 'voided'
  /** The program refused, or reconciliation showed nothing was bought. */
  | 'failed'
  /**
   * Authorize's (or void's) outcome is not known yet: the storefront's payment watcher follows
   * it through payment status until the program's answer is definitive.
   */
  | 'unknown';

/** One checkout, keyed by its invoice code. */
export interface Order {
  invoiceCode: string;
  prakerjaId: string;
  courseCode: string;
  scheduleCode: string;
  amount: number;
  state: OrderState;
  /** The send-otp payment token: a secret, kept server-side only, dropped once used. */
  paymentToken: string | undefined;
  /** When the payment token expires, if send-otp said (bounds how long a purchase may commit). */
  paymentTokenExpiresAt?: string | undefined;
  transactionCode: string | undefined;
  /** True while a void's outcome is unknown (followed by the watcher). */
  voidPending?: boolean | undefined;
  /** The last error shown to the buyer. */
  message: string | undefined;
}

/** The storefront's orders. In memory here; a real DP keeps them in its database. */
export interface OrderStore {
  get(invoiceCode: string): Order | undefined;
  save(order: Order): void;
  list(): Order[];
}

/** An in-memory {@link OrderStore}. */
export function createOrderStore(): OrderStore {
  const orders = new Map<string, Order>();
  return {
    get: (invoiceCode) => orders.get(invoiceCode),
    save: (order) => {
      orders.set(order.invoiceCode, order);
    },
    list: () => [...orders.values()],
  };
}

/** A fresh invoice code: the DP's own id of a purchase, and the key to reconcile it. */
export function createInvoiceCode(): string {
  return `INV-${Date.now().toString(36).toUpperCase()}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
}
