import { ProgramApiError } from '@prakerja-kit/core';
import { errorGuard } from '@prakerja-kit/core/internal';

/**
 * How payment status said "no purchase has this invoice code". The program does not document
 * this answer (program-api.md §4.4, UNCERTAIN), so every plausible form is recognised:
 *
 * - `http_404`: an HTTP 404, whatever the code;
 * - `error_message`: a 4xx error envelope whose message says "tidak ditemukan" / "not found"
 *   and whose code is not one of the program's documented codes;
 * - `empty_data`: a 2xx success envelope whose `data` is null, absent or `{}`.
 */
export type PaymentNotFoundForm = 'http_404' | 'error_message' | 'empty_data';

/**
 * Thrown by `payments.retrieve` when payment status says no purchase has this invoice code, in
 * any of the {@link PaymentNotFoundForm | forms} the SDK recognises. A `ProgramApiError` (HTTP
 * `status`, program `code` and message as the program sent them), so code that catches those
 * keeps working.
 *
 * "Not found" is not proof that nothing was bought while an authorize may still commit: the
 * client only turns it into `not_purchased` under the rules of `payments.authorize`.
 *
 * @example
 * try { await client.payments.retrieve({ invoiceCode }); }
 * catch (error) { if (error instanceof PaymentNotFoundError) showNoPurchaseYet(); }
 */
export class PaymentNotFoundError extends ProgramApiError {
  override name = 'PaymentNotFoundError';
  /** The invoice code that was looked up. */
  readonly invoiceCode: string;
  /** Which form of "not found" the program answered with. */
  readonly form: PaymentNotFoundForm;

  /** @internal */
  constructor(options: {
    invoiceCode: string;
    form: PaymentNotFoundForm;
    endpoint: string;
    status: number;
    code: string | undefined;
    programMessage: string;
    attempts: number;
    cause?: unknown;
  }) {
    super({ ...options, maybeProcessed: false });
    this.invoiceCode = options.invoiceCode;
    this.form = options.form;
  }
}

/**
 * An answer of payment status that may mean "no purchase has this invoice code": a program
 * error, or a success envelope (HTTP status, message and raw `data`).
 */
export type PaymentStatusAnswer =
  | { kind: 'error'; error: ProgramApiError }
  | { kind: 'response'; status: number; message: string; data: unknown };

// Auth and throttling refusals are failed lookups even when their text says "not found"
// (a 400 "client tidak ditemukan" is about the caller, not the invoice).
const NOT_A_LOOKUP_STATUS = new Set([401, 403, 407, 408, 429]);
const NOT_FOUND_TEXT = /tidak\s+ditemukan|not\s+found/i;
const ABOUT_THE_CALLER =
  /client|klien|signature|signatur|tanda\s+tangan|timestamp|token|header|credential|kredensial|otentikasi|autentikasi|unauthori[sz]ed|forbidden/i;

/**
 * The SDK's default reading of a payment-status answer as "not found" (undocumented by the
 * program, program-api.md §4.4): an HTTP 404 whatever the code; a 4xx (other than 401, 403,
 * 407, 408, 429) whose code is not one of the program's documented codes and whose message says
 * "tidak ditemukan" / "not found" without naming the client, signature, timestamp or token; or
 * a 2xx success envelope whose `data` is null, absent or an empty object. Anything else (5xx,
 * auth errors, unreadable answers) is a failed lookup, never "not found".
 */
export function isPaymentNotFoundAnswer(answer: PaymentStatusAnswer): boolean {
  if (answer.kind === 'response') {
    const { data } = answer;
    return (
      data === null ||
      data === undefined ||
      (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)
    );
  }
  const { status, documented, programMessage } = answer.error;
  if (status === 404) return true;
  if (status < 400 || status >= 500 || NOT_A_LOOKUP_STATUS.has(status)) return false;
  if (documented) return false;
  return NOT_FOUND_TEXT.test(programMessage) && !ABOUT_THE_CALLER.test(programMessage);
}

/**
 * True for a {@link PaymentNotFoundError}, from any copy of the package (`instanceof` fails
 * across copies).
 */
export const isPaymentNotFoundError: (value: unknown) => value is PaymentNotFoundError =
  errorGuard('PaymentNotFoundError');
