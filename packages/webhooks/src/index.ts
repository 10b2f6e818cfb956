// The event model: defined once in @prakerja-kit/core/events.

export {
  ConfigurationError,
  isConfigurationError,
  isPrakerjaError,
  PrakerjaError,
} from '@prakerja-kit/core/errors';
// Validating with the exported schemas (each is also a Standard Schema v1: `schema['~standard']`).
export type {
  AssignmentEvent,
  AssignmentReviewedEvent,
  AssignmentScope,
  AssignmentSubmittedEvent,
  AttendanceEvent,
  AttendanceVerifiedEvent,
  CourseCompletedEvent,
  CourseEvent,
  IncentiveDisbursementCancelledEvent,
  IncentiveDisbursementRequestedEvent,
  IncentiveEvent,
  Infer,
  Issue,
  PaymentAuthorizedEvent,
  PaymentEvent,
  PaymentVoidedEvent,
  SafeParseResult,
  Schema,
  StandardSchemaV1,
  SubmissionStatus,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from '@prakerja-kit/core/events';
export {
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
  attendanceVerifiedEventSchema,
  courseCompletedEventSchema,
  incentiveDisbursementCancelledEventSchema,
  incentiveDisbursementRequestedEventSchema,
  isAssignmentEvent,
  isAssignmentReviewedEvent,
  isAssignmentSubmittedEvent,
  isAttendanceEvent,
  isAttendanceVerifiedEvent,
  isCourseCompletedEvent,
  isCourseEvent,
  isIncentiveDisbursementCancelledEvent,
  isIncentiveDisbursementRequestedEvent,
  isIncentiveEvent,
  isPaymentAuthorizedEvent,
  isPaymentEvent,
  isPaymentVoidedEvent,
  isWebhookEvent,
  isWebhookEventType,
  parse,
  paymentAuthorizedEventSchema,
  paymentEventSchema,
  paymentVoidedEventSchema,
  SchemaError,
  safeParse,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchema,
  webhookEventSchemas,
} from '@prakerja-kit/core/events';
export { createEventId } from './create-event-id.js';
export type {
  ReceiveOutcome,
  ReceiveResult,
  WebhookDelivery,
  WebhookHandler,
  WebhookReceiver,
  WebhookReceiverOptions,
  WebhookRejection,
} from './create-webhook-receiver.js';
export {
  createWebhookReceiver,
  DEFAULT_COMPLETE_ATTEMPTS,
  DEFAULT_LEASE_MS,
  DEFAULT_RETAIN_MS,
} from './create-webhook-receiver.js';
export {
  isWebhookBodyError,
  isWebhookConfigurationError,
  isWebhookVerificationError,
} from './errors/guards.js';
export { WebhookBodyError } from './errors/webhook-body-error.js';
export { WebhookConfigurationError } from './errors/webhook-configuration-error.js';
export type {
  WebhookEventIssue,
  WebhookVerificationCheck,
} from './errors/webhook-verification-error.js';
export { WebhookVerificationError } from './errors/webhook-verification-error.js';
export { generateSecret } from './generate-secret.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_READ_TIMEOUT_MS } from './internal/limits.js';
export { WebhookTelemetryMetric } from './internal/receiver-telemetry.js';
export type { SignParams } from './sign.js';
export { sign } from './sign.js';
export type {
  DurableObjectNamespaceLike,
  DurableObjectStorageLike,
  DurableObjectStoreOptions,
  DurableObjectStubLike,
} from './stores/create-durable-object-store.js';
export {
  createDurableObjectStore,
  WebhookEventsObject,
} from './stores/create-durable-object-store.js';
export type { MemoryStoreOptions } from './stores/create-memory-store.js';
export { createMemoryStore } from './stores/create-memory-store.js';
export type {
  PostgresClientLike,
  PostgresStoreOptions,
} from './stores/create-postgres-store.js';
export { createPostgresStore, postgresStoreSchema } from './stores/create-postgres-store.js';
export type {
  IoRedisClientLike,
  NodeRedisClientLike,
  RedisClientLike,
  RedisStoreOptions,
  UpstashRedisClientLike,
} from './stores/create-redis-store.js';
export { createRedisStore } from './stores/create-redis-store.js';
export type { IdempotencyStore, LeaseResult } from './stores/idempotency-store.js';
export type { UnknownWebhookEvent, VerifiedWebhookEvent } from './verify.js';
export { isKnownEvent, verify } from './verify.js';
export type { VerifyParams, WebhookEnvelope, WebhookHeaders } from './verify-envelope.js';
export { DEFAULT_TOLERANCE_SECONDS, verifyEnvelope } from './verify-envelope.js';
export type { VerifyProgramRequestOptions } from './verify-program-request.js';
export { verifyProgramRequest } from './verify-program-request.js';
export type {
  SignKeyLookup,
  VerifiedProgramRequest,
  VerifyProgramSignatureParams,
} from './verify-program-signature.js';
export { verifyProgramSignature } from './verify-program-signature.js';
export type { VerifyRequestOptions } from './verify-request.js';
export { verifyRequest } from './verify-request.js';
export type { WebhookHttpResponse, WebhookResponseSource } from './webhook-response.js';
export { toWebhookFetchResponse, toWebhookResponse } from './webhook-response.js';
