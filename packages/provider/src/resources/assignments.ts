import { ProgramPath, type RequestOptions } from '@prakerja-kit/core';
import { parseParams } from '@prakerja-kit/core/internal';
import type { ProviderContext } from '../internal/context.js';
import {
  type AssignmentsRetrieveParams,
  type AssignmentsReviewParams,
  type AssignmentsSubmitParams,
  assignmentsRetrieveParamsSchema,
  assignmentsReviewParamsSchema,
  assignmentsSubmitParamsSchema,
  type SubmissionRecord,
  type SubmissionState,
  submissionRecordSchema,
  submissionStatusDataSchema,
  toSubmissionRecord,
  toSubmissionStatuses,
} from '../schemas/assignments.js';

/**
 * Assignments: TPM (Tugas Praktik Mandiri, self-directed practical tasks, sequences 1-998) and
 * UK (Unjuk Keterampilan, the skills test, sequence 999).
 */
export interface AssignmentsResource {
  /**
   * Sends the participant's submission (`POST /api/v1/integration/tpm/submission`).
   *
   * Known only from public integrations: the program's page for it is not readable
   * (program-api.md §4.9). Not idempotent: each call creates a new submission record, and a
   * failure with `maybeProcessed` should be reconciled with `retrieve` before sending again.
   *
   * @example
   * await client.assignments.submit({ redeemCode, scope: 'tpm', sequence: 1, urlFile: 'https://lp.example/t1.pdf' });
   */
  submit(params: AssignmentsSubmitParams, options?: RequestOptions): Promise<SubmissionRecord>;
  /**
   * Sends the LP's grading notes on a submission: "Feedback LP"
   * (`POST /api/v1/integration/tpm/feedback/submission`).
   *
   * Only the documented fields are sent: `notes` and, optionally, `urlFile` (one attachment URL;
   * put several video links in one `.txt`/`.md` file, program-api.md §4.10). Feedback is not a
   * verdict: the program decides whether the assignment is accepted, and `retrieve` reports it
   * (`assignmentState: 'accepted'`). The returned record echoes what the program answered.
   *
   * @example
   * await client.assignments.review({ redeemCode, scope: 'uk', sequence: 999, notes: 'Rubrik terpenuhi' });
   */
  review(params: AssignmentsReviewParams, options?: RequestOptions): Promise<SubmissionRecord>;
  /**
   * Status of the participant's submission and of the LP's feedback
   * (`POST /api/v1/integration/tpm/submission/status`): the program's verdict.
   *
   * Raw statuses are kept as integers; `assignmentState`/`feedbackState` name them: `none` (0),
   * `pending` (1), `accepted` (2), `rejected` (3), and `unknown` for any other integer (the table
   * is UNCERTAIN, program-api.md §4.11). An unknown value is reported, never refused.
   *
   * @example
   * const { assignmentState } = await client.assignments.retrieve({ redeemCode, scope: 'uk', sequence: 999 });
   * if (assignmentState === 'accepted') markPassed();
   */
  retrieve(params: AssignmentsRetrieveParams, options?: RequestOptions): Promise<SubmissionState>;
}

/** Builds the assignments resource. */
export function createAssignmentsResource(context: ProviderContext): AssignmentsResource {
  const { transport } = context;
  return {
    async submit(params, options) {
      const input = parseParams(assignmentsSubmitParamsSchema, params, ProgramPath.TPM_SUBMISSION);
      const response = await transport.request({
        method: 'POST',
        path: ProgramPath.TPM_SUBMISSION,
        body: {
          redeem_code: input.redeemCode,
          scope: input.scope,
          sequence: input.sequence,
          url_file: input.urlFile,
        },
        readOnly: false,
        data: submissionRecordSchema,
        options,
      });
      return toSubmissionRecord(response.data);
    },

    async review(params, options) {
      const input = parseParams(assignmentsReviewParamsSchema, params, ProgramPath.TPM_FEEDBACK);
      const response = await transport.request({
        method: 'POST',
        path: ProgramPath.TPM_FEEDBACK,
        body: {
          redeem_code: input.redeemCode,
          scope: input.scope,
          sequence: input.sequence,
          notes: input.notes,
          ...(input.urlFile === undefined ? {} : { url_file: input.urlFile }),
        },
        readOnly: false,
        data: submissionRecordSchema,
        options,
      });
      return toSubmissionRecord(response.data);
    },

    async retrieve(params, options) {
      const input = parseParams(assignmentsRetrieveParamsSchema, params, ProgramPath.TPM_STATUS);
      const response = await transport.request({
        method: 'POST',
        path: ProgramPath.TPM_STATUS,
        body: { redeem_code: input.redeemCode, scope: input.scope, sequence: input.sequence },
        readOnly: true,
        data: submissionStatusDataSchema,
        options,
      });
      return {
        redeemCode: input.redeemCode,
        scope: input.scope,
        sequence: input.sequence,
        ...toSubmissionStatuses(response.data),
      };
    },
  };
}
