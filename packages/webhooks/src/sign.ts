import { all, attempt, hmacSignature, map, type Result } from '#crypto';

/** What {@link sign} signs: the three parts of a Standard Webhooks delivery and the secret. */
export interface SignParams {
  /** The `webhook-id` header value; for prakerja-kit events, the event id. */
  id: string;
  /** The `webhook-timestamp` header value, Unix time in whole seconds. */
  timestamp: number;
  /** The exact body that is sent: a string, or its bytes. */
  payload: string | Uint8Array;
  /**
   * A `whsec_<base64>` secret, or several during a rotation (one signature each,
   * space-separated).
   */
  secret: string | readonly string[];
}

function signNow(params: SignParams): Result<string> {
  const { id, timestamp, payload, secret } = params;
  if (typeof id !== 'string' || id.length === 0)
    throw new TypeError('id must be a non-empty string');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError('timestamp must be Unix time in whole seconds, e.g. 1763967600');
  }
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new TypeError('payload must be the exact body to send, as a string or bytes');
  }
  const secrets: readonly string[] = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError('secret must be a "whsec_<base64>" string or a non-empty array of them');
  }
  const time = String(timestamp);
  return map(all(secrets.map((each) => hmacSignature(each, id, time, payload))), (digests) =>
    digests.map((digest) => `v1,${digest}`).join(' '),
  );
}

/**
 * Signs a delivery and returns the `webhook-signature` header value,
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{payload}">`.
 *
 * Synchronous on Node (`node:crypto`); on edge runtimes and browsers (WebCrypto) the same export
 * returns a promise, so `await sign(...)` works everywhere. Throws a `TypeError` for a malformed
 * id, timestamp, payload or secret, never echoing the secret (with WebCrypto: rejects).
 *
 * @example
 * const signature = sign({ id: event.id, timestamp: Math.floor(Date.now() / 1000),
 *   payload: JSON.stringify(event), secret: process.env.PRAKERJA_WEBHOOK_SECRET });
 * // 'v1,<44 base64 characters>'
 */
export function sign(params: SignParams): Result<string> {
  return attempt(() => signNow(params));
}
