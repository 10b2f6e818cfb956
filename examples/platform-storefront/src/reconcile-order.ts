import { ProgramApiError, ProgramErrorCode } from '@prakerja-kit/core';
import type { PlatformClient } from '@prakerja-kit/platform';
import type { Order } from './orders.js';

/**
 * Brings an order in line with the program's own record (`payment/status` by invoice code) and
 * returns the program's status string. The program is the source of truth: an order whose
 * authorize answer was lost becomes paid or failed here, and a void done elsewhere shows up.
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
    if (payment.state === 'authorized') order.state = 'paid';
    if (payment.state === 'voided') order.state = 'voided';
    return payment.status;
  } catch (error) {
    // No purchase under this invoice code (SBX_PLT40016 in the sandbox; production's code is not
    // documented): the authorize that was in doubt did not go through.
    if (
      error instanceof ProgramApiError &&
      error.code === ProgramErrorCode.INVOICE_NOT_FOUND &&
      order.state === 'unknown'
    ) {
      order.state = 'failed';
      order.message = 'Pembayaran tidak terjadi. Silakan ulangi pembelian.';
      return undefined;
    }
    // Still unknown (program unreachable): show what we have, ask again on the next view.
    return undefined;
  }
}
