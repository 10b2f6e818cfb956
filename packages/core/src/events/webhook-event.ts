import * as z from '../schema/index.js';
import {
  type AssignmentReviewedEvent,
  type AssignmentSubmittedEvent,
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
} from './assignment-events.js';
import {
  type AttendanceVerifiedEvent,
  attendanceVerifiedEventSchema,
} from './attendance-events.js';
import { type CourseCompletedEvent, courseCompletedEventSchema } from './course-events.js';
import {
  type IncentiveDisbursementCancelledEvent,
  type IncentiveDisbursementRequestedEvent,
  incentiveDisbursementCancelledEventSchema,
  incentiveDisbursementRequestedEventSchema,
} from './incentive-events.js';
import {
  type PaymentAuthorizedEvent,
  type PaymentVoidedEvent,
  paymentAuthorizedEventSchema,
  paymentVoidedEventSchema,
} from './payment-events.js';

/** The schema of each event type, by type. */
export const webhookEventSchemas = {
  'payment.authorized': paymentAuthorizedEventSchema,
  'payment.voided': paymentVoidedEventSchema,
  'attendance.verified': attendanceVerifiedEventSchema,
  'assignment.submitted': assignmentSubmittedEventSchema,
  'assignment.reviewed': assignmentReviewedEventSchema,
  'course.completed': courseCompletedEventSchema,
  'incentive.disbursement_requested': incentiveDisbursementRequestedEventSchema,
  'incentive.disbursement_cancelled': incentiveDisbursementCancelledEventSchema,
} as const;

/** Every event type of the prakerja-kit event model (docs/events.md). */
export type WebhookEventType = keyof typeof webhookEventSchemas;

/** Every event type, in the order of docs/events.md. */
export const WEBHOOK_EVENT_TYPES = Object.keys(webhookEventSchemas) as readonly WebhookEventType[];

/** Any known event, discriminated by `type`. */
export const webhookEventSchema = z.discriminatedUnion('type', [
  paymentAuthorizedEventSchema,
  paymentVoidedEventSchema,
  attendanceVerifiedEventSchema,
  assignmentSubmittedEventSchema,
  assignmentReviewedEventSchema,
  courseCompletedEventSchema,
  incentiveDisbursementRequestedEventSchema,
  incentiveDisbursementCancelledEventSchema,
]);

/** Any known event of the prakerja-kit event model; narrow it with `switch (event.type)`. */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The event of one type, e.g. `WebhookEventOf<'payment.authorized'>`. */
export type WebhookEventOf<Type extends WebhookEventType> = Extract<WebhookEvent, { type: Type }>;

/** True when `type` is one of {@link WEBHOOK_EVENT_TYPES}. */
export function isWebhookEventType(type: unknown): type is WebhookEventType {
  return typeof type === 'string' && Object.hasOwn(webhookEventSchemas, type);
}

// Type guards, one per event type and one per family, named after the event's type.
// Each validates the whole event against its schema, so it is safe on untrusted input.

type Guard<T> = (value: unknown) => value is T;

function guard<Schema extends z.AnySchema>(schema: Schema): Guard<z.infer<Schema>> {
  return (value: unknown): value is z.infer<Schema> => z.safeParse(schema, value).success;
}

function familyGuard<Prefix extends string>(
  prefix: Prefix,
): Guard<Extract<WebhookEvent, { type: `${Prefix}.${string}` }>> {
  return (value: unknown): value is Extract<WebhookEvent, { type: `${Prefix}.${string}` }> => {
    if (typeof value !== 'object' || value === null) return false;
    const type = (value as { type?: unknown }).type;
    return (
      isWebhookEventType(type) &&
      type.startsWith(`${prefix}.`) &&
      z.safeParse(webhookEventSchemas[type], value).success
    );
  };
}

/** True when `value` is a valid `payment.authorized` event. */
export const isPaymentAuthorizedEvent: Guard<PaymentAuthorizedEvent> = guard(
  paymentAuthorizedEventSchema,
);
/** True when `value` is a valid `payment.voided` event. */
export const isPaymentVoidedEvent: Guard<PaymentVoidedEvent> = guard(paymentVoidedEventSchema);
/** True when `value` is a valid `attendance.verified` event. */
export const isAttendanceVerifiedEvent: Guard<AttendanceVerifiedEvent> = guard(
  attendanceVerifiedEventSchema,
);
/** True when `value` is a valid `assignment.submitted` event. */
export const isAssignmentSubmittedEvent: Guard<AssignmentSubmittedEvent> = guard(
  assignmentSubmittedEventSchema,
);
/** True when `value` is a valid `assignment.reviewed` event. */
export const isAssignmentReviewedEvent: Guard<AssignmentReviewedEvent> = guard(
  assignmentReviewedEventSchema,
);
/** True when `value` is a valid `course.completed` event. */
export const isCourseCompletedEvent: Guard<CourseCompletedEvent> = guard(
  courseCompletedEventSchema,
);
/** True when `value` is a valid `incentive.disbursement_requested` event. */
export const isIncentiveDisbursementRequestedEvent: Guard<IncentiveDisbursementRequestedEvent> =
  guard(incentiveDisbursementRequestedEventSchema);
/** True when `value` is a valid `incentive.disbursement_cancelled` event. */
export const isIncentiveDisbursementCancelledEvent: Guard<IncentiveDisbursementCancelledEvent> =
  guard(incentiveDisbursementCancelledEventSchema);

/** Either payment event (`payment.*`). */
export type PaymentEvent = PaymentAuthorizedEvent | PaymentVoidedEvent;
/** The attendance event (`attendance.*`). */
export type AttendanceEvent = AttendanceVerifiedEvent;
/** Either assignment event (`assignment.*`). */
export type AssignmentEvent = AssignmentSubmittedEvent | AssignmentReviewedEvent;
/** The course event (`course.*`). */
export type CourseEvent = CourseCompletedEvent;
/** Either incentive event (`incentive.*`). */
export type IncentiveEvent =
  | IncentiveDisbursementRequestedEvent
  | IncentiveDisbursementCancelledEvent;

/** Either payment event, discriminated by `type`. */
export const paymentEventSchema = z.discriminatedUnion('type', [
  paymentAuthorizedEventSchema,
  paymentVoidedEventSchema,
]);

/** True when `value` is a valid `payment.*` event. */
export const isPaymentEvent: Guard<PaymentEvent> = familyGuard('payment');
/** True when `value` is a valid `attendance.*` event. */
export const isAttendanceEvent: Guard<AttendanceEvent> = familyGuard('attendance');
/** True when `value` is a valid `assignment.*` event. */
export const isAssignmentEvent: Guard<AssignmentEvent> = familyGuard('assignment');
/** True when `value` is a valid `course.*` event. */
export const isCourseEvent: Guard<CourseEvent> = familyGuard('course');
/** True when `value` is a valid `incentive.*` event. */
export const isIncentiveEvent: Guard<IncentiveEvent> = familyGuard('incentive');
/** True when `value` is a valid event of any known type. */
export const isWebhookEvent: Guard<WebhookEvent> = guard(webhookEventSchema);
