import type { ProgramRequestError, ResponseValidationError } from '@prakerja-kit/core';
import type { Payment } from '../schemas/payment.js';

/**
 * What `payments.authorize` found out. Switch on `outcome`: the payment is only reachable once
 * you have handled the case you are in.
 *
 * - `purchased`: the buyer paid; deliver the course. `reconciled` is true when the answer came
 *   from payment status, after an ambiguous failure or an `SBX_PLT40013` (token already used)
 *   refusal of a re-sent authorize; the client itself never re-sends it.
 * - `not_purchased`: nothing was bought. `error` says why (a program refusal such as a wrong
 *   OTP, or the ambiguous failure that reconciliation showed left no purchase behind).
 * - `voided`: the purchase went through and was voided since (seen while reconciling).
 * - `unknown`: the outcome could not be established (reconciliation itself failed, or the call
 *   was aborted). Do not re-send: check again later with `payments.retrieve` or the watcher.
 */
export type AuthorizeResult =
  | { outcome: 'purchased'; payment: Payment; reconciled: boolean }
  | { outcome: 'not_purchased'; error: ProgramRequestError; reconciled: boolean }
  | { outcome: 'voided'; payment: Payment; reconciled: true }
  | {
      outcome: 'unknown';
      invoiceCode: string;
      error: ProgramRequestError | ResponseValidationError;
      /** The purchase as last seen, when reconciliation found it in an unrecognised state. */
      payment: Payment | undefined;
    };

/**
 * What `payments.void` found out. Switch on `outcome`.
 *
 * - `voided`: the transaction is voided. `alreadyVoided` is true when the program answered
 *   `ERRPLT40028` (voided before): treated as done, not as an error (program-api.md §8).
 * - `not_voided`: the transaction still stands; `error` says why. Safe to try again.
 * - `unknown`: the outcome could not be established; check with `payments.retrieve`.
 */
export type VoidResult =
  | {
      outcome: 'voided';
      invoiceCode: string;
      transactionCode: string;
      alreadyVoided: boolean;
      reconciled: boolean;
    }
  | {
      outcome: 'not_voided';
      error: ProgramRequestError;
      reconciled: boolean;
      /** The purchase as reconciliation saw it, when it did. */
      payment: Payment | undefined;
    }
  | {
      outcome: 'unknown';
      invoiceCode: string;
      error: ProgramRequestError | ResponseValidationError;
      payment: Payment | undefined;
    };
