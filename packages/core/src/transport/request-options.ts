/**
 * Per-call overrides accepted by every endpoint method as its last argument.
 *
 * @example
 * await client.payments.retrieve({ invoiceCode }, { timeout: 5_000, signal });
 */
export interface RequestOptions {
  /** Milliseconds before the attempt is abandoned. */
  timeout?: number | undefined;
  /** How many times a retryable failure is retried. */
  maxRetries?: number | undefined;
  /** Cancels the call. A state-changing call cancelled in flight reports `maybeProcessed`. */
  signal?: AbortSignal | undefined;
  /**
   * Extra headers. The program headers (`client_code`, `signature`, `timestamp`) cannot be
   * overridden. A name or value the runtime would refuse (CR, LF, NUL, a character outside
   * latin-1) fails with `RequestValidationError` before anything is sent.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The largest response body read for this call, in bytes; overrides the client's
   * `maxResponseBytes`.
   * @default 1048576
   */
  maxResponseBytes?: number | undefined;
}
