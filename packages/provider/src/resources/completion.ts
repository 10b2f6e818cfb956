import {
  isPrakerjaError,
  mapConcurrent,
  type PrakerjaError,
  type RequestOptions,
  RequestValidationError,
} from '@prakerja-kit/core';
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
  /** Participant submission: `0` none, `1` pending, `2` accepted, `3` rejected. */
  assignmentStatus: 0 | 1 | 2 | 3;
  /** LP feedback: `0` none, `1` pending, `2` accepted, `3` rejected. */
  feedbackStatus: 0 | 1 | 2 | 3;
  /** The program error for this assignment, if its status call failed. */
  error?: PrakerjaError | undefined;
}

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
   * Post-test verified and UK feedback accepted (status `2`).
   *
   * Modelled, not documented: the program has no completion API and does not say how it
   * derives completion (program-api.md §2.8). This is the SDK's `course.completed` rule
   * (docs/events.md).
   */
  complete: boolean;
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
   * if (progress.complete) issueCertificate();
   */
  retrieve(params: CompletionRetrieveParams, options?: RequestOptions): Promise<CourseProgress>;
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
          return {
            sequence: job.sequence,
            assignmentStatus: state.assignmentStatus,
            feedbackStatus: state.feedbackStatus,
          };
        } catch (error) {
          return {
            sequence: job.sequence,
            assignmentStatus: 0 as const,
            feedbackStatus: 0 as const,
            error: settle(error),
          };
        }
      });
      const attendanceCount = attendanceSequences.length;
      const attendanceResults = results.slice(0, attendanceCount) as SequenceProgress[];
      const postTest = results[attendanceCount] as SequenceProgress;
      const tpm = results.slice(attendanceCount + 1, -1) as AssignmentProgress[];
      const uk = results[results.length - 1] as AssignmentProgress;
      return {
        redeemCode: params.redeemCode,
        courseCode,
        attendance: attendanceResults,
        postTest,
        tpm,
        uk,
        complete: postTest.verified && uk.feedbackStatus === 2,
        partial,
      };
    },
  };
}
