// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type { CourseCompletedEvent } from '@prakerja-kit/core/events';
export { courseCompletedEventSchema } from '@prakerja-kit/core/events';
