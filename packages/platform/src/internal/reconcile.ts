import type { RequestOptions } from '@prakerja-kit/core';
import { PaymentNotFoundError } from '../payment-not-found-error.js';
import type { Payment } from '../schemas/payment.js';

/** What payment status said about an invoice, and when (epoch ms) the answer arrived. */
export type Lookup =
  | { kind: 'found'; payment: Payment; at: number }
  | { kind: 'not_found'; error: PaymentNotFoundError; at: number }
  | { kind: 'failed'; error: unknown; at: number };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Looks the invoice up once through payment status. Never throws. */
export async function lookUp(
  retrieve: (invoiceCode: string, options?: RequestOptions) => Promise<Payment>,
  invoiceCode: string,
  options: RequestOptions | undefined,
  now: () => number,
): Promise<Lookup> {
  try {
    const payment = await retrieve(invoiceCode, options);
    return { kind: 'found', payment, at: now() };
  } catch (error) {
    if (error instanceof PaymentNotFoundError) return { kind: 'not_found', error, at: now() };
    return { kind: 'failed', error, at: now() };
  }
}

/**
 * Looks the invoice up through payment status up to `attempts` times, `delayMs` apart, until
 * `done` accepts a finding; returns the last one. Never re-sends the state-changing call.
 */
export async function reconcile(
  retrieve: (invoiceCode: string, options?: RequestOptions) => Promise<Payment>,
  invoiceCode: string,
  schedule: { attempts: number; delayMs: number },
  options: RequestOptions | undefined,
  now: () => number,
  done: (lookup: Lookup) => boolean,
): Promise<Lookup> {
  let lookup: Lookup | undefined;
  for (let attempt = 1; attempt <= schedule.attempts; attempt++) {
    if (attempt > 1) await wait(schedule.delayMs);
    lookup = await lookUp(retrieve, invoiceCode, options, now);
    if (done(lookup)) return lookup;
  }
  return lookup as Lookup;
}
