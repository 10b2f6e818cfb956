import { submissionStatusSchema } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import {
  type AssignmentScope,
  assignmentScopeSchema,
  looseIntSchema,
  redeemCodeSchema,
  SCOPE_SEQUENCE_MESSAGE,
  scopeFitsSequence,
  urlSchema,
} from './common.js';

const optionalString = z.optional(z.nullable(z.string()));
const optionalInt = z.optional(z.nullable(looseIntSchema));
const fits = z.refine<{ scope: AssignmentScope; sequence: number }>(scopeFitsSequence, {
  message: SCOPE_SEQUENCE_MESSAGE,
  path: ['sequence'],
});

/** Params of `assignments.retrieve` (`tpm/submission/status`, program-api.md §4.11). */
export const assignmentsRetrieveParamsSchema = z
  .object({ redeemCode: redeemCodeSchema, scope: assignmentScopeSchema, sequence: z.int() })
  .check(fits);

/** Params of `assignments.retrieve`. */
export type AssignmentsRetrieveParams = z.input<typeof assignmentsRetrieveParamsSchema>;

/** Params of `assignments.submit` (`tpm/submission`, program-api.md §4.9). */
export const assignmentsSubmitParamsSchema = z
  .object({
    redeemCode: redeemCodeSchema,
    scope: assignmentScopeSchema,
    sequence: z.int(),
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
    sequence: z.int(),
    notes: z.string().check(z.trim(), z.minLength(1, 'notes is required')),
    urlFile: z.optional(urlSchema),
  })
  .check(fits);

/** Params of `assignments.review`. */
export type AssignmentsReviewParams = z.input<typeof assignmentsReviewParamsSchema>;

/** Status 0-3, sent as a number or numeric string. */
const statusSchema = z.pipe(looseIntSchema, submissionStatusSchema);

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
export const submissionStatusDataSchema = z.pipe(
  z.looseObject({ assignment: sideSchema, feedback: z.optional(z.nullable(sideSchema)) }),
  z.transform((data) => ({
    assignmentStatus: data.assignment.status,
    feedbackStatus: data.feedback?.status ?? 0,
  })),
);

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
export const submissionRecordSchema = z.pipe(
  z.optional(
    z.nullable(
      z.looseObject({
        id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
        redeem_code: optionalString,
        scope: optionalString,
        sequence: optionalInt,
        status: optionalInt,
        url_file: optionalString,
        notes: optionalString,
      }),
    ),
  ),
  z.transform((data) => ({
    id: data?.id ?? undefined,
    status: data?.status ?? undefined,
    urlFile: data?.url_file ?? undefined,
    notes: data?.notes ?? undefined,
  })),
);

/** A submission or feedback record as the program returned it. */
export type SubmissionRecord = z.output<typeof submissionRecordSchema>;
