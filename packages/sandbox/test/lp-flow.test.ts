import { ProgramErrorCode as E, ProgramPath } from '@prakerja-kit/core';
import { expect, it } from 'vitest';
import { useSandbox } from '../src/vitest.js';
import { call, codeOf } from './helpers.js';
import { pick, purchase } from './purchase.js';

const env = useSandbox();
const REDIRECT = 'http://127.0.0.1:9/prakerja/callback';

const generate = (
  redeemCode: string,
  patch: Record<string, unknown> = {},
  client = pick(env.fixtures).lp,
) =>
  call(env.url, client, ProgramPath.URL_GENERATE, {
    redeem_code: redeemCode,
    redirect_uri: REDIRECT,
    email: 'peserta@lp.example',
    sequence: 1,
    ...patch,
  });

const status = (redeemCode: string, sequence: number) =>
  call(env.url, pick(env.fixtures).lp, ProgramPath.REDEEM_STATUS, {
    redeem_code: redeemCode,
    sequence,
  });

it('returns a verification URL on the sandbox and records attendance only after approval', async () => {
  const { redeemCode, invoiceCode } = await purchase(env.sandbox, env.url);
  const generated = await generate(redeemCode);
  expect(generated.status).toBe(200);
  const { url, state, course } = generated.body.data;
  expect(url).toBe(`${env.url}/verification/attendance?state=${state}`);
  expect(course).toEqual({ type: 1, learning_method: 'online' });
  expect((await status(redeemCode, 1)).body.data).toMatchObject({
    status: 0,
    attendance_status: 0,
    redeem_at: null,
  });
  const decision = env.control.verifications.approve(state);
  const back = new URL(decision.redirectUrl);
  expect(Object.fromEntries(back.searchParams)).toEqual({
    state,
    result: 'approved',
    redeem_code: redeemCode,
    sequence: '1',
  });
  const after = (await status(redeemCode, 1)).body.data;
  expect(after).toMatchObject({
    redeem_code: redeemCode,
    invoice_code: invoiceCode,
    status: 1,
    attendance_status: 1,
    dp_platform: pick(env.fixtures).dp.name,
    course_type: 1,
    course_type_label: 'Pembelajaran Mandiri',
    is_online_attendance: true,
    sequence: 1,
  });
  expect(after.redeem_at).toMatch(/Z$/);
  expect((await status(redeemCode, 2)).body.data.attendance_status).toBe(0);
});

it('tracks sequences 2-10 and 999 separately and needs the redeem first', async () => {
  const { redeemCode } = await purchase(env.sandbox, env.url);
  expect(codeOf(await generate(redeemCode, { sequence: 2 }))).toBe(
    E.PREVIOUS_SEQUENCE_NOT_VERIFIED,
  );
  env.control.verifications.approve((await generate(redeemCode)).body.data.state);
  for (const sequence of [2, 10, 999]) {
    const { state } = (await generate(redeemCode, { sequence })).body.data;
    env.control.verifications.approve(state);
    expect((await status(redeemCode, sequence)).body.data.attendance_status).toBe(1);
  }
  expect((await status(redeemCode, 3)).body.data.attendance_status).toBe(0);
  expect(codeOf(await generate(redeemCode))).toBe(E.REDEEM_CODE_ALREADY_USED);
});

it('records a rejected face check as attendance_status 2 and allows another try', async () => {
  const { redeemCode } = await purchase(env.sandbox, env.url);
  const first = (await generate(redeemCode)).body.data.state;
  const decision = env.control.verifications.reject(first);
  expect(new URL(decision.redirectUrl).searchParams.get('result')).toBe('rejected');
  expect((await status(redeemCode, 1)).body.data).toMatchObject({
    status: 0,
    attendance_status: 2,
  });
  expect(() => env.control.verifications.approve(first)).toThrow(/already rejected/);
  env.control.verifications.approve((await generate(redeemCode)).body.data.state);
  expect((await status(redeemCode, 1)).body.data.attendance_status).toBe(1);
});

it('rejects url-generate for unknown, foreign or cancelled codes, bad sequences and unregistered redirects', async () => {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url);
  expect(codeOf(await generate('NOPE00000000'))).toBe(E.REDEEM_CODE_NOT_FOUND);
  expect(codeOf(await generate(redeemCode, {}, f.lp2))).toBe(E.REDEEM_CODE_OTHER_PROVIDER);
  expect(codeOf(await generate(f.testCode('TC1-001-400').redeemCode))).toBe(
    E.REDEEM_CODE_CANCELLED,
  );
  for (const sequence of [0, 11, 500, 1000]) {
    expect(codeOf(await generate(redeemCode, { sequence }))).toBe(E.INVALID_SEQUENCE);
  }
  for (const redirect_uri of [
    'https://evil.example/prakerja/callback',
    'http://127.0.0.1:9/other',
    'not a url',
  ]) {
    expect(codeOf(await generate(redeemCode, { redirect_uri }))).toBe(
      E.REDIRECT_URI_NOT_REGISTERED,
    );
  }
  expect(codeOf(await generate(redeemCode, { email: 'not-an-email' }))).toBe(E.INVALID_FIELD);
  expect(codeOf(await call(env.url, f.dp, ProgramPath.URL_GENERATE, {}))).toBe(
    E.FORBIDDEN_FOR_CLIENT,
  );
});

it('allows one email per course but the same email on another course', async () => {
  const f = pick(env.fixtures);
  const first = await purchase(env.sandbox, env.url);
  const second = await purchase(env.sandbox, env.url, { prakerjaId: f.smaOnly.prakerjaId });
  expect((await generate(first.redeemCode)).status).toBe(200);
  expect(codeOf(await generate(second.redeemCode))).toBe(E.EMAIL_ALREADY_USED);
  expect((await generate(second.redeemCode, { email: 'other@lp.example' })).status).toBe(200);
  const webinar = await purchase(env.sandbox, env.url, {
    courseCode: f.webinar.courseCode,
    scheduleCode: f.webinarSoon.scheduleCode,
  });
  expect((await generate(webinar.redeemCode)).status).toBe(200);
});

it('enforces the redeem window of one hour either side of the schedule start', async () => {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url, {
    scheduleCode: f.later.scheduleCode,
  });
  expect(codeOf(await generate(redeemCode))).toBe(E.REDEEM_OUTSIDE_WINDOW);
  env.control.clock.set(Date.parse(f.later.startAt) - 61 * 60_000);
  expect(codeOf(await generate(redeemCode))).toBe(E.REDEEM_OUTSIDE_WINDOW);
  env.control.clock.set(Date.parse(f.later.startAt) - 59 * 60_000);
  expect((await generate(redeemCode)).status).toBe(200);
  env.control.clock.set(Date.parse(f.later.startAt) + 61 * 60_000);
  expect(codeOf(await generate(redeemCode))).toBe(E.REDEEM_OUTSIDE_WINDOW);
  // The legacy commit obeys the same window.
  expect(
    codeOf(await call(env.url, f.lp, ProgramPath.REDEEM_COMMIT, { redeem_code: redeemCode })),
  ).toBe(E.REDEEM_OUTSIDE_WINDOW);
});

it('resets only PRAT- codes of positive test cases, back to the test case start', async () => {
  const f = pick(env.fixtures);
  const reset = (redeem_code: string, client = f.lp) =>
    call(env.url, client, ProgramPath.REDEEM_RESET, { redeem_code });
  for (const id of ['TC1-001-200', 'TC1-999-200', 'TC2-001-200', 'TC2-999-200']) {
    const code = f.testCode(id);
    const sequence = id.includes('999') ? 999 : 1;
    env.control.verifications.approve(
      (await generate(code.redeemCode, { sequence, email: `${id}@lp.example` })).body.data.state,
    );
    expect((await status(code.redeemCode, sequence)).body.data.attendance_status).toBe(1);
    const result = await reset(code.redeemCode);
    expect(result.status).toBe(200);
    expect(result.body.data.redeem_code).toBe(code.redeemCode);
    expect((await status(code.redeemCode, sequence)).body.data.attendance_status).toBe(0);
    expect((await status(code.redeemCode, 1)).body.data.attendance_status).toBe(
      sequence === 999 ? 1 : 0,
    );
  }
  const { redeemCode } = await purchase(env.sandbox, env.url);
  expect(codeOf(await reset(redeemCode))).toBe(E.RESET_NOT_ALLOWED);
  expect(codeOf(await reset(f.testCode('TC1-001-400').redeemCode))).toBe(E.RESET_NOT_ALLOWED);
  expect(codeOf(await reset('PRAT-NOPE00'))).toBe(E.REDEEM_CODE_NOT_FOUND);
  expect(codeOf(await reset(f.testCode('TC1-001-200').redeemCode, f.lp2))).toBe(
    E.REDEEM_CODE_OTHER_PROVIDER,
  );
});

it('lets PRAT- test codes redeem at any time and reports webinar codes as course_type 2', async () => {
  const f = pick(env.fixtures);
  env.control.clock.advance({ days: 20 });
  const code = f.testCode('TC2-001-200').redeemCode;
  const generated = await generate(code);
  expect(generated.body.data.course).toEqual({ type: 2, learning_method: 'online' });
  expect((await status(code, 1)).body.data).toMatchObject({
    course_type: 2,
    course_type_label: 'Webinar',
  });
});

it('commits a redeem code the legacy way once (SBX_RDM40010 after)', async () => {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url);
  const commit = () => call(env.url, f.lp, ProgramPath.REDEEM_COMMIT, { redeem_code: redeemCode });
  const first = await commit();
  expect(first.body.data).toEqual({
    redeem_code: redeemCode,
    course_code: f.course.courseCode,
    status: 1,
  });
  expect(codeOf(await commit())).toBe(E.REDEEM_CODE_ALREADY_USED);
  expect((await status(redeemCode, 1)).body.data.attendance_status).toBe(1);
});

it('answers redeem-code status errors: sequence, unknown code, other LP, legacy body without sequence', async () => {
  const f = pick(env.fixtures);
  const { redeemCode } = await purchase(env.sandbox, env.url);
  expect(codeOf(await status(redeemCode, 11))).toBe(E.INVALID_SEQUENCE);
  expect(codeOf(await status('NOPE', 1))).toBe(E.REDEEM_CODE_NOT_FOUND);
  expect(
    codeOf(await call(env.url, f.lp2, ProgramPath.REDEEM_STATUS, { redeem_code: redeemCode })),
  ).toBe(E.REDEEM_CODE_OTHER_PROVIDER);
  const legacy = await call(env.url, f.lp, ProgramPath.REDEEM_STATUS, { redeem_code: redeemCode });
  expect(legacy.body.data.sequence).toBe(1);
});
