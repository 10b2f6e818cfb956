import { WebhookConfigurationError } from '../errors/webhook-configuration-error.js';
import { SECRET_PREFIX, secretBase64 } from './secret.js';

const POSITIVE = 'a positive integer of milliseconds';

/** Describes an option's value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value;
}

/** `value` when it is a positive safe integer, else throws naming `field`. */
export function positiveInteger(field: string, value: unknown, what = POSITIVE): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new WebhookConfigurationError(field, what, describe(value));
}

const SECRET_HINT =
  ": set PRAKERJA_WEBHOOK_SECRET to your endpoint's secret (generateSecret() makes one)";

/** Checks one or more `whsec_<base64>` secrets without ever echoing them. */
export function checkSecrets(value: unknown): void {
  const expected = 'a "whsec_<base64>" secret (or a non-empty array of them)';
  const secrets = Array.isArray(value) ? value : [value];
  if (secrets.length === 0) {
    throw new WebhookConfigurationError('secret', expected, 'an empty array', SECRET_HINT);
  }
  for (const secret of secrets) {
    if (secret === undefined || secret === null) {
      throw new WebhookConfigurationError('secret', expected, `${secret} (missing)`, SECRET_HINT);
    }
    if (typeof secret !== 'string') {
      throw new WebhookConfigurationError('secret', expected, `a ${typeof secret}`, SECRET_HINT);
    }
    if (secret.trim() === '') {
      throw new WebhookConfigurationError('secret', expected, 'an empty string', SECRET_HINT);
    }
    if (!secret.startsWith(SECRET_PREFIX)) {
      const received = `a string of ${secret.length} characters not starting with "${SECRET_PREFIX}"`;
      throw new WebhookConfigurationError('secret', expected, received, SECRET_HINT);
    }
    try {
      secretBase64(secret);
    } catch {
      const received = `"${SECRET_PREFIX}" followed by ${secret.length - SECRET_PREFIX.length} characters that are not base64`;
      throw new WebhookConfigurationError('secret', expected, received, SECRET_HINT);
    }
  }
}
