/** The parts of a program request that are signed, in the order the program concatenates them. */
export interface SignatureParams {
  /** The partner's `client_code`, exactly as issued by Prakerja. */
  clientCode: string;
  /** Unix time in seconds; the same value must be sent in the `timestamp` header. */
  timestamp: number | string;
  /** HTTP method; upper-cased before signing (`POST`). */
  method: string;
  /** Path only: no scheme, host or query, e.g. `/api/v1/integration/payment/status`. */
  path: string;
  /** The exact request body bytes as a string (compact JSON), or `''` when there is no body. */
  body: string;
  /**
   * The `Authorization` header value, placed between path and body.
   *
   * Only used when {@link SignatureParams.signAuthorization} is true. The readable program docs
   * leave it out of `raw_signature`; the official Go helper puts it in (program-api.md §3,
   * UNCERTAIN).
   */
  authorization?: string | undefined;
  /**
   * Include {@link SignatureParams.authorization} in `raw_signature`.
   * @default false
   */
  signAuthorization?: boolean | undefined;
}

/** {@link SignatureParams} plus the key, as taken by `createSignature`. */
export interface CreateSignatureParams extends SignatureParams {
  /** The partner's `sign_key`. Never logged. */
  signKey: string;
}

const TIMESTAMP_PATTERN = /^\d{1,12}$/;

/**
 * Builds the program's `raw_signature` string: `client_code + timestamp + METHOD + path + body`.
 *
 * Throws a `TypeError` naming the field when an input cannot be part of a valid signature (a
 * path with a host or a query, a non-integer timestamp, an empty client code).
 *
 * @example
 * buildRawSignature({ clientCode: 'myclient_code', timestamp: 1516239022, method: 'POST',
 *   path: '/api/v1/integration/payment/redeem-code/commit', body: '{"redeem_code":"code"}' });
 * // 'myclient_code1516239022POST/api/v1/integration/payment/redeem-code/commit{"redeem_code":"code"}'
 */
export function buildRawSignature(params: SignatureParams): string {
  const { clientCode, method, path, body } = params;
  const timestamp = String(params.timestamp);
  if (typeof clientCode !== 'string' || clientCode.length === 0) {
    throw new TypeError('clientCode must be a non-empty string');
  }
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    throw new TypeError('timestamp must be Unix time in whole seconds, e.g. 1698289216');
  }
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw new TypeError('method must be an HTTP method such as POST');
  }
  if (
    typeof path !== 'string' ||
    !path.startsWith('/') ||
    path.includes('?') ||
    path.includes('#')
  ) {
    throw new TypeError(
      'path must be the URL path only (starting with "/", no scheme, host or query), e.g. /api/v1/integration/payment/status',
    );
  }
  if (typeof body !== 'string') {
    throw new TypeError('body must be the exact request body as a string ("" when there is none)');
  }
  const authorization = params.signAuthorization ? (params.authorization ?? '') : '';
  return clientCode + timestamp + method.toUpperCase() + path + authorization + body;
}
