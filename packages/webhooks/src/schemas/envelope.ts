// The event envelope lives in @prakerja-kit/core/events; re-exported for imports of this module.
export {
  eventIdSchema,
  eventSchema,
  instantSchema,
  utcInstantSchema,
} from '@prakerja-kit/core/events';
