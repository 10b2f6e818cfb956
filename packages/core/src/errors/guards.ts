import type { ConfigurationError } from './configuration-error.js';
import { isPrakerjaError } from './prakerja-error.js';
import type {
  ConnectionError,
  ProgramApiError,
  ProgramRequestError,
  RedirectError,
  RequestAbortedError,
  TimeoutError,
} from './request-errors.js';
import type { RequestValidationError, ResponseValidationError } from './validation-errors.js';

// Name-based guards: `instanceof` is false when the error was thrown by another installed copy
// of @prakerja-kit/core (two versions in node_modules, or a bundled and an external copy). These
// check the global marker of every prakerja-kit error and its `name`, which every copy sets the
// same way. A guard for a base class lists the names of the SDK's subclasses too.

/**
 * Builds a guard that is true for a prakerja-kit error whose `name` is one of `names`.
 *
 * @internal Shared by the prakerja-kit packages for their own error classes.
 */
export function errorGuard<T>(...names: string[]): (value: unknown) => value is T {
  return (value: unknown): value is T =>
    isPrakerjaError(value) && names.includes((value as { name?: unknown }).name as string);
}

/** True for a {@link ConfigurationError} (webhooks' `WebhookConfigurationError` included), from any copy of core. */
export const isConfigurationError: (value: unknown) => value is ConfigurationError = errorGuard(
  'ConfigurationError',
  'WebhookConfigurationError',
);

/**
 * True for a {@link ProgramApiError} (platform's `PaymentNotFoundError` included), from any copy
 * of core.
 *
 * @example
 * try { await client.payments.authorize(params); }
 * catch (error) { if (isProgramApiError(error)) console.log(error.code, error.meaning); }
 */
export const isProgramApiError: (value: unknown) => value is ProgramApiError = errorGuard(
  'ProgramApiError',
  'PaymentNotFoundError',
);

/** True for a {@link ConnectionError}, from any copy of core. */
export const isConnectionError: (value: unknown) => value is ConnectionError =
  errorGuard('ConnectionError');

/** True for a {@link TimeoutError}, from any copy of core. */
export const isTimeoutError: (value: unknown) => value is TimeoutError = errorGuard('TimeoutError');

/** True for a {@link RequestAbortedError}, from any copy of core. */
export const isRequestAbortedError: (value: unknown) => value is RequestAbortedError =
  errorGuard('RequestAbortedError');

/** True for a {@link RedirectError}, from any copy of core. */
export const isRedirectError: (value: unknown) => value is RedirectError =
  errorGuard('RedirectError');

/**
 * True for any {@link ProgramRequestError} (connection, timeout, abort, program answer,
 * redirect), from any copy of core. Check `maybeProcessed` before re-sending a write.
 */
export const isProgramRequestError: (value: unknown) => value is ProgramRequestError = errorGuard(
  'ProgramRequestError',
  'ConnectionError',
  'TimeoutError',
  'RequestAbortedError',
  'ProgramApiError',
  'PaymentNotFoundError',
  'RedirectError',
);

/** True for a {@link RequestValidationError} (bad parameters, nothing sent), from any copy of core. */
export const isRequestValidationError: (value: unknown) => value is RequestValidationError =
  errorGuard('RequestValidationError');

/** True for a {@link ResponseValidationError} (an answer the SDK cannot read), from any copy of core. */
export const isResponseValidationError: (value: unknown) => value is ResponseValidationError =
  errorGuard('ResponseValidationError');
