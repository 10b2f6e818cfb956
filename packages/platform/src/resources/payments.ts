import {
  ProgramApiError,
  ProgramRequestError,
  parseParams,
  RequestAbortedError,
  type RequestOptions,
  ResponseValidationError,
  type Transport,
} from '@prakerja-kit/core';
import * as z from 'zod/mini';
import type { ReconcileOptions } from '../client.js';
import {
  AUTHORIZE_PATH,
  PAYMENT_STATUS_PATH,
  SEND_OTP_PATH,
  VOID_PATH,
} from '../internal/paths.js';
import { reconcile } from '../internal/reconcile.js';
import { toPayment } from '../internal/to-payment.js';
import {
  type OtpChallenge,
  type Payment,
  type PaymentAuthorizeParams,
  type PaymentRetrieveParams,
  type PaymentSendOtpParams,
  type PaymentVoidParams,
  paymentAuthorizeParamsSchema,
  paymentRetrieveParamsSchema,
  paymentSendOtpParamsSchema,
  paymentVoidParamsSchema,
  paymentWireSchema,
  sendOtpWireSchema,
} from '../schemas/payment.js';
import type { AuthorizeResult, VoidResult } from './payment-results.js';

/** Purchases: send the OTP, authorize, look up, void. */
export interface PaymentsResource {
  /**
   * Asks the program to validate a purchase and text the buyer an OTP; returns the payment
   * token for {@link PaymentsResource.authorize}.
   *
   * Throws `ProgramApiError` when the program refuses the purchase (schedule not found, course
   * started, quota full, age or education...): pass it to `describePurchaseError` for a
   * machine-readable reason and a message for the buyer. Never retried after it may have
   * reached the program (a second SMS would be sent).
   */
  sendOtp(params: PaymentSendOtpParams, options?: RequestOptions): Promise<OtpChallenge>;
  /**
   * Completes the purchase with the buyer's OTP. Never sent twice blindly: after a timeout, a
   * dropped connection, a 5xx or an unreadable 2xx it reconciles through payment status by
   * `invoiceCode` and reports what actually happened.
   *
   * Program refusals (wrong OTP, expired token...) come back as `not_purchased`, not thrown;
   * only invalid input (`RequestValidationError`) throws. Calling it again for a purchase that
   * already went through is answered `SBX_PLT40013` (token used) by the program; the client then
   * looks the invoice up and reports that purchase (`reconciled: true`), so a re-sent authorize
   * never reads as a refusal. Invoice codes must be unique per purchase.
   *
   * @example
   * const result = await client.payments.authorize({ paymentToken, otp, invoiceCode, invoiceUrl });
   * switch (result.outcome) {
   *   case 'purchased': return deliver(result.payment);
   *   case 'not_purchased': return askAgain(describePurchaseError(result.error));
   *   case 'voided': return showVoided(result.payment);
   *   case 'unknown': return checkLater(result.invoiceCode);
   * }
   */
  authorize(params: PaymentAuthorizeParams, options?: RequestOptions): Promise<AuthorizeResult>;
  /**
   * Returns a purchase by your invoice code (program `payment/status`). Read-only.
   *
   * Throws `ProgramApiError` when no purchase has this invoice code (`SBX_PLT40016` in the
   * sandbox; the production code is not documented).
   */
  retrieve(params: PaymentRetrieveParams, options?: RequestOptions): Promise<Payment>;
  /**
   * Voids a purchase. `ERRPLT40028` (already voided) counts as done. Never sent twice blindly:
   * an ambiguous failure is reconciled through payment status.
   */
  void(params: PaymentVoidParams, options?: RequestOptions): Promise<VoidResult>;
}

// A 2xx that could not be read, or a failure the program may have acted on: ask status.
function isAmbiguous(error: unknown): error is ProgramRequestError | ResponseValidationError {
  return (
    error instanceof ResponseValidationError ||
    (error instanceof ProgramRequestError &&
      error.maybeProcessed &&
      !(error instanceof RequestAbortedError))
  );
}

/** @internal */
export function createPaymentsResource(
  transport: Transport,
  settings: ReconcileOptions,
): PaymentsResource {
  async function retrieveOne(invoiceCode: string, options?: RequestOptions): Promise<Payment> {
    const { data } = await transport.request({
      method: 'POST',
      path: PAYMENT_STATUS_PATH,
      body: { invoice_code: invoiceCode },
      readOnly: true,
      data: paymentWireSchema,
      options,
    });
    return toPayment(data);
  }

  return {
    async sendOtp(params, options) {
      const input = parseParams(paymentSendOtpParamsSchema, params, SEND_OTP_PATH);
      const { data, status } = await transport.request({
        method: 'POST',
        path: SEND_OTP_PATH,
        body: {
          prakerja_id: input.prakerjaId,
          user_platform_id: input.userPlatformId,
          course_code: input.courseCode,
          amount: input.amount,
          schedule_code: input.scheduleCode,
        },
        readOnly: false,
        data: sendOtpWireSchema,
        options,
      });
      const paymentToken = data.payment_token ?? data.token;
      if (paymentToken === undefined) {
        throw new ResponseValidationError(
          [{ path: ['payment_token'], message: 'expected a payment_token' }],
          SEND_OTP_PATH,
          status,
        );
      }
      return { paymentToken, expiresAt: data.expired_at };
    },

    async authorize(params, options) {
      const input = parseParams(paymentAuthorizeParamsSchema, params, AUTHORIZE_PATH);
      const { invoiceCode } = input;
      let failure: ProgramRequestError | ResponseValidationError;
      let tokenUsed = false;
      try {
        const { data } = await transport.request({
          method: 'POST',
          path: AUTHORIZE_PATH,
          body: { otp: input.otp, invoice_url: input.invoiceUrl, invoice_code: invoiceCode },
          authorization: `Payment ${input.paymentToken}`,
          readOnly: false,
          data: paymentWireSchema,
          secrets: [input.paymentToken, input.otp],
          options,
        });
        const payment = toPayment(data);
        if (payment.state === 'authorized')
          return { outcome: 'purchased', payment, reconciled: false };
        failure = new ResponseValidationError(
          [{ path: ['status'], message: `expected SUCCESS, got ${payment.status}` }],
          AUTHORIZE_PATH,
          200,
        );
      } catch (error) {
        if (error instanceof RequestAbortedError) {
          return { outcome: 'unknown', invoiceCode, error, payment: undefined };
        }
        // SBX_PLT40013 (token already used): the token bought something, maybe this very
        // purchase re-sent after an ambiguous failure; one status lookup by invoice says which.
        tokenUsed = error instanceof ProgramApiError && error.code === 'SBX_PLT40013';
        if (!tokenUsed && !isAmbiguous(error)) {
          if (error instanceof ProgramRequestError) {
            return { outcome: 'not_purchased', error, reconciled: false };
          }
          throw error;
        }
        failure = error as ProgramRequestError | ResponseValidationError;
      }
      const lookups = tokenUsed ? { ...settings, attempts: 1 } : settings;
      const finding = await reconcile(retrieveOne, invoiceCode, lookups, options);
      if (finding.kind === 'found') {
        const { payment } = finding;
        if (payment.state === 'authorized')
          return { outcome: 'purchased', payment, reconciled: true };
        if (payment.state === 'voided') return { outcome: 'voided', payment, reconciled: true };
        return { outcome: 'unknown', invoiceCode, error: failure, payment };
      }
      if (finding.kind === 'not_found' && failure instanceof ProgramRequestError) {
        return { outcome: 'not_purchased', error: failure, reconciled: true };
      }
      return { outcome: 'unknown', invoiceCode, error: failure, payment: undefined };
    },

    async retrieve(params, options) {
      const input = parseParams(paymentRetrieveParamsSchema, params, PAYMENT_STATUS_PATH);
      return retrieveOne(input.invoiceCode, options);
    },

    async void(params, options) {
      const input = parseParams(paymentVoidParamsSchema, params, VOID_PATH);
      const { invoiceCode, transactionCode } = input;
      const voided = (alreadyVoided: boolean, reconciled: boolean): VoidResult => ({
        outcome: 'voided',
        invoiceCode,
        transactionCode,
        alreadyVoided,
        reconciled,
      });
      let failure: ProgramRequestError | ResponseValidationError;
      try {
        await transport.request({
          method: 'POST',
          path: VOID_PATH,
          body: { invoice_code: invoiceCode, transaction_code: transactionCode },
          readOnly: false,
          data: z.unknown(),
          options,
        });
        return voided(false, false);
      } catch (error) {
        // ERRPLT40028 "Transaksi sudah dibatalkan sebelumnya": already done (program-api.md §4.5).
        if (error instanceof ProgramApiError && error.code === 'ERRPLT40028') {
          return voided(true, false);
        }
        if (!isAmbiguous(error)) {
          if (error instanceof RequestAbortedError) {
            return { outcome: 'unknown', invoiceCode, error, payment: undefined };
          }
          if (error instanceof ProgramRequestError) {
            return { outcome: 'not_voided', error, reconciled: false, payment: undefined };
          }
          throw error;
        }
        failure = error;
      }
      const finding = await reconcile(
        retrieveOne,
        invoiceCode,
        settings,
        options,
        (payment) => payment.state === 'voided',
      );
      if (finding.kind === 'found') {
        const { payment } = finding;
        if (payment.state === 'voided') return voided(false, true);
        if (payment.state === 'authorized' && failure instanceof ProgramRequestError) {
          return { outcome: 'not_voided', error: failure, reconciled: true, payment };
        }
        return { outcome: 'unknown', invoiceCode, error: failure, payment };
      }
      return { outcome: 'unknown', invoiceCode, error: failure, payment: undefined };
    },
  };
}
