import * as z from 'zod/mini';
import {
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
} from './assignment-events.js';
import { attendanceVerifiedEventSchema } from './attendance-events.js';
import { courseCompletedEventSchema } from './course-events.js';
import {
  incentiveDisbursementCancelledEventSchema,
  incentiveDisbursementRequestedEventSchema,
} from './incentive-events.js';
import { paymentAuthorizedEventSchema, paymentVoidedEventSchema } from './payment-events.js';

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
