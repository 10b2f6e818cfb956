import * as z from '../schema/index.js';
import { eventSchema, instantSchema } from './envelope.js';

/** `payment.authorized`: the participant's payment went through (for the DP). */
export const paymentAuthorizedEventSchema = eventSchema(
  'payment.authorized',
  z.object({
    invoice_code: z.string(),
    transaction_code: z.string(),
    amount: z.number(),
    // A watcher built on payment/status does not know the course or schedule (docs/events.md).
    course_code: z.optional(z.string()),
    schedule_code: z.optional(z.string()),
    authorized_at: instantSchema,
  }),
);

/** `payment.voided`: an authorised payment was voided (for the DP). */
export const paymentVoidedEventSchema = eventSchema(
  'payment.voided',
  z.object({
    invoice_code: z.string(),
    transaction_code: z.string(),
    voided_at: instantSchema,
  }),
);

/** A `payment.authorized` event. */
export type PaymentAuthorizedEvent = z.infer<typeof paymentAuthorizedEventSchema>;
/** A `payment.voided` event. */
export type PaymentVoidedEvent = z.infer<typeof paymentVoidedEventSchema>;
