import { ProgramErrorCode, RequestValidationError } from '@prakerja-kit/core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  codeOf,
  PROFILE,
  pressButton,
  purchase,
  REDIRECT_URI,
  sent,
  startSandbox,
} from './support/sandbox.js';

let context: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  context = await startSandbox();
});
afterAll(() => context.close());
beforeEach(() => context.sandbox.control.reset());

const EMAIL = 'tari@lp.example';

test('attendance is confirmed after the participant approves on the sandbox page', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-001-200');
  const started = await client.attendance.createVerificationUrl({
    redeemCode,
    sequence: 1,
    email: EMAIL,
  });
  expect(started.programState).toBeDefined();
  expect(started.url.startsWith(context.server.url)).toBe(true);
  const returnUrl = await pressButton(started.url, 'decision', 'approve');
  expect(returnUrl.startsWith(REDIRECT_URI)).toBe(true);
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl,
    email: EMAIL,
    redeemCode,
  });
  expect(result).toMatchObject({
    outcome: 'verified',
    redeemCode,
    sequence: 1,
    status: { attendanceStatus: 1, status: 1 },
  });
});

test('a rejected verification is not confirmed', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC2-001-200');
  const started = await client.attendance.createVerificationUrl({ redeemCode, email: EMAIL });
  const returnUrl = await pressButton(started.url, 'decision', 'reject');
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl,
    email: EMAIL,
    redeemCode,
  });
  expect(result).toMatchObject({ outcome: 'rejected', reason: 'not_verified' });
});

test('a redirect without approval is not confirmed, whatever its query says', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-001-200');
  const started = await client.attendance.createVerificationUrl({ redeemCode, email: EMAIL });
  const forged = `${REDIRECT_URI}?state=${started.programState}&result=approved&sequence=1`;
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl: forged,
    email: EMAIL,
    redeemCode,
  });
  expect(result).toMatchObject({
    outcome: 'rejected',
    reason: 'not_verified',
    status: { attendanceStatus: 0 },
  });
});

test('a tampered state is refused before any status call', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-001-200');
  const participant = { email: EMAIL, redeemCode };
  const started = await client.attendance.createVerificationUrl({ redeemCode, email: EMAIL });
  const returnUrl = await pressButton(started.url, 'decision', 'approve');
  const [version, payload, mac] = started.state.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims.s = 999;
  const tampered = `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
  expect(await client.attendance.confirm({ state: tampered, returnUrl, ...participant })).toEqual({
    outcome: 'rejected',
    reason: 'invalid_state',
  });
  const otherSecret = context.makeClient({ stateSecret: 'another-lp-state-secret-0123456789abc' });
  expect(
    await otherSecret.attendance.confirm({ state: started.state, returnUrl, ...participant }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'invalid_state',
  });
});

test('an expired state is refused even after approval', async () => {
  let offsetMs = 0;
  const client = context.makeClient({
    stateTtlSeconds: 60,
    clock: { now: () => Date.now() + offsetMs },
  });
  const redeemCode = context.code('TC1-001-200');
  const started = await client.attendance.createVerificationUrl({ redeemCode, email: EMAIL });
  const returnUrl = await pressButton(started.url, 'decision', 'approve');
  offsetMs = 61_000; // still inside the sandbox's 300 s signature tolerance
  expect(
    await client.attendance.confirm({ state: started.state, returnUrl, email: EMAIL, redeemCode }),
  ).toEqual({
    outcome: 'rejected',
    reason: 'expired_state',
  });
});

test('a return carrying another verification state is refused', async () => {
  const client = context.makeClient();
  const first = await client.attendance.createVerificationUrl({
    redeemCode: context.code('TC1-001-200'),
    email: EMAIL,
  });
  const second = await client.attendance.createVerificationUrl({
    redeemCode: context.code('TC2-001-200'),
    email: 'other@lp.example',
  });
  const secondReturn = await pressButton(second.url, 'decision', 'approve');
  const mixedUp = await client.attendance.confirm({
    state: first.state,
    returnUrl: secondReturn,
    email: EMAIL,
    redeemCode: context.code('TC1-001-200'),
  });
  expect(mixedUp.outcome).toBe('rejected');
  // Only a return that carries the program's state can show it is another verification's.
  if (PROFILE.switches.attendanceRedirectState === 'present') {
    expect(mixedUp).toMatchObject({ reason: 'state_mismatch' });
  }
  expect(
    await client.attendance.confirm({
      state: second.state,
      returnUrl: secondReturn,
      email: EMAIL,
      redeemCode: context.code('TC2-001-200'),
    }),
  ).toMatchObject({
    outcome: 'rejected',
    reason: 'participant_mismatch',
  });
});

test("binding over HTTP: another participant's approved state, a missing email, a return without the program state, a wrong sequence", async () => {
  // `required` (the default) even under a profile whose returns carry no state: this test is
  // about what a stripped return may not skip.
  const client = context.makeClient({ attendanceReturnState: 'required' });
  const mine = context.code('TC1-001-200');
  const theirs = context.code('TC2-001-200');
  const theirStart = await client.attendance.createVerificationUrl({
    redeemCode: theirs,
    email: 'other@lp.example',
  });
  const theirReturn = await pressButton(theirStart.url, 'decision', 'approve');
  // Their state and return, approved by the program, presented in my session.
  expect(
    await client.attendance.confirm({
      state: theirStart.state,
      returnUrl: theirReturn,
      email: EMAIL,
      redeemCode: mine,
    }),
  ).toMatchObject({ outcome: 'rejected', reason: 'participant_mismatch' });
  // Without the email the confirmation is refused as a caller error, never accepted.
  await expect(
    client.attendance.confirm({
      state: theirStart.state,
      returnUrl: theirReturn,
      redeemCode: theirs,
    } as never),
  ).rejects.toMatchObject({ name: 'RequestValidationError', field: 'email' });
  // The right participant, but the return URL lost the program's state.
  const stripped = new URL(theirReturn);
  stripped.searchParams.delete('state');
  const participant = { email: 'other@lp.example', redeemCode: theirs };
  expect(
    await client.attendance.confirm({
      state: theirStart.state,
      returnUrl: stripped,
      ...participant,
    }),
  ).toMatchObject({ outcome: 'rejected', reason: 'state_missing' });
  expect(
    await client.attendance.confirm({ state: theirStart.state, ...participant }),
  ).toMatchObject({ outcome: 'rejected', reason: 'state_missing' });
  // The right participant, but the LP expects another sequence than the state was started for.
  expect(
    await client.attendance.confirm({
      state: theirStart.state,
      returnUrl: theirReturn,
      ...participant,
      sequence: 2,
    }),
  ).toMatchObject({ outcome: 'rejected', reason: 'participant_mismatch' });
  // And everything bound: verified (when the program's returns carry its state at all).
  if (PROFILE.switches.attendanceRedirectState === 'absent') return;
  expect(
    await client.attendance.confirm({
      state: theirStart.state,
      returnUrl: theirReturn,
      ...participant,
      sequence: 1,
    }),
  ).toMatchObject({ outcome: 'verified', redeemCode: theirs, sequence: 1 });
});

test('the post-test (sequence 999) is verified and retrieved per sequence', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-999-200');
  expect((await client.attendance.retrieve({ redeemCode, sequence: 1 })).verified).toBe(true);
  expect((await client.attendance.retrieve({ redeemCode, sequence: 999 })).verified).toBe(false);
  const started = await client.attendance.createVerificationUrl({
    redeemCode,
    sequence: 999,
    email: EMAIL,
  });
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl: await pressButton(started.url, 'decision', 'approve'),
    email: EMAIL,
    redeemCode,
    sequence: 999,
  });
  expect(result).toMatchObject({ outcome: 'verified', sequence: 999 });
  const status = await client.attendance.retrieve({ redeemCode, sequence: 999 });
  expect(status).toMatchObject({
    verified: true,
    sequence: 999,
    courseType: 1,
    courseTypeLabel: 'Pembelajaran Mandiri',
  });
});

test('the test-case reset flow: verify, reset, verify again', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-001-200');
  const verify = async () => {
    const started = await client.attendance.createVerificationUrl({ redeemCode, email: EMAIL });
    return client.attendance.confirm({
      state: started.state,
      returnUrl: await pressButton(started.url, 'decision', 'approve'),
      email: EMAIL,
      redeemCode,
    });
  };
  expect((await verify()).outcome).toBe('verified');
  expect(await codeOf(client.attendance.createVerificationUrl({ redeemCode, email: EMAIL }))).toBe(
    sent(ProgramErrorCode.REDEEM_CODE_ALREADY_USED),
  );
  const reset = await client.attendance.reset({ redeemCode });
  // The redeem `status` of a live code is 1 under the `redeemStatus: 'active'` switch.
  expect(reset).toMatchObject({
    redeemCode,
    verified: false,
    status: PROFILE.switches.redeemStatus === 'active' ? 1 : 0,
  });
  expect((await client.attendance.retrieve({ redeemCode })).verified).toBe(false);
  expect((await verify()).outcome).toBe('verified');
});

test('reset refuses a non-test code before sending and the program refuses a negative case', async () => {
  const client = context.makeClient();
  await expect(client.attendance.reset({ redeemCode: 'GHOPNYXUVMT0' })).rejects.toBeInstanceOf(
    RequestValidationError,
  );
  expect(await codeOf(client.attendance.reset({ redeemCode: context.code('TC1-001-400') }))).toBe(
    sent(ProgramErrorCode.RESET_NOT_ALLOWED),
  );
});

test('a redeem outside the window is refused until the schedule is near', async () => {
  const client = context.makeClient();
  const redeemCode = await purchase(context, 1, 'INV-WINDOW-1'); // the schedule starts in 3 days
  expect(
    await codeOf(client.attendance.createVerificationUrl({ redeemCode, email: 'budi@lp.example' })),
  ).toBe(sent(ProgramErrorCode.REDEEM_OUTSIDE_WINDOW));
  context.sandbox.control.clock.advance({ days: 3 });
  const started = await client.attendance.createVerificationUrl({
    redeemCode,
    email: 'budi@lp.example',
  });
  const result = await client.attendance.confirm({
    state: started.state,
    returnUrl: await pressButton(started.url, 'decision', 'approve'),
    email: 'budi@lp.example',
    redeemCode,
  });
  expect(result.outcome).toBe('verified');
});

test('the program refuses unknown, cancelled, foreign and out-of-order codes with their codes', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC1-001-200');
  expect(await codeOf(client.attendance.retrieve({ redeemCode: 'PRAT-NOPE00' }))).toBe(
    sent(ProgramErrorCode.REDEEM_CODE_NOT_FOUND),
  );
  expect(
    await codeOf(client.attendance.retrieve({ redeemCode: context.code('TC1-001-400') })),
  ).toBe(sent(ProgramErrorCode.REDEEM_CODE_CANCELLED));
  const lp2 = context.sandbox.fixtures.providers[1]!;
  const foreign = context.makeClient({ clientCode: lp2.clientCode, signKey: lp2.signKey });
  expect(await codeOf(foreign.attendance.retrieve({ redeemCode }))).toBe(
    sent(ProgramErrorCode.REDEEM_CODE_OTHER_PROVIDER),
  );
  expect(
    await codeOf(
      client.attendance.createVerificationUrl({ redeemCode, sequence: 2, email: EMAIL }),
    ),
  ).toBe(sent(ProgramErrorCode.PREVIOUS_SEQUENCE_NOT_VERIFIED));
  expect(
    await codeOf(
      client.attendance.createVerificationUrl({
        redeemCode,
        email: EMAIL,
        redirectUri: 'https://evil.example/cb',
      }),
    ),
  ).toBe(sent(ProgramErrorCode.REDIRECT_URI_NOT_REGISTERED));
});

test('one LP email cannot be used for two codes of the same course', async () => {
  const client = context.makeClient();
  const first = await client.attendance.createVerificationUrl({
    redeemCode: context.code('TC1-001-200'),
    email: EMAIL,
  });
  await client.attendance.confirm({
    state: first.state,
    returnUrl: await pressButton(first.url, 'decision', 'approve'),
    email: EMAIL,
    redeemCode: context.code('TC1-001-200'),
  });
  expect(
    await codeOf(
      client.attendance.createVerificationUrl({
        redeemCode: context.code('TC1-999-200'),
        sequence: 999,
        email: EMAIL,
      }),
    ),
  ).toBe(sent(ProgramErrorCode.EMAIL_ALREADY_USED));
});

test('bad credentials and DP credentials are refused with the general codes', async () => {
  const redeemCode = context.code('TC1-001-200');
  const wrongKey = context.makeClient({ signKey: 'sk_fake_wrong_key_000000' });
  expect(await codeOf(wrongKey.attendance.retrieve({ redeemCode }))).toBe(
    sent(ProgramErrorCode.INVALID_SIGNATURE),
  );
  const unknown = context.makeClient({ clientCode: 'lp-unknown-client' });
  expect(await codeOf(unknown.attendance.retrieve({ redeemCode }))).toBe(
    sent(ProgramErrorCode.UNKNOWN_CLIENT),
  );
  const dp = context.sandbox.fixtures.platforms[0]!;
  const asDp = context.makeClient({ clientCode: dp.clientCode, signKey: dp.signKey });
  expect(await codeOf(asDp.attendance.retrieve({ redeemCode }))).toBe(
    sent(ProgramErrorCode.FORBIDDEN_FOR_CLIENT),
  );
});

test('the deprecated legacy commit redeems a code once', async () => {
  const client = context.makeClient();
  const redeemCode = context.code('TC2-001-200');
  if (PROFILE.switches.legacyCommit === 'gone') {
    // This profile's program no longer has the 2022 endpoint: refused, nothing redeemed.
    expect(await codeOf(client.redeemCodes.commit({ redeemCode }))).toBe(
      sent(ProgramErrorCode.NOT_FOUND),
    );
    expect((await client.attendance.retrieve({ redeemCode })).verified).toBe(false);
    return;
  }
  expect(await client.redeemCodes.commit({ redeemCode })).toMatchObject({ redeemCode, status: 1 });
  expect((await client.attendance.retrieve({ redeemCode })).verified).toBe(true);
  expect(await codeOf(client.redeemCodes.commit({ redeemCode }))).toBe(
    sent(ProgramErrorCode.REDEEM_CODE_ALREADY_USED),
  );
});
