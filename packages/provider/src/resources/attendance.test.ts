import { ProgramApiError, RequestValidationError } from '@prakerja-kit/core';
import { expect, test } from 'vitest';
import { fail, fakeClient, ok, statusData } from '../../test/support/fake-program.js';

const CODE = 'PRAT-UJ0EEQ';
const EMAIL = 'budi@example.com';

function program(attendanceStatus = 1) {
  return fakeClient((request) => {
    if (request.url.pathname.endsWith('/oauth/url-generate')) {
      return ok({
        url: 'https://verify.program.test/v/abc',
        state: 'program-state-1',
        course: { type: 1, learning_method: 'mandiri' },
      });
    }
    const body = request.body as { redeem_code: string; sequence: number };
    return ok(statusData(body.redeem_code, body.sequence, attendanceStatus));
  });
}

test('createVerificationUrl sends the documented body with the default redirect URI', async () => {
  const { client, received } = program();
  const result = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    sequence: 2,
    email: EMAIL,
  });
  expect(received[0]?.url.pathname).toBe('/api/v1/integration/oauth/url-generate');
  expect(received[0]?.body).toEqual({
    redeem_code: CODE,
    redirect_uri: 'https://lp.test/attendance/return',
    email: EMAIL,
    sequence: 2,
  });
  expect(received[0]?.headers.get('client_code')).toBe('lp-unit-test');
  expect(received[0]?.headers.get('signature')).toMatch(/^[0-9a-f]{40}$/);
  expect(result).toMatchObject({
    url: 'https://verify.program.test/v/abc',
    programState: 'program-state-1',
    course: { type: 1, learningMethod: 'mandiri' },
  });
  expect(result.state).toMatch(/^v1\./);
});

const PARTICIPANT = { email: EMAIL, redeemCode: CODE };
const RETURN = '/attendance/return?state=program-state-1';

test('confirm verifies attendance with the signed status call for the bound code and sequence', async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    sequence: 3,
    email: EMAIL,
  });
  const result = await client.attendance.confirm({
    state,
    returnUrl: RETURN,
    ...PARTICIPANT,
    sequence: 3,
  });
  expect(result).toMatchObject({ outcome: 'verified', redeemCode: CODE, sequence: 3 });
  expect(received[1]?.url.pathname).toBe('/api/v1/integration/payment/redeem-code/status');
  expect(received[1]?.body).toEqual({ redeem_code: CODE, sequence: 3 });
});

test('confirm reports not_verified when the program has not verified the sequence', async () => {
  const { client } = program(0);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  const result = await client.attendance.confirm({ state, returnUrl: RETURN, ...PARTICIPANT });
  expect(result).toMatchObject({
    outcome: 'rejected',
    reason: 'not_verified',
    status: { attendanceStatus: 0 },
  });
});

test('confirm refuses a return whose state differs from the one the program issued', async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  const result = await client.attendance.confirm({
    state,
    returnUrl: new URLSearchParams('state=other'),
    ...PARTICIPANT,
  });
  expect(result).toMatchObject({ outcome: 'rejected', reason: 'state_mismatch' });
  expect(received).toHaveLength(1);
});

test('a return without the program state, or no return URL, does not skip the program-state check', async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  for (const returnUrl of ['/attendance/return', '/attendance/return?state=', undefined]) {
    expect(await client.attendance.confirm({ state, returnUrl, ...PARTICIPANT })).toMatchObject({
      outcome: 'rejected',
      reason: 'state_missing',
    });
  }
  expect(received).toHaveLength(1);
});

test("with attendanceReturnState 'if-present' a return without state is confirmed, a wrong one still refused", async () => {
  const { client } = fakeClient(
    (request) =>
      request.url.pathname.endsWith('/url-generate')
        ? ok({ url: 'https://verify.program.test/v/1', state: 'program-state-1' })
        : ok(statusData(CODE, 1, 1)),
    { attendanceReturnState: 'if-present' },
  );
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  expect(
    await client.attendance.confirm({ state, returnUrl: '/attendance/return', ...PARTICIPANT }),
  ).toMatchObject({ outcome: 'verified' });
  expect(
    await client.attendance.confirm({
      state,
      returnUrl: '/attendance/return?state=other',
      ...PARTICIPANT,
    }),
  ).toMatchObject({ outcome: 'rejected', reason: 'state_mismatch' });
});

test("confirm refuses another participant's state: other email, other redeem code, other sequence", async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    sequence: 2,
    email: EMAIL,
  });
  const base = { state, returnUrl: RETURN };
  for (const mismatch of [
    { email: 'siti@example.com', redeemCode: CODE },
    { email: EMAIL, redeemCode: 'PRAT-OTHER1' },
    { email: EMAIL, redeemCode: CODE, sequence: 3 },
  ]) {
    expect(await client.attendance.confirm({ ...base, ...mismatch })).toMatchObject({
      outcome: 'rejected',
      reason: 'participant_mismatch',
    });
  }
  // The email is compared case- and space-insensitively, as it was bound.
  expect(
    await client.attendance.confirm({ ...base, email: ' Budi@Example.com ', redeemCode: CODE }),
  ).toMatchObject({ outcome: 'verified', sequence: 2 });
  expect(received).toHaveLength(2);
});

test('confirm without the email or the redeem code of the participant is a caller error, not a confirmation', async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  for (const [params, field] of [
    [{ state, returnUrl: RETURN, redeemCode: CODE }, 'email'],
    [{ state, returnUrl: RETURN, email: EMAIL }, 'redeemCode'],
    [{ state, returnUrl: RETURN, email: ' ', redeemCode: CODE }, 'email'],
    [{ state, returnUrl: RETURN }, 'email'],
  ] as const) {
    const error = await client.attendance.confirm(params as never).catch((caught) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/participant in session/);
  }
  const badSequence = await client.attendance
    .confirm({ state, returnUrl: RETURN, ...PARTICIPANT, sequence: 11 })
    .catch((caught) => caught);
  expect(badSequence).toMatchObject({ name: 'RequestValidationError', field: 'sequence' });
  expect(badSequence.message).toContain('expected an integer 1-10 or 999');
  expect(received).toHaveLength(1);
});

test('confirm refuses a status answer for another redeem code or sequence than the state', async () => {
  for (const answer of [
    statusData('PRAT-OTHER1', 1, 1),
    { ...statusData(CODE, 1, 1), sequence: 5 },
  ]) {
    const { client } = fakeClient((request) =>
      request.url.pathname.endsWith('/url-generate')
        ? ok({ url: 'https://verify.program.test/v/1', state: 'program-state-1' })
        : ok(answer),
    );
    const { state } = await client.attendance.createVerificationUrl({
      redeemCode: CODE,
      email: EMAIL,
    });
    expect(
      await client.attendance.confirm({ state, returnUrl: RETURN, ...PARTICIPANT }),
    ).toMatchObject({ outcome: 'rejected', reason: 'status_mismatch' });
  }
});

test('confirm refuses a tampered state without calling the program', async () => {
  const { client, received } = program(1);
  const { state } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  const tampered = `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`;
  expect(
    await client.attendance.confirm({ state: tampered, returnUrl: RETURN, ...PARTICIPANT }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'invalid_state',
  });
  expect(received).toHaveLength(1);
});

test('confirm refuses an expired state', async () => {
  let now = 1_700_000_000_000;
  const { client } = fakeClient(
    (request) =>
      request.url.pathname.endsWith('/url-generate')
        ? ok({ url: 'https://verify.program.test/v/1' })
        : ok(statusData(CODE, 1, 1)),
    { clock: { now: () => now }, stateTtlSeconds: 60 },
  );
  const { state, programState } = await client.attendance.createVerificationUrl({
    redeemCode: CODE,
    email: EMAIL,
  });
  expect(programState).toBeUndefined();
  // No program state was issued: nothing to bind the return to, confirmed on the status call.
  expect(await client.attendance.confirm({ state, ...PARTICIPANT })).toMatchObject({
    outcome: 'verified',
  });
  now += 61_000;
  expect(await client.attendance.confirm({ state, ...PARTICIPANT })).toEqual({
    outcome: 'rejected',
    reason: 'expired_state',
  });
});

test('retrieve normalises integers sent as strings and defaults to sequence 1', async () => {
  const { client, received } = fakeClient(() =>
    ok({ ...statusData(CODE, 1, 1), attendance_status: '1', status: '1', course_type: '2' }),
  );
  const status = await client.attendance.retrieve({ redeemCode: CODE });
  expect(received[0]?.body).toEqual({ redeem_code: CODE, sequence: 1 });
  expect(status).toMatchObject({
    verified: true,
    attendanceStatus: 1,
    status: 1,
    courseType: 2,
    courseCode: 'prakerjaoauth1',
  });
});

test('retrieve refuses a sequence outside 1-10 and 999 before sending', async () => {
  const { client, received } = program();
  await expect(
    client.attendance.retrieve({ redeemCode: CODE, sequence: 11 }),
  ).rejects.toBeInstanceOf(RequestValidationError);
  expect(received).toHaveLength(0);
});

test('reset refuses a redeem code without the PRAT- prefix before sending', async () => {
  const { client, received } = program();
  const error = await client.attendance
    .reset({ redeemCode: 'GHOPNYXUVMT0' })
    .catch((caught) => caught);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(error.field).toBe('redeemCode');
  expect(error.message).toContain('PRAT-');
  expect(received).toHaveLength(0);
});

test('a program error reaches the caller with its code and message', async () => {
  const { client } = fakeClient(() =>
    fail(400, 'SBX_RDM40004', 'Kode redeem hanya dapat ditukarkan 1 jam sebelum'),
  );
  const error = await client.attendance
    .createVerificationUrl({ redeemCode: CODE, email: EMAIL })
    .catch((caught) => caught);
  expect(error).toBeInstanceOf(ProgramApiError);
  expect(error).toMatchObject({ status: 400, code: 'SBX_RDM40004' });
});

test('createVerificationUrl needs a redirect URI from the call or the client', async () => {
  const { client } = fakeClient(() => ok({}), { redirectUri: undefined });
  await expect(
    client.attendance.createVerificationUrl({ redeemCode: CODE, email: EMAIL }),
  ).rejects.toMatchObject({
    name: 'RequestValidationError',
    field: 'redirectUri',
  });
});
