import { maskText } from '../logging/redact.js';
import { PrakerjaError } from './prakerja-error.js';
import { describeProgramError } from './program-error-codes.js';

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
 * and what the SDK knows about it: the English `meaning`, whether the code is `documented` by the
 * program, and a `fix` when one is known.
 *
 * The message reads like
 * `SBX_GEN40101 from /api/v1/integration/payment/void: Signature tidak valid. (English: the
 * signature does not match; SBX_GEN40101 is assumed by the SDK/sandbox, not documented by the
 * program) Fix: check PRAKERJA_SIGN_KEY …`. Server text is masked like logs (redeem codes, emails,
 * Prakerja numbers, signatures).
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
   * The meaning in English: from the catalogue when the code is known, else from the HTTP status
   * (e.g. any 401), else `undefined`.
   */
  readonly meaning: string | undefined;
  /**
   * True only for the seven codes the program documents. False for `SBX_…` codes (assumed by the
   * SDK and the sandbox) and for codes the SDK does not know. Never decide an outcome on an
   * undocumented code.
   */
  readonly documented: boolean;
  /** What to change on your side, when known (e.g. any 401 points to the sign key and clock). */
  readonly fix: string | undefined;

  constructor(options: ProgramApiErrorOptions) {
    const programMessage = maskText(options.programMessage);
    const { meaning, documented, fix } = describeProgramError(options.code, options.status);
    const notes: string[] = [];
    if (meaning) notes.push(`English: ${meaning}`);
    if (options.code !== undefined && !documented) {
      notes.push(
        options.code.startsWith('SBX_')
          ? `${options.code} is assumed by the SDK/sandbox, not documented by the program`
          : `${options.code} is not in the SDK's catalogue`,
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
