import { hmacSignature } from '#crypto';

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

/** The checked parts of a delivery to sign; shared by {@link sign} and the Node `signSync`. */
export interface SignInput {
  id: string;
  time: string;
  payload: string | Uint8Array;
  secrets: readonly string[];
}

/** Checks what {@link sign} was given; throws a `TypeError` that never echoes the secret. */
export function checkSignParams(params: SignParams): SignInput {
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
  return { id, time: String(timestamp), payload, secrets };
}

/** The `webhook-signature` header value of one digest per secret. */
export function formatSignature(digests: readonly string[]): string {
  return digests.map((digest) => `v1,${digest}`).join(' ');
}

/**
 * Signs a delivery and returns the `webhook-signature` header value,
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{payload}">`.
 *
 * A promise on every runtime (`node:crypto` on Node, WebCrypto elsewhere); on Node,
 * `signSync` from `@prakerja-kit/webhooks/node` returns the string directly. Rejects with a
 * `TypeError` for a malformed id, timestamp, payload or secret, never echoing the secret.
 *
 * @example
 * const signature = await sign({ id: event.id, timestamp: Math.floor(Date.now() / 1000),
 *   payload: JSON.stringify(event), secret: process.env.PRAKERJA_WEBHOOK_SECRET });
 * // 'v1,<44 base64 characters>'
 */
export async function sign(params: SignParams): Promise<string> {
  const { id, time, payload, secrets } = checkSignParams(params);
  const digests = await Promise.all(
    secrets.map((secret) => hmacSignature(secret, id, time, payload)),
  );
  return formatSignature(digests);
}
