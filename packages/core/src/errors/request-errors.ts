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
 * The program answered with an error: HTTP status, program `code` and its (Indonesian) message.
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
  /** The program's message, as sent (usually Indonesian). */
  readonly programMessage: string;
  /** Seconds the program asked to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;

  constructor(options: ProgramApiErrorOptions) {
    super(
      `${options.code ?? `HTTP ${options.status}`} from ${options.endpoint}: ${options.programMessage}`,
      options,
    );
    this.status = options.status;
    this.code = options.code;
    this.programMessage = options.programMessage;
    this.retryAfter = options.retryAfter;
  }
}
