import type { ProgramRequestError, ResponseValidationError } from '@prakerja-kit/core';
import type { Payment } from '../schemas/payment.js';

/**
 * An `authorize` or `void` whose outcome the program has not yet established: what a
 * {@link PaymentFollower} (e.g. the payment watcher's `follow`) needs to resolve it later.
 * Every `unknown` result of `payments.authorize` and `payments.void` is one.
 */
export interface PendingPayment {
  /** Which call is pending: a purchase (`authorize`) or a cancellation (`void`). */
  operation: 'authorize' | 'void';
  /** The invoice code to look up through payment status. */
  invoiceCode: string;
  /**
   * Epoch milliseconds from which payment status can answer definitively: for `authorize`, a
   * "not found" seen at or after this time means nothing was bought; for `void`, a `SUCCESS`
   * seen at or after it means the void did not happen. Before it, the call may still commit.
   */
  settlesAt: number;
}

/** Anything that takes a {@link PendingPayment} to follow up, such as a payment watcher. */
export interface PaymentFollower {
  /**
   * Enrols an `unknown` outcome to be resolved later. Answers (or resolves) true when it was
   * enrolled; `authorize` and `void` wait for it before they resolve.
   */
  follow(
    pending: PendingPayment | PaymentsAuthorizeResult | PaymentsVoidResult,
  ): boolean | Promise<boolean>;
}

/**
 * What `payments.authorize` found out. Switch on `outcome`: the payment is only reachable once
 * you have handled the case you are in. Every definitive answer rests on something the program
 * documents (a `SUCCESS` status, a voided status, or a status "not found" seen when the purchase
 * could no longer commit); see the decision table on `payments.authorize`.
 *
 * - `purchased`: the buyer paid; deliver the course. `reconciled` is true when the answer came
 *   from payment status (after an ambiguous failure, or a refusal of an authorize re-sent for
 *   an invoice that was already paid); the client itself never re-sends authorize.
 * - `not_purchased`: nothing was bought and nothing can be bought any more by this call.
 *   `error` says why: a program refusal (status confirmed no purchase has this invoice), or the
 *   ambiguous failure that status showed left no purchase behind once the commit window passed.
 * - `voided`: the purchase went through and was voided since (seen in payment status).
 * - `unknown`: not established yet. Never re-send and never tell the buyer nothing was bought:
 *   follow it (`watcher.follow(result)`), it carries the {@link PendingPayment} fields.
 */
export type PaymentsAuthorizeResult =
  | { outcome: 'purchased'; payment: Payment; reconciled: boolean }
  | { outcome: 'not_purchased'; error: ProgramRequestError; reconciled: boolean }
  | { outcome: 'voided'; payment: Payment; reconciled: true }
  | (PendingPayment & {
      outcome: 'unknown';
      operation: 'authorize';
      /** The failure that left the outcome open (or the status lookup's, when it failed). */
      error: ProgramRequestError | ResponseValidationError;
      /**
       * The purchase as last seen, when status found it in a state the SDK does not recognise
       * (`payment.state === 'other'`, raw value on `payment.status`).
       */
      payment: Payment | undefined;
    });

/**
 * What `payments.void` found out. Switch on `outcome`.
 *
 * - `voided`: the transaction is voided. `alreadyVoided` is true when the program answered
 *   `ERRPLT40028` (voided before, documented): treated as done, not as an error.
 * - `not_voided`: the transaction still stands, or never existed (`ERRVOD40001`, documented);
 *   `error` says why. Safe to try again.
 * - `unknown`: not established yet (the void may still commit); follow it
 *   (`watcher.follow(result)`), it carries the {@link PendingPayment} fields.
 */
export type PaymentsVoidResult =
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
      /** The purchase as payment status showed it, when it was looked up. */
      payment: Payment | undefined;
    }
  | (PendingPayment & {
      outcome: 'unknown';
      operation: 'void';
      /** The transaction code the void was sent for. */
      transactionCode: string;
      /** The failure that left the outcome open (or the status lookup's, when it failed). */
      error: ProgramRequestError | ResponseValidationError;
      /** The purchase as last seen, when status found it. */
      payment: Payment | undefined;
    });
