import { ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox({ assignments: { verdict: 'manual' } });

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

async function verifyPostTest(redeemCode: string) {
  const generated = await call(env.url, lp(), ProgramPath.URL_GENERATE, {
    redeem_code: redeemCode,
    redirect_uri: 'http://localhost:1/prakerja/callback',
    email: `${redeemCode}@lp.example`,
    sequence: 999,
  });
  env.control.verifications.approve(generated.body.data.state);
}

/** A control-plane POST over HTTP. */
async function control(path: string, body: unknown) {
  const response = await fetch(`${env.url}/__sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely.
  return { status: response.status, body: (await response.json()) as any };
}

const lp = () => pick(env.fixtures).lp;
const submissionStatus = (redeem_code: string, scope: string, sequence: number) =>
  call(env.url, lp(), ProgramPath.TPM_STATUS, { redeem_code, scope, sequence });

it('keeps feedback pending until the program accepts, and ignores an undocumented status field', async () => {
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
  // An old client's verdict field is not part of the documented body: it decides nothing.
  const feedback = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 2,
    notes: 'Bagus',
    url_file: 'https://files.example/feedback.md',
    status: 2,
  });
  expect(feedback.status).toBe(200);
  expect(feedback.body.data).toMatchObject({
    status: 1,
    notes: 'Bagus',
    url_file: 'https://files.example/feedback.md',
  });
  const pending = (await submissionStatus(code, 'tpm', 2)).body.data;
  expect([pending.assignment.status, pending.feedback.status]).toEqual([1, 1]);
  expect(env.control.events.list('assignment.reviewed')).toEqual([]);

  const accepted = await control('/assignments/accept', {
    redeemCode: code,
    scope: 'tpm',
    sequence: 2,
  });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({
    submission: { kind: 'submission', status: 2 },
    feedback: { kind: 'feedback', status: 2, notes: 'Bagus' },
  });
  const done = (await submissionStatus(code, 'tpm', 2)).body.data;
  expect([done.assignment.status, done.feedback.status]).toEqual([2, 2]);
  expect(env.control.events.list('assignment.reviewed').map((event) => event.data)).toEqual([
    expect.objectContaining({ redeem_code: code, scope: 'tpm', sequence: 2, status: 2 }),
  ]);
});

it('counts only an accepted UK towards completion: a rejected one completes nothing', async () => {
  const code = await redeemed();
  await verifyPostTest(code);
  const uk = { redeem_code: code, scope: 'uk', sequence: 999 };
  const target = { redeemCode: code, scope: 'uk' as const, sequence: 999 };
  await call(env.url, lp(), ProgramPath.TPM_SUBMISSION, { ...uk, url_file: 'https://f.example/1' });
  // The LP "rejects" in its notes (and with the old status field): still only notes.
  await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, { ...uk, notes: 'Ditolak', status: 3 });
  expect((await submissionStatus(code, 'uk', 999)).body.data.assignment.status).toBe(1);
  expect(env.control.redeemCodes.get(code)!.completedAt).toBeNull();

  env.control.assignments.reject(target);
  const rejected = (await submissionStatus(code, 'uk', 999)).body.data;
  expect([rejected.assignment.status, rejected.feedback.status]).toEqual([3, 3]);
  expect(env.control.events.list('assignment.reviewed').at(-1)!.data).toMatchObject({ status: 3 });
  expect(env.control.events.list('course.completed')).toEqual([]);
  expect(env.control.events.list('incentive.disbursement_requested')).toEqual([]);
  expect(() => env.control.assignments.accept(target)).toThrow(/already rejected/);

  // A new submission starts pending, without feedback; the program accepts it after feedback.
  await call(env.url, lp(), ProgramPath.TPM_SUBMISSION, { ...uk, url_file: 'https://f.example/2' });
  const fresh = (await submissionStatus(code, 'uk', 999)).body.data;
  expect([fresh.assignment.status, fresh.feedback.status]).toEqual([1, 0]);
  expect(() => env.control.assignments.accept(target)).toThrow(/no feedback yet/);
  await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, { ...uk, notes: 'Lulus' });
  env.control.assignments.accept(target);
  expect(env.control.redeemCodes.get(code)!.completedAt).not.toBeNull();
  expect(env.control.events.list('course.completed')).toHaveLength(1);
  expect(env.control.events.list('incentive.disbursement_requested')).toHaveLength(1);
});

it('answers verdicts it cannot give with 404 or 409, and lists the verdict routes', async () => {
  const code = await redeemed();
  const target = { redeemCode: code, scope: 'tpm', sequence: 3 };
  expect((await control('/assignments/accept', target)).status).toBe(404);
  expect((await control('/assignments/accept', { ...target, redeemCode: 'NOPE' })).status).toBe(
    404,
  );
  expect((await control('/assignments/reject', { ...target, scope: 'exam' })).status).toBe(400);
  await call(env.url, lp(), ProgramPath.TPM_SUBMISSION, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 3,
    url_file: 'https://f.example/3',
  });
  const early = await control('/assignments/reject', target);
  expect(early.status).toBe(409);
  expect(early.body.error).toMatch(/no feedback yet/);
  const listed = await fetch(`${env.url}/__sandbox`).then((response) => response.json());
  expect(listed.routes).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^POST \/__sandbox\/assignments\/accept: /),
      expect.stringMatching(/^POST \/__sandbox\/assignments\/reject: /),
      expect.stringMatching(/^GET \/__sandbox\/assignments: /),
    ]),
  );
  const records = await fetch(`${env.url}/__sandbox/assignments?redeemCode=${code}`).then(
    (response) => response.json(),
  );
  expect(records).toEqual([expect.objectContaining({ kind: 'submission', status: 1 })]);
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
    prakerjaId: pick(env.fixtures).smaOnly.prakerjaId,
  });
  expect(codeOf(await submit({ redeem_code: fresh.redeemCode }))).toBe(E.REDEEM_CODE_NOT_REDEEMED);
  const feedback = await call(env.url, lp(), ProgramPath.TPM_FEEDBACK, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 7,
    notes: 'x',
  });
  expect(codeOf(feedback)).toBe(E.SUBMISSION_NOT_FOUND);
  const foreign = await call(env.url, pick(env.fixtures).lp2, ProgramPath.TPM_STATUS, {
    redeem_code: code,
    scope: 'tpm',
    sequence: 1,
  });
  expect(codeOf(foreign)).toBe(E.REDEEM_CODE_OTHER_PROVIDER);
  const dp = await call(env.url, pick(env.fixtures).dp, ProgramPath.TPM_SUBMISSION, {});
  expect(codeOf(dp)).toBe(E.FORBIDDEN_FOR_CLIENT);
});

it.each([
  ['accept', undefined, 2],
  ['accept', 'accept', 2],
  ['reject', 'reject', 3],
] as const)(
  'the verdict policy %s (option %s) decides when the feedback arrives',
  async (_name, verdict, status) => {
    const sandbox = createSandbox(verdict === undefined ? {} : { assignments: { verdict } });
    const server = await sandbox.listen({ port: 0 });
    try {
      const { redeemCode } = await purchase(sandbox, server.url);
      const f = pick(sandbox.fixtures);
      const generated = await call(server.url, f.lp, ProgramPath.URL_GENERATE, {
        redeem_code: redeemCode,
        redirect_uri: 'http://localhost:1/prakerja/callback',
        email: 'policy@lp.example',
      });
      sandbox.control.verifications.approve(generated.body.data.state);
      const target = { redeem_code: redeemCode, scope: 'tpm', sequence: 1 };
      await call(server.url, f.lp, ProgramPath.TPM_SUBMISSION, {
        ...target,
        url_file: 'https://f.example/p',
      });
      const feedback = await call(server.url, f.lp, ProgramPath.TPM_FEEDBACK, {
        ...target,
        notes: 'ok',
      });
      expect(feedback.body.data.status).toBe(status);
      const state = await call(server.url, f.lp, ProgramPath.TPM_STATUS, target);
      expect([state.body.data.assignment.status, state.body.data.feedback.status]).toEqual([
        status,
        status,
      ]);
      expect(sandbox.control.events.list('assignment.reviewed').at(-1)!.data).toMatchObject({
        status,
      });
    } finally {
      await server.close();
      await sandbox.close();
    }
  },
);

it('refuses an unknown verdict policy', () => {
  expect(() => createSandbox({ assignments: { verdict: 'maybe' as never } })).toThrow(
    /assignments.verdict must be manual, accept or reject/,
  );
});
