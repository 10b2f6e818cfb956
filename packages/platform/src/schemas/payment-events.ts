import * as z from 'zod/mini';

// The SDK's event model (docs/events.md), not program behaviour: the program pushes nothing.

/** `payment.authorized`: a purchase went through (SDK event model, docs/events.md). */
export const paymentAuthorizedEventSchema = z.object({
  id: z.string(),
  type: z.literal('payment.authorized'),
  created_at: z.string(),
  data: z.object({
    invoice_code: z.string(),
    transaction_code: z.string(),
    amount: z.number(),
    course_code: z.optional(z.string()),
    schedule_code: z.optional(z.string()),
    authorized_at: z.string(),
  }),
});

/** `payment.authorized` event. */
export type PaymentAuthorizedEvent = z.infer<typeof paymentAuthorizedEventSchema>;

/** `payment.voided`: a purchase was voided (SDK event model, docs/events.md). */
export const paymentVoidedEventSchema = z.object({
  id: z.string(),
  type: z.literal('payment.voided'),
  created_at: z.string(),
  data: z.object({
    invoice_code: z.string(),
    transaction_code: z.string(),
    voided_at: z.string(),
  }),
});

/** `payment.voided` event. */
export type PaymentVoidedEvent = z.infer<typeof paymentVoidedEventSchema>;

/** Either payment event. */
export const paymentEventSchema = z.discriminatedUnion('type', [
  paymentAuthorizedEventSchema,
  paymentVoidedEventSchema,
]);

/** Either payment event. */
export type PaymentEvent = z.infer<typeof paymentEventSchema>;
