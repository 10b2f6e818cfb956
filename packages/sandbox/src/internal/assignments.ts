import { ProgramErrorCode } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import type { SandboxClient } from '../sandbox-fixtures.js';
import { checkCompletion } from './completion.js';
import type { Engine } from './engine.js';
import { integer, parseBody, required } from './parse-body.js';
import { ControlFailure, fail } from './program-failure.js';
import { isRedeemed, ownedRedeemCode } from './redeem-codes.js';
import type { AssignmentRecord } from './state.js';

const targetSchema = z.object({ redeem_code: required, scope: z.string(), sequence: integer });

const submissionSchema = z.extend(targetSchema, { url_file: required });

// As documented (program-api.md §4.10): grading notes and an optional file, no verdict. Unknown
// fields (an old client's `status`, say) are dropped by the parse and never decide anything.
const feedbackSchema = z.extend(targetSchema, {
  notes: z.string(),
  url_file: z.optional(z.string()),
});

/**
 * What the sandbox does once the LP's feedback arrives: `manual` keeps the submission pending
 * (status 1) until `control.assignments.accept`/`reject`; `accept` and `reject` give that verdict
 * at once, standing in for the program's own review.
 */
export type AssignmentVerdictPolicy = 'manual' | 'accept' | 'reject';

/** The policy when `createSandbox` gets none: `accept`, so the demo and the examples complete. */
export const DEFAULT_VERDICT_POLICY: AssignmentVerdictPolicy = 'accept';

const policies = new WeakMap<Engine, AssignmentVerdictPolicy>();

/** Sets the verdict policy of one sandbox (kept beside the engine: it is an option, not state). */
export function setVerdictPolicy(engine: Engine, policy: AssignmentVerdictPolicy): void {
  policies.set(engine, policy);
}

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

/** The latest feedback given on `submission` (feedback on an older submission does not count). */
function feedbackOn(engine: Engine, submission: AssignmentRecord): AssignmentRecord | undefined {
  const feedback = latest(
    engine,
    'feedback',
    submission.redeemCode,
    submission.scope,
    submission.sequence,
  );
  return feedback && feedback.id > submission.id ? feedback : undefined;
}

/**
 * Gives the program's verdict on the latest submission of a target: its status and its
 * feedback's become 2 (accepted) or 3 (rejected), `assignment.reviewed` carries the verdict, and
 * completion is checked. Only a pending submission with feedback can be decided.
 */
export function decideAssignment(
  engine: Engine,
  target: { redeemCode: string; scope: 'tpm' | 'uk'; sequence: number },
  verdict: 2 | 3,
): { submission: AssignmentRecord; feedback: AssignmentRecord } {
  const name = `${target.redeemCode} ${target.scope} ${target.sequence}`;
  const record = engine.state.redeemCodes[target.redeemCode];
  if (!record) throw new ControlFailure(`no redeem code "${target.redeemCode}"`, 404);
  const submission = latest(engine, 'submission', target.redeemCode, target.scope, target.sequence);
  if (!submission) throw new ControlFailure(`no submission for ${name}`, 404);
  const feedback = feedbackOn(engine, submission);
  if (!feedback) {
    throw new ControlFailure(
      `the latest submission for ${name} has no feedback yet: the LP sends tpm/feedback/submission first`,
      409,
    );
  }
  if (submission.status !== 1) {
    throw new ControlFailure(
      `the latest submission for ${name} is already ${submission.status === 2 ? 'accepted' : 'rejected'}`,
      409,
    );
  }
  submission.status = verdict;
  feedback.status = verdict;
  engine.emit('assignment.reviewed', {
    redeem_code: submission.redeemCode,
    scope: submission.scope,
    sequence: submission.sequence,
    status: verdict,
    reviewed_at: engine.isoNow(),
  });
  checkCompletion(engine, record);
  return { submission, feedback };
}

/**
 * `tpm/feedback/submission`: records the LP's grading notes on the latest submission. Feedback is
 * not a verdict: the submission stays pending (1) until the program decides, by the control plane
 * or the sandbox's verdict policy. Feedback on an already decided submission is recorded with
 * that verdict and changes nothing.
 */
export function submitFeedback(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(feedbackSchema, body);
  const { record, scope, sequence } = checkTarget(engine, client, input);
  const submission = latest(engine, 'submission', record.redeemCode, scope, sequence);
  if (!submission) fail(ProgramErrorCode.SUBMISSION_NOT_FOUND);
  const feedback: AssignmentRecord = {
    id: nextId(engine),
    kind: 'feedback',
    redeemCode: record.redeemCode,
    scope,
    sequence,
    urlFile: input.url_file ?? null,
    notes: input.notes,
    status: submission.status === 1 ? 1 : submission.status,
    at: engine.isoNow(),
  };
  engine.state.assignments.push(feedback);
  const policy = policies.get(engine) ?? DEFAULT_VERDICT_POLICY;
  if (submission.status === 1 && policy !== 'manual') {
    decideAssignment(
      engine,
      { redeemCode: record.redeemCode, scope, sequence },
      policy === 'accept' ? 2 : 3,
    );
  }
  return {
    id: feedback.id,
    redeem_code: record.redeemCode,
    scope,
    sequence,
    status: feedback.status,
    url_file: feedback.urlFile,
    notes: input.notes,
  };
}

/**
 * `tpm/submission/status`: the latest submission's status (the program's verdict: 1 pending,
 * 2 accepted, 3 rejected; 0 none) and its feedback's (1 received and pending, then the verdict;
 * 0 none).
 */
export function assignmentStatus(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(targetSchema, body);
  const { record, scope, sequence } = checkTarget(engine, client, input);
  const base = { redeem_code: record.redeemCode, scope, sequence };
  const submission = latest(engine, 'submission', record.redeemCode, scope, sequence);
  return {
    assignment: { ...base, status: submission?.status ?? 0 },
    feedback: { ...base, status: (submission && feedbackOn(engine, submission)?.status) ?? 0 },
  };
}
