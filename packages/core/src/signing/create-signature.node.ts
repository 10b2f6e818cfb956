import { createHmac } from 'node:crypto';
import { buildRawSignature, type CreateSignatureParams } from './build-raw-signature.js';

/**
 * Node only: signs a program request synchronously with `node:crypto`: lowercase hex
 * HMAC-SHA1 of `raw_signature`, keyed with `signKey`. Exported from `@prakerja-kit/core/node`;
 * `createSignature` is the promise form every runtime has.
 *
 * @example
 * import { createSignatureSync } from '@prakerja-kit/core/node';
 * createSignatureSync({ clientCode: 'myclient_code', signKey: 'my_sign_key', timestamp: 1516239022,
 *   method: 'POST', path: '/api/v1/integration/payment/redeem-code/commit',
 *   body: '{"redeem_code":"code"}' });
 * // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export function createSignatureSync(params: CreateSignatureParams): string {
  const message = buildRawSignature(params);
  if (typeof params.signKey !== 'string' || params.signKey.length === 0) {
    throw new TypeError('signKey must be a non-empty string');
  }
  return createHmac('sha1', params.signKey).update(message, 'utf8').digest('hex');
}

/**
 * Signs a program request: lowercase hex HMAC-SHA1 of `raw_signature`, keyed with `signKey`.
 *
 * A promise on every runtime (this is the Node build, `node:crypto`; edge runtimes and browsers
 * use WebCrypto). On Node, `createSignatureSync` from `@prakerja-kit/core/node` returns the
 * string directly.
 *
 * @example
 * await createSignature({ clientCode: 'myclient_code', signKey: 'my_sign_key',
 *   timestamp: 1516239022, method: 'POST',
 *   path: '/api/v1/integration/payment/redeem-code/commit', body: '{"redeem_code":"code"}' });
 * // '943c20a8e36b6243f576404b00fffdc86411ce1f'
 */
export async function createSignature(params: CreateSignatureParams): Promise<string> {
  return createSignatureSync(params);
}
