import { ProgramErrorCode, type SubmissionStatus } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import type { SandboxClient } from '../sandbox-fixtures.js';
import { checkCompletion } from './completion.js';
import type { Engine } from './engine.js';
import { integer, parseBody, required } from './parse-body.js';
import { fail } from './program-failure.js';
import { isRedeemed, ownedRedeemCode } from './redeem-codes.js';
import type { AssignmentRecord } from './state.js';

const targetSchema = z.object({ redeem_code: required, scope: z.string(), sequence: integer });

const submissionSchema = z.extend(targetSchema, { url_file: required });

const feedbackSchema = z.extend(targetSchema, {
  notes: z.string(),
  url_file: z.optional(z.string()),
  // Not in the readable docs: the LP's verdict; omitted means accepted (README, UNCERTAIN).
  status: z.optional(z.union([z.literal(2), z.literal(3)])),
});

type Target = z.infer<typeof targetSchema>;

function checkTarget(engine: Engine, client: SandboxClient, input: Target) {
  if (input.scope !== 'tpm' && input.scope !== 'uk') fail(ProgramErrorCode.INVALID_SCOPE);
  const fits =
    input.scope === 'tpm' ? input.sequence >= 1 && input.sequence <= 998 : input.sequence === 999;
  if (!fits) fail(ProgramErrorCode.INVALID_SCOPE_SEQUENCE);
  const record = ownedRedeemCode(engine, client, input.redeem_code);
  if (!isRedeemed(record)) fail(ProgramErrorCode.REDEEM_CODE_NOT_REDEEMED);
  return { record, scope: input.scope as 'tpm' | 'uk', sequence: input.sequence };
}

function latest(
  engine: Engine,
  kind: AssignmentRecord['kind'],
  code: string,
  scope: string,
  sequence: number,
) {
  return engine.state.assignments
    .filter(
      (item) =>
        item.kind === kind &&
        item.redeemCode === code &&
        item.scope === scope &&
        item.sequence === sequence,
    )
    .at(-1);
}

function nextId(engine: Engine): number {
  engine.state.counter += 1;
  return engine.state.counter;
}

/** `tpm/submission`: records the participant's assignment (status 1, pending). */
export function submitAssignment(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(submissionSchema, body);
  const { record, scope, sequence } = checkTarget(engine, client, input);
  const now = engine.isoNow();
  const submission: AssignmentRecord = {
    id: nextId(engine),
    kind: 'submission',
    redeemCode: record.redeemCode,
    scope,
    sequence,
    urlFile: input.url_file,
    notes: null,
    status: 1,
    at: now,
  };
  engine.state.assignments.push(submission);
  engine.emit('assignment.submitted', {
    redeem_code: record.redeemCode,
    scope,
    sequence,
    status: 1,
    url_file: input.url_file,
    submitted_at: now,
  });
  return {
    id: submission.id,
    redeem_code: record.redeemCode,
    scope,
    sequence,
    status: 1,
    url_file: input.url_file,
  };
}

/** `tpm/feedback/submission`: the LP grades the latest submission (2 accepted, 3 rejected). */
export function submitFeedback(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(feedbackSchema, body);
  const { record, scope, sequence } = checkTarget(engine, client, input);
  const submission = latest(engine, 'submission', record.redeemCode, scope, sequence);
  if (!submission) fail(ProgramErrorCode.SUBMISSION_NOT_FOUND);
  const status: SubmissionStatus = input.status ?? 2;
  const now = engine.isoNow();
  submission.status = status;
  const feedback: AssignmentRecord = {
    id: nextId(engine),
    kind: 'feedback',
    redeemCode: record.redeemCode,
    scope,
    sequence,
    urlFile: input.url_file ?? null,
    notes: input.notes,
    status,
    at: now,
  };
  engine.state.assignments.push(feedback);
  engine.emit('assignment.reviewed', {
    redeem_code: record.redeemCode,
    scope,
    sequence,
    status,
    reviewed_at: now,
  });
  checkCompletion(engine, record);
  return {
    id: feedback.id,
    redeem_code: record.redeemCode,
    scope,
    sequence,
    status,
    url_file: feedback.urlFile,
    notes: input.notes,
  };
}

/** `tpm/submission/status`: latest assignment and feedback status (0 when none). */
export function assignmentStatus(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(targetSchema, body);
  const { record, scope, sequence } = checkTarget(engine, client, input);
  const base = { redeem_code: record.redeemCode, scope, sequence };
  return {
    assignment: {
      ...base,
      status: latest(engine, 'submission', record.redeemCode, scope, sequence)?.status ?? 0,
    },
    feedback: {
      ...base,
      status: latest(engine, 'feedback', record.redeemCode, scope, sequence)?.status ?? 0,
    },
  };
}
