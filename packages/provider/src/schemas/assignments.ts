import type { SubmissionStatus } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import {
  type AssignmentScope,
  assignmentScopeSchema,
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
  message: SCOPE_SEQUENCE_MESSAGE,
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

/** Params of `assignments.review` (`tpm/feedback/submission`, program-api.md §4.10). */
export const assignmentsReviewParamsSchema = z
  .object({
    redeemCode: redeemCodeSchema,
    scope: assignmentScopeSchema,
    sequence: integerSchema,
    notes: requiredString('notes is required'),
    urlFile: z.optional(urlSchema),
  })
  .check(fits);

/** Params of `assignments.review`. */
export type AssignmentsReviewParams = z.input<typeof assignmentsReviewParamsSchema>;

/** Status 0-3, sent as a number or numeric string; `Number()` normalises it. */
const statusSchema = z.custom<number | string>(
  (value) => isLooseInt(value) && [0, 1, 2, 3].includes(Number(value)),
  'expected a submission status 0-3',
);

const sideSchema = z.looseObject({
  redeem_code: optionalString,
  scope: optionalString,
  sequence: optionalInt,
  status: statusSchema,
});

/**
 * `data` of `tpm/submission/status`: the participant's assignment and the LP's feedback, each
 * with status `0` not submitted, `1` pending, `2` accepted, `3` rejected (§4.11, UNCERTAIN enum).
 */
export const submissionStatusDataSchema = z.looseObject({
  assignment: sideSchema,
  feedback: z.optional(z.nullable(sideSchema)),
});

/** Maps {@link submissionStatusDataSchema} output to the two statuses. */
export function toSubmissionStatuses(data: z.output<typeof submissionStatusDataSchema>): {
  assignmentStatus: SubmissionStatus;
  feedbackStatus: SubmissionStatus;
} {
  return {
    assignmentStatus: Number(data.assignment.status) as SubmissionStatus,
    feedbackStatus: (data.feedback ? Number(data.feedback.status) : 0) as SubmissionStatus,
  };
}

/** Assignment and feedback status of one TPM or UK. */
export interface SubmissionState {
  redeemCode: string;
  scope: 'tpm' | 'uk';
  sequence: number;
  /** The participant's submission: `0` none, `1` pending, `2` accepted, `3` rejected. */
  assignmentStatus: 0 | 1 | 2 | 3;
  /** The LP's feedback: `0` none, `1` pending, `2` accepted, `3` rejected. */
  feedbackStatus: 0 | 1 | 2 | 3;
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
