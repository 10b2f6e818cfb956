import { ConfigurationError } from '@prakerja-kit/core/errors';

/**
 * An option of a webhook receiver or adapter that cannot work (a missing or malformed secret,
 * a lease of 0 ms), refused when it is created rather than on every delivery.
 *
 * The message names the option (and, for the secret, the `PRAKERJA_WEBHOOK_SECRET` environment
 * variable); it never contains the value of a secret.
 *
 * @example
 * createWebhookReceiver({ secret: process.env.PRAKERJA_WEBHOOK_SECRET, leaseMs: 0 });
 * // WebhookConfigurationError: leaseMs must be a positive integer of milliseconds, received 0
 */
export class WebhookConfigurationError extends ConfigurationError {
  override name = 'WebhookConfigurationError';
  /** What the option must be, e.g. `a positive integer of milliseconds`. */
  readonly expected: string;
  /** What it was (a description, never a secret's value), e.g. `0` or `an empty string`. */
  readonly received: string;

  constructor(field: string, expected: string, received: string, hint = '') {
    super(field, `${field} must be ${expected}, received ${received}${hint}`);
    this.expected = expected;
    this.received = received;
  }
}
