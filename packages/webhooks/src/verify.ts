import { safeParse } from '@prakerja-kit/core/events';
import { WebhookVerificationError } from './errors/webhook-verification-error.js';
import {
  isWebhookEventType,
  type WebhookEvent,
  webhookEventSchemas,
} from './schemas/webhook-event.js';
import { type VerifyParams, verifyEnvelope, type WebhookEnvelope } from './verify-envelope.js';

/**
 * A verified event whose type this version of the package does not know (a newer sender).
 * `data` is unvalidated JSON. Tell it apart with {@link isKnownEvent}.
 */
export interface UnknownWebhookEvent extends WebhookEnvelope {}

/** What {@link verify} returns: a known, schema-validated event, or an unknown one as such. */
export type VerifiedWebhookEvent = WebhookEvent | UnknownWebhookEvent;

/** True when a verified event is of a known type (its `data` was validated by its schema). */
export function isKnownEvent(event: VerifiedWebhookEvent): event is WebhookEvent {
  return isWebhookEventType(event.type);
}

/** Validates a verified envelope against the schema of its type (also used by `verifySync`). */
export function parseEvent(envelope: WebhookEnvelope): VerifiedWebhookEvent {
  if (!isWebhookEventType(envelope.type)) return envelope;
  const result = safeParse(webhookEventSchemas[envelope.type], envelope);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path,
      message: issue.message,
    }));
    const where = issues.map((issue) => issue.path.join('.')).join(', ');
    throw new WebhookVerificationError(
      'event',
      `${envelope.type} does not match its schema at ${where}`,
      issues,
    );
  }
  return result.data;
}

/**
 * Verifies a Standard Webhooks delivery and returns the typed, schema-validated event.
 *
 * Everything {@link verifyEnvelope} checks, then the event's schema: a known type with bad data
 * throws {@link WebhookVerificationError} (check `event`, with `issues`); an unknown type comes
 * back as an {@link UnknownWebhookEvent}, not an exception. A promise on every runtime; on Node,
 * `verifySync` from `@prakerja-kit/webhooks/node` returns the event directly.
 *
 * @example
 * const event = await verify({ payload: rawBody, headers: request.headers, secret });
 * if (event.type === 'payment.authorized') console.log(event.data.invoice_code);
 */
export async function verify(params: VerifyParams): Promise<VerifiedWebhookEvent> {
  return parseEvent(await verifyEnvelope(params));
}
