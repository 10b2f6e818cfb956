import { maskText } from '../logging/redact.js';
import { describeDocumentedError } from './documented-program-errors.js';
import { PrakerjaError } from './prakerja-error.js';

/** Fields shared by every error raised while a request was in flight. */
export interface RequestErrorOptions {
  /** The endpoint path, e.g. `/api/v1/integration/payment/authorize`. */
  endpoint: string;
  /** See {@link ProgramRequestError.maybeProcessed}. */
  maybeProcessed: boolean;
  /** How many attempts were made. */
  attempts: number;
  /** The underlying error. */
  cause?: unknown;
}

/** Base class of errors raised while talking to the program. */
export class ProgramRequestError extends PrakerjaError {
  override name = 'ProgramRequestError';
  /** The endpoint path that was called. */
  readonly endpoint: string;
  /**
   * True when the program may have processed a state-changing request even though no
   * successful answer arrived (a timeout, a dropped connection, a 5xx). Do not re-send it
   * blindly: reconcile through the matching status endpoint.
   */
  readonly maybeProcessed: boolean;
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  constructor(message: string, options: RequestErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.endpoint = options.endpoint;
    this.maybeProcessed = options.maybeProcessed;
    this.attempts = options.attempts;
  }
}

/** The program could not be reached, or the connection dropped before an answer arrived. */
export class ConnectionError extends ProgramRequestError {
  override name = 'ConnectionError';
}

/** No answer arrived within the timeout. */
export class TimeoutError extends ProgramRequestError {
  override name = 'TimeoutError';
}

/** The caller's `AbortSignal` cancelled the request. */
export class RequestAbortedError extends ProgramRequestError {
  override name = 'RequestAbortedError';
}

/** What {@link ProgramApiError} carries besides the request fields. */
export interface ProgramApiErrorOptions extends RequestErrorOptions {
  /** HTTP status. */
  status: number;
  /** The program's error code, e.g. `ERRPLT40028`; undefined when the body had none. */
  code: string | undefined;
  /** The program's own message, usually Indonesian. */
  programMessage: string;
  /** Seconds to wait, from a `Retry-After` header. */
  retryAfter?: number | undefined;
}

/**
 * The program answered with an error: HTTP status, program `code`, its (Indonesian) message,
 * and what the SDK knows about it at run time: whether the code is `documented` by the program,
 * the English `meaning` and a `fix` for the seven documented codes (and the status's meaning, and
 * the signature fix for any 401), and `docUrl`, the code's entry in the published error-code
 * guide. The full text of an assumed `SBX_…` code (the sandbox's) is not in the client bundles:
 * it is at `docUrl`, and `describeProgramError(error.code, error.status)` from
 * `@prakerja-kit/core/errors` returns it.
 *
 * The message reads like
 * `SBX_PLT40011 from /api/v1/integration/payment/authorize: OTP salah. (SBX_PLT40011 is assumed
 * by the SDK/sandbox, not documented by the program; see https://…/Error_codes.html#SBX_PLT40011)`
 * or, for a documented code, `ERRPLT40028 from …: Transaksi sudah dibatalkan sebelumnya.
 * (English: the transaction was already voided) Fix: nothing to undo: …`. Server text is masked
 * like logs (redeem codes, emails, Prakerja numbers, signatures).
 *
 * @example
 * if (error instanceof ProgramApiError && error.code === ProgramErrorCode.TRANSACTION_ALREADY_VOIDED) {
 *   // already voided: treat as done
 * }
 */
export class ProgramApiError extends ProgramRequestError {
  override name = 'ProgramApiError';
  /** HTTP status. */
  readonly status: number;
  /** The program's error code, e.g. `ERRPLT40028`. */
  readonly code: string | undefined;
  /** The program's message, as sent (usually Indonesian), masked like logs. */
  readonly programMessage: string;
  /** Seconds the program asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  /**
   * The meaning in English: for one of the seven documented codes, else from the HTTP status
   * (e.g. any 401, any 5xx), else `undefined`. An assumed `SBX_…` code's own meaning is at
   * {@link docUrl} and in `describeProgramError(code, status)`.
   */
  readonly meaning: string | undefined;
  /**
   * True only for the seven codes the program documents. False for `SBX_…` codes (assumed by the
   * SDK and the sandbox) and for codes the SDK does not know. Never decide an outcome on an
   * undocumented code.
   */
  readonly documented: boolean;
  /**
   * What to change on your side, for a documented code and for any 401 (the sign key and the
   * clock); `undefined` otherwise. An assumed code's fix is at {@link docUrl} and in
   * `describeProgramError(code, status)`.
   */
  readonly fix: string | undefined;
  /**
   * The code's entry in the published error-code guide (like Stripe's `doc_url`): an anchor per
   * code the SDK knows, the section on unknown codes for any other; `undefined` when the answer
   * had no code.
   */
  readonly docUrl: string | undefined;

  constructor(options: ProgramApiErrorOptions) {
    const programMessage = maskText(options.programMessage);
    const { meaning, documented, fix, docUrl } = describeDocumentedError(
      options.code,
      options.status,
    );
    const notes: string[] = [];
    if (meaning) notes.push(`English: ${meaning}`);
    if (options.code !== undefined && !documented) {
      notes.push(
        `${options.code} is ${options.code.startsWith('SBX_') ? 'assumed by the SDK/sandbox, not' : 'not'} documented by the program; see ${docUrl}`,
      );
    }
    super(
      `${options.code ?? `HTTP ${options.status}`} from ${options.endpoint}: ${programMessage}${notes.length ? ` (${notes.join('; ')})` : ''}${fix ? ` Fix: ${fix}.` : ''}`,
      options,
    );
    this.status = options.status;
    this.code = options.code;
    this.programMessage = programMessage;
    this.retryAfter = options.retryAfter;
    this.meaning = meaning;
    this.documented = documented;
    this.fix = fix;
    this.docUrl = docUrl;
  }
}

/** What {@link RedirectError} carries besides the endpoint and attempts. */
export interface RedirectErrorOptions extends Omit<RequestErrorOptions, 'maybeProcessed'> {
  /** HTTP status: a 3xx, or `0` for an opaque redirect (browsers, `redirect: 'manual'`). */
  status: number;
  /** The `Location` header, when the runtime exposes it. Secrets are redacted by the caller. */
  location: string | undefined;
}

/**
 * The program host answered with a redirect (a 3xx, or an opaque redirect in browsers). The SDK
 * never follows redirects: a signed call (client code, signature, timestamp, a body with an OTP)
 * never leaves the configured origin. Nothing was processed at the target; usually `baseUrl`
 * points at the wrong host (http instead of https, a missing path, an old host).
 */
export class RedirectError extends ProgramRequestError {
  override name = 'RedirectError';
  /** HTTP status: a 3xx, or `0` for an opaque redirect. */
  readonly status: number;
  /** Where the redirect pointed, secrets redacted; `undefined` when the runtime hides it. */
  readonly location: string | undefined;

  constructor(options: RedirectErrorOptions) {
    const location = options.location === undefined ? undefined : maskText(options.location);
    const target =
      location === undefined
        ? options.status === 0
          ? 'a redirect whose target the runtime hides (opaque redirect)'
          : `HTTP ${options.status} without a Location`
        : `HTTP ${options.status} redirecting to ${location}`;
    super(
      `${options.endpoint} answered ${target}; signed calls are never followed elsewhere, so nothing was sent there: check baseUrl`,
      { ...options, maybeProcessed: false },
    );
    this.status = options.status;
    this.location = location;
  }
}
