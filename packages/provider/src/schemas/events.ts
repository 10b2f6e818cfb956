/**
 * Events the status watcher emits, in the SDK's event model (docs/events.md). Modelled, not
 * program behaviour: the program pushes nothing, the watcher derives these from polling.
 */
interface EventEnvelope<Type extends string, Data> {
  /** `evt_` + 26 characters, derived from the observed state: the same state, the same id. */
  id: string;
  type: Type;
  /** ISO-8601 UTC, when the watcher emitted it. */
  created_at: string;
  data: Data;
}

/** A sequence was verified (`attendance_status` became `1`). */
export type AttendanceVerifiedEvent = EventEnvelope<
  'attendance.verified',
  { redeem_code: string; course_code: string; sequence: number; verified_at: string }
>;

/** The participant's TPM or UK submission reached a non-zero status. */
export type AssignmentSubmittedEvent = EventEnvelope<
  'assignment.submitted',
  {
    redeem_code: string;
    scope: 'tpm' | 'uk';
    sequence: number;
    status: 0 | 1 | 2 | 3;
    url_file?: string;
    submitted_at: string;
  }
>;

/**
 * The program gave its verdict on a TPM or UK: `status` 2 accepted or 3 rejected (the LP's
 * feedback alone is not a review).
 */
export type AssignmentReviewedEvent = EventEnvelope<
  'assignment.reviewed',
  {
    redeem_code: string;
    scope: 'tpm' | 'uk';
    sequence: number;
    status: 0 | 1 | 2 | 3;
    reviewed_at: string;
  }
>;

/** The post-test is verified and the program accepted the UK (its verdict, status 2). */
export type CourseCompletedEvent = EventEnvelope<
  'course.completed',
  { redeem_code: string; course_code: string; completed_at: string }
>;

/** Any event the provider status watcher emits. */
export type ProviderEvent =
  | AttendanceVerifiedEvent
  | AssignmentSubmittedEvent
  | AssignmentReviewedEvent
  | CourseCompletedEvent;
