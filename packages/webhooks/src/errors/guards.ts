import { isPrakerjaError } from '@prakerja-kit/core/errors';
import type { WebhookBodyError } from './webhook-body-error.js';
import type { WebhookConfigurationError } from './webhook-configuration-error.js';
import type { WebhookVerificationError } from './webhook-verification-error.js';

// Name-based, as core's guards (isProgramApiError, …): `instanceof` fails across two installed
// copies of the package. (From core/errors rather than core/internal: the verify-only entry
// stays small.)
const named = (value: unknown, ...names: string[]): boolean =>
  isPrakerjaError(value) && names.includes(value.name);

/** True for a {@link WebhookVerificationError} (a {@link WebhookBodyError} included), from any copy of the package. */
export function isWebhookVerificationError(value: unknown): value is WebhookVerificationError {
  return named(value, 'WebhookVerificationError', 'WebhookBodyError');
}

/** True for a {@link WebhookBodyError} (body too large or too slow), from any copy of the package. */
export function isWebhookBodyError(value: unknown): value is WebhookBodyError {
  return named(value, 'WebhookBodyError');
}

/** True for a {@link WebhookConfigurationError}, from any copy of the package. */
export function isWebhookConfigurationError(value: unknown): value is WebhookConfigurationError {
  return named(value, 'WebhookConfigurationError');
}
