import {
  type OperationSpan,
  ProgramApiError,
  ProgramRequestError,
  RequestAbortedError,
  type RequestOptions,
  ResponseValidationError,
  type Transport,
} from '@prakerja-kit/core';
import { parseParams } from '@prakerja-kit/core/internal';
import * as z from '@prakerja-kit/core/internal/schema';
import {
  AUTHORIZE_PATH,
  PAYMENT_STATUS_PATH,
  SEND_OTP_PATH,
  VOID_PATH,
} from '../internal/paths.js';
import { type Lookup, lookUp, reconcile } from '../internal/reconcile.js';
import { toPayment } from '../internal/to-payment.js';
import { isPaymentNotFoundAnswer, PaymentNotFoundError } from '../payment-not-found-error.js';
import type { ReconcileOptions } from '../reconcile-options.js';
import {
  type OtpChallenge,
  type Payment,
  type PaymentsAuthorizeParams,
  type PaymentsRetrieveParams,
  type PaymentsSendOtpParams,
  type PaymentsVoidParams,
  paymentAuthorizeParamsSchema,
  paymentRetrieveParamsSchema,
  paymentSendOtpParamsSchema,
  paymentVoidParamsSchema,
  paymentWireSchema,
  sendOtpWireSchema,
} from '../schemas/payment.js';
import type {
  PaymentFollower,
  PaymentsAuthorizeResult,
  PaymentsVoidResult,
} from './payment-results.js';

/** Per-call options of `payments.authorize` and `payments.void`. */
export interface PaymentCallOptions extends RequestOptions {
  /**
   * Where an `unknown` outcome is enrolled, so it is followed up until the program's answer is
   * definitive: typically the payment watcher (`createPaymentWatcher`). Pass it on every call
   * to never forget an unknown.
   */
  follow?: PaymentFollower | undefined;
}

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
  sendOtp(params: PaymentsSendOtpParams, options?: RequestOptions): Promise<OtpChallenge>;
  /**
   * Completes the purchase with the buyer's OTP. Never sent twice: the client only ever reads
   * payment status (by `invoiceCode`) to find out what happened. Invoice codes must be unique
   * per purchase. Only invalid input throws (`RequestValidationError`, before sending).
   *
   * | What authorize got | Status lookups | Answer |
   * |---|---|---|
   * | 2xx, `status` SUCCESS | none | `purchased` |
   * | caller's abort | none | `unknown` (follow it) |
   * | a refusal: any 4xx whatever its code (409, 422, 429 included), or a failure known not to have been processed (not-sent connection error, redirect, other 3xx) | exactly one | paid → `purchased` (reconciled); voided → `voided`; not found → `not_purchased` (the refusal is the program's answer); lookup failed, unreadable or unrecognised status → `unknown` |
   * | an ambiguous failure: timeout, connection lost after sending, 5xx, unreadable 2xx, 2xx with another `status` | `reconcile.attempts`, `reconcile.delayMs` apart | paid → `purchased`; voided → `voided`; unrecognised status → `unknown` with the raw status; not found → `not_purchased` only if seen at or after `settlesAt`, else `unknown` |
   *
   * `settlesAt` (epoch ms) is the earliest time a "not found" becomes definitive: the end of the
   * call plus `reconcile.commitWindowMs` (default max(60 s, 2 × timeout)), or the payment
   * token's expiry (`paymentTokenExpiresAt`, else `reconcile.paymentTokenTtlMs` after sending,
   * default 15 minutes, an assumption) when that comes first. No undocumented program code
   * decides an answer. "Not found" is recognised in every plausible form (see
   * `isPaymentNotFoundAnswer`).
   *
   * @example
   * const result = await client.payments.authorize(
   *   { paymentToken, otp, invoiceCode, invoiceUrl, paymentTokenExpiresAt: challenge.expiresAt },
   *   { follow: watcher },
   * );
   * switch (result.outcome) {
   *   case 'purchased': return deliver(result.payment);
   *   case 'not_purchased': return askAgain(describePurchaseError(result.error));
   *   case 'voided': return showVoided(result.payment);
   *   case 'unknown': return showPending(result.invoiceCode); // the watcher resolves it
   * }
   */
  authorize(
    params: PaymentsAuthorizeParams,
    options?: PaymentCallOptions,
  ): Promise<PaymentsAuthorizeResult>;
  /**
   * Returns a purchase by your invoice code (program `payment/status`). Read-only.
   *
   * Throws {@link PaymentNotFoundError} when status says no purchase has this invoice code, in
   * any form the SDK recognises (HTTP 404; a 4xx "tidak ditemukan" with an undocumented code;
   * a 2xx with empty `data`; or what `reconcile.isNotFound` says). Other failures throw as
   * usual (`ProgramApiError`, `ConnectionError`, `ResponseValidationError`...).
   */
  retrieve(params: PaymentsRetrieveParams, options?: RequestOptions): Promise<Payment>;
  /**
   * Voids a purchase. Never sent twice.
   *
   * | What void got | Status lookups | Answer |
   * |---|---|---|
   * | 2xx | none | `voided` |
   * | `ERRPLT40028` (documented: already voided) | none | `voided`, `alreadyVoided: true` |
   * | `ERRVOD40001` (documented: transaction code not found) | none | `not_voided` |
   * | caller's abort | none | `unknown` |
   * | any other refusal, or a failure known not to have been processed | exactly one | voided → `voided` (reconciled); SUCCESS → `not_voided`; otherwise `unknown` |
   * | an ambiguous failure | `reconcile.attempts` | voided → `voided`; SUCCESS → `not_voided` only if seen at or after `settlesAt` (a void can commit late too); otherwise `unknown` |
   *
   * @example
   * const result = await client.payments.void({ invoiceCode, transactionCode }, { follow: watcher });
   */
  void(params: PaymentsVoidParams, options?: PaymentCallOptions): Promise<PaymentsVoidResult>;
}

// A 2xx that could not be read, or a failure the program may have acted on: reconcile.
function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof ResponseValidationError ||
    (error instanceof ProgramRequestError &&
      error.maybeProcessed &&
      !(error instanceof RequestAbortedError))
  );
}

// Ambiguous, or aborted by the caller after the request may have reached the program.
function mayHaveCommitted(error: ProgramRequestError | ResponseValidationError): boolean {
  return (
    isAmbiguous(error) || (error instanceof RequestAbortedError && error.maybeProcessed === true)
  );
}

// What the operation span and metrics report of an authorize or void.
interface Traced {
  /** The kind of the last status lookup, when one was made. */
  lookup?: Lookup['kind'] | undefined;
}

function toMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** @internal */
export function createPaymentsResource(
  transport: Transport,
  settings: ReconcileOptions,
  defaultTimeoutMs: number,
): PaymentsResource {
  const now = Date.now;
  const schedule = {
    attempts: Math.max(1, settings.attempts ?? 3),
    delayMs: Math.max(0, settings.delayMs ?? 1000),
  };
  const tokenTtlMs = settings.paymentTokenTtlMs ?? 15 * 60_000;
  const isNotFound = settings.isNotFound ?? isPaymentNotFoundAnswer;
  const commitWindow = (options: RequestOptions | undefined) =>
    settings.commitWindowMs ?? Math.max(60_000, 2 * (options?.timeout ?? defaultTimeoutMs));

  const telemetry = transport.telemetry;

  // An operation span around `run`, and the outcome metrics of authorize and void.
  async function operation<R>(
    name: string,
    endpoint: string,
    run: (span: OperationSpan | undefined, traced: Traced) => Promise<R>,
  ): Promise<R> {
    if (!telemetry) return run(undefined, {});
    const span = telemetry.startSpan(name, { 'prakerja.endpoint': endpoint });
    const traced: Traced = {};
    let result: R;
    try {
      result = await run(span, traced);
    } catch (error) {
      span.end({ error });
      throw error;
    }
    const outcome = (result as { outcome?: string }).outcome;
    if (outcome === undefined) {
      span.end();
      return result;
    }
    const { error, reconciled } = result as { error?: unknown; reconciled?: boolean };
    const operationName = name.slice(name.indexOf('.') + 1);
    span.setAttributes({
      'prakerja.reconciled': reconciled === true,
      'prakerja.reconcile.result': traced.lookup,
      'prakerja.error_code': error instanceof ProgramApiError ? error.code : undefined,
      'error.type': error instanceof Error ? error.name : undefined,
    });
    span.end({ outcome });
    const attributes = { 'prakerja.operation': operationName, 'prakerja.outcome': outcome };
    telemetry.instruments.outcomes.add(1, {
      ...attributes,
      'prakerja.reconciled': reconciled === true,
    });
    if (traced.lookup !== undefined) {
      telemetry.instruments.reconciliations.add(1, {
        ...attributes,
        'prakerja.reconcile.result': traced.lookup,
      });
    }
    return result;
  }

  // Status lookups of a reconciliation, each in its own span under the operation's.
  function lookupsUnder(
    parent: OperationSpan | undefined,
  ): (invoiceCode: string, options?: RequestOptions) => Promise<Payment> {
    if (!telemetry || !parent) return retrieveOne;
    return async (invoiceCode, options) => {
      const span = telemetry.startSpan(
        'payments.reconcile.lookup',
        { 'prakerja.endpoint': PAYMENT_STATUS_PATH },
        parent,
      );
      try {
        const payment = await retrieveOne(invoiceCode, options, span);
        span.setAttributes({
          'prakerja.lookup.result': 'found',
          'prakerja.payment.state': payment.state,
        });
        span.end();
        return payment;
      } catch (error) {
        if (error instanceof PaymentNotFoundError) {
          span.setAttributes({ 'prakerja.lookup.result': 'not_found' });
          span.end();
        } else {
          span.setAttributes({ 'prakerja.lookup.result': 'failed' });
          span.end({ error });
        }
        throw error;
      }
    };
  }

  async function retrieveOne(
    invoiceCode: string,
    options?: RequestOptions,
    span?: OperationSpan,
  ): Promise<Payment> {
    let response: Awaited<ReturnType<typeof transport.request<unknown>>>;
    try {
      response = await transport.request({
        method: 'POST',
        path: PAYMENT_STATUS_PATH,
        body: { invoice_code: invoiceCode },
        readOnly: true,
        data: z.unknown(),
        options: requestOptionsOf(options),
        span,
      });
    } catch (error) {
      if (error instanceof ProgramApiError && isNotFound({ kind: 'error', error })) {
        throw new PaymentNotFoundError({
          invoiceCode,
          form: error.status === 404 ? 'http_404' : 'error_message',
          endpoint: PAYMENT_STATUS_PATH,
          status: error.status,
          code: error.code,
          programMessage: error.programMessage,
          attempts: error.attempts,
          cause: error,
        });
      }
      throw error;
    }
    const { data, status, message, attempts } = response;
    if (isNotFound({ kind: 'response', status, message, data })) {
      throw new PaymentNotFoundError({
        invoiceCode,
        form: 'empty_data',
        endpoint: PAYMENT_STATUS_PATH,
        status,
        code: undefined,
        programMessage: message || 'no data',
        attempts,
      });
    }
    const parsed = z.safeParse(paymentWireSchema, data);
    if (!parsed.success) {
      throw new ResponseValidationError(
        parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
        PAYMENT_STATUS_PATH,
        status,
      );
    }
    return toPayment(parsed.data);
  }

  // Awaited, so an unknown is enrolled (in Redis, with a durable watcher) before the call
  // resolves: an unknown nobody follows up is a purchase lost.
  async function followed<R extends PaymentsAuthorizeResult | PaymentsVoidResult>(
    result: R,
    options: PaymentCallOptions | undefined,
  ): Promise<R> {
    if (result.outcome === 'unknown' && options?.follow) {
      try {
        await options.follow.follow(result);
      } catch (error) {
        transport.logger.warn('could not enrol an unknown payment outcome to follow', {
          invoiceCode: result.invoiceCode,
          error,
        });
      }
    }
    return result;
  }

  return {
    sendOtp: (params, options) =>
      operation('payments.sendOtp', SEND_OTP_PATH, (span) => sendOtp(params, options, span)),
    authorize: (params, options) =>
      operation('payments.authorize', AUTHORIZE_PATH, (span, traced) =>
        authorize(params, options, span, traced),
      ),
    retrieve: (params, options) =>
      operation('payments.retrieve', PAYMENT_STATUS_PATH, (span) => {
        const input = parseParams(paymentRetrieveParamsSchema, params, PAYMENT_STATUS_PATH);
        return retrieveOne(input.invoiceCode, options, span);
      }),
    void: (params, options) =>
      operation('payments.void', VOID_PATH, (span, traced) =>
        voidPayment(params, options, span, traced),
      ),
  };

  async function sendOtp(
    params: PaymentsSendOtpParams,
    options: RequestOptions | undefined,
    span: OperationSpan | undefined,
  ): Promise<OtpChallenge> {
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
      span,
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
  }

  async function authorize(
    params: PaymentsAuthorizeParams,
    options: PaymentCallOptions | undefined,
    span: OperationSpan | undefined,
    traced: Traced,
  ): Promise<PaymentsAuthorizeResult> {
    const input = parseParams(paymentAuthorizeParamsSchema, params, AUTHORIZE_PATH);
    const { invoiceCode } = input;
    const sentAt = now();
    let failure: ProgramRequestError | ResponseValidationError;
    try {
      const { data } = await transport.request({
        method: 'POST',
        path: AUTHORIZE_PATH,
        body: { otp: input.otp, invoice_url: input.invoiceUrl, invoice_code: invoiceCode },
        authorization: `Payment ${input.paymentToken}`,
        readOnly: false,
        data: paymentWireSchema,
        secrets: [input.paymentToken, input.otp],
        options: requestOptionsOf(options),
        span,
      });
      const payment = toPayment(data);
      if (payment.state === 'authorized') {
        return { outcome: 'purchased', payment, reconciled: false };
      }
      failure = new ResponseValidationError(
        [{ path: ['status'], message: `expected SUCCESS, got ${payment.status}` }],
        AUTHORIZE_PATH,
        200,
      );
    } catch (error) {
      if (!(error instanceof ProgramRequestError || error instanceof ResponseValidationError)) {
        throw error;
      }
      failure = error;
    }
    const endedAt = now();
    const ambiguous = isAmbiguous(failure);
    const tokenDeadline = toMs(input.paymentTokenExpiresAt) ?? sentAt + tokenTtlMs;
    // Known not processed: a "not found" is definitive at once. Otherwise the call may still
    // commit until the window closes or the token dies, whichever comes first.
    const settlesAt = mayHaveCommitted(failure)
      ? Math.min(endedAt + commitWindow(options), Math.max(tokenDeadline, endedAt))
      : endedAt;
    const unknown = (payment: Payment | undefined): Promise<PaymentsAuthorizeResult> =>
      followed(
        {
          outcome: 'unknown',
          operation: 'authorize',
          invoiceCode,
          settlesAt,
          error: failure,
          payment,
        },
        options,
      );
    if (failure instanceof RequestAbortedError) return unknown(undefined);
    const lookups = lookupsUnder(span);
    const lookup: Lookup = ambiguous
      ? await reconcile(lookups, invoiceCode, schedule, options, now, (found) =>
          found.kind === 'found'
            ? found.payment.state !== 'other'
            : found.kind === 'not_found' && found.at >= settlesAt,
        )
      : await lookUp(lookups, invoiceCode, options, now);
    traced.lookup = lookup.kind;
    if (lookup.kind === 'found') {
      const { payment } = lookup;
      if (payment.state === 'authorized') {
        return { outcome: 'purchased', payment, reconciled: true };
      }
      if (payment.state === 'voided') return { outcome: 'voided', payment, reconciled: true };
      return unknown(payment);
    }
    if (
      lookup.kind === 'not_found' &&
      lookup.at >= settlesAt &&
      failure instanceof ProgramRequestError
    ) {
      return { outcome: 'not_purchased', error: failure, reconciled: ambiguous };
    }
    return unknown(undefined);
  }

  async function voidPayment(
    params: PaymentsVoidParams,
    options: PaymentCallOptions | undefined,
    span: OperationSpan | undefined,
    traced: Traced,
  ): Promise<PaymentsVoidResult> {
    const input = parseParams(paymentVoidParamsSchema, params, VOID_PATH);
    const { invoiceCode, transactionCode } = input;
    const voided = (alreadyVoided: boolean, reconciled: boolean): PaymentsVoidResult => ({
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
        options: requestOptionsOf(options),
        span,
      });
      return voided(false, false);
    } catch (error) {
      if (!(error instanceof ProgramRequestError || error instanceof ResponseValidationError)) {
        throw error;
      }
      // Documented (program-api.md §4.5): already voided, and transaction code not found.
      if (error instanceof ProgramApiError && error.code === 'ERRPLT40028') {
        return voided(true, false);
      }
      if (error instanceof ProgramApiError && error.code === 'ERRVOD40001') {
        return { outcome: 'not_voided', error, reconciled: false, payment: undefined };
      }
      failure = error;
    }
    const endedAt = now();
    const ambiguous = isAmbiguous(failure);
    const settlesAt = mayHaveCommitted(failure) ? endedAt + commitWindow(options) : endedAt;
    const unknown = (payment: Payment | undefined): Promise<PaymentsVoidResult> =>
      followed(
        {
          outcome: 'unknown',
          operation: 'void',
          invoiceCode,
          transactionCode,
          settlesAt,
          error: failure,
          payment,
        },
        options,
      );
    if (failure instanceof RequestAbortedError) return unknown(undefined);
    const lookups = lookupsUnder(span);
    const lookup: Lookup = ambiguous
      ? await reconcile(
          lookups,
          invoiceCode,
          schedule,
          options,
          now,
          (found) =>
            found.kind === 'found' &&
            (found.payment.state === 'voided' ||
              (found.payment.state === 'authorized' && found.at >= settlesAt)),
        )
      : await lookUp(lookups, invoiceCode, options, now);
    traced.lookup = lookup.kind;
    if (lookup.kind === 'found') {
      const { payment } = lookup;
      if (payment.state === 'voided') return voided(false, true);
      if (
        payment.state === 'authorized' &&
        lookup.at >= settlesAt &&
        failure instanceof ProgramRequestError
      ) {
        return { outcome: 'not_voided', error: failure, reconciled: true, payment };
      }
      return unknown(payment);
    }
    return unknown(undefined);
  }
}

// Only the transport's own fields go down to it.
function requestOptionsOf(options: PaymentCallOptions | undefined): RequestOptions | undefined {
  if (options === undefined || !('follow' in options)) return options;
  const { follow: _follow, ...rest } = options;
  return rest;
}
