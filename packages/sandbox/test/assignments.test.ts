import { ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();

async function redeemed() {
  const { redeemCode } = await purchase(env.sandbox, env.url);
  const f = pick(env.fixtures);
  const generated = await call(env.url, f.lp, ProgramPath.URL_GENERATE, {
    redeem_code: redeemCode,
    redirect_uri: 'http://localhost:1/prakerja/callback',
    email: `${redeemCode}@lp.example`,
  });
  env.control.verifications.approve(generated.body.data.state);
  return redeemCode;
}

const lp = () => pick(env.fixtures).lp;
const submissionStatus = (redeem_code: string, scope: string, sequence: number) =>
  call(env.url, lp(), ProgramPath.TPM_STATUS, { redeem_code, scope, sequence });

it('walks a TPM through statuses 0, 1, 2 and a UK through 0, 1, 3', async () => {
  const code = await redeemed();
  const initial = await submissionStatus(code, 'tpm', 2);
  expect(initial.body).toEqual({
    success: true,
    message: 'OK',
    data: {
      assignment: { redeem_code: code, scope: 'tpm', sequence: 2, status: 0 },
      feedback: { redeem_code: code, scope: 'tpm', sequence: 2, status: 0 },
    },
  });
  const submitted = await call(env.url, lp(), ProgramPath.TPM_SUBMISSION, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 2,
    url_file: 'https://files.example/tpm-2.txt',
  });
  expect(submitted.body.data).toMatchObject({
    redeem_code: code,
    scope: 'tpm',
    sequence: 2,
    status: 1,
    url_file: 'https://files.example/tpm-2.txt',
  });
  expect(submitted.body.data.id).toEqual(expect.any(Number));
  expect((await submissionStatus(code, 'tpm', 2)).body.data.assignment.status).toBe(1);
  const feedback = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 2,
    notes: 'Bagus',
    url_file: 'https://files.example/feedback.md',
  });
  expect(feedback.body.data).toMatchObject({
    status: 2,
    notes: 'Bagus',
    url_file: 'https://files.example/feedback.md',
  });
  const done = (await submissionStatus(code, 'tpm', 2)).body.data;
  expect([done.assignment.status, done.feedback.status]).toEqual([2, 2]);

  await call(env.url, lp(), ProgramPath.TPM_SUBMISSION, {
    redeem_code: code,
    scope: 'uk',
    sequence: 999,
    url_file: 'https://files.example/uk.txt',
  });
  const rejected = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'uk',
    sequence: 999,
    notes: 'Ulangi',
    status: 3,
  });
  expect(rejected.body.data.status).toBe(3);
  const uk = (await submissionStatus(code, 'uk', 999)).body.data;
  expect([uk.assignment.status, uk.feedback.status]).toEqual([3, 3]);
});

it('allows several submissions per TPM, each with its own id', async () => {
  const code = await redeemed();
  const submit = () =>
    call(env.url, lp(), ProgramPath.TPM_SUBMISSION, {
      redeem_code: code,
      scope: 'tpm',
      sequence: 1,
      url_file: 'https://files.example/a.txt',
    });
  const first = await submit();
  const second = await submit();
  expect(second.body.data.id).toBeGreaterThan(first.body.data.id);
});

it('rejects bad scopes, sequences outside the scope, unredeemed codes and feedback without a submission', async () => {
  const code = await redeemed();
  const submit = (patch: Record<string, unknown>) =>
    call(env.url, lp(), ProgramPath.TPM_SUBMISSION, {
      redeem_code: code,
      scope: 'tpm',
      sequence: 1,
      url_file: 'https://f.example/x',
      ...patch,
    });
  expect(codeOf(await submit({ scope: 'exam' }))).toBe(E.INVALID_SCOPE);
  expect(codeOf(await submit({ scope: 'tpm', sequence: 999 }))).toBe(E.INVALID_SCOPE_SEQUENCE);
  expect(codeOf(await submit({ scope: 'tpm', sequence: 0 }))).toBe(E.INVALID_SCOPE_SEQUENCE);
  expect(codeOf(await submit({ scope: 'uk', sequence: 5 }))).toBe(E.INVALID_SCOPE_SEQUENCE);
  expect(codeOf(await submit({ url_file: undefined }))).toBe(E.INVALID_FIELD);
  expect(codeOf(await submit({ redeem_code: 'NOPE' }))).toBe(E.REDEEM_CODE_NOT_FOUND);
  const fresh = await purchase(env.sandbox, env.url, {
    prakerjaId: pick(env.fixtures).smaOnly.prakerja_id,
  });
  expect(codeOf(await submit({ redeem_code: fresh.redeemCode }))).toBe(E.REDEEM_CODE_NOT_REDEEMED);
  const feedback = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 7,
    notes: 'x',
  });
  expect(codeOf(feedback)).toBe(E.SUBMISSION_NOT_FOUND);
  const badVerdict = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 7,
    notes: 'x',
    status: 1,
  });
  expect(codeOf(badVerdict)).toBe(E.INVALID_FIELD);
  const foreign = await call(env.url, pick(env.fixtures).lp2, ProgramPath.TPM_STATUS, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 1,
  });
  expect(codeOf(foreign)).toBe(E.REDEEM_CODE_OTHER_PROVIDER);
  const dp = await call(env.url, pick(env.fixtures).dp, ProgramPath.TPM_SUBMISSION, {});
  expect(codeOf(dp)).toBe(E.FORBIDDEN_FOR_CLIENT);
});
