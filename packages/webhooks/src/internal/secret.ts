/** The prefix of every Standard Webhooks secret. */
export const SECRET_PREFIX = 'whsec_';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Returns the base64 part of a `whsec_<base64>` secret, or throws a `TypeError` that never
 * echoes the secret.
 */
export function secretBase64(secret: unknown): string {
  if (typeof secret !== 'string' || !secret.startsWith(SECRET_PREFIX)) {
    throw new TypeError('secret must be a "whsec_<base64>" string (see generateSecret())');
  }
  const base64 = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(base64) || base64.length % 4 === 1) {
    throw new TypeError('secret must be "whsec_" followed by standard base64 key bytes');
  }
  return base64;
}
