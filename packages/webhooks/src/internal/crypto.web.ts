import { secretBase64 } from './secret.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map<string, Promise<CryptoKey>>();

function importSecret(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    const binary = atob(secretBase64(secret));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // A receiver holds one or two secrets (rotation); the cache stays tiny.
    if (keys.size >= 16) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64 HMAC-SHA256 of `{id}.{timestamp}.{payload}` keyed with a `whsec_` secret. */
export async function hmacSignature(
  secret: string,
  id: string,
  timestamp: string,
  payload: string | Uint8Array,
): Promise<string> {
  const key = await importSecret(secret);
  const head = encoder.encode(`${id}.${timestamp}.`);
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const message = new Uint8Array(head.length + body.length);
  message.set(head);
  message.set(body, head.length);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, message)));
}

/** `length` cryptographically random bytes, base64-encoded. */
export function randomBase64(length: number): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(length)));
}

/** Decodes a raw body to text for `JSON.parse`. */
export function toText(payload: string | Uint8Array): string {
  return typeof payload === 'string' ? payload : decoder.decode(payload);
}
