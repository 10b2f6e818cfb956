import { createHmac } from 'node:crypto';
import { buildRawSignature, type CreateSignatureParams } from './build-raw-signature.js';

/**
 * Signs a program request: lowercase hex HMAC-SHA1 of `raw_signature`, keyed with `signKey`.
 *
 * On Node this is synchronous and uses `node:crypto`; on edge runtimes and browsers the same
 * export returns a promise and uses WebCrypto.
 *
 * @example
 * createSignature({ clientCode: 'myclient_code', signKey: 'my_sign_key', timestamp: 1516239022,
 *   method: 'POST', path: '/api/v1/integration/payment/redeem-code/commit',
 *   body: '{"redeem_code":"code"}' });
 * // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export function createSignature(params: CreateSignatureParams): string {
  const message = buildRawSignature(params);
  if (typeof params.signKey !== 'string' || params.signKey.length === 0) {
    throw new TypeError('signKey must be a non-empty string');
  }
  return createHmac('sha1', params.signKey).update(message, 'utf8').digest('hex');
}
