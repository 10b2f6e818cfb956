import { buildRawSignature, type CreateSignatureParams } from './build-raw-signature.js';

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function importKey(signKey: string): Promise<CryptoKey> {
  let key = keyCache.get(signKey);
  if (key === undefined) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(signKey),
      { name: 'HMAC', hash: 'SHA-1' },
      false,
      ['sign'],
    );
    // One partner process uses one or two keys; the cache stays tiny.
    if (keyCache.size > 16) keyCache.clear();
    keyCache.set(signKey, key);
  }
  return key;
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Signs a program request with WebCrypto: lowercase hex HMAC-SHA1 of `raw_signature`.
 *
 * A promise on every runtime (this is the edge and browser build; Node uses `node:crypto`).
 * On Node, `createSignatureSync` from `@prakerja-kit/core/node` returns the string directly.
 *
 * @example
 * await createSignature({ clientCode: 'myclient_code', signKey: 'my_sign_key',
 *   timestamp: 1516239022, method: 'POST',
 *   path: '/api/v1/integration/payment/redeem-code/commit', body: '{"redeem_code":"code"}' });
 * // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export async function createSignature(params: CreateSignatureParams): Promise<string> {
  const message = buildRawSignature(params);
  if (typeof params.signKey !== 'string' || params.signKey.length === 0) {
    throw new TypeError('signKey must be a non-empty string');
  }
  const key = await importKey(params.signKey);
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}
