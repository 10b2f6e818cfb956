// The synchronous variants, re-exported by the Node entry `@prakerja-kit/webhooks/node` only:
// they compute the HMAC with `node:crypto` directly, never through `#crypto`, so their type is
// the same whichever export condition resolved the package (issue 22).
import { hmacSignature, toText } from './internal/crypto.node.js';
import { checkSignParams, formatSignature, type SignParams } from './sign.js';
import { parseEvent, type VerifiedWebhookEvent } from './verify.js';
import {
  checkDelivery,
  matchSignature,
  type VerifyParams,
  type WebhookEnvelope,
} from './verify-envelope.js';

/**
 * Node only: `sign` without the promise, for code that cannot `await` (a synchronous
 * test helper, a CLI vector writer). Throws a `TypeError` for a malformed id, timestamp,
 * payload or secret, never echoing the secret.
 *
 * @example
 * import { signSync } from '@prakerja-kit/webhooks/node';
 * const signature = signSync({ id: event.id, timestamp, payload: body, secret });
 */
export function signSync(params: SignParams): string {
  const { id, time, payload, secrets } = checkSignParams(params);
  return formatSignature(secrets.map((secret) => hmacSignature(secret, id, time, payload)));
}

/**
 * Node only: `verifyEnvelope` without the promise. Throws
 * `WebhookVerificationError` naming the failed check.
 *
 * @example
 * import { verifyEnvelopeSync } from '@prakerja-kit/webhooks/node';
 * const envelope = verifyEnvelopeSync({ payload: rawBody, headers: request.headers, secret });
 */
export function verifyEnvelopeSync(params: VerifyParams): WebhookEnvelope {
  const delivery = checkDelivery(params);
  const { id, timestamp, body } = delivery;
  const digests = delivery.secrets.map((secret) => hmacSignature(secret, id, timestamp, body));
  return matchSignature(delivery, digests, toText);
}

/**
 * Node only: `verify` without the promise: the typed, schema-validated event, or throws
 * `WebhookVerificationError` naming the failed check.
 *
 * @example
 * import { verifySync } from '@prakerja-kit/webhooks/node';
 * const event = verifySync({ payload: rawBody, headers: request.headers, secret });
 */
export function verifySync(params: VerifyParams): VerifiedWebhookEvent {
  return parseEvent(verifyEnvelopeSync(params));
}
