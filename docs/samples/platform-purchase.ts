import {
  describePurchaseError,
  type PaymentFollower,
  type PlatformClient,
} from '@prakerja-kit/platform';

/** The buyer and what they are buying. */
export interface Order {
  prakerjaId: string;
  userPlatformId: string;
  courseCode: string;
  scheduleCode: string;
  amount: number;
  invoiceCode: string; // yours, unique per purchase: the key to reconcile it later
}

// #region send-otp
/** Step 1: Prakerja validates the purchase and texts the buyer an OTP. */
export async function startPurchase(client: PlatformClient, order: Order) {
  try {
    const { paymentToken, expiresAt } = await client.payments.sendOtp(order);
    // Keep both server-side (the token is a secret); expiresAt bounds a late commit.
    return { ok: true as const, paymentToken, expiresAt };
  } catch (error) {
    // Schedule gone, course started, sold out, age or education... Show the buyer why.
    const { reason, message } = describePurchaseError(error);
    return { ok: false as const, reason, message: message.id };
  }
}
// #endregion

// #region authorize
/** Step 2: the buyer typed the OTP; complete the purchase. */
export async function finishPurchase(
  client: PlatformClient,
  order: Order,
  paymentToken: string,
  otp: string,
  watcher?: PaymentFollower, // e.g. createPaymentWatcher(client, { onEvent, onOutcome })
  paymentTokenExpiresAt?: string, // send-otp's expiresAt, when it said
) {
  const result = await client.payments.authorize(
    {
      paymentToken,
      otp,
      invoiceCode: order.invoiceCode,
      invoiceUrl: `https://shop.example/invoices/${order.invoiceCode}`,
      paymentTokenExpiresAt,
    },
    { follow: watcher }, // an `unknown` is enrolled with the watcher in the same call
  );
  switch (result.outcome) {
    case 'purchased': // `reconciled` is true when the answer came from payment status
      return { status: 'paid', transactionCode: result.payment.transactionCode } as const;
    case 'not_purchased': // definitive: the program refused, or nothing can commit any more
      return { status: 'failed', message: describePurchaseError(result.error).message.id } as const;
    case 'voided':
      return { status: 'voided' } as const;
    case 'unknown': // never re-send, never say "failed": the watcher settles it (onOutcome)
      return { status: 'pending', settlesAt: result.settlesAt } as const;
  }
}
// #endregion

// #region void
/** Cancels a purchase; voiding twice is reported as done, not as an error. */
export async function cancelPurchase(
  client: PlatformClient,
  invoiceCode: string,
  watcher?: PaymentFollower,
) {
  const payment = await client.payments.retrieve({ invoiceCode });
  const result = await client.payments.void(
    { invoiceCode, transactionCode: payment.transactionCode },
    { follow: watcher },
  );
  return result.outcome; // 'voided' | 'not_voided' | 'unknown' (followed by the watcher)
}
// #endregion
