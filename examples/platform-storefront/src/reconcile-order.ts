import type { PlatformClient } from '@prakerja-kit/platform';
import type { Order } from './orders.js';

/**
 * Brings an order in line with the program's own record (`payment/status` by invoice code) and
 * returns the program's status string, for the invoice page. The program is the source of
 * truth: a paid or voided purchase shows up here at once.
 *
 * A "not found" here never fails an order whose authorize is in doubt: the purchase may still
 * commit. Only the payment watcher decides that, once the order's `settlesAt` has passed.
 */
export async function reconcileOrder(
  client: PlatformClient,
  order: Order,
): Promise<string | undefined> {
  if (order.state === 'awaiting-otp' || (order.state === 'failed' && !order.transactionCode)) {
    return undefined;
  }
  try {
    const payment = await client.payments.retrieve({ invoiceCode: order.invoiceCode });
    order.transactionCode = payment.transactionCode;
    if (payment.state === 'voided') order.state = 'voided';
    // A void in doubt may still commit: SUCCESS does not end it (the watcher does).
    else if (payment.state === 'authorized' && !order.voidPending) order.state = 'paid';
    return payment.status;
  } catch {
    // Not found yet, or the program unreachable: show what we have; the watcher keeps asking.
    return undefined;
  }
}
