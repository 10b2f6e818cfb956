import { createSignature, timingSafeEqual } from '@prakerja-kit/core/signature';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { RAW_BODY_HELP } from './internal/raw-body-help.js';
import { type HeaderSource, readHeader } from './internal/read-header.js';
import { DEFAULT_TOLERANCE_SECONDS } from './verify-envelope.js';

/** Finds the `sign_key` of a `client_code`; `undefined` for an unknown client. */
export type SignKeyLookup = (
  clientCode: string,
) => string | undefined | Promise<string | undefined>;

/** What {@link verifyProgramSignature} checks: a request signed with the program's scheme. */
export interface VerifyProgramSignatureParams {
  /** The request headers carrying `client_code`, `signature` and `timestamp`. */
  headers: HeaderSource;
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The URL path only, e.g. `/api/v1/integration/payment/status`. */
  path: string;
  /** The raw request body exactly as received (`''` when there is none). Never a parsed object. */
  body: string | Uint8Array;
  /** The `sign_key` of the expected client, or a lookup by `client_code` (several clients). */
  signKey: string | SignKeyLookup;
  /** When `signKey` is a string: the only `client_code` accepted. */
  clientCode?: string | undefined;
  /**
   * Allowed clock difference in seconds, either way. The program documents none (program-api.md
   * §3); this is the SDK's choice.
   * @default DEFAULT_TOLERANCE_SECONDS (300)
   */
  toleranceSeconds?: number | undefined;
  /** Milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
  /**
   * Include the `Authorization` header between path and body, as the official Go helper does
   * (program-api.md §3, UNCERTAIN).
   * @default false
   */
  signAuthorization?: boolean | undefined;
  /**
   * Also accept a signature over the compact re-serialisation of a JSON body, as the program's
   * Python example implies the server does (program-api.md §3, UNCERTAIN). The signature must
   * still match exactly one of the two bodies.
   * @default false
   */
  acceptCompactedBody?: boolean | undefined;
}

/** A verified program-signed request: who signed it and when. */
export interface VerifiedProgramRequest {
  /** The `client_code` that signed the request. */
  clientCode: string;
  /** The signed `timestamp`, Unix seconds. */
  timestamp: number;
}

const TIMESTAMP = /^\d{1,12}$/;

function compact(body: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/**
 * Verifies a request signed with the program's scheme (`client_code`, `signature`, `timestamp`
 * headers; lowercase hex HMAC-SHA1 of `client_code + timestamp + METHOD + path + body`), with
 * the same guarantees as event deliveries: raw body only, a two-sided tolerance, and a
 * constant-time comparison.
 *
 * Throws {@link WebhookVerificationError} naming the failed check (an unknown client is a
 * `headers` failure). Signing is `createSignature` from `@prakerja-kit/core/signature`.
 *
 * @example
 * const { clientCode } = await verifyProgramSignature({ headers: request.headers,
 *   method: 'POST', path: '/api/v1/integration/payment/status', body: rawBody,
 *   signKey: (code) => partners.get(code)?.signKey });
 */
export async function verifyProgramSignature(
  params: VerifyProgramSignatureParams,
): Promise<VerifiedProgramRequest> {
  const { headers, body } = params;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new WebhookVerificationError('payload', `received ${typeof body}. ${RAW_BODY_HELP}`);
  }
  const clientCode = readHeader(headers, 'client_code');
  const signature = readHeader(headers, 'signature');
  const timestamp = readHeader(headers, 'timestamp');
  if (!clientCode || !signature || !timestamp) {
    throw new WebhookVerificationError(
      'headers',
      'client_code, signature and timestamp are all required',
    );
  }
  if (!TIMESTAMP.test(timestamp)) {
    throw new WebhookVerificationError('timestamp', 'timestamp is not Unix seconds');
  }
  const tolerance = params.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.floor((params.now ?? Date.now)() / 1000) - Number(timestamp);
  if (Math.abs(skew) > tolerance) {
    const direction = skew > 0 ? 'too old' : 'in the future';
    throw new WebhookVerificationError(
      'timestamp',
      `${direction} (${Math.abs(skew)} s, tolerance ${tolerance} s)`,
    );
  }
  const signKey =
    typeof params.signKey === 'function'
      ? await params.signKey(clientCode)
      : params.clientCode === undefined || params.clientCode === clientCode
        ? params.signKey
        : undefined;
  if (signKey === undefined) throw new WebhookVerificationError('headers', 'unknown client_code');
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  const bodies = [text];
  const compacted = params.acceptCompactedBody ? compact(text) : undefined;
  if (compacted !== undefined && compacted !== text) bodies.push(compacted);
  const received = signature.toLowerCase();
  for (const candidate of bodies) {
    const expected = await createSignature({
      clientCode,
      signKey,
      timestamp,
      method: params.method,
      path: params.path,
      body: candidate,
      authorization: readHeader(headers, 'authorization'),
      signAuthorization: params.signAuthorization,
    });
    if (timingSafeEqual(received, expected)) return { clientCode, timestamp: Number(timestamp) };
  }
  throw new WebhookVerificationError(
    'signature',
    `the signature does not match. Check the sign_key, method and path. ${RAW_BODY_HELP}`,
  );
}
