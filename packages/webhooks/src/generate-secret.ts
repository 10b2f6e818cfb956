import { randomBase64 } from '#crypto';
import { SECRET_PREFIX } from './internal/secret.js';

/**
 * Creates a fresh random `whsec_<base64>` secret for signing deliveries.
 *
 * The key is 32 random bytes (the Standard Webhooks spec asks for 24 to 64). Store it like a
 * password; share it only with the receiver.
 *
 * @example
 * generateSecret(); // 'whsec_…' (a new value every call)
 */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBase64(32)}`;
}
