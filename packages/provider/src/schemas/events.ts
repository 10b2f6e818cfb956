// The event model lives in @prakerja-kit/core/events (schemas, inferred types, guards);
// re-exported for imports of this module.
import type {
  AssignmentReviewedEvent,
  AssignmentSubmittedEvent,
  AttendanceVerifiedEvent,
  CourseCompletedEvent,
} from '@prakerja-kit/core/events';

export type {
  AssignmentReviewedEvent,
  AssignmentSubmittedEvent,
  AttendanceVerifiedEvent,
  CourseCompletedEvent,
} from '@prakerja-kit/core/events';

/** Any event the provider status watcher emits. */
export type ProviderEvent =
  | AttendanceVerifiedEvent
  | AssignmentSubmittedEvent
  | AssignmentReviewedEvent
  | CourseCompletedEvent;
