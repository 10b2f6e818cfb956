// The event model lives in @prakerja-kit/core/events; re-exported for imports of this module.
export type { AssignmentReviewedEvent, AssignmentSubmittedEvent } from '@prakerja-kit/core/events';
export {
  assignmentReviewedEventSchema,
  assignmentSubmittedEventSchema,
} from '@prakerja-kit/core/events';
