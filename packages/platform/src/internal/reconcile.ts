import { ProgramApiError, type RequestOptions } from '@prakerja-kit/core';
import type { ReconcileOptions } from '../client.js';
import type { Payment } from '../schemas/payment.js';

/** What payment status said about an invoice. */
export type ReconcileFinding =
  | { kind: 'found'; payment: Payment }
  | { kind: 'not_found' }
  | { kind: 'failed'; error: unknown };

/**
 * True when payment status says no purchase has this invoice code. The program does not
 * document this answer: the SDK assumes `SBX_PLT40016` (the sandbox's code) or an HTTP 404.
 */
export function isPaymentNotFound(error: unknown): boolean {
  return (
    error instanceof ProgramApiError &&
    (error.code === 'SBX_PLT40016' || (error.code === undefined && error.status === 404))
  );
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Looks the invoice up through payment status, a few times, and reports what it found.
 * Never re-sends the state-changing call itself.
 */
export async function reconcile(
  retrieve: (invoiceCode: string, options?: RequestOptions) => Promise<Payment>,
  invoiceCode: string,
  settings: ReconcileOptions,
  options: RequestOptions | undefined,
  done: (payment: Payment) => boolean = () => true,
): Promise<ReconcileFinding> {
  const attempts = Math.max(1, settings.attempts ?? 3);
  const delayMs = settings.delayMs ?? 1000;
  let finding: ReconcileFinding = { kind: 'not_found' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await wait(delayMs);
    try {
      const payment = await retrieve(invoiceCode, options);
      finding = { kind: 'found', payment };
      if (done(payment)) return finding;
    } catch (error) {
      finding = isPaymentNotFound(error) ? { kind: 'not_found' } : { kind: 'failed', error };
    }
  }
  return finding;
}
