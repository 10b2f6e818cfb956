import {
  isPrakerjaError,
  type PrakerjaError,
  type RequestOptions,
  RequestValidationError,
} from '@prakerja-kit/core';
import { mapConcurrent } from '@prakerja-kit/core/internal';
import type { SubmissionStateName } from '../schemas/assignments.js';
import type { AssignmentsResource } from './assignments.js';
import type { AttendanceResource } from './attendance.js';

/** Params of `completion.retrieve`. */
export interface CompletionRetrieveParams {
  /** The participant's redeem code. */
  redeemCode: string;
  /**
   * Attendance sequences of the course besides the post-test: `1` (redeem) and `2`-`10`.
   * The program has no call that lists them, so the LP passes its course plan.
   * @default [1]
   */
  attendanceSequences?: readonly number[] | undefined;
  /**
   * TPM (Tugas Praktik Mandiri) sequences of the course, 1-998.
   * @default []
   */
  tpmSequences?: readonly number[] | undefined;
  /**
   * Status calls in flight at once.
   * @default 4
   */
  concurrency?: number | undefined;
}

/** Attendance of one sequence in a progress report. */
export interface SequenceProgress {
  sequence: number;
  /** `attendance_status` is `1`. */
  verified: boolean;
  /** The raw `attendance_status`, when the call succeeded. */
  attendanceStatus: number | undefined;
  /** The program error for this sequence, if its status call failed. */
  error?: PrakerjaError | undefined;
}

/** Status of one TPM or UK in a progress report. */
export interface AssignmentProgress {
  sequence: number;
  /** Participant submission, raw: `0` none, `1` pending, `2` accepted, `3` rejected, or another integer. */
  assignmentStatus: number;
  /**
   * The program's verdict on the submission: `none`, `pending`, `accepted`, `rejected`, or
   * `unknown` (a status outside 0-3, or the status call failed).
   */
  assignmentState: SubmissionStateName;
  /** LP feedback, raw: `0` none, `1` pending, `2` accepted, `3` rejected, or another integer. */
  feedbackStatus: number;
  /** What the feedback status means; `unknown` outside 0-3 or when the call failed. */
  feedbackState: SubmissionStateName;
  /** The program error for this assignment, if its status call failed. */
  error?: PrakerjaError | undefined;
}

/**
 * Whether a course is complete: `complete` and `incomplete` rest on what the program said
 * (`attendance_status` of the post-test, the UK verdict); `unknown` when a fact is missing (a
 * failed status call, a missing `attendance_status`) or not understood (a submission status
 * outside 0-3).
 */
export type CompletionAnswer = 'complete' | 'incomplete' | 'unknown';

/** A participant's progress through a course, from one call. */
export interface CourseProgress {
  redeemCode: string;
  /** From the first successful attendance status call. */
  courseCode: string | undefined;
  /** Attendance sequences (redeem and sessions), in the order asked. */
  attendance: SequenceProgress[];
  /** Post-test (sequence 999). */
  postTest: SequenceProgress;
  /** TPM (Tugas Praktik Mandiri), in the order asked. */
  tpm: AssignmentProgress[];
  /** UK (Unjuk Keterampilan, the skills test, sequence 999). */
  uk: AssignmentProgress;
  /**
   * `complete` when the post-test is verified (`attendance_status` 1) and the program accepted
   * the UK (assignment status 2, its feedback status 2 as well); `incomplete` when the program
   * said otherwise (post-test not verified, or the UK assignment not submitted, pending or
   * rejected); `unknown` when a status call failed, a status is not understood (outside 0-3), or
   * the UK assignment is accepted while its feedback status is not. The LP's feedback never makes a course complete.
   *
   * Modelled, not documented: the program has no completion API and does not say how it
   * derives completion (program-api.md §2.8). This is the SDK's `course.completed` rule
   * (docs/events.md).
   */
  completion: CompletionAnswer;
  /**
   * `completion` as a boolean: `true` complete, `false` incomplete, `undefined` unknown (so
   * `if (progress.complete)` never treats an unknown as complete).
   */
  complete: boolean | undefined;
  /** True when any status call failed: the report is partial. */
  partial: boolean;
}

/** Course progress and completion for a redeem code. */
export interface CompletionResource {
  /**
   * Reports in one call which sequences are verified, the post-test, the TPM and UK statuses,
   * and whether the course is complete. Status calls run with bounded concurrency; a call that
   * fails with a program error is reported on its item (and `partial`), not thrown.
   *
   * @example
   * const progress = await client.completion.retrieve({ redeemCode, attendanceSequences: [1, 2, 3], tpmSequences: [1, 2] });
   * if (progress.completion === 'complete') issueCertificate();
   * else if (progress.completion === 'unknown') retryLater(); // a status call failed or was not understood
   */
  retrieve(params: CompletionRetrieveParams, options?: RequestOptions): Promise<CourseProgress>;
}

type Fact = 'yes' | 'no' | 'unknown';

/** The completion rule on documented facts only (see {@link CourseProgress.completion}). */
export function completionOf(postTest: SequenceProgress, uk: AssignmentProgress): CompletionAnswer {
  const verified: Fact =
    postTest.error || postTest.attendanceStatus === undefined
      ? 'unknown'
      : postTest.verified
        ? 'yes'
        : 'no';
  // The program "checks whether the assignment and the feedback were accepted" (§4.11): an
  // assignment not accepted is not; accepted with its feedback accepted is; anything in between
  // is not something the documentation decides.
  const accepted: Fact =
    uk.error || uk.assignmentState === 'unknown'
      ? 'unknown'
      : uk.assignmentState !== 'accepted'
        ? 'no'
        : uk.feedbackState === 'accepted'
          ? 'yes'
          : 'unknown';
  if (verified === 'no' || accepted === 'no') return 'incomplete';
  if (verified === 'yes' && accepted === 'yes') return 'complete';
  return 'unknown';
}

type Job =
  | { kind: 'attendance'; sequence: number }
  | { kind: 'assignment'; scope: 'tpm' | 'uk'; sequence: number };

/** Builds the completion resource on top of attendance and assignments. */
export function createCompletionResource(
  attendance: AttendanceResource,
  assignments: AssignmentsResource,
): CompletionResource {
  return {
    async retrieve(params, options) {
      const attendanceSequences = [...new Set(params.attendanceSequences ?? [1])].filter(
        (sequence) => sequence !== 999,
      );
      const tpmSequences = [...new Set(params.tpmSequences ?? [])];
      const jobs: Job[] = [
        ...attendanceSequences.map((sequence) => ({ kind: 'attendance' as const, sequence })),
        { kind: 'attendance', sequence: 999 },
        ...tpmSequences.map((sequence) => ({
          kind: 'assignment' as const,
          scope: 'tpm' as const,
          sequence,
        })),
        { kind: 'assignment', scope: 'uk', sequence: 999 },
      ];
      let courseCode: string | undefined;
      let partial = false;
      const settle = (error: unknown): PrakerjaError => {
        // Bad input is the caller's bug, not a partial report.
        if (!isPrakerjaError(error) || error instanceof RequestValidationError) throw error;
        partial = true;
        return error;
      };
      const results = await mapConcurrent(jobs, params.concurrency ?? 4, async (job) => {
        if (job.kind === 'attendance') {
          try {
            const status = await attendance.retrieve(
              { redeemCode: params.redeemCode, sequence: job.sequence },
              options,
            );
            courseCode ??= status.courseCode;
            return {
              sequence: job.sequence,
              verified: status.verified,
              attendanceStatus: status.attendanceStatus,
            };
          } catch (error) {
            return {
              sequence: job.sequence,
              verified: false,
              attendanceStatus: undefined,
              error: settle(error),
            };
          }
        }
        try {
          const state = await assignments.retrieve(
            { redeemCode: params.redeemCode, scope: job.scope, sequence: job.sequence },
            options,
          );
          const progress: AssignmentProgress = {
            sequence: job.sequence,
            assignmentStatus: state.assignmentStatus,
            assignmentState: state.assignmentState,
            feedbackStatus: state.feedbackStatus,
            feedbackState: state.feedbackState,
          };
          return progress;
        } catch (error) {
          const progress: AssignmentProgress = {
            sequence: job.sequence,
            assignmentStatus: 0,
            assignmentState: 'unknown',
            feedbackStatus: 0,
            feedbackState: 'unknown',
            error: settle(error),
          };
          return progress;
        }
      });
      const attendanceCount = attendanceSequences.length;
      const attendanceResults = results.slice(0, attendanceCount) as SequenceProgress[];
      const postTest = results[attendanceCount] as SequenceProgress;
      const tpm = results.slice(attendanceCount + 1, -1) as AssignmentProgress[];
      const uk = results[results.length - 1] as AssignmentProgress;
      const completion = completionOf(postTest, uk);
      return {
        redeemCode: params.redeemCode,
        courseCode,
        attendance: attendanceResults,
        postTest,
        tpm,
        uk,
        completion,
        complete: completion === 'unknown' ? undefined : completion === 'complete',
        partial,
      };
    },
  };
}
