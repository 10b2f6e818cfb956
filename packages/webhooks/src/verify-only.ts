// The verify-only entry, `@prakerja-kit/webhooks/verify`: no event schemas, kept under 2 KB min+gzip.

export { isWebhookVerificationError } from './errors/guards.js';
export type {
  WebhookEventIssue,
  WebhookVerificationCheck,
} from './errors/webhook-verification-error.js';
export { WebhookVerificationError } from './errors/webhook-verification-error.js';
export type { VerifyParams, WebhookEnvelope, WebhookHeaders } from './verify-envelope.js';
export { DEFAULT_TOLERANCE_SECONDS, verifyEnvelope } from './verify-envelope.js';
