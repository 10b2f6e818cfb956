// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type { PaymentAuthorizedEvent, PaymentVoidedEvent } from '@prakerja-kit/core/events';
export { paymentAuthorizedEventSchema, paymentVoidedEventSchema } from '@prakerja-kit/core/events';
