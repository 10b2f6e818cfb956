import * as z from '@prakerja-kit/core/internal/schema';
import {
  type AssignmentScope,
  assignmentScopeSchema,
  describeValue,
  integerSchema,
  isLooseInt,
  optionalIntSchema as optionalInt,
  optionalStringSchema as optionalString,
  redeemCodeSchema,
  requiredString,
  SCOPE_SEQUENCE_MESSAGE,
  scopeFitsSequence,
  toInt,
  urlSchema,
} from './common.js';

const fits = z.refine<{ scope: AssignmentScope; sequence: number }>(scopeFitsSequence, {
  error: (issue) => {
    const input = issue.input as { scope: AssignmentScope; sequence: number };
    return `${SCOPE_SEQUENCE_MESSAGE}, received ${describeValue(input.sequence)} with scope "${input.scope}"`;
  },
  path: ['sequence'],
});

/** Params of `assignments.retrieve` (`tpm/submission/status`, program-api.md §4.11). */
export const assignmentsRetrieveParamsSchema = z
  .object({ redeemCode: redeemCodeSchema, scope: assignmentScopeSchema, sequence: integerSchema })
  .check(fits);

/** Params of `assignments.retrieve`. */
export type AssignmentsRetrieveParams = z.input<typeof assignmentsRetrieveParamsSchema>;

/** Params of `assignments.submit` (`tpm/submission`, program-api.md §4.9). */
export const assignmentsSubmitParamsSchema = z
  .object({
    redeemCode: redeemCodeSchema,
    scope: assignmentScopeSchema,
    sequence: integerSchema,
    urlFile: urlSchema,
  })
  .check(fits);

/** Params of `assignments.submit`. */
export type AssignmentsSubmitParams = z.input<typeof assignmentsSubmitParamsSchema>;

/**
 * Params of `assignments.review` (`tpm/feedback/submission`, program-api.md §4.10): the documented
 * fields only, grading `notes` and an optional `urlFile`. There is no verdict field.
 */
export const assignmentsReviewParamsSchema = z
  .object({
    redeemCode: redeemCodeSchema,
    scope: assignmentScopeSchema,
    sequence: integerSchema,
    notes: requiredString('expected non-empty grading notes'),
    urlFile: z.optional(urlSchema),
  })
  .check(fits);

/** Params of `assignments.review`. */
export type AssignmentsReviewParams = z.input<typeof assignmentsReviewParamsSchema>;

/**
 * A submission status, as a number or a numeric string. Any integer is read: the 0-3 table comes
 * from one integrator (program-api.md §4.11, UNCERTAIN), so a value outside it is reported as
 * `unknown`, never refused.
 */
const statusSchema = z.custom<number | string>(
  isLooseInt,
  'expected an integer submission status (a number or a numeric string)',
);

const sideSchema = z.looseObject({
  redeem_code: optionalString,
  scope: optionalString,
  sequence: optionalInt,
  status: statusSchema,
});

/**
 * `data` of `tpm/submission/status`: the participant's assignment and the LP's feedback, each
 * with an integer status (`0` not submitted, `1` pending, `2` accepted, `3` rejected per §4.11's
 * UNCERTAIN table; other values are read as unknown).
 */
export const submissionStatusDataSchema = z.looseObject({
  assignment: sideSchema,
  feedback: z.optional(z.nullable(sideSchema)),
});

/**
 * What a submission status means: `none` (0, not submitted), `pending` (1), `accepted` (2),
 * `rejected` (3), or `unknown` for any other integer (the table is UNCERTAIN, program-api.md
 * §4.11); an unknown value is never read as accepted or as not accepted.
 */
export type SubmissionStateName = 'none' | 'pending' | 'accepted' | 'rejected' | 'unknown';

const STATE_NAMES: Readonly<Record<number, SubmissionStateName>> = {
  0: 'none',
  1: 'pending',
  2: 'accepted',
  3: 'rejected',
};

/** The meaning of a raw submission status; `unknown` outside 0-3. */
export function submissionStateName(status: number): SubmissionStateName {
  return STATE_NAMES[status] ?? 'unknown';
}

/** Maps {@link submissionStatusDataSchema} output to the two raw statuses and their meanings. */
export function toSubmissionStatuses(data: z.output<typeof submissionStatusDataSchema>): {
  assignmentStatus: number;
  assignmentState: SubmissionStateName;
  feedbackStatus: number;
  feedbackState: SubmissionStateName;
} {
  const assignmentStatus = Number(data.assignment.status);
  const feedbackStatus = data.feedback ? Number(data.feedback.status) : 0;
  return {
    assignmentStatus,
    assignmentState: submissionStateName(assignmentStatus),
    feedbackStatus,
    feedbackState: submissionStateName(feedbackStatus),
  };
}

/**
 * Assignment and feedback status of one TPM or UK, as `tpm/submission/status` reports them.
 *
 * The program's verdict on the assignment is `assignmentState` (`accepted` = status 2): the LP's
 * feedback is grading notes, and giving it accepts nothing.
 */
export interface SubmissionState {
  /** The redeem code asked about. */
  redeemCode: string;
  /** `tpm` (Tugas Praktik Mandiri) or `uk` (Unjuk Keterampilan). */
  scope: AssignmentScope;
  /** 1-998 for `tpm`, 999 for `uk`. */
  sequence: number;
  /** The participant's submission, raw: `0` none, `1` pending, `2` accepted, `3` rejected, or another integer. */
  assignmentStatus: number;
  /** The program's verdict on the submission; `unknown` for a status outside 0-3. */
  assignmentState: SubmissionStateName;
  /** The LP's feedback, raw: `0` none, `1` pending, `2` accepted, `3` rejected, or another integer. */
  feedbackStatus: number;
  /** What the feedback status means; `unknown` for a status outside 0-3. */
  feedbackState: SubmissionStateName;
}

/**
 * `data` of `tpm/submission` and `tpm/feedback/submission`. Known only from a public integration
 * (program-api.md §4.9-§4.10), so every field is optional.
 */
export const submissionRecordSchema = z.optional(
  z.nullable(
    z.looseObject({
      id: z.optional(
        z.nullable(
          z.custom<number | string>(
            (value) => typeof value === 'number' || typeof value === 'string',
            'expected a number or a string',
          ),
        ),
      ),
      redeem_code: optionalString,
      scope: optionalString,
      sequence: optionalInt,
      status: optionalInt,
      url_file: optionalString,
      notes: optionalString,
    }),
  ),
);

/** Maps {@link submissionRecordSchema} output to camelCase. */
export function toSubmissionRecord(data: z.output<typeof submissionRecordSchema>) {
  return {
    id: data?.id ?? undefined,
    status: toInt(data?.status),
    urlFile: data?.url_file ?? undefined,
    notes: data?.notes ?? undefined,
  };
}

/** A submission or feedback record as the program returned it. */
export type SubmissionRecord = ReturnType<typeof toSubmissionRecord>;
