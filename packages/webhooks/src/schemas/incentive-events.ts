// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type {
  IncentiveDisbursementCancelledEvent,
  IncentiveDisbursementRequestedEvent,
} from '@prakerja-kit/core/events';
export {
  incentiveDisbursementCancelledEventSchema,
  incentiveDisbursementRequestedEventSchema,
} from '@prakerja-kit/core/events';
