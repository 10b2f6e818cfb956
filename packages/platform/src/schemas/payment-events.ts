// The event model lives in @prakerja-kit/core/events (one definition for every package);
// re-exported for imports of this module.
export type {
  PaymentAuthorizedEvent,
  PaymentEvent,
  PaymentVoidedEvent,
} from '@prakerja-kit/core/events';
export {
  paymentAuthorizedEventSchema,
  paymentEventSchema,
  paymentVoidedEventSchema,
} from '@prakerja-kit/core/events';
