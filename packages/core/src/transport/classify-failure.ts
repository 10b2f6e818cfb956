import { ConnectionError, RequestAbortedError, TimeoutError } from '../errors/request-errors.js';
import { maskText } from '../logging/redact.js';

// Failure classification of one attempt, pure (issue 22: the transport split into small parts).
// Whether a failed state-changing call may have been processed by the program (and so must not
// be re-sent) is a rule of the program API, not an HTTP one; what the loop relies on: the note at
// the top of create-transport.ts.

/**
 * A failed attempt: retried when attempts remain (`error` is thrown when they run out), or
 * thrown at once.
 */
export type Failure =
  | { kind: 'retry'; reason: string; error: Error; retryAfter?: number | undefined }
  | { kind: 'throw'; error: Error };

/** A failure to retry for `reason`, after `retryAfter` seconds when the program said so. */
export function retry(reason: string, error: Error, retryAfter?: number): Failure {
  return { kind: 'retry', reason, error, retryAfter };
}

/** Raised when the headers or the body did not arrive before the attempt's deadline. */
export class AttemptTimeout extends Error {}

// Errors raised before the request left the machine: safe to re-send even a state-changing call.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The first `code` on the error or its `cause` chain (undici nests the socket error). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What {@link classifyThrown} needs to know about the attempt that threw. */
export interface ThrownContext {
  /** The program path, for messages. */
  path: string;
  /** 1-based attempt number. */
  attempt: number;
  /** The attempt's timeout in ms, for messages. */
  timeout: number;
  /** True for a state-changing call: one that may have been processed must not be re-sent. */
  ambiguous: boolean;
  /** The caller's signal: aborted means the caller, not the network, ended the call. */
  signal: AbortSignal | undefined;
  /** Masked out of any error message that echoes it. */
  signKey: string;
}

/**
 * Classifies an attempt that threw instead of answering: the caller aborted (thrown), a timeout
 * or a connection error (retried when the call is read-only or the request never left the
 * machine; thrown with `maybeProcessed` when a state-changing call may have been processed).
 */
export function classifyThrown(error: unknown, context: ThrownContext): Failure {
  const { path, attempt, timeout, ambiguous, signal } = context;
  const base = { endpoint: path, attempts: attempt, cause: error };
  if (signal?.aborted) {
    return {
      kind: 'throw',
      error: new RequestAbortedError(`request to ${path} was aborted by the caller`, {
        ...base,
        maybeProcessed: ambiguous,
      }),
    };
  }
  if (error instanceof AttemptTimeout) {
    const timeoutError = new TimeoutError(
      `no answer from ${path} within ${timeout} ms${ambiguous ? '; the program may have processed it: reconcile through the status endpoint before retrying' : ''}`,
      { ...base, maybeProcessed: ambiguous },
    );
    return ambiguous ? { kind: 'throw', error: timeoutError } : retry('timeout', timeoutError);
  }
  const code = errorCode(error);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const maybeProcessed = ambiguous && !notSent;
  const message = maskText(error instanceof Error ? error.message : String(error), [
    context.signKey,
  ]);
  const connectionError = new ConnectionError(
    `connection to ${path} failed${code ? ` (${code})` : ''}: ${message}${maybeProcessed ? '; the program may have processed it: reconcile through the status endpoint before retrying' : ''}`,
    { ...base, maybeProcessed },
  );
  if (maybeProcessed) return { kind: 'throw', error: connectionError };
  return retry(`connection error${code ? ` ${code}` : ''}`, connectionError);
}
