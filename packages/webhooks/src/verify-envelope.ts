import { timingSafeEqual } from '@prakerja-kit/core/signature';
import { hmacSignature, toText } from '#crypto';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import { RAW_BODY_HELP } from './internal/raw-body-help.js';
import type { HeaderSource } from './internal/read-header.js';
import { readHeader } from './internal/read-header.js';

/**
 * How far, in seconds, a delivery's `webhook-timestamp` may be from the receiver's clock, in
 * either direction (docs/events.md, the Standard Webhooks spec).
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Request headers: a fetch `Headers`, Node's `IncomingHttpHeaders`, or a plain record. */
export type WebhookHeaders = HeaderSource;

/** What {@link verifyEnvelope} checks: the raw body, its headers and the secret(s). */
export interface VerifyParams {
  /** The raw request body exactly as received: a string, or its bytes. Never a parsed object. */
  payload: string | Uint8Array | ArrayBuffer;
  /** The request headers carrying `webhook-id`, `webhook-timestamp` and `webhook-signature`. */
  headers: WebhookHeaders;
  /** A `whsec_<base64>` secret, or several during a rotation (any one may match). */
  secret: string | readonly string[];
  /**
   * Allowed clock difference in seconds, either way.
   * @default DEFAULT_TOLERANCE_SECONDS (300)
   */
  toleranceSeconds?: number | undefined;
  /** Milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}

/** An event envelope whose signature verified; `data` is not checked against a schema. */
export interface WebhookEnvelope {
  /** The event id, equal to the `webhook-id` header for prakerja-kit events. */
  id: string;
  /** The event type, e.g. `payment.authorized`. */
  type: string;
  /** When the event happened, ISO-8601 UTC. */
  created_at: string;
  /** The event's data, as parsed JSON. */
  data: unknown;
}

const TIMESTAMP = /^\d{1,15}$/;

function fail(
  check: 'payload' | 'headers' | 'timestamp' | 'signature' | 'event',
  reason: string,
): never {
  throw new WebhookVerificationError(check, reason);
}

function parseEnvelope(text: string): WebhookEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail('event', 'the body is not JSON');
  }
  const envelope = value as Partial<WebhookEnvelope> | null;
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    typeof envelope.id !== 'string' ||
    typeof envelope.type !== 'string' ||
    typeof envelope.created_at !== 'string' ||
    typeof envelope.data !== 'object' ||
    envelope.data === null
  ) {
    fail('event', 'the body is not an event envelope { id, type, created_at, data }');
  }
  return envelope as WebhookEnvelope;
}

/** A delivery whose headers, timestamp and payload passed; only the signature is left. */
export interface CheckedDelivery {
  secrets: readonly string[];
  id: string;
  timestamp: string;
  signature: string;
  body: string | Uint8Array;
}

/**
 * Every check but the signature, in order: shared by {@link verifyEnvelope} and the Node
 * `verifyEnvelopeSync`, which differ only in how they compute the HMAC.
 */
export function checkDelivery(params: VerifyParams): CheckedDelivery {
  // A missing secret is the receiver's misconfiguration (a 500), whatever the delivery.
  const secrets: readonly string[] =
    typeof params.secret === 'string' ? [params.secret] : params.secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError('secret must be a "whsec_<base64>" string or a non-empty array of them');
  }
  let { payload } = params;
  if (payload instanceof ArrayBuffer) payload = new Uint8Array(payload);
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    fail('payload', `received ${payload === null ? 'null' : typeof payload}. ${RAW_BODY_HELP}`);
  }
  const { headers } = params;
  const id = readHeader(headers, 'webhook-id');
  const timestamp = readHeader(headers, 'webhook-timestamp');
  const signature = readHeader(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) {
    fail('headers', 'webhook-id, webhook-timestamp and webhook-signature are all required');
  }
  if (!TIMESTAMP.test(timestamp)) fail('timestamp', 'webhook-timestamp is not Unix seconds');
  const tolerance = params.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.floor((params.now ?? Date.now)() / 1000) - Number(timestamp);
  if (skew > tolerance) fail('timestamp', `too old (${skew} s, tolerance ${tolerance} s)`);
  if (-skew > tolerance) fail('timestamp', `in the future (${-skew} s, tolerance ${tolerance} s)`);
  return { secrets, id, timestamp, signature, body: payload };
}

/**
 * Compares the expected digests (one per secret) with every `v1` signature of the header,
 * constant-time, and parses the envelope of a match; `toText` decodes a byte body.
 */
export function matchSignature(
  delivery: CheckedDelivery,
  digests: readonly string[],
  toText: (payload: string | Uint8Array) => string,
): WebhookEnvelope {
  // fetch `Headers` joins a repeated header with ", "; base64 never contains a comma.
  const candidates = delivery.signature.replaceAll(', ', ' ').split(' ');
  for (const digest of digests) {
    for (const candidate of candidates) {
      if (candidate.startsWith('v1,') && timingSafeEqual(candidate.slice(3), digest)) {
        return parseEnvelope(toText(delivery.body));
      }
    }
  }
  return fail('signature', `no v1 signature matched. Check the secret. ${RAW_BODY_HELP}`);
}

/**
 * Verifies a Standard Webhooks delivery and returns its parsed envelope, without validating
 * `data` against the event schemas (so this entry does not bundle them).
 *
 * Checks, in order: the payload is raw, the three headers are present, the timestamp is within
 * the tolerance either way, and one `v1` signature in the header matches one of the secrets
 * (constant-time). Rejects with {@link WebhookVerificationError} naming the failed check, and a
 * `TypeError` for a malformed secret. A promise on every runtime; on Node, `verifyEnvelopeSync`
 * from `@prakerja-kit/webhooks/node` returns the envelope directly.
 *
 * @example
 * import { verifyEnvelope } from '@prakerja-kit/webhooks/verify';
 * const envelope = await verifyEnvelope({ payload: rawBody, headers: request.headers, secret });
 */
export async function verifyEnvelope(params: VerifyParams): Promise<WebhookEnvelope> {
  const delivery = checkDelivery(params);
  const { id, timestamp, body } = delivery;
  const digests = await Promise.all(
    delivery.secrets.map((secret) => hmacSignature(secret, id, timestamp, body)),
  );
  return matchSignature(delivery, digests, toText);
}
