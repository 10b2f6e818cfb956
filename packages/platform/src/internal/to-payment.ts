import { toAmount } from '@prakerja-kit/core/internal';
import type * as z from '@prakerja-kit/core/internal/schema';
import type { Payment, PaymentState, paymentWireSchema } from '../schemas/payment.js';

const VOIDED = new Set(['VOID', 'VOIDED', 'CANCEL', 'CANCELLED', 'CANCELED']);

/** Normalises the program's status string (program-api.md §4.4: only SUCCESS is documented). */
export function toPaymentState(status: string): PaymentState {
  const value = status.trim().toUpperCase();
  if (value === 'SUCCESS') return 'authorized';
  return VOIDED.has(value) ? 'voided' : 'other';
}

/** Maps a wire payment to the camelCase model: the one place these names are translated. */
export function toPayment(data: z.output<typeof paymentWireSchema>): Payment {
  return {
    invoiceCode: String(data.invoice_code),
    transactionCode: data.transaction_code,
    amount: toAmount(data.amount),
    state: toPaymentState(data.status),
    status: data.status,
    prakerjaName: data.prakerja_name,
    createdAt: data.created_at,
  };
}
