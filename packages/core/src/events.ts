/**
 * `@prakerja-kit/core/events`: the prakerja-kit event model (docs/events.md) in one place: the
 * schema of every event (a Standard Schema; `parse`/`safeParse` validate with it), the types
 * inferred from them and a type guard per event type and per family. `@prakerja-kit/webhooks`, `@prakerja-kit/platform` and `@prakerja-kit/provider`
 * re-export what their users need.
 *
 * @example
 * import { isPaymentEvent } from '@prakerja-kit/core/events';
 * if (isPaymentEvent(event)) console.log(event.data.invoice_code);
 *
 * @module
 */
export type {
  AssignmentReviewedEvent,
  AssignmentSubmittedEvent,
} from './events/assignment-events.js';
export {
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
} from './events/assignment-events.js';
export type { AttendanceVerifiedEvent } from './events/attendance-events.js';
export { attendanceVerifiedEventSchema } from './events/attendance-events.js';
export type { AssignmentScope, SubmissionStatus } from './events/common.js';
export {
  ASSIGNMENT_SCOPES,
  assignmentScopeSchema,
  isAssignmentScope,
  submissionStatusSchema,
} from './events/common.js';
export type { CourseCompletedEvent } from './events/course-events.js';
export { courseCompletedEventSchema } from './events/course-events.js';
export {
  eventIdSchema,
  eventSchema,
  instantSchema,
  utcInstantSchema,
} from './events/envelope.js';
export type {
  IncentiveDisbursementCancelledEvent,
  IncentiveDisbursementRequestedEvent,
} from './events/incentive-events.js';
export {
  incentiveDisbursementCancelledEventSchema,
  incentiveDisbursementRequestedEventSchema,
} from './events/incentive-events.js';
export type { PaymentAuthorizedEvent, PaymentVoidedEvent } from './events/payment-events.js';
export { paymentAuthorizedEventSchema, paymentVoidedEventSchema } from './events/payment-events.js';
export type {
  AssignmentEvent,
  AttendanceEvent,
  CourseEvent,
  IncentiveEvent,
  PaymentEvent,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from './events/webhook-event.js';
export {
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
  paymentEventSchema,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchema,
  webhookEventSchemas,
} from './events/webhook-event.js';
export type { SafeParseResult } from './schema/parse.js';
export { parse, SchemaError, safeParse } from './schema/parse.js';
export type {
  Infer,
  Input,
  Issue,
  Output,
  Schema,
  StandardSchemaV1,
} from './schema/types.js';
