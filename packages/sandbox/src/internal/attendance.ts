import { ProgramErrorCode } from '@prakerja-kit/core';
import * as z from 'zod/mini';
import type { SandboxClient } from '../sandbox-fixtures.js';
import { checkCompletion } from './completion.js';
import type { Engine } from './engine.js';
import { integer, parseBody, required } from './parse-body.js';
import { ControlFailure, fail } from './program-failure.js';
import { Alphabet } from './random.js';
import {
  checkRedeemWindow,
  describeRedeemCode,
  isRedeemed,
  isValidSequence,
  ownedRedeemCode,
} from './redeem-codes.js';
import { isRegisteredRedirectUri, withQuery } from './redirect-uris.js';
import { applyInitialAttendance, type VerificationRecord } from './state.js';

const urlGenerateSchema = z.object({
  redeem_code: required,
  redirect_uri: required,
  email: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/)),
  sequence: z.optional(integer),
});

const statusSchema = z.object({ redeem_code: required, sequence: z.optional(integer) });

const codeOnlySchema = z.object({ redeem_code: required });

/** Path of the verification page (served by the sandbox, standing in for the face check). */
export const VERIFICATION_PAGE_PATH = '/verification/attendance';

function checkSequence(sequence: number): void {
  if (!isValidSequence(sequence)) fail(ProgramErrorCode.INVALID_SEQUENCE);
}

/** `oauth/url-generate`: starts a verification and returns the page URL on the sandbox. */
export function urlGenerate(engine: Engine, client: SandboxClient, body: unknown, origin: string) {
  const input = parseBody(urlGenerateSchema, body);
  const sequence = input.sequence ?? 1;
  checkSequence(sequence);
  const record = ownedRedeemCode(engine, client, input.redeem_code);
  if (!isRegisteredRedirectUri(client, input.redirect_uri)) {
    fail(ProgramErrorCode.REDIRECT_URI_NOT_REGISTERED);
  }
  const email = input.email.toLowerCase();
  if (sequence === 1) {
    if (isRedeemed(record)) fail(ProgramErrorCode.REDEEM_CODE_ALREADY_USED);
    checkRedeemWindow(engine, record);
  } else if (!isRedeemed(record)) {
    fail(ProgramErrorCode.PREVIOUS_SEQUENCE_NOT_VERIFIED);
  }
  const emailTaken = Object.values(engine.state.redeemCodes).some(
    (other) =>
      other !== record &&
      !other.cancelled &&
      other.courseCode === record.courseCode &&
      other.email === email,
  );
  if (emailTaken) fail(ProgramErrorCode.EMAIL_ALREADY_USED);
  if (sequence === 1) record.email = email;
  const state = engine.id('vst_', 24, Alphabet.LOWER_ALPHANUMERIC);
  engine.state.verifications[state] = {
    state,
    redeemCode: record.redeemCode,
    sequence,
    redirectUri: input.redirect_uri,
    email,
    clientCode: client.clientCode,
    status: 'pending',
    createdAt: engine.isoNow(),
    decidedAt: null,
  };
  const course = engine.fixtures.courses.find((item) => item.courseCode === record.courseCode);
  return {
    url: `${origin}${VERIFICATION_PAGE_PATH}?state=${state}`,
    state,
    course: { type: course?.type === 'webinar' ? 2 : 1, learning_method: 'online' },
  };
}

/** A verification by `state`, or a 404 control failure. */
export function findVerification(engine: Engine, state: string): VerificationRecord {
  const verification = engine.state.verifications[state];
  if (!verification) throw new ControlFailure(`no verification with state "${state}"`, 404);
  return verification;
}

/**
 * Approves or rejects a pending verification (the page's buttons, or the control plane) and
 * returns the URL the browser is sent back to: `redirect_uri` plus `state` (unless the profile's
 * `attendanceRedirectState` is `absent`), `result` (`approved`/`rejected`), `redeem_code` and
 * `sequence`.
 */
export function decideVerification(engine: Engine, state: string, approve: boolean): string {
  const verification = findVerification(engine, state);
  if (verification.status !== 'pending') {
    throw new ControlFailure(`verification "${state}" was already ${verification.status}`, 409);
  }
  const record = engine.state.redeemCodes[verification.redeemCode]!;
  if (approve && record.cancelled) {
    throw new ControlFailure(`redeem code ${record.redeemCode} was cancelled (voided)`, 409);
  }
  const now = engine.isoNow();
  verification.status = approve ? 'approved' : 'rejected';
  verification.decidedAt = now;
  const key = String(verification.sequence);
  if (approve) {
    record.attendance[key] ??= { status: 1, at: now };
    record.attendance[key] = { status: 1, at: record.attendance[key].at };
    if (verification.sequence === 1) record.redeemedAt ??= now;
    engine.emit('attendance.verified', {
      redeem_code: record.redeemCode,
      course_code: record.courseCode,
      sequence: verification.sequence,
      verified_at: record.attendance[key].at,
    });
    checkCompletion(engine, record);
  } else if (record.attendance[key]?.status !== 1) {
    record.attendance[key] = { status: 2, at: now };
  }
  // Whether the program's return redirect carries `state` is not documented (program-api.md §6).
  return withQuery(verification.redirectUri, {
    ...(engine.profile.attendanceRedirectState === 'present' ? { state } : {}),
    result: verification.status,
    redeem_code: record.redeemCode,
    sequence: key,
  });
}

/** `payment/redeem-code/status`: attendance of one sequence (default 1). */
export function redeemStatus(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(statusSchema, body);
  const sequence = input.sequence ?? 1;
  checkSequence(sequence);
  const record = ownedRedeemCode(engine, client, input.redeem_code);
  return describeRedeemCode(engine, record, sequence);
}

/** `payment/redeem-code/reset`: restarts a positive `PRAT-` test case. */
export function resetRedeemCode(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(codeOnlySchema, body);
  if (!input.redeem_code.trim().startsWith('PRAT-')) fail(ProgramErrorCode.RESET_NOT_ALLOWED);
  const record = engine.state.redeemCodes[input.redeem_code.trim()];
  if (!record) fail(ProgramErrorCode.REDEEM_CODE_NOT_FOUND);
  if (record.provider !== client.clientCode) fail(ProgramErrorCode.REDEEM_CODE_OTHER_PROVIDER);
  if (!record.positive) fail(ProgramErrorCode.RESET_NOT_ALLOWED);
  applyInitialAttendance(record, engine.isoNow());
  record.completedAt = null;
  for (const verification of Object.values(engine.state.verifications)) {
    if (verification.redeemCode === record.redeemCode && verification.status === 'pending') {
      verification.status = 'rejected';
      verification.decidedAt = engine.isoNow();
    }
  }
  return describeRedeemCode(engine, record, 1);
}

/** `payment/redeem-code/commit` (legacy 2022 flow): marks the code redeemed without a face check. */
export function commitRedeemCode(engine: Engine, client: SandboxClient, body: unknown) {
  const input = parseBody(codeOnlySchema, body);
  const record = ownedRedeemCode(engine, client, input.redeem_code);
  if (isRedeemed(record)) fail(ProgramErrorCode.REDEEM_CODE_ALREADY_USED);
  checkRedeemWindow(engine, record);
  const now = engine.isoNow();
  record.attendance['1'] = { status: 1, at: now };
  record.redeemedAt = now;
  engine.emit('attendance.verified', {
    redeem_code: record.redeemCode,
    course_code: record.courseCode,
    sequence: 1,
    verified_at: now,
  });
  return { redeem_code: record.redeemCode, course_code: record.courseCode, status: 1 };
}
