import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { secretBase64 } from './secret.js';

const keys = new Map<string, KeyObject>();

function importSecret(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secretBase64(secret), 'base64'));
    // A receiver holds one or two secrets (rotation); the cache stays tiny.
    if (keys.size >= 16) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** Base64 HMAC-SHA256 of `{id}.{timestamp}.{payload}` keyed with a `whsec_` secret. */
export function hmacSignature(
  secret: string,
  id: string,
  timestamp: string,
  payload: string | Uint8Array,
): string {
  const hmac = createHmac('sha256', importSecret(secret));
  if (typeof payload === 'string')
    return hmac.update(`${id}.${timestamp}.${payload}`).digest('base64');
  return hmac.update(`${id}.${timestamp}.`).update(payload).digest('base64');
}

/** `length` cryptographically random bytes, base64-encoded. */
export function randomBase64(length: number): string {
  return randomBytes(length).toString('base64');
}

/** Decodes a raw body to text for `JSON.parse`. */
export function toText(payload: string | Uint8Array): string {
  if (typeof payload === 'string') return payload;
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
}
